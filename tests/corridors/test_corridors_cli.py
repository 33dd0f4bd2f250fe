"""The ``concord route`` and ``concord corridors`` commands."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from concord.cli import app

runner = CliRunner()


def test_route_avoiding_russia_prints_the_middle_corridor() -> None:
    result = runner.invoke(
        app,
        [
            "route",
            "Xian",
            "Duisburg",
            "--by",
            "time",
            "--avoid",
            "RUS",
            "--close",
            "suez,babalmandab",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    best = payload["routes"][0]
    assert best["corridor"] == "Middle Corridor"
    assert "RUS" not in best["countries"]
    assert {"AKT", "ALT"} <= set(best["nodes"]) or {"KUR", "ALT"} <= set(best["nodes"])
    assert best["legs"][0]["sources"]


def test_route_in_hebrew_as_a_table() -> None:
    result = runner.invoke(app, ["route", "שיאן", "דואיסבורג"])
    assert result.exit_code == 0, result.output
    assert "Northern route" in result.output


def test_infeasible_route_is_one_clear_line_and_exit_2() -> None:
    result = runner.invoke(
        app, ["route", "Mumbai", "Bandar Abbas", "--modes", "sea", "--close", "hormuz"]
    )
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "no route" in lines[0] and "hormuz" in lines[0]


def test_unknown_chokepoint_exit_2() -> None:
    result = runner.invoke(app, ["route", "Xian", "Duisburg", "--close", "kiel"])
    assert result.exit_code == 2
    assert "chokepoint" in result.output


def test_compare_and_critical_json() -> None:
    result = runner.invoke(app, ["corridors", "compare", "--from", "CHN", "--to", "DEU", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["corridors"]
    assert sum(c["share"] for c in payload["corridors"]) == pytest.approx(1.0)
    result = runner.invoke(app, ["corridors", "critical", "--top", "5", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["elements"]) == 5
    assert payload["base"]["corridor"] == "Northern route"


def test_border_hours_and_capacity_options_change_the_scenario() -> None:
    base = runner.invoke(app, ["route", "Xian", "Duisburg", "--json"])
    slow = runner.invoke(app, ["route", "Xian", "Duisburg", "--border-hours", "BRE=120", "--json"])
    assert base.exit_code == 0 and slow.exit_code == 0, slow.output
    before, after = json.loads(base.output)["routes"][0], json.loads(slow.output)["routes"][0]
    assert after["time_days"] > before["time_days"] + 2.0  # 120 h most likely instead of 40.6 h
    args = ["corridors", "compare", "--avoid", "RUS", "--capacity", "AKT-ALT=1000,KUR-ALT=0"]
    capped = runner.invoke(app, [*args, "--json"])
    assert capped.exit_code == 0, capped.output
    binding = json.loads(capped.output)["binding"]
    assert any(b["resource"] == "leg AKT-ALT" for b in binding)


def test_bad_border_hours_and_capacity_are_one_line_exit_2() -> None:
    result = runner.invoke(
        app,
        ["route", "Xian", "Duisburg", "--border-hours", "BRE", "--capacity", "AKT=x"],
    )
    assert result.exit_code == 2
    assert "--border-hours 'BRE'" in result.output and "'x' is not a number" in result.output
    result = runner.invoke(app, ["route", "Xian", "Duisburg", "--border-hours", "XIA-URU=3"])
    assert result.exit_code == 2
    assert "no border or transfer dwell" in result.output
    result = runner.invoke(app, ["route", "Xian", "Duisburg", "--capacity", "ATLANTIS=5"])
    assert result.exit_code == 2 and "ATLANTIS" in result.output
