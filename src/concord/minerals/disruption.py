"""Disruption: the share of world supply lost if a country or a bloc stops exporting.

The measure is the group's share of world *mine output*: it assumes that everything the group
mines leaves the world market, so it is an upper bound on the export loss (the tables hold
production, not exports, and domestic use is not netted out). When some members are not named by
the source, their output (if any) hides in 'other countries' or the unattributed remainder;
``max_share_lost`` adds that remainder as the worst case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from concord.errors import InputError
from concord.minerals.alignment import group_output, row_record, table_fields
from concord.minerals.groups import DateLike, group
from concord.minerals.tables import ProductionTable, production_tables

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class DisruptionRow:
    """One mineral: output lost, its share of world output, and the worst case."""

    mineral: str
    year: int
    unit: str
    world: float
    lost: float
    share_lost: float
    max_share_lost: float
    reported: tuple[str, ...]
    not_reported: tuple[str, ...]
    source: str
    source_url: str


def disruption_row(table: ProductionTable, members: Iterable[str]) -> DisruptionRow:
    """Pure: what ``members`` stopping exports removes from ``table``'s world supply."""
    wanted = tuple(sorted(set(members)))
    lost, reported = group_output(table, wanted)
    missing = tuple(m for m in wanted if m not in reported)
    hidden = table.residual if missing else 0.0
    return DisruptionRow(
        **table_fields(table),
        lost=lost,
        share_lost=lost / table.world,
        max_share_lost=(lost + hidden) / table.world,
        reported=reported,
        not_reported=missing,
    )


@dataclass(frozen=True, slots=True)
class DisruptionResult:
    """Per mineral, the share of world supply lost if ``group`` stops exporting."""

    group: str
    as_of: dt.date | None
    members: tuple[str, ...]
    rows: tuple[DisruptionRow, ...]

    def to_frame(self) -> pd.DataFrame:
        """Columns: mineral, year, unit, world, group, lost, share_lost, max_share_lost,
        reported, not_reported, source, source_url (shares are fractions)."""
        import pandas as pd

        return pd.DataFrame(
            [
                row_record(
                    r,
                    group=self.group,
                    lost=r.lost,
                    share_lost=r.share_lost,
                    max_share_lost=r.max_share_lost,
                    reported=",".join(r.reported),
                    not_reported=",".join(r.not_reported),
                )
                for r in self.rows
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "members": list(self.members),
            "measure": "share of world mine output (upper bound on exports lost)",
            "minerals": [
                row_record(
                    r,
                    lost=r.lost,
                    share_lost_pct=round(100 * r.share_lost, 2),
                    max_share_lost_pct=round(100 * r.max_share_lost, 2),
                    reported=list(r.reported),
                    not_reported=list(r.not_reported),
                )
                for r in self.rows
            ],
        }

    def __str__(self) -> str:
        lines = [f"world supply lost if {self.group} stops exporting (share of mine output)"]
        for r in self.rows:
            worst = (
                f" (up to {100 * r.max_share_lost:.1f} %)"
                if r.max_share_lost > r.share_lost
                else ""
            )
            lines.append(f"  {r.mineral} {r.year}: {100 * r.share_lost:.1f} %{worst}")
        return "\n".join(lines)


def disruption(
    country: str | None = None,
    *,
    bloc: str | None = None,
    as_of: DateLike = None,
    minerals: Iterable[str] | None = None,
    year: int | None = None,
    roles: Sequence[str] = ("member",),
) -> DisruptionResult:
    """Share of world supply of each mineral lost if ``country`` (or ``bloc``'s members at
    ``as_of``, or both) stop exporting."""
    if country is None and bloc is None:
        raise InputError("name a country (--country) or a bloc (--bloc)")
    resolved = group(bloc, with_countries=[country] if country else [], as_of=as_of, roles=roles)
    rows = tuple(
        disruption_row(t, resolved.members) for t in production_tables(minerals, year=year)
    )
    return DisruptionResult(resolved.label, resolved.as_of, resolved.members, tuple(rows))
