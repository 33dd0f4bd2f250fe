"""JSON API of the corridor network: routes with scenarios, and the base map for drawing them."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from concord.web.errors import ERROR_SCHEMA

router = APIRouter(
    prefix="/api", tags=["corridors"], responses={404: ERROR_SCHEMA, 422: ERROR_SCHEMA}
)

Place = Annotated[str, Field(min_length=1, max_length=120)]


class RouteRequest(BaseModel):
    """A routing question: from, to, what to minimise, what to avoid or close."""

    model_config = ConfigDict(extra="forbid")

    origin: Place = Field(examples=["Xian"])
    destination: Place = Field(examples=["Duisburg"])
    by: Literal["time", "cost", "generalised"] = "time"
    avoid: list[Place] = Field(default_factory=list, max_length=30, examples=[["RUS"]])
    close: list[Place] = Field(default_factory=list, max_length=20, examples=[["suez"]])
    k: int = Field(default=1, ge=1, le=5, description="number of alternative routes")


@lru_cache(maxsize=1)
def _basemap() -> bytes:
    import json

    from concord.report.maps import corridor_map

    figure = json.loads(corridor_map([], height=560).to_json())
    figure["layout"].pop("template", None)
    return json.dumps({"data": figure["data"], "layout": figure["layout"]}).encode()


@router.get(
    "/map/basemap",
    response_class=Response,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
def basemap() -> Response:
    """Country outlines over Eurasia as plotly traces and layout (Natural Earth, offline)."""
    return Response(
        _basemap(),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.post("/routes")
def routes(body: RouteRequest) -> dict[str, Any]:
    """Routes between two places (names in any language), with scenario changes applied."""
    from concord.web.routing import plan_routes

    return plan_routes(
        body.origin,
        body.destination,
        by=body.by,
        avoid=tuple(body.avoid),
        close=tuple(body.close),
        k=body.k,
    )


__all__ = ["RouteRequest", "router"]
