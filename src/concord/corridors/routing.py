"""Routing on the corridor graph: best route and k alternatives by time, cost or generalised cost.

The pure core, :func:`k_shortest`, works on any ``MultiDiGraph`` whose edges carry the weight
attribute: parallel edges are collapsed to the cheapest one, several sources and targets are
joined through two virtual nodes, and Yen's k shortest simple paths (networkx) do the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice, pairwise

import networkx as nx

from concord.corridors.network import network
from concord.corridors.places import Place, resolve_place
from concord.corridors.results import Route, RouteLeg, RouteSet
from concord.corridors.scenario import BASELINE, OBJECTIVES, Objective, Scenario
from concord.errors import InfeasibleError, InputError

WEIGHTS: dict[str, str] = {"time": "time_h", "cost": "cost_usd", "generalised": "gcost_usd"}
_SOURCE, _TARGET = "__origin__", "__destination__"

Path = tuple[float, tuple[str, ...], tuple[str, ...]]  # (total weight, nodes, edge keys)


def collapse(graph: nx.MultiDiGraph, weight: str) -> nx.DiGraph:
    """A DiGraph keeping, for each (u, v), the cheapest parallel edge (its key in ``key``)."""
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for u, v, key, data in graph.edges(keys=True, data=True):
        w = float(data[weight])
        if not simple.has_edge(u, v) or simple[u][v]["w"] > w:
            simple.add_edge(u, v, w=w, key=key)
    return simple


def k_shortest(
    graph: nx.MultiDiGraph,
    sources: Sequence[str],
    targets: Sequence[str],
    weight: str,
    k: int = 1,
) -> list[Path]:
    """Up to ``k`` cheapest simple paths from any source to any target, cheapest first.

    Returns ``(total weight, nodes, edge keys)`` tuples; an empty list when no path exists.
    """
    simple = collapse(graph, weight)
    for s in sources:
        simple.add_edge(_SOURCE, s, w=0.0, key=None)
    for t in targets:
        simple.add_edge(t, _TARGET, w=0.0, key=None)
    out: list[Path] = []
    try:
        paths = nx.shortest_simple_paths(simple, _SOURCE, _TARGET, weight="w")
        for path in islice(paths, k):
            inner = path[1:-1]
            if len(inner) < 2:
                continue  # a node that is both a source and a target: no journey
            keys = tuple(simple[a][b]["key"] for a, b in pairwise(inner))
            total = sum(simple[a][b]["w"] for a, b in pairwise(inner))
            out.append((total, tuple(inner), keys))
    except nx.NetworkXNoPath:
        return []
    return out


def corridor_label(legs: Sequence[RouteLeg]) -> str:  # noqa: PLR0911
    """Name the corridor a route belongs to (rules applied in this order).

    Volga-Don river-sea; INSTC (Iran by land); Middle Corridor (Caspian ferry, or Azerbaijan or
    Georgia by land); sea via Suez, the Cape, Panama or the Arctic when a sea leg passes one of
    them (a deep-sea route that ends by rail in Russia is a sea route); Northern route (Russia or
    Belarus by land); other sea; otherwise overland.
    """
    chokepoints = {c for leg in legs for c in leg.chokepoints}
    land = {c for leg in legs if leg.mode not in ("sea", "caspian_ferry") for c in leg.countries}
    modes = {leg.mode for leg in legs}
    if "volgadon" in chokepoints:
        return "Volga-Don river-sea"
    if "IRN" in land:
        return "INSTC"
    if "caspian_ferry" in modes or land & {"AZE", "GEO"}:
        return "Middle Corridor"
    for choke, label in (("arctic", "Arctic"), ("suez", "Suez"), ("panama", "Panama")):
        if choke in chokepoints:
            return f"Sea via {label}"
    if "cape" in chokepoints:
        return "Sea via the Cape"
    if land & {"RUS", "BLR"}:
        return "Northern route"
    return "Sea" if "sea" in modes else "Overland"


def make_route(
    graph: nx.MultiDiGraph, path: Path, *, origin: str, destination: str, by: str
) -> Route:
    """Turn a path from :func:`k_shortest` into a frozen :class:`Route`."""
    _, nodes, keys = path
    legs = []
    for a, b, key in zip(nodes, nodes[1:], keys, strict=False):
        data = graph[a][b][key]
        legs.append(
            RouteLeg(
                leg=data["leg"],
                from_id=a,
                to_id=b,
                from_name=graph.nodes[a]["name"],
                to_name=graph.nodes[b]["name"],
                mode=data["mode"],
                length_km=data["length_km"],
                time_h=data["time_h"],
                time_min_h=data["time_min_h"],
                time_max_h=data["time_max_h"],
                dwell_h=data["dwell_h"],
                cost_usd=data["cost_usd"],
                cost_min_usd=data["cost_min_usd"],
                cost_max_usd=data["cost_max_usd"],
                capacity_teu_yr=data["capacity_teu_yr"],
                countries=data["countries"],
                chokepoints=data["chokepoints"],
                sources=data["sources"],
                geometry=data["geometry"],
            )
        )
    scen: Scenario = graph.graph["scenario"]
    return Route(
        origin=origin,
        destination=destination,
        by=by,
        corridor=corridor_label(legs),
        legs=tuple(legs),
        value_of_time_usd_per_teu_day=scen.value_of_time_usd_per_teu_day,
    )


def _present(graph: nx.MultiDiGraph, place: Place, role: str) -> list[str]:
    present = [n for n in place.nodes if n in graph]
    if present:
        return present
    scen: Scenario = graph.graph["scenario"]
    countries = {nd for n in place.nodes for nd in _node_countries(n)}
    if countries & scen.avoid:
        why = f"it is in {', '.join(sorted(countries & scen.avoid))}, which the scenario avoids"
    else:
        why = "it is removed by the scenario"
    raise InfeasibleError(f"no route: {role} {place.label} is not in the network ({why})")


def _node_countries(node_id: str) -> set[str]:
    from concord.corridors._data import nodes_table

    return {str(nodes_table().loc[node_id, "country"])}


def _explain(graph: nx.MultiDiGraph, origin: Place, destination: Place) -> str:
    scen: Scenario = graph.graph["scenario"]
    parts = []
    if scen.avoid:
        parts.append(f"avoiding {', '.join(sorted(scen.avoid))}")
    if scen.close:
        parts.append(f"with {', '.join(sorted(scen.close))} closed")
    if scen.modes is not None:
        parts.append(f"by {', '.join(sorted(scen.modes))} only")
    ends = set(origin.nodes + destination.nodes)
    dropped = [
        leg
        for leg, why in graph.graph["dropped"].items()
        if "no sea path" in why and set(leg.split("-")) & ends
    ]
    tail = f"; sea legs left without a path: {', '.join(dropped)}" if dropped else ""
    return (
        f"no route from {origin.label} to {destination.label} "
        f"{' '.join(parts) if parts else 'in this network'}{tail}"
    )


def connection(
    origin: str, destination: str, scenario: Scenario | None
) -> tuple[Scenario, Place, Place, nx.MultiDiGraph]:
    """The scenario in force (default: the baseline), both places resolved, and its network."""
    scen = scenario or BASELINE
    o, d = resolve_place(origin), resolve_place(destination)
    if set(o.nodes) & set(d.nodes):
        raise InputError(f"origin and destination are the same place: {o.label}")
    return scen, o, d, network(scen)


def routes(
    origin: str,
    destination: str,
    *,
    by: Objective = "time",
    k: int = 3,
    scenario: Scenario | None = None,
) -> RouteSet:
    """The ``k`` best routes between two places (names in any language, or countries)."""
    if by not in OBJECTIVES:
        raise InputError(f"by must be one of {', '.join(OBJECTIVES)}, got {by!r}")
    if not 1 <= k <= 50:
        raise InputError(f"k must be between 1 and 50, got {k}")
    scen, o, d, graph = connection(origin, destination, scenario)
    sources, targets = _present(graph, o, "origin"), _present(graph, d, "destination")
    paths = k_shortest(graph, sources, targets, WEIGHTS[by], k)
    if not paths:
        raise InfeasibleError(_explain(graph, o, d))
    found = tuple(make_route(graph, p, origin=o.label, destination=d.label, by=by) for p in paths)
    return RouteSet(
        origin=o.label, destination=d.label, by=by, scenario=scen.to_dict(), routes=found
    )


def route(
    origin: str, destination: str, *, by: Objective = "time", scenario: Scenario | None = None
) -> Route:
    """The best route between two places; raises :class:`InfeasibleError` when there is none."""
    return routes(origin, destination, by=by, k=1, scenario=scenario).best


__all__ = [
    "WEIGHTS",
    "collapse",
    "connection",
    "corridor_label",
    "k_shortest",
    "make_route",
    "route",
    "routes",
]
