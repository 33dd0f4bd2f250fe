"""``concord claims check``: files, stdin, JSON, and the inputs that must not crash it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from concord.cli import app

MUST_SHOW = 'קזחסטן חולקת גבול של 1,460 ק"מ עם סין.\nכ־40% מהתפוקה העולמית של אורניום ב־2024.\n'


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_table_output(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(MUST_SHOW, encoding="utf-8")
    result = runner.invoke(app, ["claims", "check", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2 claims: 1 consistent, 1 discrepant" in result.output
    assert "1,765 km" in result.output
    assert "1,782.8 km" in result.output


def test_json_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["claims", "check", "-", "--json", "--subject", "KAZ"], input=MUST_SHOW
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    verdicts = [(c["claim"]["predicate"], c["verdict"]) for c in payload["checks"]]
    assert verdicts == [
        ("border_length_km", "discrepant"),
        ("uranium_mine_production_world_share_pct", "consistent"),
    ]
    sources = {r["source"] for r in payload["checks"][0]["references"]}
    assert any("Factbook" in s for s in sources)


def test_empty_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["claims", "check", "-"], input="")
    assert result.exit_code == 0
    assert "no quantitative claims found" in result.output
    result = runner.invoke(app, ["claims", "check", "-", "--json"], input="   \n")
    assert json.loads(result.output)["counts"] == {
        "consistent": 0,
        "discrepant": 0,
        "unverifiable": 0,
    }


@pytest.mark.parametrize(
    "data", [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00", "שלום".encode("cp1255")]
)
def test_binary_input_is_refused(runner: CliRunner, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    result = runner.invoke(app, ["claims", "check", str(path)])
    assert result.exit_code == 2
    assert "binary" in result.output
    assert "Traceback" not in result.output


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["claims", "check", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_utf16_with_bom(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(MUST_SHOW.encode("utf-16"))
    result = runner.invoke(app, ["claims", "check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    claims = [c["claim"] for c in json.loads(result.output)["checks"]]
    # the UTF-16 text decodes to the same two claims as the UTF-8 one
    assert [(c["predicate"], c["text"], c["value"]) for c in claims] == [
        ("border_length_km", '1,460 ק"מ', 1460.0),
        ("uranium_mine_production_world_share_pct", "כ־40%", 40.0),
    ]


def test_ten_megabyte_file(runner: CliRunner, tmp_path: Path) -> None:
    paragraph = (
        "הצטרפותה של קזחסטן להסכמי אברהם מסמנת שינוי במדיניות החוץ הרב-וקטורית של אסטנה, "
        "והיא נדונה בהרחבה בעיתונות האזורית ובחוגי המחקר. "
        * 6
        + MUST_SHOW
        + "The Middle Corridor links China with Europe through Kazakhstan and Azerbaijan.\n\n"
    )
    repeats = 10_000_000 // len(paragraph.encode("utf-8")) + 1
    path = tmp_path / "big.txt"
    path.write_text(paragraph * repeats, encoding="utf-8")
    assert path.stat().st_size >= 10_000_000
    result = runner.invoke(app, ["claims", "check", str(path), "--limit", "5"])
    assert result.exit_code == 0, result.output[-2000:]
    assert f"{2 * repeats} claims" in result.output
    assert "more claims (use --limit or --json for all)" in result.output
