"""A country's profile: names, borders (every source), economy, trade partners, memberships."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from concord.kb.store import KnowledgeBase

Record = dict[str, Any]
_SOURCED = ("value", "unit", "as_of", "source", "source_url", "note")


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[Record]:
    return [{c: _clean(row[c]) for c in columns} for row in frame.to_dict("records")]


@dataclass(frozen=True, slots=True)
class CountryProfile:
    """Everything the base holds about one country, each number with its source.

    ``borders`` has one entry per neighbour with every reported length (``values``);
    ``economy`` maps predicate -> list of sourced values (newest first); ``partners`` maps
    'exports'/'imports' -> shares of the latest year; ``memberships`` lists every dated role.
    """

    iso3: str
    name: str
    names: dict[str, list[str]]
    capital: Record | None
    area_sq_km: list[Record]
    land_boundary_total_km: list[Record]
    borders: list[Record]
    economy: dict[str, list[Record]]
    partners: dict[str, list[Record]]
    memberships: list[Record]
    natural_resources: list[str]
    languages: list[Record]
    io_participation: list[str]
    other_facts: list[Record]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary."""
        return asdict(self)


_ECONOMY = (
    "gdp_usd",
    "real_gdp_ppp_usd",
    "real_gdp_growth_pct",
    "real_gdp_per_capita_ppp_usd",
    "exports_usd",
    "imports_usd",
)
_SHOWN = {
    *_ECONOMY,
    "border_length_km",
    "land_boundary_total_km",
    "area_sq_km",
    "capital",
    "capital_lat",
    "capital_lon",
    "export_partner_share_pct",
    "import_partner_share_pct",
    "natural_resource",
    "language",
    "io_participation",
    "coastline_km",
}


def _borders(base: KnowledgeBase, facts: pd.DataFrame) -> list[Record]:
    from concord.kb.registry import registry

    reg = registry()
    rows = facts[facts["predicate"] == "border_length_km"]
    borders = []
    for neighbour, group in rows.groupby("object", sort=True):
        name = reg.display_name(str(neighbour)) if reg.lookup(str(neighbour)) else str(neighbour)
        borders.append(
            {
                "neighbour": neighbour,
                "name": name,
                "values": _records(
                    group, ("value", "unit", "as_of", "source", "source_url", "quote", "note")
                ),
            }
        )
    return borders


def _partners(facts: pd.DataFrame, predicate: str) -> list[Record]:
    rows = facts[facts["predicate"] == predicate]
    if rows.empty:
        return []
    latest = rows["as_of"].max()
    rows = rows[rows["as_of"] == latest].sort_values("value", ascending=False, kind="stable")
    records = _records(rows, ("object", *_SOURCED))
    for record in records:
        record["partner"] = record.pop("object")
    return records


def build_profile(base: KnowledgeBase, iso3: str) -> CountryProfile:
    """Assemble the profile of ``iso3`` from the base."""
    from concord.kb.registry import registry

    reg = registry()
    facts = base.facts(iso3)
    by = {p: g for p, g in facts.groupby("predicate", sort=True)}
    empty = facts.iloc[0:0]

    def sourced(predicate: str) -> list[Record]:
        return _records(by.get(predicate, empty), _SOURCED)

    def objects(predicate: str) -> list[str]:
        return [str(o) for o in dict.fromkeys(by.get(predicate, empty)["object"].tolist())]

    capital = None
    if "capital" in by:
        cap = by["capital"].iloc[0]
        coords = {p: by[p].iloc[0]["value"] for p in ("capital_lat", "capital_lon") if p in by}
        capital = {
            "name": cap["object"],
            "lat": coords.get("capital_lat"),
            "lon": coords.get("capital_lon"),
            "source": cap["source"],
            "source_url": cap["source_url"],
        }
    memberships = _records(
        base.memberships(iso3), ("bloc", "role", "start", "end", "source", "source_url", "note")
    )
    for record in memberships:
        record["bloc_name"] = reg.display_name(record["bloc"])
    other = facts[~facts["predicate"].isin(list(_SHOWN))]
    return CountryProfile(
        iso3=iso3,
        name=reg.display_name(iso3),
        names={lang: reg.names(iso3, lang) for lang in ("en", "he", "ru", "code")},
        capital=capital,
        area_sq_km=sourced("area_sq_km"),
        land_boundary_total_km=sourced("land_boundary_total_km"),
        borders=_borders(base, facts),
        economy={p: sourced(p) for p in _ECONOMY if p in by},
        partners={
            "exports": _partners(facts, "export_partner_share_pct"),
            "imports": _partners(facts, "import_partner_share_pct"),
        },
        memberships=memberships,
        natural_resources=objects("natural_resource"),
        languages=_records(by.get("language", empty), ("object", "value", "as_of", "note")),
        io_participation=objects("io_participation"),
        other_facts=_records(other, ("predicate", "object", *_SOURCED, "quote")),
    )
