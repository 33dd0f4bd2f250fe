"""Resolve user place names to corridor nodes: node ids, names and aliases in English, Hebrew and
Russian, or a country (through the evidence base) standing for its gateway nodes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from concord.corridors._data import nodes_table
from concord.errors import UnknownEntityError


def _key(text: str) -> str:
    from concord.kb.text import loose_key

    return loose_key(text)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for node in nodes_table().to_dict("records"):
        names = [str(node["id"]), str(node["name"]), *str(node["aliases"]).split("|")]
        for name in names:
            if name.strip():
                index.setdefault(_key(name), str(node["id"]))
    return index


@dataclass(frozen=True, slots=True)
class Place:
    """What a name resolved to: the node ids it stands for and a label to print."""

    query: str
    label: str
    nodes: tuple[str, ...]
    country: str | None = None  # set when the name was a country


def resolve_place(name: str) -> Place:
    """A node ('Xian', 'שיאן', 'Aktau', 'DUI') or a country ('Germany', 'CHN', 'גרמניה').

    A country stands for its gateway nodes (or all its nodes when it has no gateway).
    Unknown names raise :class:`UnknownEntityError` with the closest node names.
    """
    key = _key(name)
    nodes = nodes_table()
    if key in _index():
        node_id = _index()[key]
        return Place(query=name, label=str(nodes.loc[node_id, "name"]), nodes=(node_id,))
    iso3 = _country(name)
    if iso3 is not None:
        in_country = nodes[nodes["country"] == iso3]
        chosen = in_country[in_country["gateway"]] if in_country["gateway"].any() else in_country
        if len(chosen):
            return Place(query=name, label=iso3, nodes=tuple(chosen["id"]), country=iso3)
        raise UnknownEntityError("corridor node", f"{name} ({iso3} has no node in the network)")
    names = list(nodes["name"])
    close = difflib.get_close_matches(name, names, n=4, cutoff=0.5)
    raise UnknownEntityError("corridor node", name, close)


def _country(name: str) -> str | None:
    from concord import kb

    code = kb.registry().lookup(name)
    if code is None:
        return None
    try:
        return kb.resolve_country(code)
    except UnknownEntityError:  # a bloc, not a country
        return None


__all__ = ["Place", "resolve_place"]
