"""Concentration of world supply: HHI and top-k shares (pure functions, frozen result)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concord.errors import DataError


@dataclass(frozen=True, slots=True)
class Concentration:
    """Concentration of world supply among the countries the source names.

    ``hhi`` is the Herfindahl-Hirschman index in points (shares in percent, 0 to 10,000) over the
    named countries only, so it is a lower bound when part of the output is 'other countries' or
    unattributed; ``hhi_max`` counts that remainder as if it were one producer (an upper bound).
    Shares are fractions of the world total.
    """

    hhi: float
    hhi_max: float
    top1: str
    top1_share: float
    top3: tuple[str, ...]
    top3_share: float
    coverage: float
    n_producers: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "hhi": round(self.hhi, 1),
            "hhi_max": round(self.hhi_max, 1),
            "top1": self.top1,
            "top1_share_pct": round(100 * self.top1_share, 2),
            "top3": list(self.top3),
            "top3_share_pct": round(100 * self.top3_share, 2),
            "coverage_pct": round(100 * self.coverage, 2),
            "n_producers": self.n_producers,
        }


def concentration(values: Mapping[str, float], world: float) -> Concentration:
    """Concentration indices of ``values`` (output by producer) against the ``world`` total.

    Pure function: shares are ``value / world``; whatever ``values`` do not cover counts as one
    block in ``hhi_max`` only.
    """
    if not world > 0:
        raise DataError(f"world total must be positive, got {world}")
    ranked = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    shares = [value / world for _, value in ranked]
    hhi = sum((100 * share) ** 2 for share in shares)
    rest = max(0.0, 1.0 - sum(shares))
    top3 = tuple(entity for entity, _ in ranked[:3])
    return Concentration(
        hhi=hhi,
        hhi_max=hhi + (100 * rest) ** 2,
        top1=ranked[0][0] if ranked else "",
        top1_share=shares[0] if shares else 0.0,
        top3=top3,
        top3_share=sum(shares[:3]),
        coverage=sum(shares),
        n_producers=len(ranked),
    )
