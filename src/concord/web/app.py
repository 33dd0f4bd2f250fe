"""The FastAPI application: JSON API (with its OpenAPI schema at /openapi.json) and pages.

``create_app()`` builds an app with its own evidence-base connection and job queue; ``concord
serve`` runs it with uvicorn. Every asset is served locally (plotly.js from the installed plotly
package, the rest from ``concord/web/static``): no CDN.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from concord.web.errors import BodyLimitMiddleware, install_error_handlers
from concord.web.jobs import JobManager
from concord.web.state import AppState, Evidence, WebSettings


def _static_dir() -> Path:
    return Path(str(resources.files("concord.web") / "static"))


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """A new Concord web app; ``settings`` sets the evidence-base home and the limits."""
    from concord import __version__
    from concord.web import api, api_claims, api_routes, api_scenarios, pages

    chosen = settings or WebSettings()
    app_state = AppState(
        settings=chosen,
        evidence=Evidence(chosen.home),
        jobs=JobManager(
            workers=chosen.job_workers,
            max_queued=chosen.max_jobs_queued,
            max_kept=chosen.max_jobs_kept,
        ),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        app_state.jobs.shutdown()
        app_state.evidence.close()
        app_state.baselines.clear()

    app = FastAPI(
        title="Concord",
        version=__version__,
        description=(
            "Geo-economic scenarios with the evidence behind every number: the evidence base, "
            "scenario runs, corridor routing and claim checking. Errors answer "
            '`{"error": code, "message": text}`.'
        ),
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger UI and ReDoc load from a CDN; /docs is our own page
        redoc_url=None,
    )
    app.state.concord = app_state
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=chosen.max_body_bytes)
    app.include_router(api.router)
    app.include_router(api_scenarios.router)
    app.include_router(api_routes.router)
    app.include_router(api_claims.router)
    app.include_router(pages.router)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_bundle() -> Response:
        from concord.report.html import plotly_js

        return Response(
            plotly_js(),
            media_type="application/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    return app


def app_factory() -> Any:
    """Factory for ``uvicorn --factory concord.web.app:app_factory``."""
    return create_app()


__all__ = ["app_factory", "create_app"]
