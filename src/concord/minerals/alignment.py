"""Alignment: the share of world output from a group of countries, and how accessions move it.

``group_output`` is the pure core (a table and a set of ISO3 codes in, output and contributors
out); ``alignment`` resolves the group through the evidence base and applies a scenario's
accessions; ``alignment_shift`` is the frame the scenario runner puts in its minerals section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from concord.errors import InputError
from concord.minerals.groups import DateLike, Group, group, resolve_countries
from concord.minerals.tables import ProductionTable, known_minerals, production_tables, years

if TYPE_CHECKING:
    import pandas as pd


def group_output(table: ProductionTable, countries: Iterable[str]) -> tuple[float, tuple[str, ...]]:
    """Output of ``countries`` in ``table`` and the ones that contribute (named by the source).

    Countries the source does not name contribute nothing here; their output, if any, is inside
    the table's 'other countries' or unattributed remainder.
    """
    wanted = set(countries)
    contributors = tuple(p.entity for p in table.producers if p.entity in wanted)
    return sum(p.value for p in table.producers if p.entity in wanted), contributors


class MineralRow(Protocol):
    """What every per-mineral result row carries: the table it was read from, and its source."""

    @property
    def mineral(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def world(self) -> float: ...
    @property
    def source(self) -> str: ...
    @property
    def source_url(self) -> str: ...


def table_fields(table: ProductionTable) -> dict[str, Any]:
    """The :class:`MineralRow` fields of a row computed from ``table``."""
    return {
        "mineral": table.mineral,
        "year": table.year,
        "unit": table.unit,
        "world": table.world,
        "source": table.world_source,
        "source_url": table.world_source_url,
    }


def row_record(row: MineralRow, **middle: Any) -> dict[str, Any]:
    """A row as a record: mineral, year, unit and world first, then ``middle``, then sources."""
    return {
        "mineral": row.mineral,
        "year": row.year,
        "unit": row.unit,
        "world": row.world,
        **middle,
        "source": row.source,
        "source_url": row.source_url,
    }


@dataclass(frozen=True, slots=True)
class AlignmentRow:
    """One mineral: the group's output and share of world output before and after accessions."""

    mineral: str
    year: int
    unit: str
    world: float
    output_before: float
    share_before: float
    contributors_before: tuple[str, ...]
    output_after: float
    share_after: float
    contributors_after: tuple[str, ...]
    source: str
    source_url: str

    @property
    def delta(self) -> float:
        """Change of the share, as a fraction (multiply by 100 for percentage points)."""
        return self.share_after - self.share_before


def alignment_row(
    table: ProductionTable, before: Iterable[str], after: Iterable[str]
) -> AlignmentRow:
    """Pure: the alignment row of ``table`` for member sets ``before`` and ``after``."""
    out_before, contrib_before = group_output(table, before)
    out_after, contrib_after = group_output(table, after)
    return AlignmentRow(
        **table_fields(table),
        output_before=out_before,
        share_before=out_before / table.world,
        contributors_before=contrib_before,
        output_after=out_after,
        share_after=out_after / table.world,
        contributors_after=contrib_after,
    )


