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
