"""Curated production tables: loading, validation, lookup and concentration.

The tables live in ``minerals/data/production.csv`` (one row per mineral, year and producer, every
row with its source) and ``minerals/data/minerals.csv`` (ids, display names, aliases). Two entity
codes are not countries: ``WLD`` is the world total given by the source and ``OTH`` the source's
own "other countries" row. Output that the source counts in the world total but does not give by
country is *unattributed*; it is computed, never typed in.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from concord.errors import DataError, UnknownEntityError
from concord.minerals.concentration import Concentration, concentration

if TYPE_CHECKING:
    import pandas as pd

WORLD = "WLD"
OTHERS = "OTH"
_SPECIAL = frozenset({WORLD, OTHERS})
#: Country rows may exceed the rounded world total by this fraction before the data is refused.
ROUNDING_TOLERANCE = 0.01


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One typed row of ``production.csv``."""

    mineral: str
    year: int
    entity: str
    name: str
    value: float
    unit: str
    basis: str
    source: str
    source_url: str
    note: str


@dataclass(frozen=True, slots=True)
class MineralInfo:
    """One row of ``minerals.csv``: id, display name, aliases and what is measured."""

    mineral: str
    name: str
    aliases: tuple[str, ...]
    description: str


@dataclass(frozen=True, slots=True)
class Producer:
    """A country's output of one mineral in one year and its share of the world total."""

    entity: str
    name: str
    value: float
    share: float
    source: str
    source_url: str
    note: str


@dataclass(frozen=True, slots=True)
class ProductionTable:
    """World output of one mineral in one year, by producer, with sources and concentration."""

    mineral: str
    name: str
    year: int
    unit: str
    basis: str
    world: float
    world_source: str
    world_source_url: str
    world_note: str
    producers: tuple[Producer, ...]
    other: float
    unattributed: float
    years_available: tuple[int, ...]
    concentration: Concentration

    def value_of(self, entity: str) -> float | None:
        """Output of ``entity`` (ISO3), or None when the source does not name it."""
        for producer in self.producers:
            if producer.entity == entity:
                return producer.value
        return None

    @property
    def residual(self) -> float:
        """Output in the world total not given by country: 'other countries' plus unattributed."""
        return self.other + self.unattributed

    def to_frame(self) -> pd.DataFrame:
        """One row per producer plus 'other countries' and 'unattributed' where non-zero.

        Columns: mineral, year, entity, name, value, unit, share, source, source_url, note.
        """
        import pandas as pd

        rows = [
            {
                "mineral": self.mineral,
                "year": self.year,
                "entity": p.entity,
                "name": p.name,
                "value": p.value,
                "unit": self.unit,
                "share": p.share,
                "source": p.source,
                "source_url": p.source_url,
                "note": p.note,
            }
            for p in self.producers
        ]
        for entity, name, value in (
            (OTHERS, "other countries", self.other),
            ("", "unattributed", self.unattributed),
        ):
            if value > 0:
                rows.append(
                    {
                        "mineral": self.mineral,
                        "year": self.year,
                        "entity": entity,
                        "name": name,
                        "value": value,
                        "unit": self.unit,
                        "share": value / self.world,
                        "source": self.world_source if entity else "computed: world minus rows",
                        "source_url": self.world_source_url if entity else "",
                        "note": "",
                    }
                )
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mineral": self.mineral,
            "name": self.name,
            "year": self.year,
            "unit": self.unit,
            "basis": self.basis,
            "world": self.world,
            "source": self.world_source,
            "source_url": self.world_source_url,
            "note": self.world_note,
            "producers": [
                {
                    "entity": p.entity,
                    "name": p.name,
                    "value": p.value,
                    "share_pct": round(100 * p.share, 2),
                    "source": p.source,
                    "source_url": p.source_url,
                    "note": p.note,
                }
                for p in self.producers
            ],
            "other_countries": self.other,
            "unattributed": self.unattributed,
            "concentration": self.concentration.to_dict(),
            "years_available": list(self.years_available),
        }

    def __str__(self) -> str:
        c = self.concentration
        lines = [
            f"{self.name} {self.year}: world {self.world:,.0f} {self.unit} ({self.basis}); "
            f"HHI {c.hhi:,.0f} (up to {c.hhi_max:,.0f}), top-1 {c.top1} {100 * c.top1_share:.1f} %,"
            f" top-3 {100 * c.top3_share:.1f} %",
        ]
        lines += [
            f"  {p.entity} {p.name}: {p.value:,.0f} {self.unit} ({100 * p.share:.1f} %)"
            for p in self.producers
        ]
        lines.append(f"  source: {self.world_source} <{self.world_source_url}>")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# loading and validation


