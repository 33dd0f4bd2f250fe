"""Curated bilateral turnovers as observed anchors of the embedded Factbook baseline.

The Factbook lists only each country's top five partners, so most pairs are imputed by gravity.
Where it says nothing about a pair (neither direction is an observed cell) but the evidence base
holds a sourced bilateral turnover (predicate ``trade_turnover_usd``: exports plus imports of the
pair, in USD), the turnover anchors the pair. The documented rules:

1. **Which facts.** Facts in USD whose period is known from ``as_of``: ``'YYYY'`` is a calendar
   year (12 months); ``'YYYY-MM'`` is January to that month of that year (the cumulative
   figure ministries report, e.g. "Jan-Nov 2025" is ``'2025-11'``). Facts without a period
   (no ``as_of``, or a single day) are not used and are listed in the notes.
2. **One fact per pair** (either order of subject and object): the one whose year is closest to
   the baseline year, then the one covering more months.
3. **Annualised:** ``annual = value x 12 / months``; the year is kept as it is (no deflation);
   a year other than the baseline year is noted.
4. **Split between directions** by the gravity imputation's own direction split: the share of
   ``i -> j`` in ``(i -> j) + (j -> i)`` of the first RAS pass (the prior balanced to the
   country totals, i.e. structural gravity with exporter and importer effects), so the anchor
   fixes the pair's level and gravity only its direction.
5. The two cells become fixed (flag ``observed_curated``) and a second RAS pass balances the
   remaining imputed cells to the same country totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

PREDICATE = "trade_turnover_usd"
ANCHOR_COLUMNS = (
    "exporter",
    "importer",
    "value_usd",
    "imputed_usd",
    "direction_share",
    "fact_value_usd",
    "fact_as_of",
    "period_months",
    "annual_usd",
    "year_gap",
    "scaled",
    "source",
    "source_url",
    "quote",
    "note",
)
_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
Array = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Turnover:
    """One usable turnover fact: the unordered pair, its value and its period."""

    a: str
    b: str
    value_usd: float
    as_of: str
    year: int
    months: int
    source: str
    source_url: str
    quote: str
    note: str

    @property
    def annual_usd(self) -> float:
        return self.value_usd * 12.0 / self.months


def period(as_of: Any) -> tuple[int, int] | None:
    """(year, months covered from January) of an ``as_of`` text, or None when not stated."""
    text = _text(as_of)
    if found := _YEAR.match(text):
        return int(found.group(1)), 12
    if found := _YEAR_MONTH.match(text):
        month = int(found.group(2))
        return (int(found.group(1)), month) if 1 <= month <= 12 else None
    return None


def select_turnovers(
    facts: pd.DataFrame, countries: set[str], year: int
) -> tuple[list[Turnover], list[str]]:
    """One usable turnover per pair of ``countries`` (rules 1-2), and notes on facts left out."""
    candidates: dict[frozenset[str], list[Turnover]] = {}
    notes: list[str] = []
    for rec in facts.to_dict(orient="records"):
        a, b = _text(rec.get("subject")), _text(rec.get("object"))
        if a not in countries or b not in countries or a == b:
            continue
        value, when = _number(rec.get("value")), period(rec.get("as_of"))
        label = f"{a}-{b} turnover {_usd(value)} ({_text(rec.get('source'))})"
        if value is None or value <= 0 or _text(rec.get("unit")).upper() != "USD":
            notes.append(f"{label} not used as an anchor: no positive USD value")
            continue
        if when is None:
            why = _text(rec.get("note")) or f"as_of {_text(rec.get('as_of')) or 'missing'}"
            notes.append(f"{label} not used as an anchor: period unknown ({why})")
            continue
        candidates.setdefault(frozenset((a, b)), []).append(
            Turnover(
                a=a,
                b=b,
                value_usd=value,
                as_of=_text(rec.get("as_of")),
                year=when[0],
                months=when[1],
                source=_text(rec.get("source")),
                source_url=_text(rec.get("source_url")),
                quote=_text(rec.get("quote")),
                note=_text(rec.get("note")),
            )
        )
    chosen = []
    for options in candidates.values():
        best = min(options, key=lambda t: (abs(t.year - year), -t.months, -t.year))
        chosen.append(best)
        for other in options:
            if other is not best:
                notes.append(
                    f"{other.a}-{other.b} turnover {_usd(other.value_usd)} ({other.as_of}, "
                    f"{other.source}) not used: {best.as_of} is closer to {year}"
                )
    return sorted(chosen, key=lambda t: (t.a, t.b)), notes


def apply_turnovers(
    turnovers: list[Turnover],
    countries: tuple[str, ...],
    first_pass: Array,
    flags: npt.NDArray[np.int8],
    year: int,
) -> tuple[dict[tuple[int, int], float], pd.DataFrame, list[str]]:
    """Anchored cell values (rules 3-4), one record per anchored cell, and notes.

    ``first_pass`` is the balanced matrix before anchoring; ``flags`` the Factbook flags (a pair
    with any observed direction is left to the Factbook and noted).
    """
    index = {c: k for k, c in enumerate(countries)}
    cells: dict[tuple[int, int], float] = {}
    records: list[dict[str, Any]] = []
    notes: list[str] = []
    for t in turnovers:
        i, j = index[t.a], index[t.b]
        if flags[i, j] or flags[j, i]:
            notes.append(
                f"{t.a}-{t.b} turnover {_usd(t.value_usd)} ({t.source}) not used: the "
                "Factbook's partner shares already report this pair"
            )
            continue
        both = first_pass[i, j] + first_pass[j, i]
        share = float(first_pass[i, j] / both) if both > 0 else 0.5
        for (r, c), part in (((i, j), share), ((j, i), 1.0 - share)):
            cells[(r, c)] = t.annual_usd * part
            records.append(_record(t, countries[r], countries[c], cells[(r, c)], first_pass[r, c]))
            records[-1]["direction_share"] = part
            records[-1]["year_gap"] = t.year - year
        notes.append(_anchor_note(t, share, year))
    frame = pd.DataFrame(records, columns=list(ANCHOR_COLUMNS))
    return cells, frame, notes


def _record(
    t: Turnover, exporter: str, importer: str, value: float, imputed: float
) -> dict[str, Any]:
    return {
        "exporter": exporter,
        "importer": importer,
        "value_usd": value,
        "imputed_usd": float(imputed),
        "fact_value_usd": t.value_usd,
        "fact_as_of": t.as_of,
        "period_months": t.months,
        "annual_usd": t.annual_usd,
        "scaled": False,
        "source": t.source,
        "source_url": t.source_url,
        "quote": t.quote,
        "note": t.note,
    }


def _anchor_note(t: Turnover, share: float, year: int) -> str:
    span = f"calendar {t.year}" if t.months == 12 else f"Jan-{_MONTHS[t.months - 1]} {t.year}"
    text = (
        f"{t.a}-{t.b} baseline trade anchored to a curated turnover of {_usd(t.value_usd)} "
        f"({span}; {t.source})"
    )
    if t.months != 12:
        text += f", annualised x12/{t.months} to {_usd(t.annual_usd)}"
    text += f", split {share * 100:.0f}/{(1 - share) * 100:.0f} ({t.a}->{t.b}/{t.b}->{t.a}) by "
    text += "the gravity imputation's direction split"
    if t.year != year:
        text += (
            f"; the figure is for {t.year}, the baseline year is {year} (used as it is, "
            "not deflated or projected)"
        )
    return text


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _usd(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"${value / 1e9:.2f} bn" if value >= 1e9 else f"${value / 1e6:.1f} m"


def _number(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if np.isfinite(out) else None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    return str(value).strip()
