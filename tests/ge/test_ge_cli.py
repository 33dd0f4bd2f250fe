"""``concord ge simulate``: file-based baseline, shock syntax, JSON and Monte Carlo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ge_worlds import random_world
from typer.testing import CliRunner

from concord.cli import app

runner = CliRunner()

META = """sigma = 5
reference = "C00"
flows = "fitted"
[coefficients]
ln_dist = -0.9
border = -1.5
rta = 0.4
[std_errors]
ln_dist = 0.05
border = 0.1
rta = 0.08
"""


@pytest.fixture()
def world_csv(tmp_path: Path) -> Path:
    frame = random_world(6, seed=11, sigma=5.0).to_frame()
    path = tmp_path / "world.csv"
    frame.to_csv(path, index=False)
    path.with_suffix(".toml").write_text(META, encoding="utf-8")
    return path


def _run(*args: str):
    return runner.invoke(app, ["ge", "simulate", *args])


def test_json_output_and_shock_syntax(world_csv: Path) -> None:
    out = _run(
        str(world_csv), "--shock", "join:C01+C02,C03=0.5", "--shock", "C04-C05=0.2", "--json"
    )
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert payload["convention"] == "counterfactual_vs_baseline"
    rows = {r["country"]: r for r in payload["countries"]}
    assert set(rows) == {f"C0{k}" for k in range(6)}
    assert rows["C01"]["real_gdp"] > 0 and rows["C00"]["real_gdp"] < 0
    back = _run(
        str(world_csv),
        "-s",
        "join:C01+C02,C03=0.5",
        "-s",
        "C04-C05=0.2",
        "--json",
        "--convention",
        "bln",
        "--method",
        "geppml",
    )
    assert back.exit_code == 0, back.output
    assert json.loads(back.stdout)["convention"] == "baseline_vs_counterfactual"


def test_set_variable_and_table(world_csv: Path) -> None:
    out = _run(str(world_csv), "--shock", "set:border=0", "--top", "2")
    assert out.exit_code == 0, out.output
    assert "set:border=0" in out.output and "real GDP" in out.output


def test_monte_carlo_json(world_csv: Path) -> None:
    out = _run(
        str(world_csv),
        "-s",
        "join:C01+C02=@rta",
        "--draws",
        "12",
        "--seed",
        "3",
        "--executor",
        "serial",
        "--json",
    )
    assert out.exit_code == 0, out.output
    mc = json.loads(out.stdout)["monte_carlo"]
    assert mc["draws"] == 12 and mc["seed"] == 3 and mc["failed"] == 0
    rgdp = [r for r in mc["results"] if r["quantity"] == "real_gdp" and r["country"] == "C01"]
    assert rgdp[0]["sd"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-s", "C01>KAZ=0.3"], "unknown country 'KAZ'"),
        (["-s", "C01>C02=abc"], "not a number"),
        (["-s", "set:wto=0"], "unknown cost variable 'wto'"),
        (["-s", "C01>C02=0.3", "--sigma", "1"], "sigma must be > 1"),
        (["-s", "C01>C02=0.3", "--convention", "xyz"], "--convention must be"),
        (["-s", "file:/nonexistent/shock.csv"], "no such file"),
        (["-s", "join:C01+C02=@wto"], "unknown cost variable 'wto'"),
    ],
)
def test_errors_are_one_line_and_exit_2(world_csv: Path, args: list[str], message: str) -> None:
    out = _run(str(world_csv), *args)
    assert out.exit_code == 2
    assert message in out.output


def test_shock_file(world_csv: Path, tmp_path: Path) -> None:
    shock = tmp_path / "shock.csv"
    shock.write_text("exporter,importer,delta\nC01,C02,0.4\nC02,C01,0.4\n", encoding="utf-8")
    by_file = _run(str(world_csv), "-s", f"file:{shock}", "--json")
    by_text = _run(str(world_csv), "-s", "C01-C02=0.4", "--json")
    assert by_file.exit_code == 0 and by_text.exit_code == 0, by_file.output
    rows_file = json.loads(by_file.stdout)["countries"]
    rows_text = json.loads(by_text.stdout)["countries"]
    assert [r["real_gdp"] for r in rows_file] == pytest.approx([r["real_gdp"] for r in rows_text])


def test_negative_flow_in_file(world_csv: Path, tmp_path: Path) -> None:
    text = world_csv.read_text(encoding="utf-8").splitlines()
    head, first = text[0], text[1].split(",")
    first[2] = "-1"
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([head, ",".join(first), *text[2:]]) + "\n", encoding="utf-8")
    bad.with_suffix(".toml").write_text(META, encoding="utf-8")
    out = _run(str(bad), "-s", "C01>C02=0.3")
    assert out.exit_code == 2
    assert "negative trade flow" in out.output
