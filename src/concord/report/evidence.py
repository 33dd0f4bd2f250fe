"""Evidence records of a scenario result, numbered, and the ids that back each kind of number.

Every record with a source gets an id (``e1``, ``e2``, ...; a repeated record keeps its first
id). Records are sorted into what they support by their ``input`` label, as the scenario layer
writes them: the accord effect and sigma back every change; "XXX exports/imports/GDP (...)" a
country's numbers; "baseline trade A->B" one pair; "XXX in BLOC (role)" a membership; the
Factbook's partner shares the dependency rows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from concord.report.model import Evidence, plain_number

_EFFECT = re.compile(r"\beffect\b", re.IGNORECASE)
_BASELINE_INPUT = re.compile(r"^([A-Z]{2,3}) (exports|imports|GDP) \(")
_PAIR_FLOW = re.compile(r"^baseline trade ([A-Z]{2,3})->([A-Z]{2,3})$")
_MEMBERSHIP = re.compile(r"^([A-Z]{2,3}) in (\S+) \(")


def number(value: Any) -> float | None:
    """``value`` as a finite float, or None (booleans, text, NaN and infinities)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        found = float(value)
    except (TypeError, ValueError):
        return None
    return found if math.isfinite(found) else None


class EvidenceIndex:
    """Evidence records with ids, and the ids that back each kind of number."""

    def __init__(self, records: Sequence[Mapping[str, Any]]) -> None:
        self.items: list[Evidence] = []
        self.general: list[str] = []
        self.country: dict[str, list[str]] = {}
        self.pair: dict[tuple[str, str], list[str]] = {}
        self.membership: dict[str, list[str]] = {}
        self.partner_shares: list[str] = []
        self._seen: dict[tuple[str, str, str], str] = {}
        for record in records:
            self.add(record)

    def add(self, record: Mapping[str, Any]) -> str | None:
        source = str(record.get("source") or "").strip()
        if not source:
            return None
        label = str(record.get("input") or record.get("label") or "input")
        value = number(record.get("value"))
        unit = str(record.get("unit") or "")
        shown = f"{label} = {plain_number(value)} {unit}".strip() if value is not None else label
        key = (shown, source, str(record.get("as_of") or ""))
        if key in self._seen:
            return self._seen[key]
        ident = f"e{len(self.items) + 1}"
        self._seen[key] = ident
        self.items.append(
            Evidence(
                id=ident,
                label=shown,
                source=source,
                date=str(record.get("as_of") or ""),
                url=str(record.get("source_url") or ""),
                quote=str(record.get("quote") or record.get("note") or ""),
            )
        )
        if _EFFECT.search(label) or label.startswith("elasticity"):
            self.general.append(ident)
        elif match := _BASELINE_INPUT.match(label):
            self.country.setdefault(match.group(1), []).append(ident)
        elif match := _PAIR_FLOW.match(label):
            self.pair.setdefault((match.group(1), match.group(2)), []).append(ident)
        elif match := _MEMBERSHIP.match(label):
            self.membership.setdefault(match.group(1), []).append(ident)
        elif "partner shares" in label:
            self.partner_shares.append(ident)
        return ident


__all__ = ["EvidenceIndex", "number"]
