"""Countries and blocs for the minerals questions, resolved through the evidence base (kb).

A *group* is the set of ISO3 codes whose output is counted together: the members of a bloc at a
date (from the kb's dated memberships) plus any extra countries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from concord.errors import InputError, UnknownEntityError
from concord.minerals.tables import producer_names, unknown

DateLike = dt.date | str | None


def parse_date(value: DateLike) -> dt.date | None:
    """``value`` as a date (ISO 'YYYY-MM-DD' strings accepted); None stays None."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"as-of date {value!r} is not an ISO date like 2026-01-01") from None


def resolve_country(name: str) -> str:
    """ISO3 for ``name``: codes and names in the production tables first, then the kb registry.

    Unknown names raise UnknownEntityError (exit 2) whose message lists the countries on record.
    """
    from concord import kb

    key = name.strip()
    on_record = producer_names()
    if key.upper() in on_record:
        return key.upper()
    for iso3, label in on_record.items():
        if label.casefold() == key.casefold():
            return iso3
    try:
        return kb.resolve_country(key)
    except UnknownEntityError:
        listing = [f"{iso3} ({label})" for iso3, label in sorted(on_record.items())]
        raise unknown("country", name, listing, "countries with mineral output on record") from None


def resolve_countries(names: Iterable[str]) -> tuple[str, ...]:
    """ISO3 codes for ``names`` in order, duplicates dropped."""
    return tuple(dict.fromkeys(resolve_country(name) for name in names))


def resolve_bloc(name: str) -> str:
    """The kb id of a bloc ('AA', 'SCO', 'Abraham Accords', 'ШОС', ...); countries are refused."""
    from concord import kb

    entity = kb.resolve(name.strip())
    if kb.registry().kind(entity) == "country":
        raise InputError(f"{name!r} is a country ({entity}), not a bloc; pass it with --with")
    return entity


def bloc_members(
    bloc: str, as_of: DateLike = None, roles: Sequence[str] = ("member",)
) -> tuple[str, ...]:
    """ISO3 members of ``bloc`` at ``as_of`` with one of ``roles``, from the kb, sorted."""
    from concord import kb

    base = kb.open()
    try:
        frame = base.members(resolve_bloc(bloc), as_of=parse_date(as_of), roles=tuple(roles))
    finally:
        base.close()
    return tuple(sorted(set(frame["entity"])))


@dataclass(frozen=True, slots=True)
class Group:
    """A bloc at a date plus extra countries; ``members`` is the union, sorted."""

    bloc: str | None
    as_of: dt.date | None
    extra: tuple[str, ...]
    members: tuple[str, ...]

    @property
    def label(self) -> str:
        parts = ([self.bloc] if self.bloc else []) + list(self.extra)
        return " + ".join(parts) if parts else "(empty)"


def group(
    bloc: str | None = None,
    *,
    with_countries: Iterable[str] = (),
    as_of: DateLike = None,
    roles: Sequence[str] = ("member",),
) -> Group:
    """Resolve a bloc (optional) and extra countries into a :class:`Group`."""
    extra = resolve_countries(with_countries)
    if bloc is None and not extra:
        raise InputError("name a bloc, one or more countries, or both")
    bloc_id = resolve_bloc(bloc) if bloc is not None else None
    date = parse_date(as_of)
    members = bloc_members(bloc_id, date, roles) if bloc_id is not None else ()
    return Group(bloc_id, date, extra, tuple(sorted(set(members) | set(extra))))
