"""Deals: investment and purchase agreements from the evidence base, summed by sector and partner.

The deal values are kb facts (predicate ``deal_value_usd``; subject the country, object the deal's
text, e.g. the US-Kazakhstan agreements of November 2025). The sector and the partner of each
deal come from ``minerals/data/deal_sectors.csv``: a keyword found in the deal's text gives its
sector, partner company and partner country. A row whose keyword marks a headline total (all
agreements together) is reported beside the itemised sum and never added to it. Deals without a
value (a range in the source, say) are counted and listed, not summed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from concord.minerals.groups import resolve_country
from concord.minerals.tables import read_data_csv

if TYPE_CHECKING:
    import pandas as pd

PREDICATE = "deal_value_usd"


@dataclass(frozen=True, slots=True)
class DealClass:
    """One row of ``deal_sectors.csv``."""

    keyword: str
    kind: str
    sector: str
    partner: str
    partner_country: str
    note: str


@cache
def deal_classes() -> tuple[DealClass, ...]:
    """Keyword rules, first match wins (headline totals come first in the file)."""
    return tuple(
        DealClass(
            keyword=row["keyword"].casefold(),
            kind=row["kind"],
            sector=row["sector"],
            partner=row["partner"],
            partner_country=row["partner_country"],
            note=row["note"],
        )
        for row in read_data_csv("deal_sectors.csv")
    )


def classify(text: str) -> DealClass:
    """The rule whose keyword occurs in ``text``; unmatched deals are 'unclassified'."""
    folded = text.casefold()
    for rule in deal_classes():
        if rule.keyword in folded:
            return rule
    return DealClass("", "item", "unclassified", text, "", "no rule in deal_sectors.csv")


@dataclass(frozen=True, slots=True)
class Deal:
    """One deal fact with its classification; ``value_usd`` is None when the source gives none."""

    country: str
    deal: str
    value_usd: float | None
    kind: str
    sector: str
    partner: str
    partner_country: str
    as_of: str
    sources: tuple[str, ...]
    source_urls: tuple[str, ...]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "deal": self.deal,
            "value_usd": self.value_usd,
            "sector": self.sector,
            "partner": self.partner,
            "partner_country": self.partner_country,
            "as_of": self.as_of,
            "sources": list(self.sources),
            "source_urls": list(self.source_urls),
            "note": self.note,
        }


def _value(raw: object) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def deals_from_facts(country: str, facts: pd.DataFrame) -> tuple[Deal, ...]:
    """Pure: one :class:`Deal` per distinct deal text in ``facts`` (kb facts columns).

    Rows that repeat a deal with another source are merged; the first value given wins.
    """
    merged: dict[str, dict[str, Any]] = {}
    for fact in facts.to_dict("records"):
        text = str(fact["object"])
        entry = merged.setdefault(
            text, {"value": None, "as_of": str(fact.get("as_of") or ""), "sources": {}, "notes": []}
        )
        if entry["value"] is None:
            entry["value"] = _value(fact.get("value"))
        entry["sources"].setdefault(
            str(fact.get("source") or ""), str(fact.get("source_url") or "")
        )
        for key in ("note", "quote"):
            extra = fact.get(key)
            if isinstance(extra, str) and extra and extra not in entry["notes"]:
                entry["notes"].append(extra)
    deals = []
    for text, entry in merged.items():
        rule = classify(text)
        deals.append(
            Deal(
                country=country,
                deal=text,
                value_usd=entry["value"],
                kind=rule.kind,
                sector=rule.sector,
                partner=rule.partner,
                partner_country=rule.partner_country,
                as_of=entry["as_of"],
                sources=tuple(entry["sources"]),
                source_urls=tuple(entry["sources"].values()),
                note="; ".join([*entry["notes"], rule.note] if rule.note else entry["notes"]),
            )
        )
    return tuple(deals)


@dataclass(frozen=True, slots=True)
class DealsResult:
    """A country's deals: itemised deals, headline totals, sums by sector and by partner."""

    country: str
    items: tuple[Deal, ...]
    headlines: tuple[Deal, ...]

    @property
    def valued_total(self) -> float:
        return sum(d.value_usd for d in self.items if d.value_usd is not None)

    @property
    def unvalued(self) -> tuple[Deal, ...]:
        return tuple(d for d in self.items if d.value_usd is None)

    def _summary(self, keys: list[str]) -> pd.DataFrame:
        import pandas as pd

        frame = pd.DataFrame(
            [
                {**{k: getattr(d, k) for k in keys}, "value_usd": d.value_usd or 0.0,
                 "valued": d.value_usd is not None}
                for d in self.items
            ],
            columns=[*keys, "value_usd", "valued"],
        )  # fmt: skip
        grouped = frame.groupby(keys, sort=False).agg(
            deals=("valued", "size"), valued_deals=("valued", "sum"), value_usd=("value_usd", "sum")
        )
        return grouped.reset_index().sort_values("value_usd", ascending=False, ignore_index=True)

    def by_sector(self) -> pd.DataFrame:
        """Columns: sector, deals, valued_deals, value_usd (sum of the valued deals)."""
        return self._summary(["sector"])

    def by_partner(self) -> pd.DataFrame:
        """Columns: partner, partner_country, deals, valued_deals, value_usd."""
        return self._summary(["partner", "partner_country"])

    def to_frame(self) -> pd.DataFrame:
        """One row per deal (items and headline totals); see :meth:`Deal.to_dict` for columns."""
        import pandas as pd

        return pd.DataFrame(
            [{"country": self.country, "kind": d.kind, **d.to_dict()} for d in self.deals]
        )

    @property
    def deals(self) -> tuple[Deal, ...]:
        return self.items + self.headlines

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "valued_total_usd": self.valued_total,
            "unvalued_deals": [d.deal for d in self.unvalued],
            "headline_totals": [d.to_dict() for d in self.headlines],
            "by_sector": self.by_sector().to_dict("records"),
            "by_partner": self.by_partner().to_dict("records"),
            "deals": [d.to_dict() for d in self.items],
        }

    def __str__(self) -> str:
        lines = [
            f"{self.country}: {len(self.items)} itemised deals, valued ones sum to "
            f"USD {self.valued_total / 1e9:,.2f} bn ({len(self.unvalued)} without a value)"
        ]
        lines += [
            f"  headline: {d.deal}: USD {(d.value_usd or 0) / 1e9:,.2f} bn" for d in self.headlines
        ]
        return "\n".join(lines)


def deals(country: str, *, partner_country: str | None = None) -> DealsResult:
    """Deal facts of ``country`` from the evidence base, classified and summed.

    ``partner_country`` (a name or ISO3) keeps only the deals with that partner country.
    """
    from concord import kb

    iso3 = resolve_country(country)
    base = kb.open()
    try:
        facts = base.facts(subject=iso3, predicate=PREDICATE)
    finally:
        base.close()
    found = deals_from_facts(iso3, facts)
    if partner_country is not None:
        wanted = resolve_country(partner_country)
        found = tuple(d for d in found if d.partner_country == wanted)
    return DealsResult(
        country=iso3,
        items=tuple(d for d in found if d.kind != "total"),
        headlines=tuple(d for d in found if d.kind == "total"),
    )
