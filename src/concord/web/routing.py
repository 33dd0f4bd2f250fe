"""The router behind ``POST /api/routes``: corridor routes as JSON with map-ready geometry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from concord.report.routes import finite, route_record


def plan_routes(
    origin: str,
    destination: str,
    *,
    by: str = "time",
    avoid: Sequence[str] = (),
    close: Sequence[str] = (),
    k: int = 1,
) -> dict[str, Any]:
    """The ``k`` best routes with ``avoid``/``close`` applied (errors are Concord's own)."""
    from concord import corridors as cor

    scen = cor.scenario(name="web", avoid=avoid, close=close)
    found = cor.routes(origin, destination, by=by, k=k, scenario=scen)  # type: ignore[arg-type]
    return {
        "origin": found.origin,
        "destination": found.destination,
        "by": found.by,
        "scenario": finite(found.scenario),
        "routes": [route_record(route) for route in found.routes],
    }


__all__ = ["plan_routes"]
