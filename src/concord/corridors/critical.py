"""Criticality: how much time and cost each node, leg and chokepoint is worth to a connection.

For an origin and destination (places or regions), remove one element at a time and re-route by
generalised cost. Only elements on the best route can change its cost, so the others are
reported with zero increase without re-routing. A removal that leaves no route is reported as
``disconnects`` with infinite increases. A single origin or destination node is not ranked
(removing it answers nothing); a region's gateways are. Chokepoints are closed through the
scenario, so their sea legs are recomputed by searoute (same restriction rules as any scenario).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx
import pandas as pd

from concord.corridors.network import network
from concord.corridors.results import Route
from concord.corridors.routing import connection, k_shortest, make_route
from concord.corridors.scenario import CHOKEPOINTS, Scenario
from concord.errors import InfeasibleError


@dataclass(frozen=True, slots=True)
class Criticality:
    """Increase in time, cost and generalised cost when each element is removed."""

    origin: str
    destination: str
    base: Route
    scenario: dict[str, Any]
    rows: tuple[dict[str, Any], ...]

    def to_frame(self) -> pd.DataFrame:
        """Columns: kind (node, leg, chokepoint), id, name, delta_time_days, delta_cost_usd,
        delta_gcost_usd, disconnects, on_base_route, corridor_after; sorted most critical first."""
        return pd.DataFrame(list(self.rows))

    def top(self, n: int = 10, kind: str | None = None) -> pd.DataFrame:
        frame = self.to_frame()
        if kind is not None:
            frame = frame[frame["kind"] == kind]
        return frame.head(n).reset_index(drop=True)

    def to_dict(self, n: int | None = None) -> dict[str, Any]:
        rows = list(self.rows if n is None else self.rows[:n])
        clean = [
            {k: (None if isinstance(v, float) and math.isinf(v) else v) for k, v in r.items()}
            for r in rows
        ]
        return {
            "origin": self.origin,
            "destination": self.destination,
            "scenario": self.scenario,
            "base": self.base.to_dict(),
            "elements": clean,
        }

    def __str__(self) -> str:
        lines = [f"Critical elements {self.origin} -> {self.destination} (base: {self.base})"]
        for row in self.rows[:10]:
            what = (
                "disconnects"
                if row["disconnects"]
                else (
                    f"{row['delta_time_days']:+.1f} d, {row['delta_cost_usd']:+,.0f} USD/TEU, "
                    f"{row['delta_gcost_usd']:+,.0f} USD/TEU generalised"
                )
            )
            lines.append(f"  {row['kind']} {row['name']}: {what}")
        return "\n".join(lines)


def _row(  # noqa: PLR0917
    kind: str, ident: str, name: str, base: Route, after: Route | None, on: bool
) -> dict[str, Any]:
    if after is None:
        inf = math.inf
        deltas = (inf, inf, inf)
        corridor = None
    else:
        deltas = (
            after.time_days - base.time_days,
            after.cost_usd - base.cost_usd,
            after.generalised_cost_usd - base.generalised_cost_usd,
        )
        corridor = after.corridor
    return {
        "kind": kind,
        "id": ident,
        "name": name,
        "delta_time_days": deltas[0],
        "delta_cost_usd": deltas[1],
        "delta_gcost_usd": deltas[2],
        "disconnects": after is None,
        "on_base_route": on,
        "corridor_after": corridor,
    }


def criticality(
    origin: str = "CHN",
    destination: str = "DEU",
    *,
    scenario: Scenario | None = None,
    chokepoints: bool = True,
) -> Criticality:
    """Criticality of every node, leg and (optionally) chokepoint for one connection."""
    scen, o, d, graph = connection(origin, destination, scenario)
    sources = [n for n in o.nodes if n in graph]
    targets = [n for n in d.nodes if n in graph]

    def best(g: nx.MultiDiGraph, src: list[str], dst: list[str]) -> Route | None:
        paths = k_shortest(g, src, dst, "gcost_usd", 1) if src and dst else []
        if not paths:
            return None
        return make_route(g, paths[0], origin=o.label, destination=d.label, by="generalised")

    base = best(graph, sources, targets)
    if base is None:
        raise InfeasibleError(f"no route from {o.label} to {d.label} in this scenario")
    rows = []
    endpoints = {*(sources if len(sources) == 1 else ()), *(targets if len(targets) == 1 else ())}
    for node, data in graph.nodes(data=True):
        if node in endpoints:
            continue  # removing the only origin or destination answers nothing
        on = node in base.nodes
        after: Route | None = base
        if on:
            view = nx.subgraph_view(graph, filter_node=lambda n, node=node: n != node)
            after = best(view, [s for s in sources if s != node], [t for t in targets if t != node])
        rows.append(_row("node", node, data["name"], base, after, on))
    for leg in sorted({k for _, _, k in graph.edges(keys=True)}):
        on = any(step.leg == leg for step in base.legs)
        after = base
        if on:
            view = nx.subgraph_view(graph, filter_edge=lambda u, v, k, leg=leg: k != leg)
            after = best(view, sources, targets)
        rows.append(_row("leg", leg, leg, base, after, on))
    if chokepoints:
        for name in sorted(set(CHOKEPOINTS) - scen.close):
            closed = replace(scen, close=scen.close | {name}, name=f"{scen.name}+{name}")
            g = network(closed)
            src = [n for n in sources if n in g]
            dst = [n for n in targets if n in g]
            after = best(g, src, dst)
            rows.append(_row("chokepoint", name, name, base, after, name in base.chokepoints))
    rows.sort(key=lambda r: (-r["delta_gcost_usd"], r["kind"], r["id"]))
    return Criticality(
        origin=o.label, destination=d.label, base=base, scenario=scen.to_dict(), rows=tuple(rows)
    )


__all__ = ["Criticality", "criticality"]
