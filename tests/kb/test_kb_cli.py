"""``concord kb`` commands."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from concord.cli import app

runner = CliRunner()


def test_show_kaz_json_lists_borders_and_memberships() -> None:
    result = runner.invoke(app, ["kb", "show", "KAZ", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    china = next(b for b in data["borders"] if b["neighbour"] == "CHN")
    by_value = {v["value"]: v for v in china["values"]}
    assert by_value[1765.0]["source"].startswith("CIA World Factbook")
    assert by_value[1765.0]["source_url"]
    assert by_value[1782.8]["source"] == "Kazakh official figures, quoted on a Kyrgyz MFA page"
    roles = {(m["bloc"], m["role"], m["start"]) for m in data["memberships"]}
    assert ("AA", "announced", "2025-11-06") in roles
    assert ("SCO", "member", "2001-06-15") in roles
    assert ("EAEU", "member", "2015-01-01") in roles
    assert ("OTS", "member", "2009-10-03") in roles
    assert {"CSTO", "CIS"} <= {m["bloc"] for m in data["memberships"]}
    assert data["economy"]["gdp_usd"][0]["value"] == 288.406e9


def test_show_accepts_hebrew_and_prints_tables() -> None:
    result = runner.invoke(app, ["kb", "show", "קזחסטאן"])
    assert result.exit_code == 0, result.output
    assert "Kazakhstan" in result.output and "Borders" in result.output


def test_show_unknown_country_exits_2_with_one_line() -> None:
    result = runner.invoke(app, ["kb", "show", "XYZ"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "unknown country 'XYZ'" in lines[0] and "did you mean" in lines[0]
    assert "Traceback" not in result.output


def test_members_sco() -> None:
    for as_of, count in (("2025-01-01", 10), ("2020-01-01", 8)):
        result = runner.invoke(app, ["kb", "members", "SCO", "--as-of", as_of, "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["count"] == count
    table = runner.invoke(app, ["kb", "members", "ШОС", "--as-of", "2025-01-01"])
    assert table.exit_code == 0 and "Belarus" in table.output


def test_facts_border_length() -> None:
    result = runner.invoke(app, ["kb", "facts", "KAZ", "--predicate", "border_length_km", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["count"] == len(data["facts"]) >= 15
    assert all(f["source"] for f in data["facts"])


def test_rebuild_prints_time_and_counts() -> None:
    result = runner.invoke(app, ["kb", "rebuild", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["facts"] > 20_000 and report["memberships"] > 100 and report["seconds"] > 0
