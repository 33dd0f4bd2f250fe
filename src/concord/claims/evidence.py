"""Reference values from the evidence base for one claim: look-ups, derived ranks, named deals.

:class:`FactCache` memoises the look-ups (a long text repeats them); :func:`reference_rows`
collects the rows for a claim: both directions for two-place facts, the rank by area computed
from every country's area, and for deals the deal the sentence names (Boeing, Wabtec, ...).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from concord.claims.extract import Claim

if TYPE_CHECKING:
    from concord.kb import KnowledgeBase

#: Facts between two entities: look them up in both directions.
TWO_PLACE = frozenset(
    {
        "border_length_km",
        "trade_turnover_usd",
        "agreements_signed_count",
        "cumulative_investment_usd",
    }
)
#: Facts with a direction (reporter, partner), and the word that names the reporter's flow:
#: "16% of Kazakhstan's exports" -> (KAZ, CHN); the reporter is the subject named nearest
#: to that word.
DIRECTED = {
    "export_partner_share_pct": re.compile(r"יצוא|ייצוא|\bexport", re.IGNORECASE),
    "import_partner_share_pct": re.compile(r"יבוא|ייבוא|\bimport", re.IGNORECASE),
}
_KB_UNITS = {"sq km": "km2", "count": None, "": None}
#: Words naming an inland sea in a sentence -> the sea's name in the evidence base.
_SEAS = {"caspian": "Caspian", "כספי": "Caspian", "aral": "Aral", "ארל": "Aral"}
#: A deal the evidence base gives as a range: its ends are facts of their own.
_RANGE_ENDS = ("deal_value_low_usd", "deal_value_high_usd")


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference value from the evidence base, with its provenance; ``within`` says
    whether the claim is within tolerance of it, ``deviation`` is (claim - value) / value.
    ``current`` is False for a value the evidence base marks ``outdated`` or ``variant``
    (its ``status``); ``upper`` is the high end when the reference is a range."""

    subject: str
    object: str | None
    value: float
    unit: str | None
    as_of: str | None
    source: str
    source_url: str | None
    note: str | None
    current: bool
    within: bool
    deviation: float | None
    upper: float | None = None
    status: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


class FactCache:
    """Memoises ``base.facts`` calls: a long text repeats the same look-ups."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.base = base
        self.cache: dict[tuple[str | None, str, str | None], list[dict[str, Any]]] = {}
        self.references: dict[tuple[str, tuple[str, ...], str], tuple[Reference, ...]] = {}
        # what reference_rows noticed about the last look-up: notes for the reader, and
        # whether its references can only confirm a claim, not refute it
        self.remarks: list[str] = []
        self.confirm_only = False
        self.noted: dict[tuple[str, tuple[str, ...], str], tuple[tuple[str, ...], bool]] = {}

    def facts(
        self, subject: str | None, predicate: str, obj: str | None = None
    ) -> list[dict[str, Any]]:
        key = (subject, predicate, obj)
        if key not in self.cache:
            frame = self.base.facts(subject, predicate, obj)
            self.cache[key] = [
                {str(k): v for k, v in row.items()} for row in frame.to_dict("records")
            ]
        return self.cache[key]


def reference_rows(base: FactCache, claim: Claim, predicate: str) -> list[dict[str, Any]]:
    """The evidence-base rows with a value for ``predicate`` of the claim's subjects, one per
    (value, source)."""
    if predicate == "deal_value_usd":
        named = _named_deals(base.facts(None, predicate), claim)
        if named is not None:
            return _valued(base, named)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[float, str]] = set()
    for frame in _frames(base, claim, predicate):
        for row in frame:
            if not _finite(row.get("value")):
                continue
            key = (float(row["value"]), str(row.get("source")))
            if key not in seen:
                seen.add(key)
                rows.append(row)
    if predicate == "shoreline_km":  # one row per sea: keep the sea the sentence names
        sentence = claim.sentence.casefold()
        rows = [
            r
            for r in rows
            if any(
                key in sentence and sea in str(r.get("object") or "") for key, sea in _SEAS.items()
            )
        ]
    if predicate == "deal_value_usd" and rows:  # no deal named: any of the subjects' deals
        base.remarks.append("no deal named: compared with every deal of the subjects")
        base.confirm_only = True
    return rows


def _frames(base: FactCache, claim: Claim, predicate: str) -> list[list[dict[str, Any]]]:
    """Row lists: every pair for symmetric two-place facts, the likeliest direction for
    directed ones, the first subject that has any for one-place facts."""
    subjects = list(claim.subjects)
    if predicate in TWO_PLACE:
        pairs = [(a, b) for a in subjects for b in subjects if a != b]
        return [base.facts(a, predicate, b) for a, b in pairs]
    if predicate in DIRECTED:
        for a, b in _reporter_first(claim, DIRECTED[predicate]):
            frame = base.facts(a, predicate, b)
            if frame:
                return [frame]
        return []
    for subject in subjects:
        frame = _area_rank(base, subject) if predicate == "area_rank" else []
        frame = frame or base.facts(subject, predicate)
        if frame:
            return [frame]
    return []


def _reporter_first(claim: Claim, flow: re.Pattern[str]) -> list[tuple[str, str]]:
    """Ordered subject pairs, the likeliest (reporter, partner) first."""
    from concord import kb

    registry = kb.registry()
    sentence = claim.sentence.casefold()
    flows = [m.start() for m in flow.finditer(sentence)]

    def distance(entity: str) -> int:
        spots = [
            i
            for name in registry.names(entity)
            if len(name) > 2 and (i := sentence.find(name.casefold())) >= 0
        ]
        return min((abs(i - f) for i in spots for f in flows), default=len(sentence))

    ranked = sorted(claim.subjects, key=distance)
    return [(a, b) for a in ranked for b in ranked if a != b]


def _valued(base: FactCache, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with a value; a row without one becomes a range when the evidence base holds
    its low and high ends (``deal_value_low_usd``/``deal_value_high_usd`` of the same deal),
    else it is remembered as a gap ("up to", ...)."""
    valued = []
    for row in rows:
        if _finite(row.get("value")):
            valued.append(row)
            continue
        ends = [_range_end(base, row, predicate) for predicate in _RANGE_ENDS]
        low, high = ends
        if low is not None and high is not None and low["value"] <= high["value"]:
            valued.append(low | {"upper": float(high["value"])})
            continue
        gap = f"{row.get('object')}: {row.get('note') or 'no value'}"
        base.remarks.append(f"the reference gives no single value ({gap})")
    return valued


