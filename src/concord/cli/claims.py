"""``concord claims check FILE``: every quantity in a text, its subject, and a verdict."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from concord.cli._app import JSON_OPTION, app, print_json
from concord.errors import InputError

claims_app = typer.Typer(
    no_args_is_help=True,
    help="Quantitative claims in Hebrew or English text, checked against the evidence base.",
)
app.add_typer(claims_app, name="claims")

_SNIFF = 8192
#: Largest input accepted (the extractor holds the text and its claims in memory).
MAX_BYTES = 200_000_000
_STYLE = {"consistent": "green", "discrepant": "red", "unverifiable": "yellow"}


def read_text(source: str) -> str:
    """The text of ``source`` (a path, or '-' for standard input); refuses binary input."""
    if source == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError(f"{source}: no such file (give a text file, or '-' for stdin)")
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{source}: larger than {MAX_BYTES // 1_000_000} MB; split it")
        data = path.read_bytes()
        name = source
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16 text; anything else is an InputError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:_SNIFF]:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise InputError(f"{name} looks binary, not UTF-8 text; give a plain-text file")


def _reference_text(check: Any) -> str:
    from concord.claims.check import describe

    lines = []
    for r in check.references:
        mark = "✓" if r.within else "✗"
        gap = f" {r.deviation:+.1%}" if r.deviation is not None and not r.within else ""
        lines.append(f"{mark} {describe(r)}{gap}")
    return "\n".join(lines)


def _print_table(report: Any, limit: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from concord.claims.check import format_value

    console = Console()
    counts = report.counts()
    title = f"{len(report)} claims: " + ", ".join(f"{n} {v}" for v, n in counts.items())
    table = Table(title=title, title_justify="left", show_lines=True)
    for column in (
        "claim",
        "subjects",
        "predicate",
        "value",
        "year",
        "verdict",
        "references",
        "notes",
    ):
        table.add_column(column, overflow="fold")
    for check in report.checks[:limit]:
        c = check.claim
        value = format_value(c.value)
        if c.upper is not None:
            value += f"–{format_value(c.upper)}"
        value += f" {c.unit}" if c.unit else ""
        if c.hedge:
            value += f" ({c.hedge.replace('_', ' ')})"
        verdict = check.verdict
        table.add_row(
            c.text,
            "/".join(c.subjects) or "-",
            c.predicate or "-",
            value,
            "" if c.year is None else str(c.year),
            f"[{_STYLE[check.verdict]}]{verdict}[/]",
            _reference_text(check),
            "\n".join(check.notes),
        )
    if not len(report):
        console.print("no quantitative claims found")
        return
    console.print(table)
    if len(report) > limit:
        console.print(f"… {len(report) - limit} more claims (use --limit or --json for all)")


@claims_app.command("check")
def check(
    file: Annotated[str, typer.Argument(help="Text file (UTF-8), or '-' for standard input.")],
    subject: Annotated[
        str | None,
        typer.Option("--subject", help="Entity a sentence without names is about (e.g. KAZ)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows to show in the table.")] = 200,
    json_output: bool = JSON_OPTION,
) -> None:
    """Extract every quantity, link it to its subject and judge it against reference facts."""
    from concord import kb
    from concord.claims import check_text

    text = read_text(file)
    default = kb.resolve(subject) if subject else None
    report = check_text(text, default_subject=default)
    if json_output:
        print_json(report.to_dict())
        return
    _print_table(report, limit)
