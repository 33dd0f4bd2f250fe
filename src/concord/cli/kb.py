"""``concord kb``: the evidence base (show a country, bloc members, facts, rebuild)."""

from __future__ import annotations

import math
from typing import Any

import typer

from concord.cli._app import JSON_OPTION, app, print_json

kb_app = typer.Typer(
    no_args_is_help=True, help="The evidence base: countries, blocs, sourced facts."
)
app.add_typer(kb_app, name="kb")

_ROLES_HELP = "Roles to include (member, observer, partner, announced, suspended); repeatable."


def _console() -> Any:
    from rich.console import Console

    return Console()


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        for scale, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m")):
            if abs(value) >= scale:
                return f"{value / scale:,.3f}{suffix}"
        return f"{value:,.6g}"
    return str(value)


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    return table


def _frame_json(frame: Any) -> list[dict[str, Any]]:
    import json

    return list(json.loads(frame.to_json(orient="records", force_ascii=False)))


@kb_app.command("show")
def show(
    country: str = typer.Argument(..., help="Country: ISO3/ISO2/GEC code or a name (en/he/ru)."),
    json_output: bool = JSON_OPTION,
) -> None:
    """Profile of a country: names, borders with every source, GDP, partners, memberships."""
    from concord import kb

    iso3 = kb.resolve_country(country)
    with kb.open() as base:
        profile = base.profile(iso3)
    if json_output:
        print_json(profile.to_dict())
        return
    console = _console()
    names = profile.names
    console.print(
        f"[bold]{profile.name}[/bold] ({iso3})  he: {', '.join(names['he'][:2])}  "
        f"ru: {', '.join(names['ru'][:2])}"
    )
    if profile.capital:
        cap = profile.capital
        console.print(f"capital: {cap['name']} ({cap['lat']}, {cap['lon']})")
    border_rows = [
        [b["name"], v["value"], v["as_of"], v["source"]]
        for b in profile.borders
        for v in b["values"]
    ]
    console.print(_table("Borders (km)", ["neighbour", "km", "as of", "source"], border_rows))
    econ_rows = [
        [p, v["value"], v["unit"], v["as_of"], v["source"]]
        for p, values in profile.economy.items()
        for v in values[:3]
    ]
    console.print(_table("Economy", ["indicator", "value", "unit", "as of", "source"], econ_rows))
    partner_rows = [
        [flow, p["partner"], p["value"], p["as_of"], p["note"]]
        for flow, partners in profile.partners.items()
        for p in partners
    ]
    console.print(
        _table("Trade partners (%)", ["flow", "partner", "share", "as of", "note"], partner_rows)
    )
    member_rows = [
        [m["bloc_name"], m["role"], m["start"], m["end"], m["note"]] for m in profile.memberships
    ]
    console.print(_table("Memberships", ["bloc", "role", "start", "end", "note"], member_rows))


@kb_app.command("members")
def members(
    bloc: str = typer.Argument(
        ..., help="Bloc: SCO, CSTO, EAEU, OTS, GCC, CIS, BRICS, AA, ... or a name."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date YYYY[-MM[-DD]]; default: current."
    ),
    role: list[str] = typer.Option(["member"], "--role", help=_ROLES_HELP),  # noqa: B008
    json_output: bool = JSON_OPTION,
) -> None:
    """Members of a bloc at a date."""
    from concord import kb

    bloc_id = kb.resolve(bloc)
    with kb.open() as base:
        frame = base.members(bloc_id, as_of=as_of, roles=tuple(role))
    if json_output:
        print_json(
            {
                "bloc": bloc_id,
                "as_of": as_of,
                "roles": role,
                "count": len(frame),
                "members": _frame_json(frame),
            }
        )
        return
    reg = kb.registry()
    rows = [
        [r["entity"], reg.display_name(r["entity"]), r["role"], r["start"], r["end"], r["note"]]
        for r in frame.to_dict("records")
    ]
    title = f"{reg.display_name(bloc_id)} ({bloc_id}): {len(frame)} as of {as_of or 'now'}"
    _console().print(_table(title, ["id", "name", "role", "start", "end", "note"], rows))


@kb_app.command("facts")
def facts(
    subject: str | None = typer.Argument(None, help="Subject: a country or bloc name or code."),
    predicate: str | None = typer.Option(None, "--predicate", "-p", help="e.g. border_length_km."),
    object_: str | None = typer.Option(None, "--object", "-o", help="Object, e.g. CHN."),
    json_output: bool = JSON_OPTION,
) -> None:
    """Sourced facts, filtered by subject, predicate and object."""
    from concord import kb

    subject_id = kb.resolve(subject) if subject else None
    with kb.open() as base:
        frame = base.facts(subject_id, predicate=predicate, object=object_)
    if json_output:
        print_json({"count": len(frame), "facts": _frame_json(frame)})
        return
    columns = ["subject", "predicate", "object", "value", "unit", "as_of", "source"]
    columns = [c for c in columns if not (c == "subject" and subject_id)]
    columns = [c for c in columns if not (c == "predicate" and predicate)]
    rows = [[r[c] for c in columns] for r in frame.to_dict("records")]
    _console().print(_table(f"{len(frame)} facts", columns, rows))


@kb_app.command("rebuild")
def rebuild(json_output: bool = JSON_OPTION) -> None:
    """Rebuild the evidence base from the packaged data (atomic swap); prints time and counts."""
    from concord import kb

    report = kb.rebuild()
    if json_output:
        print_json(report.to_dict())
        return
    typer.echo(
        f"built {report.path} in {report.seconds:.2f} s: {report.entities} entities, "
        f"{report.names} names, {report.memberships} memberships, {report.facts} facts"
    )
