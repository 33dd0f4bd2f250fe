"""The grammar's findings: quantities, years and dates, with spans into the scanned text."""

from __future__ import annotations

from dataclasses import dataclass

from concord.claims.lexicon import Hedge


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity: ``value`` in base units (USD, km, km2, t, %, rank; plain count when
    ``unit`` is None); ``upper`` is the top of a range; spans are into the scanned text."""

    value: float
    unit: str | None
    hedge: Hedge | None
    start: int
    end: int
    text: str
    upper: float | None = None
    noun: str | None = None


@dataclass(frozen=True, slots=True)
class YearMention:
    """A year ("ב-2024", "in 2024") or a span of years ("2023-2024")."""

    year: int
    start: int
    end: int
    upper: int | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date: day and month may be missing ("בנובמבר 2025"), the year too ("6 November")."""

    year: int | None
    month: int
    day: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Scan:
    """Everything the grammar found in one text, each list in text order."""

    quantities: tuple[Quantity, ...]
    years: tuple[YearMention, ...]
    dates: tuple[DateMention, ...]
