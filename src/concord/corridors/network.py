"""The multimodal corridor graph of a scenario (networkx ``MultiDiGraph``).

Nodes are the curated node ids, with attributes ``name``, ``country`` (ISO3), ``role``, ``lon``,
``lat``, ``gateway`` (bool) and ``capacity_teu_yr`` (float or None).

Every curated leg becomes two directed edges (one per direction) keyed by the leg id, with:

=================== ===================================================================
``leg``             curated leg id
``mode``            rail_1435, rail_1520, road, sea, caspian_ferry, border, transshipment
``length_km``       curated, or searoute's length for sea and ferry legs
``time_h``          expected time: moving time at the typical speed + mean triangular dwell
``time_min_h``      fast speed + minimum dwell
``time_max_h``      slow speed + maximum dwell
``dwell_h``         mean dwell (ferry wait, border crossing, port time)
``cost_usd``        typical cost per TEU (per TEU-km rate x length + per-crossing cost)
``cost_min_usd``    lowest cost per TEU; ``cost_max_usd`` highest
``gcost_usd``       generalised cost: ``cost_usd`` + value of time x ``time_h`` / 24
``capacity_teu_yr`` float, or None when unconstrained or unknown
``countries``       tuple of ISO3 traversed (sea legs add the owner of a canal or strait)
``chokepoints``     tuple of canonical chokepoint names crossed (suez, hormuz, volgadon ...)
``sources``         tuple of source strings behind the numbers
``geometry``        tuple of (lon, lat): searoute's LineString (framed by the two nodes) for
                    sea legs, else the two ends
=================== ===================================================================

``graph.graph`` holds ``scenario`` and ``dropped`` (leg id -> reason it is not in the graph).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import networkx as nx
import pandas as pd

from concord.corridors._data import SEA_MODES, legs_table, modes_table, nodes_table
from concord.corridors.scenario import (
    PASSAGE_COUNTRY,
    PASSAGE_NAMES,
    Scenario,
    is_adjustable,
)
from concord.corridors.sea import sea_path
from concord.errors import InfeasibleError

KNOT_KMH = 1.852
_ALWAYS_ALLOWED = frozenset({"border", "transshipment"})


def _speeds(mode: str, scen: Scenario) -> tuple[float, float, float]:
    """(fast, typical, slow) speed in km/h for ``mode``."""
    if mode == "sea":
        speed = scen.sea_speed_knots * KNOT_KMH
        return speed, speed, speed
    row = {str(k): v for k, v in modes_table().loc[mode].to_dict().items()}
    fast, typical, slow = (
        float(row[c]) for c in ("speed_fast_kmh", "speed_typical_kmh", "speed_slow_kmh")
    )
    if any(math.isnan(v) for v in (fast, typical, slow)):
        return math.inf, math.inf, math.inf  # border and transshipment legs: dwell only
    return fast, typical, slow


def _dwell(leg: pd.Series, scen: Scenario) -> tuple[float, float, float]:
    """(min, mode, max) dwell in hours, after the scenario's border and transfer changes.

    ``border_hours`` sets the most likely dwell of a border or transshipment leg (the range is
    scaled with it); ``border_time_scale`` multiplies border dwell only.
    """
    values = [leg[f"dwell_{p}_h"] for p in ("min", "mode", "max")]
    low, mode, high = (0.0 if math.isnan(v) else float(v) for v in values)
    if not is_adjustable(leg["mode"], leg["countries"], high):
        return low, mode, high
    overrides = dict(scen.border_hours)
    if leg["id"] in overrides and mode > 0:
        factor = overrides[leg["id"]] / mode
        low, mode, high = low * factor, overrides[leg["id"]], high * factor
    elif leg["id"] in overrides:
        low, mode, high = overrides[leg["id"]], overrides[leg["id"]], overrides[leg["id"]]
    scale = 1.0 if leg["mode"] == "transshipment" else scen.border_time_scale
    return low * scale, mode * scale, high * scale


def _leg_attributes(leg: pd.Series, scen: Scenario) -> dict[str, Any]:
    """Edge attributes of one leg in ``scen``; raises InfeasibleError for a sea leg with no path."""
    nodes = nodes_table()
    a, b = nodes.loc[leg["from_id"]], nodes.loc[leg["to_id"]]
    countries = tuple(leg["countries"])
    chokepoints: tuple[str, ...] = ()
    sources = [leg["length_source"]]
    geometry: tuple[tuple[float, float], ...] = ((a["lon"], a["lat"]), (b["lon"], b["lat"]))
    length = float(leg["length_km"]) if not math.isnan(leg["length_km"]) else 0.0
    if leg["mode"] in SEA_MODES:
        restrictions = scen.sea_restrictions()
        try:
            path = sea_path(
                (float(a["lon"]), float(a["lat"])),
                (float(b["lon"]), float(b["lat"])),
                restrictions,
            )
        except InfeasibleError:
            closed = ", ".join(sorted({PASSAGE_NAMES.get(p, p) for p in restrictions}))
            raise InfeasibleError(
                f"no sea path between {a['name']} and {b['name']} with {closed} closed"
            ) from None
        length = path.length_km
        # the drawn line starts and ends at the nodes, not at the snapped network points
        geometry = (
            (float(a["lon"]), float(a["lat"])),
            *path.coords,
            (float(b["lon"]), float(b["lat"])),
        )
        chokepoints = tuple(sorted({PASSAGE_NAMES.get(p, p) for p in path.passages}))
        extra = {PASSAGE_COUNTRY[p] for p in path.passages if p in PASSAGE_COUNTRY}
        countries = countries + tuple(sorted(extra - set(countries)))
    fast, typical, slow = _speeds(leg["mode"], scen)
    dwell = _dwell(leg, scen)
    moving = (0.0, 0.0, 0.0) if length == 0 else (length / fast, length / typical, length / slow)
    rates = modes_table().loc[leg["mode"]]
    cost = [
        rates[f"cost_{p}_usd_per_teu_km"] * length + _nz(leg[f"fixed_cost_{p}_usd"])
        for p in ("min", "mode", "max")
    ]
    sources += [rates["speed_source"], rates["cost_source"]]
    sources += [leg[c] for c in ("dwell_source", "cost_source", "capacity_source")]
    time_h = moving[1] + sum(dwell) / 3.0
    return {
        "leg": leg["id"],
        "mode": leg["mode"],
        "length_km": length,
        "time_h": time_h,
        "time_min_h": moving[0] + dwell[0],
        "time_max_h": moving[2] + dwell[2],
        "dwell_h": sum(dwell) / 3.0,
        "cost_usd": cost[1],
        "cost_min_usd": cost[0],
        "cost_max_usd": cost[2],
        "gcost_usd": cost[1] + scen.value_of_time_usd_per_teu_day * time_h / 24.0,
        "capacity_teu_yr": _capacity(leg["id"], leg["capacity_teu_yr"], scen),
        "countries": countries,
        "chokepoints": chokepoints,
        "sources": tuple(dict.fromkeys(s for s in sources if s and s.strip() != "none")),
        "geometry": geometry,
    }


def _nz(value: float) -> float:
    return 0.0 if math.isnan(value) else float(value)


def _capacity(key: str, curated: float | None, scen: Scenario) -> float | None:
    overrides = dict(scen.capacity_teu_yr)
    if key in overrides:
        return overrides[key]
    if curated is None or (isinstance(curated, float) and math.isnan(curated)):
        return None
    return float(curated)


def _skip_reason(leg: pd.Series, scen: Scenario, present: set[str]) -> str | None:
    if leg["id"] in scen.removed_legs:
        return "removed by the scenario"
    if scen.modes is not None and leg["mode"] not in scen.modes | _ALWAYS_ALLOWED:
        return f"mode {leg['mode']} not allowed"
    if leg["from_id"] not in present or leg["to_id"] not in present:
        return "an end node is removed or avoided"
    hit = set(leg["countries"]) & scen.avoid
    if hit:
        return f"crosses avoided {', '.join(sorted(hit))}"
    return None


def build_network(scen: Scenario) -> nx.MultiDiGraph:
    """Build the graph of ``scen`` (uncached; use :func:`network` for the cached one)."""
    graph = nx.MultiDiGraph(scenario=scen, dropped={})
    for node in nodes_table().to_dict("records"):
        ident = str(node["id"])
        if node["country"] in scen.avoid or ident in scen.removed_nodes:
            continue
        graph.add_node(
            ident,
            name=node["name"],
            country=node["country"],
            role=node["role"],
            lon=float(node["lon"]),
            lat=float(node["lat"]),
            gateway=bool(node["gateway"]),
            capacity_teu_yr=_capacity(ident, node["capacity_teu_yr"], scen),
        )
    present = set(graph.nodes)
    for _, leg in legs_table().iterrows():
        reason = _skip_reason(leg, scen, present)
        if reason is None:
            try:
                attrs = _leg_attributes(leg, scen)
            except InfeasibleError as exc:
                reason = str(exc)
            else:
                if set(attrs["countries"]) & scen.avoid:
                    reason = "its sea path crosses an avoided country"
        if reason is not None:
            graph.graph["dropped"][leg["id"]] = reason
            continue
        graph.add_edge(leg["from_id"], leg["to_id"], key=leg["id"], **attrs)
        reverse = dict(attrs, geometry=tuple(reversed(attrs["geometry"])))
        graph.add_edge(leg["to_id"], leg["from_id"], key=leg["id"], **reverse)
    return graph


@lru_cache(maxsize=64)
def network(scen: Scenario) -> nx.MultiDiGraph:
    """The cached graph of ``scen``. Treat it as read-only; copy before changing it."""
    return build_network(scen)


__all__ = ["KNOT_KMH", "build_network", "network"]
