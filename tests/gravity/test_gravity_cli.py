"""``concord gravity fit``: table, JSON, and exit code 2 with one line on a bad panel."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from concord.cli import app


def write_panel(path: Path, *, broken: bool = False) -> Path:
    rng = np.random.default_rng(11)
    names = [f"C{k}" for k in range(8)]
    rows = []
    for year in (2000, 2004, 2008):
        for i, e in enumerate(names):
            for j, m in enumerate(names):
                rta = float((i + j) % 3 == 0 and i != j and year >= 2004)
                dist = 1.0 + abs(i - j) * 100.0
                rows.append(
                    {
                        "exporter": e,
                        "importer": m,
                        "year": year,
                        "dist": dist,
                        "rta": rta,
                        "trade": float(rng.poisson(np.exp(7 - 0.8 * np.log(dist) + 0.3 * rta))),
                    }
                )
    panel = pd.DataFrame(rows)
    if broken:
        panel.loc[5, "trade"] = -1.0
        panel.loc[9, "dist"] = np.nan
        panel = pd.concat([panel, panel.iloc[[20]]], ignore_index=True)
    panel.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_fit_prints_the_coefficient_table(tmp_path: Path, runner: CliRunner) -> None:
    path = write_panel(tmp_path / "panel.csv")
    result = runner.invoke(
        app, ["gravity", "fit", str(path), "--spec", "pair-fe", "--cluster", "pair"]
    )
    assert result.exit_code == 0, result.output
    assert "PPML gravity (pair-fe)" in result.output
    assert "rta" in result.output
    assert "directed exporter-importer" in result.output


def test_fit_json(tmp_path: Path, runner: CliRunner) -> None:
    path = write_panel(tmp_path / "panel.csv")
    args = [
        "gravity",
        "fit",
        str(path),
        "--spec",
        "two-way",
        "--covariates",
        "log(dist),rta",
        "--cluster",
        "robust",
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    terms = [row["term"] for row in payload["coefficients"]]
    assert terms == ["log(dist)", "rta"]
    assert payload["nobs"] == 8 * 7 * 3  # international flows only
    assert payload["dropped"]["counts"] == {"intra_national": 24}
    assert payload["spec"]["cluster"] == "robust"


def test_bad_panel_exits_2_with_one_line_naming_every_problem(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = write_panel(tmp_path / "bad.csv", broken=True)
    args = ["gravity", "fit", str(path), "--spec", "two-way", "--covariates", "log(dist),rta"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("error: gravity panel: 3 problems")
    assert "negative flows" in line
    assert "'dist' has 1 NaN" in line
    assert "duplicates" in line


def test_missing_file_and_bad_options_exit_2(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["gravity", "fit", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    path = write_panel(tmp_path / "panel.csv")
    result = runner.invoke(app, ["gravity", "fit", str(path), "--spec", "nope"])
    assert result.exit_code == 2
    assert "unknown gravity specification 'nope'" in result.output
