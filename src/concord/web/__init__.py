"""Concord's web layer: a FastAPI app with a JSON API (OpenAPI schema) and pages.

from concord.web import create_app
app = create_app()          # or: concord serve --port 8000
"""

from __future__ import annotations

from concord.web.app import create_app
from concord.web.state import WebSettings

__all__ = ["WebSettings", "create_app"]
