"""``concord minerals ...`` through Typer's test runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from concord.cli import app

runner = CliRunner()


def test_show_uranium_json() -> None:
    result = runner.invoke(app, ["minerals", "show", "uranium", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["year"] == 2024
    assert payload["unit"] == "tU"
    assert payload["world"] == 60213
    kaz = payload["producers"][0]
    assert (kaz["entity"], kaz["value"], kaz["share_pct"]) == ("KAZ", 23270, 38.65)
    assert round(kaz["share_pct"], 1) == 38.6
    assert "World Nuclear Association" in payload["source"]
    assert payload["source_url"].startswith("https://")
    concentration = payload["concentration"]
    assert concentration["top1"] == "KAZ"
    assert concentration["top3_share_pct"] == 74.59
    assert concentration["hhi"] == 2340.5


def test_show_table_output() -> None:
    result = runner.invoke(app, ["minerals", "show", "zinc"])
    assert result.exit_code == 0, result.output
    assert "Kazakhstan" in result.output and "HHI" in result.output


def test_alignment_aa_with_usa_and_kazakhstan_accession() -> None:
    args = ["minerals", "alignment", "--bloc", "AA", "--with", "USA", "--as-of", "2026-01-01"]
    result = runner.invoke(app, [*args, "--accession", "KAZ", "-m", "uranium", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    (row,) = payload["minerals"]
    assert row["share_before_pct"] == 0.43
    assert row["share_after_pct"] == 39.08
    assert "KAZ" not in payload["members_before"]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0, plain.output
    assert "uranium" in plain.output and "ISR" in plain.output


def test_disruption_and_deals() -> None:
    result = runner.invoke(app, ["minerals", "disruption", "--country", "KAZ", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["mineral"]: r for r in json.loads(result.output)["minerals"]}
    assert rows["uranium"]["share_lost_pct"] == 38.65
    deals = runner.invoke(app, ["minerals", "deals", "KAZ", "--json"])
    assert deals.exit_code == 0, deals.output
    assert json.loads(deals.output)["valued_total_usd"] == 16.45e9
    table = runner.invoke(app, ["minerals", "deals", "KAZ"])
    assert table.exit_code == 0 and "critical minerals" in table.output


def test_unknown_mineral_exits_2_and_lists_known() -> None:
    result = runner.invoke(app, ["minerals", "show", "unobtainium"])
    assert result.exit_code == 2
    assert "unknown mineral 'unobtainium'" in result.output
    assert "uranium" in result.output and "tungsten" in result.output


def test_unknown_country_exits_2_and_lists_known() -> None:
    result = runner.invoke(app, ["minerals", "disruption", "--country", "Atlantis"])
    assert result.exit_code == 2
    assert "unknown country 'Atlantis'" in result.output
    assert "KAZ (Kazakhstan)" in result.output


def test_bad_date_exits_2() -> None:
    result = runner.invoke(app, ["minerals", "alignment", "--bloc", "AA", "--as-of", "soon"])
    assert result.exit_code == 2
    assert "ISO date" in result.output