@dataclass(frozen=True, slots=True)
class AlignmentResult:
    """Shares of world output of a group (bloc at a date + extra countries), before/after."""

    group: str
    bloc: str | None
    as_of: dt.date | None
    with_countries: tuple[str, ...]
    members_before: tuple[str, ...]
    accessions: tuple[str, ...]
    members_after: tuple[str, ...]
    rows: tuple[AlignmentRow, ...]

    def to_frame(self) -> pd.DataFrame:
        """Columns: mineral, year, unit, world, group, output_before, share_before, output_after,
        share_after, delta_pp, contributors_before, contributors_after, accessions, source,
        source_url. Shares are fractions; delta_pp is in percentage points."""
        import pandas as pd

        columns = [
            "mineral", "year", "unit", "world", "group", "output_before", "share_before",
            "output_after", "share_after", "delta_pp", "contributors_before",
            "contributors_after", "accessions", "source", "source_url",
        ]  # fmt: skip
        return pd.DataFrame(
            [
                row_record(
                    r,
                    group=self.group,
                    output_before=r.output_before,
                    share_before=r.share_before,
                    output_after=r.output_after,
                    share_after=r.share_after,
                    delta_pp=100 * r.delta,
                    contributors_before=",".join(r.contributors_before),
                    contributors_after=",".join(r.contributors_after),
                    accessions=",".join(self.accessions),
                )
                for r in self.rows
            ],
            columns=columns,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "bloc": self.bloc,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "with": list(self.with_countries),
            "members_before": list(self.members_before),
            "accessions": list(self.accessions),
            "members_after": list(self.members_after),
            "minerals": [
                row_record(
                    r,
                    output_before=r.output_before,
                    share_before_pct=round(100 * r.share_before, 2),
                    contributors_before=list(r.contributors_before),
                    output_after=r.output_after,
                    share_after_pct=round(100 * r.share_after, 2),
                    contributors_after=list(r.contributors_after),
                    delta_pp=round(100 * r.delta, 2),
                )
                for r in self.rows
            ],
        }

    def __str__(self) -> str:
        when = f" at {self.as_of.isoformat()}" if self.as_of else ""
        head = f"share of world output from {self.group}{when}"
        if self.accessions:
            head += f", before/after accession of {', '.join(self.accessions)}"
        lines = [head]
        for r in self.rows:
            line = f"  {r.mineral} {r.year}: {100 * r.share_before:.1f} %"
            if self.accessions:
                line += f" -> {100 * r.share_after:.1f} % ({100 * r.delta:+.1f} pp)"
            lines.append(line)
        return "\n".join(lines)


def _tables_for(minerals: Iterable[str] | None, year: int | None) -> list[ProductionTable]:
    chosen = production_tables(minerals, year=year)
    if not chosen:
        on_record = sorted({y for m in known_minerals() for y in years(m)})
        raise InputError(f"no mineral has a table for {year}; years on record: {on_record}")
    return chosen


def alignment(
    minerals: Iterable[str] | None = None,
    *,
    bloc: str | None = None,
    with_countries: Iterable[str] = (),
    as_of: DateLike = None,
    accessions: Iterable[str] = (),
    year: int | None = None,
    roles: Sequence[str] = ("member",),
) -> AlignmentResult:
    """Share of world output of each mineral from ``bloc`` members at ``as_of`` plus
    ``with_countries``, before and after ``accessions`` join the group.

    Memberships come from the evidence base (``kb.open().members(bloc, as_of, roles)``), so an
    announced but not signed accession (Kazakhstan and the Abraham Accords) is not a member
    unless ``roles`` includes 'announced' or the country is passed in ``accessions``.
    """
    resolved: Group = group(bloc, with_countries=with_countries, as_of=as_of, roles=roles)
    joining = resolve_countries(accessions)
    after = tuple(sorted(set(resolved.members) | set(joining)))
    rows = tuple(
        alignment_row(table, resolved.members, after) for table in _tables_for(minerals, year)
    )
    return AlignmentResult(
        group=resolved.label,
        bloc=resolved.bloc,
        as_of=resolved.as_of,
        with_countries=resolved.extra,
        members_before=resolved.members,
        accessions=joining,
        members_after=after,
        rows=rows,
    )


def alignment_shift(
    minerals: Iterable[str] | None,
    bloc: str | None,
    with_countries: Iterable[str] = (),
    as_of: DateLike = None,
    accessions: Iterable[str] = (),
    *,
    year: int | None = None,
) -> pd.DataFrame:
    """The scenario runner's minerals section: one row per mineral with the share of world output
    from the group before and after the scenario's accessions (see ``AlignmentResult.to_frame``
    for the columns)."""
    return alignment(
        minerals,
        bloc=bloc,
        with_countries=with_countries,
        as_of=as_of,
        accessions=accessions,
        year=year,
    ).to_frame()
