"""``concord gravity``: PPML gravity estimation from a CSV panel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from concord.cli._app import JSON_OPTION, app, print_json
from concord.errors import InputError

gravity_app = typer.Typer(no_args_is_help=True, help="Structural gravity estimation (PPML).")
app.add_typer(gravity_app, name="gravity")


def _split(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


def _ints(text: str | None, option: str) -> list[int] | None:
    if text is None:
        return None
    try:
        return [int(part) for part in _split(text) or []]
    except ValueError:
        raise InputError(f"{option} {text!r}: expected a comma list of integers") from None


def _years(text: str) -> list[int]:
    """``1986:2006:4`` (inclusive range with step) or ``1986,1990``."""
    try:
        if ":" in text:
            parts = [int(p) for p in text.split(":")]
            start, end = parts[0], parts[1]
            step = parts[2] if len(parts) > 2 else 1
            return list(range(start, end + 1, step))
        return [int(p) for p in text.split(",") if p.strip()]
    except ValueError:
        raise InputError(f"--years {text!r}: use START:END:STEP or a comma list") from None


def _read_panel(path: Path) -> Any:
    import pandas as pd

    if not path.exists():
        raise InputError(f"panel file {str(path)!r} does not exist")
    try:
        return pd.read_csv(path)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"cannot read panel {str(path)!r} as CSV: {exc}") from None


def _print_fit(fit: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"[bold]PPML gravity ({fit.spec.name})[/bold]: {fit.nobs:,} observations of {fit.n_input:,}"
    )
    console.print(f"fixed effects: {', '.join(fit.spec.fixed_effects)}; pairing: {fit.pairing}")
    console.print(f"standard errors: {fit.vcov}")
    console.print(fit.dropped.describe(), style="yellow" if fit.dropped.total else None)
    if fit.collinear:
        console.print(f"dropped as collinear: {', '.join(fit.collinear)}", style="yellow")
    table = Table()
    for name in ("term", "estimate", "std. error", "z", "p", "95% CI"):
        table.add_column(name, justify="left" if name == "term" else "right")
    for row in fit.coefficients.itertuples(index=False):
        table.add_row(
            row.term,
            f"{row.estimate:.4f}",
            f"{row.std_error:.4f}",
            f"{row.z:.2f}",
            f"{row.p:.4f}",
            f"[{row.ci_low:.3f}, {row.ci_high:.3f}]",
        )
    if fit.spec.total_terms:
        total = fit.total_effect()
        low, high = total.ci
        table.caption = "total = " + " + ".join(total.terms)
        table.add_row(
            "total",
            f"{total.estimate:.4f}",
            f"{total.std_error:.4f}",
            f"{total.z:.2f}",
            f"{total.p:.4f}",
            f"[{low:.3f}, {high:.3f}]",
            style="bold",
        )
    console.print(table)


@gravity_app.command("fit")
def fit_command(  # noqa: PLR0917 (a Typer command: one parameter per option)
    panel: Annotated[Path, typer.Argument(help="CSV panel: exporter, importer, year, trade, ...")],
    spec: Annotated[
        str, typer.Option(help="two-way | intra | pair-fe | phasing | globalisation | event-study")
    ] = "pair-fe",
    cluster: Annotated[str, typer.Option(help="pair | robust | <column>")] = "pair",
    se: Annotated[str, typer.Option(help="stata (G/(G-1) only) | pyfixest")] = "stata",
    covariates: Annotated[
        str | None, typer.Option(help="comma list of columns or log(col)")
    ] = None,
    agreement: Annotated[str, typer.Option(help="agreement dummy column")] = "rta",
    lags: Annotated[str | None, typer.Option(help="comma list of lag offsets, e.g. 4,8,12")] = None,
    leads: Annotated[str | None, typer.Option(help="comma list of lead offsets")] = None,
    flows: Annotated[str | None, typer.Option(help="all | international")] = None,
    border: Annotated[str, typer.Option(help="for intra: country | common")] = "country",
    pair: Annotated[str, typer.Option(help="auto | directed | <pair column>")] = "auto",
    years: Annotated[str | None, typer.Option(help="keep years: 1986:2006:4 or a list")] = None,
    trade: Annotated[str, typer.Option(help="flow column")] = "trade",
    exporter: Annotated[str, typer.Option(help="exporter column")] = "exporter",
    importer: Annotated[str, typer.Option(help="importer column")] = "importer",
    year: Annotated[str, typer.Option(help="year column")] = "year",
    offset: Annotated[str | None, typer.Option(help="offset column (coefficient 1)")] = None,
    json_output: bool = JSON_OPTION,
) -> None:
    """Estimate a PPML gravity equation and print the coefficient table."""
    from concord.gravity import fit_ppml

    data = _read_panel(panel)
    if years is not None:
        if year not in data.columns:
            raise InputError(f"--years needs the year column {year!r}")
        data = data[data[year].isin(_years(years))]
    fit = fit_ppml(
        data,
        spec=spec,
        trade=trade,
        exporter=exporter,
        importer=importer,
        year=year,
        covariates=_split(covariates),
        agreement=agreement,
        lags=_ints(lags, "--lags"),
        leads=_ints(leads, "--leads"),
        flows=flows,  # type: ignore[arg-type]
        border=border,  # type: ignore[arg-type]
        pair=None if pair == "directed" else pair,
        cluster=cluster,
        se=se,  # type: ignore[arg-type]
        offset=offset,
        quiet=True,  # the account is printed below
    )
    if json_output:
        print_json(fit.to_dict())
    else:
        _print_fit(fit)
