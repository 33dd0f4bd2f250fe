"""The curated tables shipped in ``concord/kb/data``: blocs, memberships and facts.

Every row carries a ``source``. Loading checks every row and reports every problem at once:
a row without a source raises :class:`~concord.errors.MissingSourceError`; other problems
(unknown role, bad date, a value that is not a number) raise
:class:`~concord.errors.ValidationError`.

Dates are strings ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the precision of the source).

A fact's ``status`` is blank for a current reference value, ``outdated`` for a figure a newer
or better source has replaced (kept so that claims repeating it can be recognised), or
``variant`` for another defensible figure of the same quantity (another method or boundary
definition) that is not the preferred one; :func:`parse_status` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from concord.errors import MissingSourceError, ValidationError

ROLES = ("member", "observer", "partner", "announced", "suspended")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Values of a fact's ``status`` column besides blank (a current value).
FACT_STATUSES = ("outdated", "variant")
MEMBERSHIP_COLUMNS = ("entity", "bloc", "role", "start", "end", "source", "source_url", "note")
FACT_COLUMNS = (
    "subject",
    "predicate",
    "object",
    "value",
    "unit",
    "as_of",
    "source",
    "source_url",
    "quote",
    "note",
    "status",
)


@dataclass(frozen=True, slots=True)
class Membership:
    """One dated role of an entity in a bloc; ``end`` is the date the role ended (exclusive)."""

    entity: str
    bloc: str
    role: str
    start: str | None
    end: str | None
    source: str
    source_url: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Fact:
    """One sourced statement ``subject predicate object = value unit`` as of a date."""

    subject: str
    predicate: str
    object: str | None
    value: float | None
    unit: str | None
    as_of: str | None
    source: str
    source_url: str | None = None
    quote: str | None = None
    note: str | None = None
    status: str | None = None

    @property
    def current(self) -> bool:
        """True unless the fact is marked outdated or a variant."""
        return self.status is None

    def row(self) -> tuple[str | float | None, ...]:
        return tuple(getattr(self, column) for column in FACT_COLUMNS)


def _blank(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else value


def _check_date(value: str | None, where: str, problems: list[str]) -> None:
    if value is not None and not DATE_PATTERN.match(value):
        problems.append(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _raise_missing_source(missing: list[str], what: str) -> None:
    if missing:
        listing = "; ".join(missing)
        raise MissingSourceError(f"{what}: {len(missing)} row(s) without a source: {listing}")


def memberships_from_rows(
    rows: Iterable[Mapping[str, str]], known: set[str], *, what: str = "memberships.csv"
) -> list[Membership]:
    """Validate membership rows (every problem listed) and return them as ``Membership``."""
    result: list[Membership] = []
    problems: list[str] = []
    missing: list[str] = []
    for number, row in enumerate(rows, start=2):
        where = f"row {number}"
        entity, bloc, role = row.get("entity", ""), row.get("bloc", ""), row.get("role", "")
        source = _blank(row.get("source"))
        if source is None:
            missing.append(f"{where} ({entity} in {bloc})")
        for label, value in (("entity", entity), ("bloc", bloc)):
            if value not in known:
                problems.append(f"{where}: unknown {label} {value!r}")
        if role not in ROLES:
            problems.append(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
        start, end = _blank(row.get("start")), _blank(row.get("end"))
        _check_date(start, where, problems)
        _check_date(end, where, problems)
        if start and end and end < start:
            problems.append(f"{where}: end {end} is before start {start}")
        result.append(
            Membership(
                entity,
                bloc,
                role,
                start,
                end,
                source or "",
                _blank(row.get("source_url")),
                _blank(row.get("note")),
            )
        )
    _raise_missing_source(missing, what)
    if problems:
        raise ValidationError(what, problems)
    return result


def parse_status(text: str | None) -> str | None:
    """A ``status`` cell: blank -> ``None`` (current), else one of :data:`FACT_STATUSES`
    (case and surrounding spaces ignored); anything else raises ``ValueError``."""
    cleaned = (text or "").strip().lower()
    if not cleaned:
        return None
    if cleaned not in FACT_STATUSES:
        raise ValueError(f"status {text!r} is not blank or one of {', '.join(FACT_STATUSES)}")
    return cleaned


def _number(text: str | None, where: str, problems: list[str]) -> float | None:
    if text is None:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        problems.append(f"{where}: value {text!r} is not a number")
        return None


def facts_from_rows(rows: Iterable[Mapping[str, str]], *, what: str = "facts.csv") -> list[Fact]:
    """Validate fact rows (every problem listed) and return them as ``Fact``."""
    result: list[Fact] = []
    problems: list[str] = []
    missing: list[str] = []
    for number, row in enumerate(rows, start=2):
        where = f"row {number}"
        subject, predicate = row.get("subject", "").strip(), row.get("predicate", "").strip()
        source = _blank(row.get("source"))
        if source is None:
            missing.append(f"{where} ({subject} {predicate})")
        if not subject or not predicate:
            problems.append(f"{where}: subject and predicate are required")
        as_of = _blank(row.get("as_of"))
        _check_date(as_of, where, problems)
        value = _number(_blank(row.get("value")), where, problems)
        try:
            status = parse_status(row.get("status"))
        except ValueError as error:
            problems.append(f"{where}: {error}")
            status = None
        result.append(
            Fact(
                subject,
                predicate,
                _blank(row.get("object")),
                value,
                _blank(row.get("unit")),
                as_of,
                source or "",
                _blank(row.get("source_url")),
                _blank(row.get("quote")),
                _blank(row.get("note")),
                status,
            )
        )
    _raise_missing_source(missing, what)
    if problems:
        raise ValidationError(what, problems)
    return result


def require_sources(facts: Iterable[Fact]) -> None:
    """Raise MissingSourceError if any fact has an empty source (for facts built in code)."""
    missing = [
        f"{f.subject} {f.predicate} {f.object or ''}".strip() for f in facts if not f.source.strip()
    ]
    _raise_missing_source(missing, "facts")


def load_memberships(known: set[str]) -> list[Membership]:
    """The packaged ``memberships.csv``, validated."""
    from concord.kb.registry import read_data_csv

    return memberships_from_rows(read_data_csv("memberships.csv"), known)


def load_facts() -> list[Fact]:
    """The packaged ``facts.csv``, validated."""
    from concord.kb.registry import read_data_csv

    return facts_from_rows(read_data_csv("facts.csv"))
