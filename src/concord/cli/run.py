"""``concord run SCENARIO``: run a bundled scenario (by name) or a scenario TOML file.

Writes one file per format into the output folder (``--out``, default
``./concord-out/<scenario-name>/``). Every file is written to a temporary folder first and moved
into place only when all writers succeeded, so a failure leaves nothing behind. Formats are the
entries of :data:`WRITERS` (file name -> function(result_dict, path)); a new format (e.g. the
report layer's ``report.html``) is one more entry.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from concord.cli._app import app, print_json

Writer = Callable[[Mapping[str, Any], Path], None]


def write_result_json(data: Mapping[str, Any], path: Path) -> None:
    """``result.json``: the full ``ScenarioResult.to_dict()``."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")


def write_report_md(data: Mapping[str, Any], path: Path) -> None:
    """``report.md``: the Markdown report."""
    from concord.scenario.markdown import write_markdown

    write_markdown(data, path)


#: Output file name -> writer. The CLI calls each once; add formats here.
def write_report_html(data: Mapping[str, Any], path: Path) -> None:
    """``report.html``: the single-file HTML report (plotly inlined, offline map)."""
    from concord.report import write_html

    write_html(data, path)


WRITERS: dict[str, Writer] = {
    "result.json": write_result_json,
    "report.md": write_report_md,
    "report.html": write_report_html,
}


def write_outputs(data: Mapping[str, Any], out: Path) -> list[Path]:
    """Write every format into ``out`` atomically: all files or none."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for name, writer in WRITERS.items():
            writer(data, staging / name)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in WRITERS:
            os.replace(staging / name, out / name)
            written.append(out / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@app.command("run")
def run(  # noqa: PLR0917
    scenario: Annotated[
        str,
        typer.Argument(
            help="Bundled scenario name or alias (kazakhstan, ...) or a path to a TOML file."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output folder (default: ./concord-out/SCENARIO-NAME/)."),
    ] = None,
    draws: Annotated[
        int | None, typer.Option("--draws", help="Monte Carlo draws (0: none).")
    ] = None,
    executor: Annotated[
        str | None,
        typer.Option("--executor", help="local | serial | Dask address tcp://host:8786."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Local worker processes.")
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print result.json to stdout instead of tables.")
    ] = False,
) -> None:
    """Run a scenario: real income, trade and dependency changes with bands and sources."""
    from concord.scenario import load_scenario
    from concord.scenario.runner import run_scenario

    spec = load_scenario(scenario).with_options(draws=draws, executor=executor)
    target = out if out is not None else Path("concord-out") / spec.name
    if json_output:
        result = run_scenario(spec, workers=workers)
    else:
        result = _run_with_progress(spec, run_scenario, workers)
    data = result.to_dict()
    written = write_outputs(data, target)
    if json_output:
        print_json(data)
        return
    _print_summary(data, written)


def _run_with_progress(spec: Any, runner: Callable[..., Any], workers: int | None) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=False) as bar:
        tasks: dict[str, Any] = {}

        def tick(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        return runner(spec, progress=tick, workers=workers)


def _band(band: Mapping[str, Any] | None) -> str:
    from concord.scenario.markdown import pct

    if not band or band.get("point") is None:
        return "n/a"
    text = pct(band["point"])
    if band.get("low") is not None and band.get("high") is not None:
        text += f" [{pct(band['low'])}, {pct(band['high'])}]"
    return text


def _print_summary(data: Mapping[str, Any], written: list[Path]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    spec, run = data["scenario"], data["run"]
    table = Table(
        title=f"{spec['title']}: percent changes, {data['convention']['formula']}",
        title_justify="left",
        caption=f"bands: 2.5th-97.5th percentiles of {run['draws_completed']} draws",
    )
    for col in ("country", "role", "real income %", "exports %", "imports %"):
        table.add_column(col)
    for c in data["countries"]:
        table.add_row(
            f"{c['name']} ({c['country']})",
            c["role"],
            _band(c.get("real_income")),
            _band(c.get("exports")),
            _band(c.get("imports")),
        )
    console.print(table)
    pairs = Table(title="Trade of the new pairs (USD)", title_justify="left")
    for col in ("pair", "baseline", "scenario", "change %", "baseline cell"):
        pairs.add_column(col)
    for p in data["pairs"]:
        pairs.add_row(
            f"{p['exporter']}->{p['importer']}",
            f"{p['baseline_usd']:,.0f}",
            f"{p['counterfactual_usd']:,.0f}",
            f"{p['change_pct']:+.2f}",
            p["flag"],
        )
    console.print(pairs)
    for rec in data["dependency"]:
        if rec["partner"] != "HHI":
            console.print(
                f"{rec['country']} trade share with {rec['partner']}: "
                f"{rec['share_before']:.2f} % -> {rec['share_after']:.2f} %"
            )
    for rec in data.get("minerals") or []:
        console.print(
            f"{rec['mineral']}: share of world output from {rec['group']}: "
            f"{100 * rec['share_before']:.1f} % -> {100 * rec['share_after']:.1f} %"
        )
    if data.get("claims") is not None:
        from concord.scenario.markdown import claim_counts_text

        console.print(f"claims: {claim_counts_text(data['claims'])}")
    for warning in data.get("warnings", []):
        console.print(f"[yellow]note:[/yellow] {warning}")
    console.print(f"{run['seconds']:.1f} s; written: {', '.join(str(p) for p in written)}")
