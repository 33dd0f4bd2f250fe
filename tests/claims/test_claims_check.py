"""Cross-checking against the evidence base; reference figures from facts.md sections 3-5."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from concord import kb
from concord.claims import check_text, extract_claims
from concord.claims.check import describe, tolerance


@pytest.fixture(scope="module")
def base() -> Iterator[kb.KnowledgeBase]:
    with kb.open() as opened:
        yield opened


def test_border_claim_is_discrepant_against_factbook_and_official(base: kb.KnowledgeBase) -> None:
    (check,) = check_text('קזחסטן חולקת גבול של 1,460 ק"מ עם סין', base=base)
    claim = check.claim
    assert claim.predicate == "border_length_km"
    assert set(claim.subjects) == {"KAZ", "CHN"}
    assert (claim.value, claim.unit) == (1460.0, "km")
    assert check.verdict == "discrepant"
    cited = {(r.value, r.source) for r in check.references if r.current}
    values = {value for value, _ in cited}
    assert {1765.0, 1782.8} <= values  # CIA Factbook; Kazakh official figures
    assert any("Factbook" in source for value, source in cited if value == 1765.0)
    assert any("official" in source for value, source in cited if value == 1782.8)
    factbook = next(r for r in check.references if r.value == 1765.0)
    assert factbook.deviation == pytest.approx((1460 - 1765) / 1765)  # 17 % below
    assert any("outdated" in note for note in check.notes)  # olympic.kz's older 1,460


def test_uranium_share_is_consistent_with_39_percent(base: kb.KnowledgeBase) -> None:
    text = "כ־40% מהתפוקה העולמית של אורניום ב־2024"
    (check,) = check_text(text, default_subject="KAZ", base=base)
    assert check.claim.predicate == "uranium_mine_production_world_share_pct"
    assert (check.claim.hedge, check.claim.year) == ("about", 2024)
    assert check.verdict == "consistent"
    assert [r.value for r in check.references if r.within] == [39.0]


def test_reference_for_another_year_makes_it_unverifiable(base: kb.KnowledgeBase) -> None:
    (check,) = check_text("היקף הסחר בין ישראל לקזחסטן הגיע ל־236 מיליון דולר ב־2024.", base=base)
    assert check.claim.predicate == "trade_turnover_usd"
    assert check.verdict == "unverifiable"
    assert any("no reference for 2024" in note for note in check.notes)
    assert 162e6 in {r.value for r in check.references}  # Jan-Nov 2025, Kazakh FM


def test_growth_compares_the_same_year(base: kb.KnowledgeBase) -> None:
    report = check_text("Kazakhstan's economy grew 4.8% in 2024 and 4.8% in 2023.", base=base)
    assert [c.verdict for c in report] == ["consistent", "discrepant"]
    assert any("another year matches" in note for note in report.checks[1].notes)


def test_deals_and_counts(base: kb.KnowledgeBase) -> None:
    text = (
        'ב-6 בנובמבר 2025 נחתמו בין קזחסטן לארה"ב 29 הסכמים בשווי כ־17.2 מיליארד דולר. '
        "Wabtec will supply locomotives to Kazakhstan worth $4.2 billion."
    )
    verdicts = [(c.claim.predicate, c.verdict) for c in check_text(text, base=base)]
    assert verdicts == [
        ("agreements_signed_count", "consistent"),
        ("deal_value_usd", "consistent"),
        ("deal_value_usd", "consistent"),
    ]


def test_hedges_widen_or_bound_the_tolerance(base: kb.KnowledgeBase) -> None:
    exact, about = extract_claims("Kazakhstan GDP: $250 billion in 2024; about 270 billion dollars")
    assert tolerance(about) > tolerance(exact)
    report = check_text(
        "Kazakhstan's GDP was more than $200 billion in 2024. "
        "Kazakhstan's GDP was less than $200 billion in 2024. "
        "Kazakhstan's GDP was about $270 billion in 2024. "
        "Kazakhstan's GDP was $270 billion in 2024.",
        base=base,
    )
    assert [c.verdict for c in report] == ["consistent", "discrepant", "consistent", "discrepant"]


def test_unverifiable_without_predicate_or_reference(base: kb.KnowledgeBase) -> None:
    report = check_text('בקזחסטן יש 17 מחוזות. התמ"ג של קזחסטן הוא 900 מיליארד ש"ח.', base=base)
    assert [c.verdict for c in report] == ["unverifiable", "unverifiable"]
    assert [c.claim.predicate for c in report] == [None, "gdp_ils"]


def test_tenge_gdp(base: kb.KnowledgeBase) -> None:
    # stat.gov.kz: 119,442,289.7 million KZT in 2023 (facts.md section 3.2)
    (check,) = check_text('התמ"ג של קזחסטן ב־2023: כ־119.4 טריליון טנגה.', base=base)
    assert (check.claim.predicate, check.verdict) == ("gdp_kzt", "consistent")


def test_report_frames(base: kb.KnowledgeBase) -> None:
    report = check_text('קזחסטן חולקת גבול של 1,460 ק"מ עם סין', base=base)
    frame = report.to_frame()
    assert list(frame["verdict"]) == ["discrepant"]
    assert "1,765 km" in frame["references"].iloc[0]
    assert report.to_dict()["counts"] == {"consistent": 0, "discrepant": 1, "unverifiable": 0}
    assert "1 discrepant" in str(report)


def test_named_deals_are_checked_against_their_own_reference(base: kb.KnowledgeBase) -> None:
    # State Department fact sheet (facts.md 3.2): Boeing $7 bn; John Deere a range, $3-5 bn
    report = check_text(
        "עסקת בואינג עם אייר אסטנה מוערכת ב־7 מיליארד דולר. "
        "John Deere pledged $3-5 billion in Kazakhstan.",
        base=base,
    )
    boeing, deere = report.checks
    assert boeing.verdict == "consistent"
    assert [r.object for r in boeing.references] == ["Boeing 787-9 (Air Astana)"]
    # the evidence base holds the range's ends as deal_value_low_usd / deal_value_high_usd
    assert deere.verdict == "consistent"
    (reference,) = deere.references
    assert (reference.value, reference.upper) == (3e9, 5e9)
    assert "3 bn-5 bn" in describe(reference)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("John Deere pledged $4 billion in Kazakhstan.", "consistent"),
        ("John Deere pledged up to $5 billion in Kazakhstan.", "consistent"),
        ("John Deere pledged $9 billion in Kazakhstan.", "discrepant"),
        ("John Deere pledged more than $6 billion in Kazakhstan.", "discrepant"),
    ],
)
def test_range_references_match_overlapping_claims(
    base: kb.KnowledgeBase, text: str, verdict: str
) -> None:
    (check,) = check_text(text, base=base).checks
    assert check.verdict == verdict
    assert check.references[0].upper == 5e9


def test_outdated_status_comes_from_the_evidence_base(base: kb.KnowledgeBase) -> None:
    (check,) = check_text('קזחסטן חולקת גבול של 1,460 ק"מ עם סין.', base=base).checks
    outdated = [r for r in check.references if not r.current]
    assert [(r.value, r.status) for r in outdated] == [(1460.0, "outdated")]
    assert all(r.status is None for r in check.references if r.current)
    assert any("matches an outdated figure" in note for note in check.notes)


def test_area_rank_is_computed_from_the_areas(base: kb.KnowledgeBase) -> None:
    right, wrong = check_text(
        "קזחסטן היא המדינה התשיעית בגודלה בעולם. Kazakhstan is the tenth-largest country.",
        base=base,
    )
    assert (right.claim.predicate, right.verdict) == ("area_rank", "consistent")
    assert wrong.verdict == "discrepant"  # ranks are exact
    assert "computed" in right.references[0].source


def test_flagship_paragraph_matches_the_readings_of_facts_md(base: kb.KnowledgeBase) -> None:
    # facts.md section 5: each claim of the Nov 2025 Hebrew text and how it reads
    text = (
        'קזחסטן חולקת גבול של 1,460 ק"מ עם סין ושל 6,467 ק"מ עם רוסיה. '
        "היקף הסחר בין ישראל לקזחסטן הגיע ל־236 מיליון דולר ב־2024. "
        'ב־6 בנובמבר 2025 נחתמו בין קזחסטן לארה"ב עסקאות בשווי כ־17.2 מיליארד דולר. '
        "קזחסטן מפיקה כ־40% מהתפוקה העולמית של אורניום ב־2024."
    )
    report = check_text(text, base=base)
    readings = [(c.claim.value, c.claim.predicate, c.verdict) for c in report]
    assert readings == [
        (1460.0, "border_length_km", "discrepant"),  # outdated figure
        (6467.0, "border_length_km", "discrepant"),  # outdated
        (236e6, "trade_turnover_usd", "unverifiable"),  # no primary 2024 figure
        (17.2e9, "deal_value_usd", "consistent"),
        (40.0, "uranium_mine_production_world_share_pct", "consistent"),
    ]
    assert set(report.checks[1].claim.subjects) == {"KAZ", "RUS"}


@pytest.mark.parametrize(
    ("value", "text"),
    [(1460.0, "1,460"), (1782.75, "1,782.75"), (236e6, "236 m"), (17.2e9, "17.2 bn"), (39.0, "39")],
)
def test_format_value(value: float, text: str) -> None:
    from concord.claims.check import format_value

    assert format_value(value) == text
