"""``concord minerals ...``: production tables, concentration, alignment, disruption, deals."""

from __future__ import annotations

from typing import Annotated

import typer

from concord.cli._app import JSON_OPTION, app, print_json, print_table

minerals_app = typer.Typer(
    no_args_is_help=True,
    help="Critical minerals: who produces what, how concentrated, what an accession shifts.",
)
app.add_typer(minerals_app, name="minerals")

MineralsOption = Annotated[
    list[str] | None,
    typer.Option("--mineral", "-m", help="Mineral (repeat or comma-separate); default: all."),
]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Year of the tables; default: each one's latest.")
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Date of the bloc memberships, e.g. 2026-01-01.")
]


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _pct(share: float) -> str:
    return f"{100 * share:.1f} %"


@minerals_app.command("list")
def list_minerals(as_json: bool = JSON_OPTION) -> None:
    """List the minerals with production tables and their years."""
    from concord import minerals

    payload = [{"mineral": m, "years": list(minerals.years(m))} for m in minerals.known_minerals()]
    if as_json:
        print_json(payload)
        return
    print_table("minerals", ["mineral", "years"], [[p["mineral"], p["years"]] for p in payload])


@minerals_app.command("show")
def show(
    mineral: Annotated[str, typer.Argument(help="uranium, tungsten, lithium, copper, ...")],
    year: YearOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """World output of MINERAL by country, with sources and concentration indices."""
    from concord import minerals

    table = minerals.production(mineral, year=year)
    if as_json:
        print_json(table.to_dict())
        return
    rows = [[p.entity, p.name, f"{p.value:,.0f}", _pct(p.share)] for p in table.producers]
    if table.other:
        rows.append(
            ["OTH", "other countries", f"{table.other:,.0f}", _pct(table.other / table.world)]
        )
    if table.unattributed:
        rows.append(["", "unattributed", f"{table.unattributed:,.0f}",
                     _pct(table.unattributed / table.world)])  # fmt: skip
    rows.append(["WLD", "world", f"{table.world:,.0f}", "100.0 %"])
    print_table(
        f"{table.name} {table.year} ({table.unit}, {table.basis})",
        ["code", "country", "output", "share"],
        rows,
    )
    c = table.concentration
    typer.echo(
        f"HHI {c.hhi:,.0f} (up to {c.hhi_max:,.0f}); top-1 {c.top1} {_pct(c.top1_share)}; "
        f"top-3 {'+'.join(c.top3)} {_pct(c.top3_share)}"
    )
    typer.echo(f"source: {table.world_source} <{table.world_source_url}>")


@minerals_app.command("alignment")
def alignment(  # noqa: PLR0917 - Typer options are parameters
    bloc: Annotated[
        str | None, typer.Option("--bloc", help="Bloc id or name (AA, SCO, ...).")
    ] = None,
    with_: Annotated[
        list[str] | None, typer.Option("--with", help="Extra countries counted with the bloc.")
    ] = None,
    accession: Annotated[
        list[str] | None,
        typer.Option("--accession", "-a", help="Countries joining (before/after shares)."),
    ] = None,
    as_of: AsOfOption = None,
    mineral: MineralsOption = None,
    year: YearOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Share of world output from a bloc's members (plus --with countries), before and after
    --accession countries join."""
    from concord import minerals

    result = minerals.alignment(
        _split(mineral) or None,
        bloc=bloc,
        with_countries=_split(with_),
        as_of=as_of,
        accessions=_split(accession),
        year=year,
    )
    if as_json:
        print_json(result.to_dict())
        return
    rows = [
        [r.mineral, r.year, _pct(r.share_before), ",".join(r.contributors_before) or "-"]
        + ([_pct(r.share_after), f"{100 * r.delta:+.1f}"] if result.accessions else [])
        for r in result.rows
    ]
    columns = ["mineral", "year", "share", "producers in group"]
    if result.accessions:
        columns += [f"after {'+'.join(result.accessions)}", "pp"]
    when = f" at {result.as_of}" if result.as_of else ""
    print_table(f"share of world output: {result.group}{when}", columns, rows)
    typer.echo(f"members: {', '.join(result.members_before)}")


@minerals_app.command("disruption")
def disruption(  # noqa: PLR0917 - Typer options are parameters
    country: Annotated[str | None, typer.Option("--country", help="Country name or ISO3.")] = None,
    bloc: Annotated[str | None, typer.Option("--bloc", help="Bloc id or name.")] = None,
    as_of: AsOfOption = None,
    mineral: MineralsOption = None,
    year: YearOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Share of world supply lost, per mineral, if a country or a bloc stops exporting."""
    from concord import minerals

    result = minerals.disruption(
        country, bloc=bloc, as_of=as_of, minerals=_split(mineral) or None, year=year
    )
    if as_json:
        print_json(result.to_dict())
        return
    rows = [
        [r.mineral, r.year, f"{r.lost:,.0f} {r.unit}", _pct(r.share_lost), _pct(r.max_share_lost)]
        for r in result.rows
    ]
    print_table(
        f"world supply lost if {result.group} stops exporting",
        ["mineral", "year", "output", "share lost", "worst case"],
        rows,
    )
    typer.echo("share of world mine output: an upper bound on the exports lost")


@minerals_app.command("deals")
def deals(
    country: Annotated[str, typer.Argument(help="Country name or ISO3, e.g. KAZ.")],
    partner: Annotated[
        str | None, typer.Option("--partner", help="Keep deals with this partner country.")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Deal values from the evidence base, summed by sector and by partner."""
    from concord import minerals

    result = minerals.deals(country, partner_country=partner)
    if as_json:
        print_json(result.to_dict())
        return
    sectors = result.by_sector()
    print_table(
        f"{result.country} deals by sector (USD)",
        ["sector", "deals", "valued", "value"],
        [[r.sector, r.deals, r.valued_deals, f"{r.value_usd:,.0f}"] for r in sectors.itertuples()],
    )
    partners = result.by_partner()
    print_table(
        f"{result.country} deals by partner (USD)",
        ["partner", "country", "deals", "value"],
        [
            [r.partner, r.partner_country, r.deals, f"{r.value_usd:,.0f}"]
            for r in partners.itertuples()
        ],
    )
    typer.echo(str(result))
