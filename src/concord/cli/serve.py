"""``concord serve``: the web app (JSON API with OpenAPI schema, and pages) on a local port."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from concord.cli._app import app
from concord.errors import InputError


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on (loopback by default)."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port to listen on (0: any free one)."),
    home: Path | None = typer.Option(  # noqa: B008
        None, help="Evidence-base folder (default: $CONCORD_HOME or ~/.concord)."
    ),
    log_level: str = typer.Option("info", help="uvicorn log level."),
) -> None:
    """Serve Concord's pages and JSON API (docs at /docs, schema at /openapi.json)."""
    import uvicorn

    from concord.web.app import create_app
    from concord.web.state import WebSettings

    if log_level not in ("critical", "error", "warning", "info", "debug"):
        raise InputError(
            f"log level {log_level!r} is not one of critical, error, warning, info, debug"
        )
    if home is not None:
        # Scenario runs open the evidence base by its default location: make it this one.
        os.environ["CONCORD_HOME"] = str(home.expanduser().resolve())
    typer.echo(f"Concord on http://{host}:{port}/  (API reference: /docs)", err=True)
    uvicorn.run(create_app(WebSettings(home=home)), host=host, port=port, log_level=log_level)
