"""Units with a scale, counts and fractions in words, rank phrases and passing verbs."""

from __future__ import annotations

import pytest

from concord.claims import extract_quantities
from concord.claims.grammar import scan
from concord.claims.normalize import normalize


def _quantities(text: str) -> list[tuple[float, str | None, str | None]]:
    return [(q.value, q.unit, q.hedge) for q in scan(normalize(text).text).quantities]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ('30 מיליארד מ"ק גז', 3e10, "m3"),
        ("12 מיליארד מ״ק", 1.2e10, "m3"),
        ("30 billion cubic metres of gas", 3e10, "m3"),
        ("12.9 bcm of gas", 1.29e10, "m3"),
        ("1.6 Mt of copper", 1.6e6, "t"),
        ("300 kt of barley", 3e5, "t"),
        ("1,500 MW of wind power", 1.5e9, "W"),
        ("a 1 GW plant", 1e9, "W"),
        ("500 מגה-וואט", 5e8, "W"),
        ("600 אלף חביות נפט", 6e5, "bbl"),
        ("1.8 million barrels per day", 1.8e6, "bbl"),
        ("22 מיליון TEU", 2.2e7, "TEU"),
    ],
)
def test_units_with_and_without_a_scale(text: str, value: float, unit: str) -> None:
    ((found_value, found_unit, _),) = _quantities(text)
    assert found_value == pytest.approx(value)
    assert found_unit == unit


def test_lower_case_mt_is_not_megatonnes() -> None:
    # "500 mt" is often metric tons: a scaled symbol is read only in its exact spelling
    assert _quantities("500 mt of wheat") == [(500.0, None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("שני הסכמים נחתמו", [(2.0, None, None)]),
        ("נחתמו שלושה הסכמים ושתי הצהרות", [(3.0, None, None), (2.0, None, None)]),
        ("שני מיליארד דולר", [(2e9, "USD", None)]),
        ("the sides signed two agreements", [(2.0, None, None)]),
        ("more than three new mines", [(3.0, None, "more_than")]),
        ("Five new routes opened", [(5.0, None, None)]),
        # not counts: definite phrases, multipliers, weekdays, places, larger numbers
        ("שני הצדדים חתמו", []),
        ("שתי המדינות הסכימו", []),
        ("הסחר גדל פי שלושה", []),
        ("ביום שני נפגשו", []),
        ("זכתה במקום שני בתחרות", []),
        ("בשלב שני יוקם מסוף", []),
        ("בבאר שבע ובקריית שמונה ישבו", []),
        ("שלוש עשרה מדינות", []),
        ("the two sides signed", []),
        ("over the next two years", []),
        ("two of the mines", []),
        ("a two-state solution", []),
        ("trade grew three times", []),
        ("one agreement", []),
    ],
)
def test_counts_in_words(text: str, expected: list[tuple[float, str | None, str | None]]) -> None:
    assert _quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("כשליש מהיצוא הולך לסין", [(100 / 3, "%", "about")]),
        ('מחצית התמ"ג', [(50.0, "%", None)]),
        ("שני שלישים מהגז", [(200 / 3, "%", None)]),
        ("about a third of which is exported", [(100 / 3, "%", "about")]),
        ("nearly half of its GDP", [(50.0, "%", "almost")]),
        ("roughly two-thirds of its gas", [(200 / 3, "%", "about")]),
        ("1/3 of exports", [(100 / 3, "%", None)]),
        # not shares: time phrases, "half a million", dates and digit pairs
        ("in the first half of 2024", []),
        ("במחצית הראשונה של השנה", []),
        ("במחצית השנה", []),
        ("חצי מיליון", []),
        ("half a million", []),
        ("a third round of talks", []),
        ("24/7 service", []),
    ],
)
def test_fractions(text: str, expected: list[tuple[float, str | None, str | None]]) -> None:
    found = _quantities(text)
    assert [(pytest.approx(v), u, h) for v, u, h in found] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("סעודיה מדורגת במקום ה־2 בעולם", 2.0),
        ("במקום השלישי בעולם", 3.0),
        ("בעתודות הגז הרביעיות בגודלן בעולם", 4.0),
        ("Kazakhstan ranks 9th in the world", 9.0),
        ("Kazakhstan ranked second", 2.0),
    ],
)
def test_rank_phrases(text: str, value: float) -> None:
    assert _quantities(text) == [(value, "rank", None)]


@pytest.mark.parametrize(
    "text",
    [
        "הסחר עלה על 40 מיליארד אירו",
        "הסחר חצה את רף 3 מיליארד הדולר",
        "האוכלוסייה עברה את 10 מליון התושבים",
        "trade exceeded $89 billion",
        "trade topped $3 billion",
        "GDP surpassed $2 trillion",
        "מדובר ביותר מ־6 מיליון טון",
    ],
)
def test_passing_verbs_are_more_than(text: str) -> None:
    (quantity,) = extract_quantities(text)
    assert quantity.hedge == "more_than"


def test_rising_by_is_not_a_hedge() -> None:
    (quantity,) = extract_quantities("המשלוחים עלו ב-30% בשנת 2024")
    assert quantity.hedge is None
