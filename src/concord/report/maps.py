"""Offline corridor maps: country outlines and route lines as cartesian lon/lat plotly traces.

plotly's geo subplots fetch their world topology from a CDN and render blank offline, so maps are
drawn on ordinary x/y axes (x = longitude, y = latitude, aspect fixed for the map's middle
latitude) from the Natural Earth outlines in :mod:`concord.report.geometry`.

Routes come in as :class:`RouteLine` objects or as dicts of the corridor layer's shape::

    {"name": "Middle Corridor", "legs": [{"lon": [...], "lat": [...], "mode": "rail"}, ...],
     "nodes": [{"name": "Aktau", "lon": 51.2, "lat": 43.6}, ...]}
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from concord.errors import InputError
from concord.report.geometry import EURASIA_BBOX, GEOMETRY_SOURCE, country_outlines

if TYPE_CHECKING:
    import plotly.graph_objects as go

LAND = "#e4e1d8"
BORDER = "#9a968c"
SEA = "#dbe9f4"
HIGHLIGHT = "#f3d9a4"
ROUTE_COLOURS = ("#c0392b", "#1f6fb2", "#27864a", "#8e44ad", "#d35400", "#2c3e50")


@dataclass(frozen=True, slots=True)
class RouteLine:
    """A route to draw: legs as lon/lat lists, and named nodes to mark."""

    name: str
    legs: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]
    nodes: tuple[tuple[str, float, float], ...] = field(default=())

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RouteLine:
        """Build from ``{"name", "legs": [{"lon", "lat"}], "nodes": [{"name","lon","lat"}]}``."""
        legs = []
        for leg in data.get("legs") or []:
            lon = [float(v) for v in leg.get("lon") or []]
            lat = [float(v) for v in leg.get("lat") or []]
            if len(lon) != len(lat):
                raise InputError(
                    f"route {data.get('name')!r}: a leg has {len(lon)} longitudes "
                    f"and {len(lat)} latitudes"
                )
            if lon:
                legs.append((tuple(lon), tuple(lat)))
        nodes = tuple(
            (str(n.get("name", "")), float(n["lon"]), float(n["lat"]))
            for n in data.get("nodes") or []
            if n.get("lon") is not None and n.get("lat") is not None
        )
        return cls(name=str(data.get("name") or "route"), legs=tuple(legs), nodes=nodes)


def _as_route(route: RouteLine | Mapping[str, Any]) -> RouteLine:
    return route if isinstance(route, RouteLine) else RouteLine.from_mapping(route)


def _join(parts: Iterable[Sequence[float]]) -> list[float | None]:
    joined: list[float | None] = []
    for part in parts:
        if joined:
            joined.append(None)
        joined.extend(part)
    return joined


def basemap_traces(
    *, highlight: Iterable[str] = (), bbox: tuple[float, float, float, float] = EURASIA_BBOX
) -> list[go.Scatter]:
    """Filled country outlines: one trace for all countries, one for the highlighted ones."""
    import plotly.graph_objects as go

    marked = {code.upper() for code in highlight}
    outlines = country_outlines(bbox=bbox)
    traces = []
    for colour, chosen in (
        (LAND, [o for o in outlines if o.iso3 not in marked]),
        (HIGHLIGHT, [o for o in outlines if o.iso3 in marked]),
    ):
        if not chosen:
            continue
        rings = [ring for outline in chosen for ring in outline.rings]
        traces.append(
            go.Scatter(
                x=_join(lon for lon, _ in rings),
                y=_join(lat for _, lat in rings),
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": BORDER, "width": 0.6},
                hoverinfo="skip",
                showlegend=False,
                name="countries",
            )
        )
    return traces


def corridor_map(
    routes: Sequence[RouteLine | Mapping[str, Any]],
    *,
    title: str = "",
    highlight: Iterable[str] = (),
    bbox: tuple[float, float, float, float] = EURASIA_BBOX,
    height: int = 520,
) -> go.Figure:
    """A map of ``routes`` over the countries inside ``bbox``; works with no network."""
    import plotly.graph_objects as go

    fig = go.Figure(basemap_traces(highlight=highlight, bbox=bbox))
    for index, raw in enumerate(routes):
        route = _as_route(raw)
        colour = ROUTE_COLOURS[index % len(ROUTE_COLOURS)]
        fig.add_trace(
            go.Scatter(
                x=_join(lon for lon, _ in route.legs),
                y=_join(lat for _, lat in route.legs),
                mode="lines",
                line={"color": colour, "width": 3},
                name=route.name,
                hovertemplate=f"{route.name}<extra></extra>",
            )
        )
        if route.nodes:
            fig.add_trace(
                go.Scatter(
                    x=[n[1] for n in route.nodes],
                    y=[n[2] for n in route.nodes],
                    mode="markers",
                    marker={"color": colour, "size": 6, "line": {"color": "white", "width": 1}},
                    text=[n[0] for n in route.nodes],
                    hovertemplate="%{text}<extra></extra>",
                    showlegend=False,
                    name=f"{route.name} nodes",
                )
            )
    lon_min, lat_min, lon_max, lat_max = bbox
    middle = math.radians((lat_min + lat_max) / 2)
    fig.update_layout(
        title={"text": title} if title else None,
        height=height,
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 30},
        plot_bgcolor=SEA,
        paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
        annotations=[
            {
                "text": GEOMETRY_SOURCE,
                "xref": "paper",
                "yref": "paper",
                "x": 1,
                "y": 0,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 9, "color": "#555"},
            }
        ],
    )
    fig.update_xaxes(range=[lon_min, lon_max], visible=False, constrain="domain")
    fig.update_yaxes(
        range=[lat_min, lat_max],
        visible=False,
        scaleanchor="x",
        scaleratio=1 / math.cos(middle),
        constrain="domain",
    )
    return fig


__all__ = ["RouteLine", "basemap_traces", "corridor_map"]
