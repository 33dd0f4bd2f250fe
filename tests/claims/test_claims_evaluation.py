"""The annotated evaluation corpus: size, coverage, and the score thresholds of issue 7."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.claims.evaluate import evaluate, load_corpus, main

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def items() -> list[dict]:  # type: ignore[type-arg]
    return load_corpus(DATA / "corpus.json")


def test_corpus_size(items: list[dict]) -> None:  # type: ignore[type-arg]
    languages = [item["lang"] for item in items]
    assert languages.count("he") >= 60
    assert languages.count("en") >= 30
    assert len({item["id"] for item in items}) == len(items)


@pytest.mark.parametrize(
    "quirk",
    [
        "\u05be",  # maqaf
        "\u2013",  # en dash
        "\u05f4",  # gershayim
        "\u201d",  # typographic double quote as gershayim
        "\u05f3",  # geresh
        "\u200f",  # RLM
        "מליון",
        "מליארד",
        "מיליוני",
        'ש"ח',
        "טנגה",
        "אירו",
        "$",
        'קמ"ר',
        "טון",
        "כמעט",
        "יותר מ",
        "פחות מ",
        "לפחות",
        "עד ",
        "בשנת",
        "לשנת",
        "בנובמבר 2025",
        "בגודלה",
        "SCO ,CSTO ,EAEU",
        "הסכמי אברהם",
        "ארגון שנגחאי לשיתוף פעולה",
        "ובקזחסטן",
        "לסין",
        "מרוסיה",
    ],
)
def test_corpus_covers_the_quirks(items: list[dict], quirk: str) -> None:  # type: ignore[type-arg]
    assert any(quirk in item["text"] for item in items)


def test_scores_meet_the_thresholds(items: list[dict]) -> None:  # type: ignore[type-arg]
    scores = evaluate(items)["all"]
    assert scores.precision >= 0.95
    assert scores.recall >= 0.90
    assert scores.subject_accuracy >= 0.85


def test_heldout_sentences_stay_close(items: list[dict]) -> None:  # type: ignore[type-arg]
    # written after the grammar, scored once (0.929 / 0.929 / 0.885); 1.000 / 1.000 / 0.964
    # after the changes of 2026-11-29 (docs/claims.md); a guard against regressions
    scores = evaluate(load_corpus(DATA / "heldout.json"))["all"]
    assert scores.precision >= 0.95
    assert scores.recall >= 0.95
    assert scores.subject_accuracy >= 0.9


def test_blind_sentences_stay_close() -> None:
    # written before the grammar code was read, scored once on 2026-11-29: precision 0.865,
    # recall 0.849, subject linking 0.933; after the changes of that day (which its misses
    # informed, so it is no longer blind) 1.000 / 1.000 / 1.000. Guard: that minus 0.05.
    items = load_corpus(DATA / "blind.json")
    languages = [item["lang"] for item in items]
    assert languages.count("he") >= 30 and languages.count("en") >= 15
    scores = evaluate(items)["all"]
    assert scores.precision >= 0.95
    assert scores.recall >= 0.95
    assert scores.subject_accuracy >= 0.95


def test_fresh_sentences_stay_close() -> None:
    # written after the changes of 2026-11-29 and scored once: 0.966 / 0.966 / 1.000
    items = load_corpus(DATA / "fresh.json")
    scores = evaluate(items)["all"]
    assert scores.precision >= 0.9
    assert scores.recall >= 0.9
    assert scores.subject_accuracy >= 0.9


def test_script_prints_the_scores(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(DATA / name) for name in ("corpus.json", "heldout.json", "blind.json")]
    assert main(files) == 0
    out = capsys.readouterr().out
    assert "corpus.json" in out
    assert "heldout.json" in out
    assert "blind.json" in out
    assert "precision" in out
    assert "recall" in out
    assert "subject linking" in out
