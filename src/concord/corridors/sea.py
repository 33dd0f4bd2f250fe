"""Sea legs from searoute's offline maritime network, with the traps of corridors.md §1.3 handled.

- The network is searoute's own (9,708 nodes) with one change: the untagged Volga-Don link
  between the Caspian and the Sea of Azov (edges in lon 38.5-48.2, lat 46.2-49.0, except the
  Volga delta approach below Astrakhan) is tagged with the passage ``volga_don``, so searoute's
  restriction mechanism can close it and "avoid Russia" removes it.
- Every call passes the complete restriction list (searoute *replaces* its default
  ``["northwest"]``): see :meth:`Scenario.sea_restrictions`.
- "No path" (length 0 and a UserWarning from searoute) raises :class:`InfeasibleError`; a sea
  leg is never zero length.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from concord.errors import InfeasibleError

VOLGA_DON = "volga_don"
_VOLGA_DON_BOX = (38.5, 48.2, 46.2, 49.0)  # lon min, lon max, lat min, lat max
_ASTRAKHAN_LAT = 46.40  # edges entirely south of this are the delta approach, not the link


@dataclass(frozen=True, slots=True)
class SeaPath:
    """One sea leg: length along the network, passages crossed, LineString coordinates."""

    length_km: float
    passages: tuple[str, ...]
    coords: tuple[tuple[float, float], ...]


def _in_box(point: tuple[float, float]) -> bool:
    lon0, lon1, lat0, lat1 = _VOLGA_DON_BOX
    return lon0 <= point[0] <= lon1 and lat0 <= point[1] <= lat1


def _is_volga_don(u: tuple[float, float], v: tuple[float, float]) -> bool:
    if not (_in_box(u) or _in_box(v)):
        return False
    return not (u[1] < _ASTRAKHAN_LAT and v[1] < _ASTRAKHAN_LAT)


@lru_cache(maxsize=1)
def marnet() -> Any:
    """searoute's network (a private copy) with the Volga-Don edges tagged ``volga_don``."""
    import searoute
    from searoute.classes.marnet import Marnet
    from searoute.searoute import setup_M

    base = setup_M()
    adjacency: dict[Any, dict[Any, dict[str, Any]]] = {}
    for u, neighbours in base._adj.items():
        adjacency[u] = {}
        for v, data in neighbours.items():
            copied = dict(data)
            if _is_volga_don(u, v):
                copied["passage"] = VOLGA_DON
            adjacency[u][v] = copied
    nodes = {n: dict(d) for n, d in base._node.items()}
    return searoute.from_nodes_edges_set(Marnet(), nodes, adjacency)


@lru_cache(maxsize=1)
def volga_don_nodes() -> frozenset[tuple[float, float]]:
    """Nodes touched by a ``volga_don`` edge (used to report the passage on a route)."""
    network = marnet()
    found: set[tuple[float, float]] = set()
    for u, neighbours in network._adj.items():
        for v, data in neighbours.items():
            if data.get("passage") == VOLGA_DON:
                found.update((u, v))
    return frozenset(found)


def volga_don_edges() -> list[tuple[tuple[float, float], tuple[float, float], float]]:
    """The tagged Volga-Don edges as (u, v, km), each undirected edge once."""
    network = marnet()
    out = []
    for u, v, data in network.edges(data=True):
        if data.get("passage") == VOLGA_DON:
            out.append((u, v, float(data["weight"])))
    return out


@lru_cache(maxsize=4096)
def sea_path(
    origin: tuple[float, float], destination: tuple[float, float], restrictions: frozenset[str]
) -> SeaPath:
    """Shortest sea path between two lon/lat points with ``restrictions`` closed.

    Raises :class:`InfeasibleError` when the restrictions leave no path.
    """
    import searoute

    network = marnet()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        feature = searoute.searoute(
            list(origin),
            list(destination),
            units="km",
            restrictions=sorted(restrictions),
            M=network,
            return_passages=True,
        )
    length = float(feature["properties"]["length"])
    coords = tuple((float(x), float(y)) for x, y in feature["geometry"]["coordinates"])
    if length <= 0.0 or len(coords) < 2:
        closed = ", ".join(sorted(restrictions)) or "none"
        raise InfeasibleError(
            f"no sea path from {origin} to {destination} with these passages closed: {closed}"
        )
    passages = set(feature["properties"].get("traversed_passages") or ())
    adjacency = network._adj
    if any(
        adjacency.get(a, {}).get(b, {}).get("passage") == VOLGA_DON for a, b in pairwise(coords)
    ):
        passages.add(VOLGA_DON)
    return SeaPath(length_km=length, passages=tuple(sorted(passages)), coords=coords)


__all__ = ["VOLGA_DON", "SeaPath", "marnet", "sea_path", "volga_don_edges", "volga_don_nodes"]
