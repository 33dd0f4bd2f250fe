"""Corridor shares between two regions: a logit on generalised cost that respects capacities.

Alternatives are the best route of each corridor (see ``routing.corridor_label``) among the
``k`` cheapest routes (generalised cost) from the origin region's gateway nodes to the destination
region's, searched in the scenario graph and in views of it without each corridor's signature
countries by land (Russia/Belarus, Azerbaijan/Georgia, Iran), so every corridor gets a chance.
Shares follow a multinomial logit on the relative generalised cost,

    s_a = exp(-mu * (g_a + p_a) / g_min) / sum_b exp(-mu * (g_b + p_b) / g_min),

where ``p_a`` is the sum of shadow prices of the capacitated legs and nodes route ``a`` uses.
Shadow prices rise while a resource's load exceeds its capacity and fall back towards zero
otherwise (projected dual ascent), until every load is within capacity: a capacity-constrained
logit. ``mu`` (``logit_scale``) is an assumption, not an estimate; set it per question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from concord.corridors.results import Route
from concord.corridors.routing import connection, k_shortest, make_route
from concord.corridors.scenario import Scenario
from concord.errors import ConvergenceError, InfeasibleError, InputError


@dataclass(frozen=True, slots=True)
class CorridorShare:
    corridor: str
    route: Route
    share_unconstrained: float
    share: float
    flow_teu: float
    shadow_price_usd: float


@dataclass(frozen=True, slots=True)
class CorridorComparison:
    """Corridors between two regions with their logit shares, flows and binding capacities."""

    origin: str
    destination: str
    demand_teu: float
    logit_scale: float
    scenario: dict[str, Any]
    corridors: tuple[CorridorShare, ...]
    binding: tuple[tuple[str, float, float], ...]  # (resource, load TEU, capacity TEU)
    iterations: int

    def to_frame(self) -> pd.DataFrame:
        """One row per corridor: route summary columns plus shares, flow and shadow price."""
        rows = []
        for item in self.corridors:
            row = item.route.summary_row()
            row.update(
                corridor=item.corridor,
                share_unconstrained=item.share_unconstrained,
                share=item.share,
                flow_teu=item.flow_teu,
                shadow_price_usd=item.shadow_price_usd,
            )
            rows.append(row)
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "destination": self.destination,
            "demand_teu": self.demand_teu,
            "logit_scale": self.logit_scale,
            "scenario": self.scenario,
            "iterations": self.iterations,
            "binding": [
                {"resource": r, "load_teu": load, "capacity_teu": cap}
                for r, load, cap in self.binding
            ],
            "corridors": [
                dict(
                    c.route.to_dict(),
                    corridor=c.corridor,
                    share_unconstrained=c.share_unconstrained,
                    share=c.share,
                    flow_teu=c.flow_teu,
                    shadow_price_usd=c.shadow_price_usd,
                )
                for c in self.corridors
            ],
        }

    def __str__(self) -> str:
        lines = [f"{self.origin} -> {self.destination}, {self.demand_teu:,.0f} TEU/yr:"]
        lines += [
            f"  {c.corridor}: {c.share:.1%} (unconstrained {c.share_unconstrained:.1%}), "
            f"{c.route.time_days:.1f} d, USD {c.route.cost_usd:,.0f}/TEU"
            for c in self.corridors
        ]
        return "\n".join(lines)


def _logit(gcost: np.ndarray, scale: float) -> np.ndarray:
    z = -scale * gcost / gcost.min()
    z -= z.max()
    weights = np.exp(z)
    return np.asarray(weights / weights.sum())


def _resources(routes: list[Route]) -> dict[str, float]:
    caps: dict[str, float] = {}
    for r in routes:
        for leg in r.legs:
            if leg.capacity_teu_yr is not None:
                caps[f"leg {leg.leg}"] = leg.capacity_teu_yr
    return caps


def _node_resources(routes: list[Route], graph: Any) -> dict[str, float]:
    caps: dict[str, float] = {}
    for r in routes:
        for node in r.nodes:
            cap = graph.nodes[node].get("capacity_teu_yr")
            if cap is not None:
                caps[f"node {node}"] = float(cap)
    return caps


def _usage(routes: list[Route], names: list[str]) -> np.ndarray:
    use = np.zeros((len(names), len(routes)))
    for j, r in enumerate(routes):
        used = {f"leg {leg.leg}" for leg in r.legs} | {f"node {n}" for n in r.nodes}
        for i, name in enumerate(names):
            use[i, j] = name in used
    return use


def _constrained(
    gcost: np.ndarray, use: np.ndarray, caps: np.ndarray, demand: float, scale: float
) -> tuple[np.ndarray, np.ndarray, int]:
    """Shares and shadow prices with loads within capacities (projected dual ascent)."""
    prices = np.zeros(len(caps))
    step = gcost.min() / scale
    for iteration in range(1, 20001):
        shares = _logit(gcost + use.T @ prices, scale)
        excess = (use @ (demand * shares) - caps) / np.maximum(caps, 1.0)
        feasible = bool(np.all(excess <= 1e-3))
        slack = bool(np.all((prices <= 1e-6) | (excess >= -1e-3)))
        if feasible and slack:
            return shares, prices, iteration
        prices = np.maximum(0.0, prices + step * excess)
    raise ConvergenceError(
        "corridor shares did not meet the capacities",
        {"max_excess": float(excess.max()), "iterations": iteration},
    )


#: Country groups that characterise the corridors; leaving one out exposes the next corridor.
_SIGNATURES: tuple[frozenset[str], ...] = (
    frozenset({"RUS", "BLR"}),
    frozenset({"AZE", "GEO"}),
    frozenset({"IRN"}),
    frozenset({"RUS", "BLR", "AZE", "GEO", "IRN"}),
)


def _candidate_graphs(graph: nx.MultiDiGraph) -> list[nx.MultiDiGraph]:
    """The scenario graph and views without each corridor's signature countries (by land)."""
    views = [graph]
    for group in _SIGNATURES:

        def keep_edge(u: str, v: str, key: str, group: frozenset[str] = group) -> bool:
            data = graph[u][v][key]
            return data["mode"] in ("sea", "caspian_ferry") or not set(data["countries"]) & group

        views.append(nx.subgraph_view(graph, filter_edge=keep_edge))
    return views


