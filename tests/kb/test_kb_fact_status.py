"""The ``status`` of a fact (current / outdated / variant) and deals given as a range."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from concord import kb
from concord.errors import ValidationError
from concord.kb.curated import FACT_COLUMNS, facts_from_rows, load_facts, parse_status


@pytest.mark.parametrize(
    ("text", "status"),
    [(None, None), ("", None), ("  ", None), ("outdated", "outdated"), (" Variant ", "variant")],
)
def test_parse_status(text: str | None, status: str | None) -> None:
    assert parse_status(text) == status


@pytest.mark.parametrize("text", ["old", "older, outdated figure", "current"])
def test_parse_status_rejects_free_text(text: str) -> None:
    with pytest.raises(ValueError, match="status"):
        parse_status(text)


def _row(**changes: str) -> dict[str, str]:
    row = dict.fromkeys(FACT_COLUMNS, "")
    row |= {"subject": "KAZ", "predicate": "border_length_km", "object": "CHN", "value": "1460"}
    row |= {"unit": "km", "source": "a source"}
    return row | changes


def test_loader_reads_and_validates_the_status_column() -> None:
    current, outdated = facts_from_rows([_row(), _row(status="outdated")])
    assert (current.status, current.current) == (None, True)
    assert (outdated.status, outdated.current) == ("outdated", False)
    assert outdated.row()[FACT_COLUMNS.index("status")] == "outdated"
    with pytest.raises(ValidationError, match="row 3: status 'stale'"):
        facts_from_rows([_row(), _row(status="stale")])


def test_rows_without_the_column_are_current() -> None:
    row = _row()
    del row["status"]
    (fact,) = facts_from_rows([row])
    assert fact.status is None


def test_packaged_facts_flag_the_outdated_border_figures() -> None:
    # facts.md section 4: the olympic.kz page's 1,460 km and 6,477 km are older figures
    flagged = {(f.object, f.value): f.status for f in load_facts() if f.status}
    assert flagged == {("CHN", 1460.0): "outdated", ("RUS", 6477.0): "outdated"}


def test_the_john_deere_range_is_two_facts() -> None:
    # facts.md section 3.2: John Deere USD 3-5 bn in the State Department fact sheet
    deere = {f.predicate: f.value for f in load_facts() if f.object == "John Deere"}
    assert deere == {
        "deal_value_usd": None,
        "deal_value_low_usd": 3e9,
        "deal_value_high_usd": 5e9,
    }


@pytest.fixture(scope="module")
def base() -> Iterator[kb.KnowledgeBase]:
    with kb.open() as opened:
        yield opened


def test_the_store_keeps_the_status(base: kb.KnowledgeBase) -> None:
    frame = base.facts("KAZ", "border_length_km", "CHN")
    assert "status" in frame.columns
    by_value = {float(v): s for v, s in zip(frame["value"], frame["status"], strict=True)}
    assert by_value[1460.0] == "outdated"
    assert by_value[1765.0] is None or by_value[1765.0] != by_value[1765.0]  # NULL
