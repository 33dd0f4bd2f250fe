"""HTML pages: home, scenario runs, corridor explorer, claim checker.

Pages are thin: the server renders a form, the page's script calls the JSON API and draws the
answers with the locally served plotly.js.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

router = APIRouter(include_in_schema=False)

PAGES = (
    ("home", "/", "Home"),
    ("scenario", "/scenario", "Scenario report"),
    ("corridors", "/corridors", "Corridor explorer"),
    ("claims", "/claims", "Claim checker"),
)


@lru_cache(maxsize=1)
def _templates() -> Jinja2Templates:
    return Jinja2Templates(directory=Path(str(resources.files("concord.web") / "templates")))


def _page(request: Request, name: str, **extra: Any) -> HTMLResponse:
    from concord import __version__

    return _templates().TemplateResponse(
        request,
        f"{name}.html",
        {"pages": PAGES, "current": name, "version": __version__, **extra},
    )


def _page_view(name: str) -> Callable[[Request], HTMLResponse]:
    def view(request: Request) -> HTMLResponse:
        return _page(request, name)

    view.__name__ = name
    return view


for _name, _path, _title in PAGES:
    router.add_api_route(
        _path, _page_view(_name), methods=["GET"], response_class=HTMLResponse, name=_name
    )


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The API's operations from its OpenAPI schema, for the reference page."""
    found = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = str(body.get("schema", {}).get("$ref", ""))
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p.get("name"),
                            "where": p.get("in"),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": ref.rsplit("/", 1)[-1],
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return found


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """API reference drawn from the OpenAPI schema (no CDN-hosted Swagger UI)."""
    schema = request.app.openapi()
    return _page(
        request,
        "docs",
        operations=_operations(schema),
        models=schema.get("components", {}).get("schemas", {}),
    )


__all__ = ["PAGES", "router"]
