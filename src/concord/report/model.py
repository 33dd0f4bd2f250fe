"""The report model: what a report shows, in plain frozen rows, independent of the writers.

:func:`report_model` turns a scenario result (a ``ScenarioResult`` or its ``.to_dict()``) into a
:class:`ReportModel`. The HTML and Markdown writers and the web pages read only this model, so the
result's layout is known in one place (:mod:`concord.report.adapter`).

Every number carries the ids of the evidence behind it (``Band.evidence``); the evidence list
holds source, date, URL and quote for each id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def fmt(value: float | None, digits: int = 2) -> str:
    """A number for people: fixed decimals, thousands separators, '–' for missing."""
    if value is None:
        return "–"
    if abs(value) >= 1e5:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def plain_number(value: float | None) -> str:
    """A number as its source would write it: separators, at most 3 decimals, no trailing 0s."""
    if value is None:
        return "–"
    if abs(value) >= 1e5:
        return f"{value:,.0f}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a number comes from."""

    id: str
    label: str
    source: str
    date: str = ""
    url: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Band:
    """A central value with its uncertainty band (``low``/``high`` may be missing)."""

    value: float
    low: float | None = None
    high: float | None = None
    unit: str = ""
    level: str = ""
    evidence: tuple[str, ...] = ()

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.low is None or self.high is None:
            return f"{fmt(self.value)}{unit}"
        level = f"{self.level} " if self.level else ""
        return f"{fmt(self.value)}{unit} ({level}band {fmt(self.low)} to {fmt(self.high)})"


@dataclass(frozen=True, slots=True)
class DependencyRow:
    """A country's trade share with one partner (or a concentration index) before and after."""

    country: str
    partner: str
    before: float
    after: float
    unit: str = "%"
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Spread:
    """Monte Carlo summary of one quantity: point, mean, standard deviation and band."""

    label: str
    point: float | None
    mean: float
    sd: float | None
    low: float
    high: float
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Distribution:
    """Monte Carlo draws of one quantity; ``group`` (e.g. "real income") gets its own panel."""

    label: str
    values: tuple[float, ...]
    unit: str = ""
    group: str = ""


@dataclass(frozen=True, slots=True)
class RouteSummary:
    """A corridor in play: totals and the geometry to draw."""

    name: str
    time_days: float | None = None
    cost_usd: float | None = None
    countries: tuple[str, ...] = ()
    geometry: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One checked claim."""

    text: str
    verdict: str
    value: str = ""
    subjects: tuple[str, ...] = ()
    note: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InputRow:
    """One input of the scenario (effect size, elasticity, dates) with its evidence."""

    label: str
    value: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportModel:
    """Everything a report shows, in the order it shows it."""

    title: str
    question: str
    answer: tuple[str, ...]
    description: str = ""
    income: tuple[tuple[str, Band], ...] = ()
    trade: tuple[tuple[str, tuple[tuple[str, Band], ...]], ...] = ()
    pairs: tuple[tuple[str, Band], ...] = ()
    dependency: tuple[DependencyRow, ...] = ()
    concentration: tuple[DependencyRow, ...] = ()
    spreads: tuple[Spread, ...] = ()
    distributions: tuple[Distribution, ...] = ()
    routes: tuple[RouteSummary, ...] = ()
    claims: tuple[ClaimRow, ...] = ()
    inputs: tuple[InputRow, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()

    def evidence_index(self) -> dict[str, int]:
        """Footnote number (1-based) of each evidence id."""
        return {item.id: number for number, item in enumerate(self.evidence, start=1)}


__all__ = [
    "Band",
    "ClaimRow",
    "DependencyRow",
    "Distribution",
    "Evidence",
    "InputRow",
    "ReportModel",
    "RouteSummary",
    "Spread",
    "fmt",
    "plain_number",
]
