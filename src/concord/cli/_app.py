"""The root Typer app and the boundary where Concord errors become one line and an exit code."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from concord.errors import ConcordError


class _ConcordGroup(TyperGroup):
    """Catches Concord's own errors for every subcommand: one line on stderr, no traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ConcordError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_ConcordGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Concord: geo-economic scenarios with the evidence behind every number.",
)

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")


def print_json(payload: Any) -> None:
    """Print ``payload`` as UTF-8 JSON (Hebrew stays readable, dates become ISO strings)."""
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Print a rich table with a title, one column per name and each cell as ``str(cell)``."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*[str(cell) for cell in row])
    Console().print(table)


@app.command()
def version() -> None:
    """Print Concord's version."""
    from concord import __version__

    typer.echo(__version__)
