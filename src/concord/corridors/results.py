"""Frozen results of corridor questions: legs, routes, route sets. All convert to DataFrames."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True, slots=True)
class RouteLeg:
    """One directed leg of a route, with its ranges and sources."""

    leg: str
    from_id: str
    to_id: str
    from_name: str
    to_name: str
    mode: str
    length_km: float
    time_h: float
    time_min_h: float
    time_max_h: float
    dwell_h: float
    cost_usd: float
    cost_min_usd: float
    cost_max_usd: float
    capacity_teu_yr: float | None
    countries: tuple[str, ...]
    chokepoints: tuple[str, ...]
    sources: tuple[str, ...]
    geometry: tuple[tuple[float, float], ...]

    def to_dict(self, *, geometry: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            name: getattr(self, name) for name in self.__slots__ if name != "geometry"
        }
        for key in ("countries", "chokepoints", "sources"):
            out[key] = list(out[key])
        if geometry:
            out["geometry"] = [list(p) for p in self.geometry]
        return out


@dataclass(frozen=True, slots=True)
class Route:
    """A route from ``origin`` to ``destination``: legs, countries, time range, cost, sources.

    Times are in days: ``time_days`` is the expected time (typical speeds plus mean waiting
    times), ``time_days_min`` / ``time_days_max`` the range. Costs are USD per TEU.
    """

    origin: str
    destination: str
    by: str
    corridor: str
    legs: tuple[RouteLeg, ...]
    value_of_time_usd_per_teu_day: float

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.legs[0].from_id, *(leg.to_id for leg in self.legs)) if self.legs else ()

    @property
    def node_names(self) -> tuple[str, ...]:
        if not self.legs:
            return ()
        return (self.legs[0].from_name, *(leg.to_name for leg in self.legs))

    @property
    def length_km(self) -> float:
        return sum(leg.length_km for leg in self.legs)

    @property
    def time_days(self) -> float:
        return sum(leg.time_h for leg in self.legs) / 24.0

    @property
    def time_days_min(self) -> float:
        return sum(leg.time_min_h for leg in self.legs) / 24.0

    @property
    def time_days_max(self) -> float:
        return sum(leg.time_max_h for leg in self.legs) / 24.0

    @property
    def cost_usd(self) -> float:
        return sum(leg.cost_usd for leg in self.legs)

    @property
    def cost_usd_min(self) -> float:
        return sum(leg.cost_min_usd for leg in self.legs)

    @property
    def cost_usd_max(self) -> float:
        return sum(leg.cost_max_usd for leg in self.legs)

    @property
    def generalised_cost_usd(self) -> float:
        return self.cost_usd + self.value_of_time_usd_per_teu_day * self.time_days

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for leg in self.legs for c in leg.countries))

    @property
    def chokepoints(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for leg in self.legs for c in leg.chokepoints))

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(leg.mode for leg in self.legs))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for leg in self.legs for s in leg.sources))

    def uses(self, item: str) -> bool:
        """True when the route passes node, leg or chokepoint ``item``."""
        return (
            item in self.nodes
            or item in self.chokepoints
            or any(leg.leg == item for leg in self.legs)
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per leg (columns as :class:`RouteLeg`, without geometry)."""
        return pd.DataFrame([leg.to_dict() for leg in self.legs])

    def summary_row(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "destination": self.destination,
            "corridor": self.corridor,
            "via": " - ".join(self.node_names),
            "time_days": self.time_days,
            "time_days_min": self.time_days_min,
            "time_days_max": self.time_days_max,
            "cost_usd": self.cost_usd,
            "cost_usd_min": self.cost_usd_min,
            "cost_usd_max": self.cost_usd_max,
            "generalised_cost_usd": self.generalised_cost_usd,
            "length_km": self.length_km,
            "countries": list(self.countries),
            "chokepoints": list(self.chokepoints),
        }

    def to_dict(self, *, geometry: bool = False) -> dict[str, Any]:
        out = self.summary_row()
        out.update(
            by=self.by,
            name=f"{self.corridor}: {' - '.join(self.node_names)}",
            nodes=list(self.nodes),
            legs=[leg.to_dict(geometry=geometry) for leg in self.legs],
            sources=list(self.sources),
        )
        return out

    def __str__(self) -> str:
        return (
            f"{self.corridor}: {' - '.join(self.node_names)}; "
            f"{self.time_days:.1f} d ({self.time_days_min:.1f}-{self.time_days_max:.1f}), "
            f"USD {self.cost_usd:,.0f}/TEU, {self.length_km:,.0f} km, "
            f"via {', '.join(self.countries)}"
        )


@dataclass(frozen=True, slots=True)
class RouteSet:
    """The best ``k`` routes of one question, best first."""

    origin: str
    destination: str
    by: str
    scenario: dict[str, Any]
    routes: tuple[Route, ...]

    @property
    def best(self) -> Route:
        return self.routes[0]

    def to_frame(self) -> pd.DataFrame:
        """One row per route: corridor, via, times, costs, length, countries, chokepoints."""
        frame = pd.DataFrame([r.summary_row() for r in self.routes])
        frame.insert(0, "rank", range(1, len(self.routes) + 1))
        return frame

    def to_dict(self, *, geometry: bool = False) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "destination": self.destination,
            "by": self.by,
            "scenario": self.scenario,
            "routes": [r.to_dict(geometry=geometry) for r in self.routes],
        }

    def __str__(self) -> str:
        lines = [f"{self.origin} -> {self.destination} by {self.by}:"]
        lines += [f"  {i}. {r}" for i, r in enumerate(self.routes, start=1)]
        return "\n".join(lines)


__all__ = ["Route", "RouteLeg", "RouteSet"]
