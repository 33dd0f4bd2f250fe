"""Concord's command line: a thin layer over the Python API.

Each subcommand lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

# Each command module registers itself on `app` when imported.
from concord.cli._app import app


def main() -> None:
    """Entry point of the ``concord`` script."""
    app()


__all__ = ["app", "main"]
