"""Corridor routes as JSON records with map-ready geometry (lon/lat lists per leg)."""

from __future__ import annotations

import math
from typing import Any


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float replaced by None (JSON has no such numbers)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    return value


def route_record(route: Any) -> dict[str, Any]:
    """One :class:`concord.corridors.Route` as JSON: totals, legs and lon/lat lists per leg."""
    from concord.corridors import route_geometry

    record = finite(route.to_dict())
    legs = []
    nodes: list[dict[str, Any]] = []
    for leg, piece in zip(record["legs"], route_geometry(route), strict=True):
        lon = [float(x) for x, _ in piece.coords]
        lat = [float(y) for _, y in piece.coords]
        legs.append(
            {
                "leg": leg["leg"],
                "from": leg["from_name"],
                "to": leg["to_name"],
                "mode": leg["mode"],
                "length_km": leg["length_km"],
                "time_h": leg["time_h"],
                "cost_usd": leg["cost_usd"],
                "countries": leg["countries"],
                "chokepoints": leg["chokepoints"],
                "sources": leg["sources"],
                "lon": lon,
                "lat": lat,
            }
        )
        if lon:
            if not nodes:
                nodes.append({"name": leg["from_name"], "lon": lon[0], "lat": lat[0]})
            nodes.append({"name": leg["to_name"], "lon": lon[-1], "lat": lat[-1]})
    record["legs"] = legs
    record["nodes"] = nodes
    return record


__all__ = ["finite", "route_record"]
