"""Route geometry for maps: one lon/lat polyline per leg (sea legs follow searoute's network)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from concord.corridors.results import Route, RouteSet


@dataclass(frozen=True, slots=True)
class LegGeometry:
    leg: str
    mode: str
    from_name: str
    to_name: str
    coords: tuple[tuple[float, float], ...]  # (lon, lat)


def route_geometry(route: Route) -> tuple[LegGeometry, ...]:
    """The polylines of a route's legs, in travel order: sea and ferry legs from searoute's
    LineString (normalised to -180..180), land legs as straight lines between their nodes."""
    return tuple(
        LegGeometry(
            leg=leg.leg,
            mode=leg.mode,
            from_name=leg.from_name,
            to_name=leg.to_name,
            coords=tuple((((lon + 180.0) % 360.0) - 180.0, lat) for lon, lat in leg.geometry),
        )
        for leg in route.legs
    )


def to_geojson(routes: Route | RouteSet) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with one LineString per leg (properties: route rank, leg,
    mode, corridor, from, to)."""
    items = routes.routes if isinstance(routes, RouteSet) else (routes,)
    features = []
    for rank, route in enumerate(items, start=1):
        for piece in route_geometry(route):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [list(p) for p in piece.coords],
                    },
                    "properties": {
                        "rank": rank,
                        "corridor": route.corridor,
                        "leg": piece.leg,
                        "mode": piece.mode,
                        "from": piece.from_name,
                        "to": piece.to_name,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


__all__ = ["LegGeometry", "route_geometry", "to_geojson"]
