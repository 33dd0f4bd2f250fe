"""``concord run`` and ``concord data import``: outputs, exit codes, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from scenario_texts import BAD
from typer.testing import CliRunner

from concord.cli import app
from concord.cli import run as run_cli

FIX = Path(__file__).parents[1] / "baseline" / "fixtures"


def test_invalid_scenario_exits_2_lists_three_problems_and_writes_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text(BAD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(spec), "--out", str(out)])
    assert result.exit_code == 2
    message = result.output
    assert "3 problems" in message
    assert "Wakanda" in message and "before the bloc existed" in message
    assert "missing effect size" in message
    assert "Traceback" not in message
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [spec]


def test_run_kazakhstan_writes_result_and_report(tmp_path: Path) -> None:
    out = tmp_path / "kaz"
    result = CliRunner().invoke(
        app, ["run", "kazakhstan", "--draws", "4", "--executor", "serial", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Kazakhstan" in result.output and "real income" in result.output
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert data["scenario"]["name"] == "kazakhstan-abraham-accords"
    assert data["run"]["draws_completed"] == 4
    isos = [c["country"] for c in data["countries"]]
    for iso in ("KAZ", "ISR", "ARE", "RUS", "CHN"):
        assert iso in isos
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Kazakhstan joins the Abraham Accords")
    assert "Inputs and their sources" in report and "Yotov" in report
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.md", "result.json"]
    assert len(data["draws"]["real_income"]["KAZ"]) == 4


def test_json_output_and_unknown_scenario(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["run", "aa-2020", "--draws", "0", "--json", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["convention"]["name"] == "baseline_vs_counterfactual"
    bad = runner.invoke(app, ["run", "kazakstan-accords"])
    assert bad.exit_code == 2 and "unknown scenario" in bad.output


def test_a_failing_writer_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: object, path: Path) -> None:
        raise OSError("disk full")

    writers = {"result.json": run_cli.write_result_json, "report.html": broken}
    monkeypatch.setattr(run_cli, "WRITERS", writers)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="disk full"):
        run_cli.write_outputs({"x": 1}, out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_data_import_baci_and_itpde(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "pairs.csv"
    result = runner.invoke(
        app,
        [
            "data",
            "import",
            "baci",
            str(FIX / "BACI_HS92_Y2022_V202401b.csv"),
            "--codes",
            str(FIX / "country_codes_V202401b.csv"),
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["rows_read"] == 9 and summary["unmapped_codes"][0]["code"] == 490
    pairs = pd.read_csv(out).set_index(["exporter", "importer"])
    assert pairs.loc[("KAZ", "CHN"), "value_usd"] == pytest.approx(3_000_500.0)
    parquet = tmp_path / "itpde.parquet"
    result = runner.invoke(
        app, ["data", "import", "itpde", str(FIX / "ITPD_E_R02_sample.csv"), "-o", str(parquet)]
    )
    assert result.exit_code == 0, result.output
    assert parquet.exists() and "USITC ITPD-E" in result.output
    bad = runner.invoke(app, ["data", "import", "itpde", str(FIX / "x.csv"), "-o", str(out)])
    assert bad.exit_code == 2 and "not found" in bad.output
