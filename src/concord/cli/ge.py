"""``concord ge simulate BASELINE.csv --shock ...``: GE counterfactuals from a baseline file.

The file format and the shock syntax are documented in :mod:`concord.ge.io`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from concord.cli._app import JSON_OPTION, app, print_json
from concord.errors import InputError

ge_app = typer.Typer(no_args_is_help=True, help="General-equilibrium trade counterfactuals.")
app.add_typer(ge_app, name="ge")

_CONVENTIONS = {"cfl": "counterfactual_vs_baseline", "bln": "baseline_vs_counterfactual"}
_COLUMNS = {
    "exports": "exports",
    "factory_gate_price": "price p",
    "inward_resistance": "P",
    "real_gdp": "real GDP",
}


def _pairs(values: list[str] | None, what: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in values or []:
        name, sep, number = item.partition("=")
        try:
            out[name.strip()] = float(number)
        except ValueError:
            raise InputError(f"{what} {item!r}: expected NAME=NUMBER") from None
        if not sep or not name.strip():
            raise InputError(f"{what} {item!r}: expected NAME=NUMBER")
    return out


@ge_app.command("simulate")
def simulate_command(  # noqa: PLR0917 - Typer options are parameters
    baseline: Annotated[Path, typer.Argument(help="Baseline CSV (exporter,importer,value,...).")],
    shock: Annotated[
        list[str],
        typer.Option(
            "--shock",
            "-s",
            help="Shock: A>B=d, A-B=d, join:NEW+BLOC=beta|@var, set:VAR=v[@A-B,...], "
            "file:PATH. Repeat to add.",
        ),
    ],
    sigma: Annotated[float | None, typer.Option(help="Elasticity of substitution (> 1).")] = None,
    reference: Annotated[str | None, typer.Option(help="Numeraire country (P = 1).")] = None,
    coef: Annotated[
        list[str] | None, typer.Option("--coef", help="Cost coefficient NAME=VALUE.")
    ] = None,
    se: Annotated[list[str] | None, typer.Option("--se", help="Its std. error NAME=SE.")] = None,
    meta: Annotated[
        Path | None, typer.Option(help="Settings TOML (default: BASELINE.toml).")
    ] = None,
    fitted: Annotated[
        bool | None, typer.Option("--fitted/--observed", help="Use fitted or observed flows.")
    ] = None,
    method: Annotated[str, typer.Option(help="hat (default) or geppml (the book's loop).")] = "hat",
    convention: Annotated[
        str, typer.Option(help="cfl: (CFL-BLN)/BLN; bln: (BLN-CFL)/CFL (effect of existing).")
    ] = "cfl",
    draws: Annotated[int, typer.Option(help="Monte Carlo draws of the coefficients.")] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the draws.")] = 0,
    executor: Annotated[
        str | None, typer.Option(help="local (default), serial or tcp://host:8786 (Dask).")
    ] = None,
    workers: Annotated[int | None, typer.Option(help="Local worker processes.")] = None,
    top: Annotated[int, typer.Option(help="Rows shown (largest and smallest).")] = 10,
    json_output: bool = JSON_OPTION,
) -> None:
    """Solve the conditional and full-endowment GE of BASELINE under the shocks."""
    from concord.ge import simulate
    from concord.ge.io import parse_shocks, read_baseline

    if convention not in _CONVENTIONS:
        raise InputError(f"--convention must be cfl or bln, got {convention!r}")
    conv: Any = _CONVENTIONS[convention]
    world = read_baseline(
        baseline,
        meta=meta,
        sigma=sigma,
        reference=reference,
        flows=None if fitted is None else ("fitted" if fitted else "observed"),
        coefficients=_pairs(coef, "--coef"),
        std_errors=_pairs(se, "--se"),
    )
    total = parse_shocks(shock, world)
    result = simulate(world, total, method=method)  # type: ignore[arg-type]
    mc = _monte_carlo(
        world,
        total,
        draws=draws,
        seed=seed,
        executor=executor,
        workers=workers,
        method=method,
        convention=conv,
        quiet=json_output,
    )
    if json_output:
        payload = result.to_dict(conv)
        if mc is not None:
            payload["monte_carlo"] = mc.to_dict()
        print_json(payload)
        return
    _print_tables(result, mc, conv, top)


def _monte_carlo(
    world: Any,
    shock: Any,
    *,
    draws: int,
    seed: int,
    executor: str | None,
    workers: int | None,
    method: str,
    convention: Any,
    quiet: bool,
) -> Any:
    if draws <= 0:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from concord.ge import monte_carlo

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, disable=quiet, transient=True) as bar:
        task = bar.add_task("Monte Carlo draws", total=draws)
        return monte_carlo(
            world,
            shock,
            draws=draws,
            seed=seed,
            executor=executor,
            workers=workers,
            method=method,  # type: ignore[arg-type]
            convention=convention,
            progress=lambda done, total: bar.update(task, completed=done),
        )


def _print_tables(result: Any, mc: Any, convention: Any, top: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from concord.ge import CONVENTIONS

    console = Console()
    changes = result.changes(convention).sort_values("real_gdp", ascending=False)
    if len(changes) > 2 * top:
        changes = changes.iloc[list(range(top)) + list(range(len(changes) - top, len(changes)))]
    table = Table(
        title=f"{result.label}: percent changes, {CONVENTIONS[convention]} "
        f"({result.method}, sigma={result.sigma:g}, reference {result.reference})"
    )
    table.add_column("country")
    for label in _COLUMNS.values():
        table.add_column(label, justify="right")
    if mc is not None:
        table.add_column("sd", justify="right")
        table.add_column("95% band", justify="right", no_wrap=True)
        band = mc.table("real_gdp")
    for country, row in changes.iterrows():
        cells = [str(country), *(f"{row[c]:.3f}" for c in _COLUMNS)]
        if mc is not None:
            b = band.loc[country]
            cells += [f"{b['sd']:.3f}", f"{b['p2.5']:.2f}..{b['p97.5']:.2f}"]
        table.add_row(*cells)
    console.print(table)
    if mc is not None:
        console.print(f"{len(mc.draws)} draws ({mc.failed} failed), seed {mc.seed}, {mc.executor}")
