"""The evidence-base side of scenario validation: names to ids, and when a bloc began."""

from __future__ import annotations

import datetime as dt
from typing import Any

from concord.errors import UnknownEntityError


def parse_partial_date(value: Any) -> dt.date | None:
    """``'2020-09-15'``, ``'2019-10'``, ``'2009'`` or a date -> the first day it can mean."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text.lower() in ("nan", "nat", "none"):
        return None
    parts = text[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1, 1]
        return dt.date(
            numbers[0], numbers[1] if len(parts) > 1 else 1, numbers[2] if len(parts) > 2 else 1
        )
    except ValueError:
        return None


class KbLookup:
    """Resolve countries and blocs with ``concord.kb``; a bloc began at its earliest member."""

    def __init__(self) -> None:
        self._founded: dict[str, dt.date | None] = {}

    def country(self, name: str) -> str:
        from concord import kb

        return kb.resolve_country(name)

    def bloc(self, name: str) -> str:
        from concord import kb

        entity = kb.resolve(name)
        kind = kb.registry().kind(entity)
        if kind == "country":
            raise UnknownEntityError("bloc", name, [])
        return entity

    def bloc_founded(self, bloc: str) -> dt.date | None:
        if bloc not in self._founded:
            self._founded[bloc] = _earliest_member_start(bloc)
        return self._founded[bloc]


def _earliest_member_start(bloc: str) -> dt.date | None:
    from concord import kb

    base = kb.open()
    try:
        frame = base.members(bloc, as_of=None, roles=("member",))
    finally:
        base.close()
    starts = [d for d in (parse_partial_date(v) for v in frame["start"]) if d is not None]
    return min(starts) if starts else None
