"""Cross-checking claims against the evidence base.

For each claim with subjects and a predicate, every reference value the evidence base holds
for that fact is collected (both directions for two-place facts such as borders and trade), each
with its source and date. The verdict:

* **consistent**: the claim is within tolerance of at least one current reference value;
* **discrepant**: there are current reference values for the claim's period and the claim is
  outside all of them; a match with a reference the evidence base marks as outdated or as a
  variant (the fact's ``status``) is reported in the notes but does not make the claim
  consistent;
* **unverifiable**: no predicate, no subject, no reference, another currency, or (for figures
  that change from year to year) no reference for the year the claim is about.

Tolerance: 2 % for a plain figure, widened to the rounding the figure itself shows (``40`` is
read as 35-45, capped at 5 %); 10 % (cap 15 %) for "about"; one-sided bounds for "more than",
"at least", "less than", "up to" and "almost"; ranges cover their span; ranks are exact. A
reference that is a range (a deal of USD 3-5 bn) matches a claim that overlaps it.

Reference values come from :mod:`concord.claims.evidence`; each carries its source, date,
whether the claim is within tolerance of it, and the claim's relative deviation from it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from concord.claims.evidence import FactCache, Reference, reference_rows, to_reference
from concord.claims.extract import Claim, Claims, extract_claims

if TYPE_CHECKING:
    import pandas as pd

    from concord.kb import KnowledgeBase

Verdict = Literal["consistent", "discrepant", "unverifiable"]

#: Claim predicate -> evidence-base predicate, when the names differ.
KB_PREDICATE = {"investment_usd": "cumulative_investment_usd"}
#: Facts that do not change from year to year (the as_of date is the source's, not the fact's).
TIMELESS = frozenset(
    {
        "border_length_km",
        "area_sq_km",
        "coastline_km",
        "shoreline_km",
        "land_boundary_total_km",
        "area_rank",
    }
)
_BASE, _ABOUT = 0.02, 0.10
_CAP_EXACT, _CAP_ABOUT = 0.05, 0.15


@dataclass(frozen=True, slots=True)
class Check:
    """A claim, its verdict, the references behind it and the notes that explain it."""

    claim: Claim
    verdict: Verdict
    references: tuple[Reference, ...]
    tolerance: float
    deviation: float | None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the claim nested)."""
        return {
            "claim": self.claim.to_dict(),
            "verdict": self.verdict,
            "tolerance": self.tolerance,
            "deviation": self.deviation,
            "references": [r.to_dict() for r in self.references],
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The checks of one text, in text order."""

    checks: tuple[Check, ...]

    def __len__(self) -> int:
        return len(self.checks)

    def __iter__(self) -> Iterator[Check]:
        return iter(self.checks)

    def counts(self) -> dict[str, int]:
        """How many claims got each verdict."""
        result = {"consistent": 0, "discrepant": 0, "unverifiable": 0}
        for c in self.checks:
            result[c.verdict] += 1
        return result

    def to_frame(self) -> pd.DataFrame:
        """One row per claim: the claim's columns, verdict, deviation, references as text."""
        import pandas as pd

        rows = []
        for c in self.checks:
            row = c.claim.to_dict() | {"subjects": ",".join(c.claim.subjects)}
            row |= {
                "verdict": c.verdict,
                "deviation": c.deviation,
                "tolerance": c.tolerance,
                "references": "; ".join(describe(r) for r in c.references),
                "notes": "; ".join(c.notes),
            }
            rows.append(row)
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: counts and every check."""
        return {"counts": self.counts(), "checks": [c.to_dict() for c in self.checks]}

    def __str__(self) -> str:
        counts = ", ".join(f"{n} {v}" for v, n in self.counts().items())
        lines = [f"{len(self.checks)} claims: {counts}"]
        for c in self.checks:
            lines.append(f"  {c.verdict:<12} {c.claim.text}  [{c.claim.predicate or '-'}]")
        return "\n".join(lines)


def describe(reference: Reference) -> str:
    """'1,765 km (CIA World Factbook ..., 2026-01-22)'."""
    unit = f" {reference.unit}" if reference.unit else ""
    date = f", {reference.as_of}" if reference.as_of else ""
    flag = f", {reference.status}" if reference.status else ""
    value = format_value(reference.value)
    if reference.upper is not None:
        value = f"{value}-{format_value(reference.upper)}"
    return f"{value}{unit} ({reference.source}{date}{flag})"


def format_value(value: float) -> str:
    """Thousands separators, at most 2 decimals, no trailing zeros; 'bn' and 'm' for
    billions and millions: 1,460 / 1,782.75 / 236 m / 17.2 bn."""
    for scale, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m")):
        if abs(value) >= scale:
            return f"{value / scale:,.3f}".rstrip("0").rstrip(".") + suffix
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def tolerance(claim: Claim) -> float:
    """Relative tolerance of ``claim`` (see the module docs)."""
    if claim.unit == "rank":
        return 0.0  # the ninth is not the tenth
    rounding = _rounding(claim.value)
    if claim.hedge == "about":
        return min(max(_ABOUT, rounding), _CAP_ABOUT)
    if claim.hedge == "almost":
        return _ABOUT
    return min(max(_BASE, rounding), _CAP_EXACT)


def _rounding(value: float) -> float:
    """Half a unit of the last significant digit, relative to the value (40 -> 5/40)."""
    if value <= 0 or not math.isfinite(value):
        return 0.0
    mantissa = f"{value:.12g}"
    if "e" in mantissa:
        return 0.0
    if "." in mantissa:
        decimals = len(mantissa.split(".")[1])
        return 0.5 * 10.0**-decimals / value
    digits = mantissa.rstrip("0")
    zeros = len(mantissa) - len(digits)
    return 0.5 * 10.0**zeros / value


def _within(claim: Claim, value: float, tol: float) -> bool:
    low = claim.value
    high = claim.upper if claim.upper is not None else claim.value
    hedge = claim.hedge
    if hedge in ("more_than", "at_least"):
        return value >= low * (1 - _BASE)
    if hedge in ("less_than", "up_to"):
        return value <= high * (1 + _BASE)
    if hedge == "almost":
        return low * (1 - tol) <= value <= high * (1 + _BASE)
    return low * (1 - tol) <= value <= high * (1 + tol)


def _within_range(claim: Claim, low: float, high: float, tol: float) -> bool:
    """Whether the claim overlaps the reference range ``[low, high]`` (within tolerance)."""
    claim_low = claim.value
    claim_high = claim.upper if claim.upper is not None else claim.value
    if claim.hedge in ("more_than", "at_least"):
        return high >= claim_low * (1 - _BASE)
    if claim.hedge in ("less_than", "up_to"):
        return low <= claim_high * (1 + _BASE)
    return claim_low * (1 - tol) <= high and low <= claim_high * (1 + tol)


def _matches(claim: Claim, reference: Reference, tol: float) -> bool:
    if reference.unit != claim.unit:
        return False
    if reference.upper is not None:
        return _within_range(claim, reference.value, reference.upper, tol)
    return _within(claim, reference.value, tol)


def _relative(claim: Claim, reference: Reference) -> float | None:
    """(claim - reference) / reference; for a range, to its nearer end (0 inside it)."""
    target = reference.value
    if reference.upper is not None:
        target = min(max(claim.value, reference.value), reference.upper)
    return (claim.value - target) / target if target else None


def _year_of(as_of: str | None) -> int | None:
    if not as_of:
        return None
    m = re.match(r"(\d{4})", as_of)
    return int(m.group(1)) if m else None


def check_claim(claim: Claim, base: KnowledgeBase | FactCache) -> Check:
    """Judge one claim against ``base`` (see the module docs)."""
    facts = base if isinstance(base, FactCache) else FactCache(base)
    tol = tolerance(claim)
    if claim.predicate is None:
        return Check(claim, "unverifiable", (), tol, None, ("no predicate recognised",))
    predicate = KB_PREDICATE.get(claim.predicate, claim.predicate)
    if not claim.subjects and not (predicate == "deal_value_usd" and claim.companies):
        return Check(claim, "unverifiable", (), tol, None, ("no subject recognised",))
    deal_text = claim.sentence if predicate == "deal_value_usd" else ""
    deal_text += "|" + ",".join(claim.companies) if deal_text else ""
    key = (predicate, claim.subjects, deal_text)
    if key not in facts.references:
        facts.remarks, facts.confirm_only = [], False
        rows = reference_rows(facts, claim, predicate)
        facts.references[key] = tuple(to_reference(row) for row in rows)
        facts.noted[key] = (tuple(facts.remarks), facts.confirm_only)
    templates = facts.references[key]
    remarks, confirm_only = facts.noted[key]
    if not templates:
        note = f"no reference for {predicate} of {'/'.join(claim.subjects or claim.companies)}"
        return Check(claim, "unverifiable", (), tol, None, (note, *remarks))
    references = tuple(
        replace(
            r,
            within=_matches(claim, r, tol),
            deviation=_relative(claim, r),
        )
        for r in templates
    )
    check = _judge(claim, predicate, references, tol)
    if remarks:
        check = replace(check, notes=(*check.notes, *remarks))
    if confirm_only and check.verdict == "discrepant":
        check = replace(check, verdict="unverifiable")
    return check


def _judge(claim: Claim, predicate: str, references: tuple[Reference, ...], tol: float) -> Check:
    notes: list[str] = []
    comparable = [r for r in references if r.unit == claim.unit]
    if not comparable:
        units = ", ".join(sorted({str(r.unit) for r in references}))
        notes.append(f"references are in {units}, the claim in {claim.unit}; no conversion")
        return Check(claim, "unverifiable", references, tol, None, tuple(notes))
    current = [r for r in comparable if r.current]
    for r in comparable:
        if not r.current and r.within:
            notes.append(f"matches an {r.status or 'outdated'} figure: {describe(r)}")
    pool = current
    if predicate not in TIMELESS:
        if claim.year is None:
            years = sorted({r.as_of or "undated" for r in current})
            notes.append(f"the claim gives no year; references are for {', '.join(years)}")
        else:
            pool = [r for r in current if _year_of(r.as_of) == claim.year]
            others = [r for r in current if _year_of(r.as_of) != claim.year]
            if not pool:
                listed = ", ".join(describe(r) for r in others) or "none"
                notes.append(
                    f"no reference for {claim.year}; the references are for another year "
                    f"or state none: {listed}"
                )
            if pool and not any(r.within for r in pool) and any(r.within for r in others):
                notes.append("a reference for another year matches: is the year right?")
    deviation = _deviation(claim, pool or current)
    if not pool:
        return Check(claim, "unverifiable", references, tol, deviation, tuple(notes))
    verdict: Verdict = "consistent" if any(r.within for r in pool) else "discrepant"
    return Check(claim, verdict, references, tol, deviation, tuple(notes))


def _deviation(claim: Claim, pool: list[Reference]) -> float | None:
    """Relative difference to the closest reference value (signed: claim above is positive)."""
    if not pool:
        return None
    closest = min(pool, key=lambda r: abs(_relative(claim, r) or 0.0) if r.value else math.inf)
    return _relative(claim, closest)


def check_claims(
    claims: Claims | Iterable[Claim], base: KnowledgeBase | None = None
) -> CheckReport:
    """Check every claim against the evidence base (``kb.open()`` when ``base`` is None)."""
    if base is None:
        from concord import kb

        with kb.open() as opened:
            cached = FactCache(opened)
            return CheckReport(tuple(check_claim(c, cached) for c in claims))
    cached = FactCache(base)
    return CheckReport(tuple(check_claim(c, cached) for c in claims))


def check_text(
    text: str, *, default_subject: str | None = None, base: KnowledgeBase | None = None
) -> CheckReport:
    """Extract the claims of ``text`` and check them (see :func:`extract_claims`)."""
    return check_claims(extract_claims(text, default_subject=default_subject), base)