def _range_end(base: FactCache, row: dict[str, Any], predicate: str) -> dict[str, Any] | None:
    """The fact ``predicate`` of the same subject and deal as ``row`` (first one with a value)."""
    for end in base.facts(str(row.get("subject")), predicate):
        if end.get("object") == row.get("object") and _finite(end.get("value")):
            return end
    return None


def _finite(value: Any) -> bool:
    if value is None:
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _area_rank(base: FactCache, subject: str) -> list[dict[str, Any]]:
    """The subject's rank by area, computed from every ``area_sq_km`` fact of the evidence base
    (largest first, one value per entity, Antarctica left out: it is no country)."""
    areas: dict[str, tuple[float, dict[str, Any]]] = {}
    for row in base.facts(None, "area_sq_km"):
        value = row.get("value")
        entity = str(row.get("subject"))
        if entity == "ATA" or value is None or not math.isfinite(float(value)):
            continue
        if entity not in areas:
            areas[entity] = (float(value), row)
    if subject not in areas:
        return []
    own, row = areas[subject]
    rank = 1 + sum(1 for value, _ in areas.values() if value > own)
    return [
        {
            "subject": subject,
            "object": None,
            "value": float(rank),
            "unit": "rank",
            "as_of": row.get("as_of"),
            "source": f"computed: rank by area among {len(areas)} entities of {row.get('source')}",
            "source_url": row.get("source_url"),
            "note": f"{own:,.0f} sq km; dependencies included, Antarctica left out",
        }
    ]


def _named_deals(rows: list[dict[str, Any]], claim: Claim) -> list[dict[str, Any]] | None:
    """The deals the claim names (by a company it mentions, or a word of the deal's name such
    as "Boeing" or "tungsten"); ``None`` when it names none."""
    from concord import kb

    registry = kb.registry()
    names = {n.casefold() for c in claim.companies for n in registry.names(c, "en")}
    lowered = claim.sentence.casefold()
    named = []
    for row in rows:
        deal = str(row.get("object") or "")
        if "total" in deal.casefold():
            continue  # the sum of all deals is named by none of them
        if names:  # the companies the quantity is about decide
            if any(n in deal.casefold() for n in names):
                named.append(row)
            continue
        words = {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", deal)}
        if any(w in lowered for w in words):
            named.append(row)
    return named or None


def to_reference(row: dict[str, Any]) -> Reference:
    """A reference from an evidence-base row (``within`` and ``deviation`` still unset)."""
    unit = _KB_UNITS.get(str(row.get("unit") or ""), _clean(row.get("unit")))
    note = _clean(row.get("note"))
    source = _clean(row.get("source")) or "unknown source"
    status = _clean(row.get("status"))
    upper: Any = row.get("upper")
    return Reference(
        subject=str(row["subject"]),
        object=_clean(row.get("object")),
        value=float(row["value"]),
        unit=unit,
        as_of=_clean(row.get("as_of")),
        source=source,
        source_url=_clean(row.get("source_url")),
        note=note,
        current=status is None,
        within=False,
        deviation=None,
        upper=float(upper) if upper is not None and _finite(upper) else None,
        status=status,
    )