def compare(
    origin: str,
    destination: str,
    *,
    scenario: Scenario | None = None,
    demand_teu: float = 500_000.0,
    logit_scale: float = 8.0,
    k: int = 30,
) -> CorridorComparison:
    """Corridor shares of ``demand_teu`` TEU/yr between two places or regions."""
    if demand_teu <= 0 or logit_scale <= 0:
        raise InputError("demand_teu and logit_scale must be positive")
    scen, o, d, graph = connection(origin, destination, scenario)
    sources = [n for n in o.nodes if n in graph]
    targets = [n for n in d.nodes if n in graph]
    best: dict[str, Route] = {}
    for view in _candidate_graphs(graph) if sources and targets else []:
        for path in k_shortest(view, sources, targets, "gcost_usd", k):
            r = make_route(graph, path, origin=o.label, destination=d.label, by="generalised")
            if r.corridor not in best or (
                r.generalised_cost_usd < best[r.corridor].generalised_cost_usd
            ):
                best[r.corridor] = r
    if not best:
        raise InfeasibleError(f"no route from {o.label} to {d.label} in this scenario")
    alternatives = sorted(best.values(), key=lambda r: r.generalised_cost_usd)
    gcost = np.array([r.generalised_cost_usd for r in alternatives])
    caps_by_name = _resources(alternatives) | _node_resources(alternatives, graph)
    names = sorted(caps_by_name)
    use = _usage(alternatives, names)
    caps = np.array([caps_by_name[n] for n in names])
    free = _logit(gcost, logit_scale)
    shares, prices, iterations = _constrained(gcost, use, caps, demand_teu, logit_scale)
    loads = use @ (demand_teu * shares)
    binding = tuple(
        (name, float(load), float(cap))
        for name, load, cap, price in zip(names, loads, caps, prices, strict=True)
        if price > 1e-6
    )
    route_prices = use.T @ prices if names else np.zeros(len(alternatives))
    items = tuple(
        CorridorShare(
            corridor=r.corridor,
            route=r,
            share_unconstrained=float(free[j]),
            share=float(shares[j]),
            flow_teu=float(demand_teu * shares[j]),
            shadow_price_usd=float(route_prices[j]),
        )
        for j, r in enumerate(alternatives)
    )
    return CorridorComparison(
        origin=o.label,
        destination=d.label,
        demand_teu=float(demand_teu),
        logit_scale=float(logit_scale),
        scenario=scen.to_dict(),
        corridors=tuple(sorted(items, key=lambda c: -c.share)),
        binding=binding,
        iterations=iterations,
    )


__all__ = ["CorridorComparison", "CorridorShare", "compare"]