def read_data_csv(filename: str) -> list[dict[str, str]]:
    """Rows of a CSV file in ``minerals/data`` as dicts of strings."""
    path = resources.files("concord.minerals").joinpath("data", filename)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - a broken installation
        raise DataError(f"cannot read packaged minerals data {filename}: {exc}") from exc
    return list(csv.DictReader(io.StringIO(text)))


@cache
def mineral_catalogue() -> tuple[MineralInfo, ...]:
    """The minerals Concord has tables for, in the order of ``minerals.csv``."""
    return tuple(
        MineralInfo(
            mineral=row["mineral"],
            name=row["name"],
            aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
            description=row["description"],
        )
        for row in read_data_csv("minerals.csv")
    )


def _parse_row(row: dict[str, str], line: int, problems: list[str]) -> SourceRow | None:
    where = f"production.csv line {line}"
    missing = [key for key in ("mineral", "entity", "unit", "source", "source_url") if not row[key]]
    if missing:
        problems.append(f"{where}: empty {', '.join(missing)}")
        return None
    try:
        year, value = int(row["year"]), float(row["value"])
    except ValueError:
        problems.append(f"{where}: year {row['year']!r} or value {row['value']!r} is not a number")
        return None
    if not math.isfinite(value) or value < 0:
        problems.append(f"{where}: value {value} must be finite and non-negative")
        return None
    return SourceRow(
        mineral=row["mineral"],
        year=year,
        entity=row["entity"],
        name=row["name"],
        value=value,
        unit=row["unit"],
        basis=row["basis"],
        source=row["source"],
        source_url=row["source_url"],
        note=row["note"],
    )


def _check_groups(rows: Iterable[SourceRow], problems: list[str]) -> None:
    groups: dict[tuple[str, int], list[SourceRow]] = {}
    for row in rows:
        groups.setdefault((row.mineral, row.year), []).append(row)
    for (mineral, year), members in groups.items():
        entities = [row.entity for row in members]
        duplicates = sorted({e for e in entities if entities.count(e) > 1})
        if duplicates:
            problems.append(f"{mineral} {year}: duplicate rows for {', '.join(duplicates)}")
        worlds = [row.value for row in members if row.entity == WORLD]
        if len(worlds) != 1 or worlds[0] <= 0:
            problems.append(f"{mineral} {year}: needs exactly one positive world ({WORLD}) row")
            continue
        named = sum(row.value for row in members if row.entity != WORLD)
        if named > worlds[0] * (1 + ROUNDING_TOLERANCE):
            problems.append(f"{mineral} {year}: rows add up to {named}, above world {worlds[0]}")
        if len({row.unit for row in members}) != 1:
            problems.append(f"{mineral} {year}: rows use more than one unit")


@cache
def source_rows() -> tuple[SourceRow, ...]:
    """All rows of ``production.csv``, validated (every problem listed in one DataError)."""
    known = {info.mineral for info in mineral_catalogue()}
    problems: list[str] = []
    rows: list[SourceRow] = []
    for line, raw in enumerate(read_data_csv("production.csv"), start=2):
        parsed = _parse_row(raw, line, problems)
        if parsed is None:
            continue
        if parsed.mineral not in known:
            problems.append(
                f"production.csv line {line}: mineral {parsed.mineral!r} not in catalogue"
            )
        rows.append(parsed)
    _check_groups(rows, problems)
    if problems:
        raise DataError(
            f"packaged minerals data has {len(problems)} problems: {'; '.join(problems)}"
        )
    return tuple(rows)


