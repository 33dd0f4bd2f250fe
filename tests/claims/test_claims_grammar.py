"""The quantity grammar on the phrases of hebrew-text.md and the quirks it lists."""

from __future__ import annotations

import pytest

from concord.claims import extract_quantities
from concord.claims.grammar import scan
from concord.claims.normalize import normalize

# (phrase, value in base units, unit, hedge) -- the expected readings given in
# ../shared/reference/hebrew-text.md section 2
REFERENCE_PHRASES = [
    ("236 מיליון דולר", 2.36e8, "USD", None),
    ("כ־17.2 מיליארד דולר", 1.72e10, "USD", "about"),
    ("כ־40%", 40.0, "%", "about"),
    ('1,460 ק"מ', 1460.0, "km", None),
    ("1,460 ק״מ", 1460.0, "km", None),
    ('כמעט 1.5 מיליארד ש"ח', 1.5e9, "ILS", "almost"),
    ('יותר מ־7,600 ק"מ', 7600.0, "km", "more_than"),
]


@pytest.mark.parametrize(("phrase", "value", "unit", "hedge"), REFERENCE_PHRASES)
def test_reference_phrases(phrase: str, value: float, unit: str, hedge: str | None) -> None:
    (quantity,) = extract_quantities(phrase)
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert quantity.hedge == hedge
    assert quantity.text == phrase.strip()


def _scan(text: str):  # type: ignore[no-untyped-def]
    return scan(normalize(text).text)


def test_year_with_prefix_is_a_year_not_a_quantity() -> None:
    found = _scan("ב־2024 ובשנת 2023 ולשנת 2025")
    assert found.quantities == ()
    assert [y.year for y in found.years] == [2024, 2023, 2025]


def test_full_date_is_matched_before_numbers() -> None:
    found = _scan("ב-6 בנובמבר 2025 נחתמו 29 הסכמים")
    assert [(d.year, d.month, d.day) for d in found.dates] == [(2025, 11, 6)]
    assert [q.value for q in found.quantities] == [29.0]


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [
        ("בנובמבר 2025", 2025, 11, None),
        ("On November 6, 2025", 2025, 11, 6),
        ("on 6 November 2025", 2025, 11, 6),
        ("2025-11-06", 2025, 11, 6),
        ("6.11.2025", 2025, 11, 6),
    ],
)
def test_date_forms(text: str, year: int, month: int, day: int | None) -> None:
    found = _scan(text)
    assert [(d.year, d.month, d.day) for d in found.dates] == [(year, month, day)]
    assert found.quantities == ()


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("236 מליון דולר", 2.36e8, "USD"),
        ("120 מיליוני דולרים", 1.2e8, "USD"),
        ("8 מליארד דולר", 8e9, "USD"),
        ("3 מיליארד הדולר", 3e9, "USD"),
        ('22 אלף קמ"ר', 22000.0, "km2"),
        ("250 מיליארד טנגה", 2.5e11, "KZT"),
        ("40 מיליארד אירו", 4e10, "EUR"),
        ("20 מיליון שקלים", 2e7, "ILS"),
        ("23,270 טון", 23270.0, "t"),
        ("$17.2bn", 1.72e10, "USD"),
        ("$236m", 2.36e8, "USD"),
        ("2.5 trillion dollars", 2.5e12, "USD"),
        ("1,460-kilometre", 1460.0, "km"),
        ("2,724,900 sq km", 2724900.0, "km2"),
        ("%43", 43.0, "%"),
        ("4.8 percent", 4.8, "%"),
    ],
)
def test_scales_units_currencies(text: str, value: float, unit: str) -> None:
    (quantity,) = _scan(text).quantities
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("פחות מ־100 מיליון דולר", "less_than"),
        ("מעל 5%", "more_than"),
        ("עד 3.7 מיליארד דולר", "up_to"),
        ("לפחות 250 מיליארד טנגה", "at_least"),
        ("וכמעט 10 טון", "almost"),
        ("about $17 billion", "about"),
        ("more than 80%", "more_than"),
        ("at least 4 mines", "at_least"),
        ("nearly 600,000 barrels", "almost"),
        ("over 20 years", None),
    ],
)
def test_hedges(text: str, hedge: str | None) -> None:
    (quantity,) = _scan(text).quantities
    assert quantity.hedge == hedge


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3–5 מיליארד דולר", 3e9, 5e9),
        ("בין 2 ל-3 מיליון טון", 2e6, 3e6),
        ("15 עד 20 יום", 15.0, 20.0),
        ("between 3 and 5 billion dollars", 3e9, 5e9),
        ("$3-5 billion", 3e9, 5e9),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    (quantity,) = _scan(text).quantities
    assert (quantity.value, quantity.upper) == (pytest.approx(low), pytest.approx(high))


def test_year_range_is_a_year() -> None:
    found = _scan("בין 2019 ל־2024 וגם 2023-2024")
    assert found.quantities == ()
    assert [(y.year, y.upper) for y in found.years] == [(2019, 2024), (2023, 2024)]


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("המדינה התשיעית בגודלה בעולם", 9),
        ("היצרנית השנייה בגודלה", 2),
        ("יצרנית האורניום הגדולה בעולם", 1),
        ("the ninth-largest country", 9),
        ("the 3rd largest producer", 3),
        ("the world's largest producer", 1),
    ],
)
def test_ordinal_ranks(text: str, rank: int) -> None:
    (quantity,) = _scan(text).quantities
    assert (quantity.value, quantity.unit) == (rank, "rank")


@pytest.mark.parametrize(
    "text",
    [
        "F-16 and Su-35",
        "COP29",
        "G20",
        "החלטה 2231",
        "Resolution 2231",
        "Boeing 787-9",
        "5G",
        "at 10:30",
        "24/7",
        "טלפון 03-1234567",
        "IBAN 123456789012345678901234",
    ],
)
def test_identifiers_are_not_quantities(text: str) -> None:
    assert _scan(text).quantities == ()


def test_spans_point_into_the_original_text() -> None:
    raw = "\u200fהסחר הגיע ל\u05be236 מיליון דולר ב\u05be2024"
    (quantity,) = extract_quantities(raw)
    assert raw[quantity.start : quantity.end] == quantity.text == "236 מיליון דולר"
