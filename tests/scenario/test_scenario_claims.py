"""A scenario's ``[claims]`` text: validated with the spec, checked by the run, reported.

Expected verdicts of the bundled Kazakhstan text come from facts.md section 5 (the claims of the
Nov 2025 Hebrew text against the reference values), not from the code under test.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.errors import ValidationError
from concord.scenario import ClaimsText, bundled_path, load_scenario
from concord.scenario.markdown import claim_counts_text, render_markdown
from concord.scenario.spec import MAX_CLAIMS_BYTES

# facts.md section 5: claim value -> (evidence-base fact, reading)
EXPECTED = {
    1460.0: ("border_length_km", "discrepant"),  # outdated; Factbook 1,765, official 1,782.8
    6467.0: ("border_length_km", "discrepant"),  # outdated; Factbook 7,644, official 7,548.1
    236e6: ("trade_turnover_usd", "unverifiable"),  # no primary 2024 figure
    17.2e9: ("deal_value_usd", "consistent"),  # "approximately $17 billion"
    40.0: ("uranium_mine_production_world_share_pct", "consistent"),  # 39 % (WNA 2024)
}

HEAD = """
[scenario]
name = "claims-test"
year = 2024
draws = 0

[[accord]]
bloc = "Abraham Accords"
members = ["Israel", "UAE"]
accession = [{ country = "Kazakhstan", date = 2025-11-06 }]
"""


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("kaz") / "out"
    result = CliRunner().invoke(
        app, ["run", "kazakhstan", "--draws", "0", "--executor", "serial", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="module")
def data(run_dir: tuple[Path, str]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((run_dir[0] / "result.json").read_text(encoding="utf-8"))
    return loaded


def _by_value(data: Mapping[str, Any]) -> dict[float, Mapping[str, Any]]:
    return {float(c["claim"]["value"]): c for c in data["claims"]}


def test_bundled_text_is_hebrew_and_names_the_flagship_figures() -> None:
    spec = load_scenario("kazakhstan")
    assert spec.claims is not None
    assert spec.claims.source == "kazakhstan-abraham-accords.he.txt"
    assert spec.claims.file == bundled_path("kazakhstan").parent / spec.claims.source
    text = spec.claims.text
    assert re.search("[\u05d0-\u05ea]", text)  # Hebrew letters
    for figure in ("1,460", "6,467", "236 מיליון דולר", "17.2 מיליארד דולר", "40%"):
        assert figure in text


def test_claims_get_the_verdicts_of_facts_md(data: dict[str, Any]) -> None:
    found = _by_value(data)
    assert set(found) == set(EXPECTED)
    readings = {v: (c["claim"]["predicate"], c["verdict"]) for v, c in found.items()}
    assert readings == EXPECTED
    assert data["claims_counts"] == {"consistent": 2, "discrepant": 2, "unverifiable": 1}
    assert data["scenario"]["claims_source"] == "kazakhstan-abraham-accords.he.txt"


def test_claims_carry_the_reference_values_and_sources(data: dict[str, Any]) -> None:
    found = _by_value(data)

    def refs(value: float) -> dict[float, Mapping[str, Any]]:
        return {float(r["value"]): r for r in found[value]["references"]}

    china = refs(1460.0)
    assert not china[1765.0]["within"] and "Factbook" in china[1765.0]["source"]
    assert not china[1782.8]["within"]  # Kazakh official (demarcation)
    assert found[1460.0]["deviation"] is not None
    assert set(found[1460.0]["claim"]["subjects"]) == {"KAZ", "CHN"}
    russia = refs(6467.0)
    assert not russia[7644.0]["within"] and not russia[7548.1]["within"]
    assert set(found[6467.0]["claim"]["subjects"]) == {"KAZ", "RUS"}
    trade = found[236e6]
    assert any("no reference for 2024" in note for note in trade["notes"])
    assert 162e6 in refs(236e6)  # Jan-Nov 2025, Kazakh FM: another period
    assert refs(17.2e9)[17e9]["within"]
    uranium = refs(40.0)
    assert uranium[39.0]["within"] and uranium[39.0]["as_of"].startswith("2024")


def test_report_md_and_cli_show_the_claims(run_dir: tuple[Path, str]) -> None:
    out, output = run_dir
    assert "claims: 5 checked: 2 discrepant, 2 consistent, 1 unverifiable" in output
    report = (out / "report.md").read_text(encoding="utf-8")
    section = report.split("## Claims checked", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "ק" in line]
    assert len([r for r in section.splitlines() if r.startswith("| ")]) == 6  # header + 5
    assert any("1,460" in r and "**discrepant**" in r and "1,765 km" in r for r in rows)
    assert "kazakhstan-abraham-accords.he.txt" in section
    assert "**unverifiable**" in section and "**consistent**" in section


def test_report_html_has_the_claims_section(run_dir: tuple[Path, str]) -> None:
    page = (run_dir[0] / "report.html").read_text(encoding="utf-8")
    match = re.search(r'<section id="claims">(.*?)</section>', page, re.S)
    assert match is not None
    body = html.unescape(match.group(1))
    assert "Claims checked" in body
    assert body.count("<tr>") == 6  # header + 5 claims
    assert body.count("verdict-discrepant") == 2 and body.count("verdict-consistent") == 2
    assert body.count("verdict-unverifiable") == 1
    assert '1,460 ק"מ' in body and "כ־40%" in body


def test_without_claims_the_keys_are_null_and_no_section(data: dict[str, Any]) -> None:
    plain = dict(data) | {"claims": None, "claims_counts": None}
    assert "Claims checked" not in render_markdown(plain)
    assert "## Claims checked" in render_markdown(data)
    assert claim_counts_text([]) == "0 checked"


def test_inline_text_and_subject_are_checked_by_the_run(tmp_path: Path) -> None:
    from concord.scenario.runner import run_scenario

    uranium = "כ־40% מהתפוקה העולמית של אורניום ב־2024."
    toml = HEAD + f'\n[claims]\nsubject = "Kazakhstan"\ntext = """{uranium}"""\n'
    path = tmp_path / "inline.toml"
    path.write_text(toml, encoding="utf-8")
    spec = load_scenario(path).with_options(executor="serial")
    assert spec.claims == ClaimsText(uranium, "inline", "KAZ", None)
    result = run_scenario(spec)
    assert result.claims is not None and len(result.claims) == 1
    (check,) = result.claims
    assert check["claim"]["subjects"] == ["KAZ"]
    assert check["verdict"] == "consistent"
    assert result.to_dict()["claims_counts"] == {
        "consistent": 1,
        "discrepant": 0,
        "unverifiable": 0,
    }


def test_scenario_without_claims_table_has_none() -> None:
    spec = load_scenario("aa-2020")
    assert spec.claims is None


def _problems(tmp_path: Path, claims: str, extra: str = "") -> list[str]:
    path = tmp_path / "s.toml"
    path.write_text(HEAD.replace('"UAE"]', '"UAE"' + extra + "]") + claims, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_scenario(path)
    assert info.value.exit_code == 2
    return list(info.value.problems)


def test_missing_claims_file_is_collected_with_other_problems(tmp_path: Path) -> None:
    problems = _problems(tmp_path, '[claims]\nfile = "article.txt"\n', extra=', "Wakanda"')
    assert len(problems) == 2, problems
    assert any("Wakanda" in p for p in problems)
    missing = next(p for p in problems if "[claims]" in p)
    assert "does not exist" in missing and str(tmp_path / "article.txt") in missing


def test_empty_large_and_bad_claims_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    assert any("empty" in p for p in _problems(tmp_path, '[claims]\nfile = "empty.txt"\n'))
    (tmp_path / "big.txt").write_text("x" * (MAX_CLAIMS_BYTES + 1), encoding="utf-8")
    big = _problems(tmp_path, '[claims]\nfile = "big.txt"\n')
    assert any("1,000,001 bytes" in p and "limit" in p for p in big), big
    (tmp_path / "latin1.txt").write_bytes("Kazakhstan \xe9".encode("latin-1"))
    assert any("not UTF-8" in p for p in _problems(tmp_path, '[claims]\nfile = "latin1.txt"\n'))
    both = _problems(tmp_path, '[claims]\ntext = ""\nlanguage = "he"\nsubject = "Atlantis"\n')
    assert len(both) == 3, both
    assert any("text must be a non-empty string" in p for p in both)
    assert any("unknown key(s) language" in p for p in both)
    assert any("subject" in p and "Atlantis" in p for p in both)
    assert any("needs file" in p for p in _problems(tmp_path, "[claims]\n"))