# ---------------------------------------------------------------------------------------------
# lookup


def _key(text: str) -> str:
    return "_".join(text.casefold().replace("-", " ").replace("_", " ").split())


def known_minerals() -> tuple[str, ...]:
    """Ids of the minerals that have at least one table."""
    present = {row.mineral for row in source_rows()}
    return tuple(info.mineral for info in mineral_catalogue() if info.mineral in present)


def unknown(kind: str, name: str, known: Iterable[str], label: str) -> UnknownEntityError:
    """An UnknownEntityError whose one-line message lists the known ``label``."""
    listing = ", ".join(known)
    error = UnknownEntityError(kind, name, ())
    error.args = (f"unknown {kind} {name!r}; known {label}: {listing}",)
    return error


def resolve_mineral(name: str) -> str:
    """The mineral id for ``name`` (id, English name or alias, any case); unknown -> exit 2."""
    key = _key(name)
    for info in mineral_catalogue():
        if info.mineral not in known_minerals():
            continue
        if key in {_key(info.mineral), _key(info.name), *(_key(a) for a in info.aliases)}:
            return info.mineral
    raise unknown("mineral", name, known_minerals(), "minerals")


def years(mineral: str) -> tuple[int, ...]:
    """Years with a table for ``mineral`` (an id), ascending."""
    return tuple(sorted({row.year for row in source_rows() if row.mineral == mineral}))


def producer_names() -> dict[str, str]:
    """ISO3 -> name of every country that appears in some table."""
    return {row.entity: row.name for row in source_rows() if row.entity not in _SPECIAL}


def production(mineral: str, *, year: int | None = None) -> ProductionTable:
    """The production table of ``mineral`` for ``year`` (default: the latest year on record)."""
    mineral_id = resolve_mineral(mineral)
    available = years(mineral_id)
    chosen = available[-1] if year is None else year
    if chosen not in available:
        raise unknown(f"year for {mineral_id}", str(year), [str(y) for y in available], "years")
    return _build_table(mineral_id, chosen, available)


@cache
def _build_table(mineral: str, year: int, available: tuple[int, ...]) -> ProductionTable:
    rows = [row for row in source_rows() if row.mineral == mineral and row.year == year]
    world_row = next(row for row in rows if row.entity == WORLD)
    world = world_row.value
    other = sum(row.value for row in rows if row.entity == OTHERS)
    countries = sorted(
        (row for row in rows if row.entity not in _SPECIAL), key=lambda r: (-r.value, r.entity)
    )
    producers = tuple(
        Producer(r.entity, r.name, r.value, r.value / world, r.source, r.source_url, r.note)
        for r in countries
    )
    unattributed = max(0.0, world - other - sum(p.value for p in producers))
    info = next(i for i in mineral_catalogue() if i.mineral == mineral)
    return ProductionTable(
        mineral=mineral,
        name=info.name,
        year=year,
        unit=world_row.unit,
        basis=world_row.basis,
        world=world,
        world_source=world_row.source,
        world_source_url=world_row.source_url,
        world_note=world_row.note,
        producers=producers,
        other=other,
        unattributed=unattributed,
        years_available=available,
        concentration=concentration({p.entity: p.value for p in producers}, world),
    )


def production_tables(
    minerals: Iterable[str] | None = None, *, year: int | None = None
) -> list[ProductionTable]:
    """Production tables for ``minerals`` (default: all known) at ``year`` or each one's latest.

    With a ``year`` and no ``minerals``, only the minerals that have a table for that year are
    returned; a mineral named explicitly must have it (else UnknownEntityError listing its years).
    """
    if minerals is None:
        chosen = [m for m in known_minerals() if year is None or year in years(m)]
    else:
        chosen = list(dict.fromkeys(resolve_mineral(m) for m in minerals))
    return [production(m, year=year) for m in chosen]
