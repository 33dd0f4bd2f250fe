"""Concord's command line: a thin layer over the Python API.

Each subcommand lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

from concord.cli import claims as _claims  # noqa: F401
from concord.cli import corridors as _corridors  # noqa: F401
from concord.cli import data as _data  # noqa: F401
from concord.cli import ge as _ge  # noqa: F401
from concord.cli import gravity as _gravity  # noqa: F401
from concord.cli import kb as _kb  # noqa: F401
from concord.cli import minerals as _minerals  # noqa: F401
from concord.cli import run as _run  # noqa: F401
from concord.cli import serve as _serve  # noqa: F401
from concord.cli._app import app


def main() -> None:
    """Entry point of the ``concord`` script."""
    app()


__all__ = ["app", "main"]
