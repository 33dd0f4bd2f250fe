"""Importers for the trade data sets users download: CEPII BACI, USITC ITPD-E, CEPII Gravity.

Every importer aggregates out of core with DuckDB (the files are large: BACI about 10 M rows a
year, ITPD-E about 72 M rows, Gravity about 4.6 M rows x 80+ columns) and returns a small frozen
:class:`ImportedFlows` whose ``flows`` frame has the columns

==========  ======  ==================================================
year        int     year of the flow
exporter    str     ISO3 code of the exporter
importer    str     ISO3 code of the importer
value_usd   float   value in current US dollars (units converted)
==========  ======  ==================================================

Formats read (as published):

- **BACI** (CEPII), one CSV per year ``BACI_HS92_Y2022_V202401b.csv`` with columns
  ``t, i, j, k, v, q`` (year, exporter code, importer code, HS6 product, value in thousands of
  USD, quantity in tonnes; ``q`` may be ``NA``), plus the country-codes file
  ``country_codes_V202401b.csv`` (``country_code, country_name, country_iso2, country_iso3``;
  editions before 2023 used ``iso_3digit_alpha``). Parquet copies with the same columns work too.
- **ITPD-E** (USITC), ``ITPD_E_R02.csv`` with ``exporter_iso3, exporter_dynamic_code,
  exporter_name, importer_iso3, importer_dynamic_code, importer_name, year, industry_id,
  industry_descr, broad_sector, trade, flag_mirror, flag_zero``; ``trade`` in millions of USD;
  domestic flows (exporter = importer) included.
- **CEPII Gravity** (``Gravity_V202211.csv``): one row per year and ordered country pair with
  ``year, iso3_o, iso3_d, country_exists_o, country_exists_d, dist, distcap, contig,
  comlang_off, fta_wto, gdp_o, gdp_d, tradeflow_baci`` among 80+ columns; GDP and trade flows in
  thousands of USD. :func:`read_cepii_gravity` returns a pair table (see its docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from concord.errors import DataError, InputError

FLOW_COLUMNS = ["year", "exporter", "importer", "value_usd"]
GRAVITY_COLUMNS = [
    "year",
    "exporter",
    "importer",
    "dist_km",
    "distcap_km",
    "contig",
    "comlang_off",
    "fta_wto",
    "gdp_exporter_usd",
    "gdp_importer_usd",
    "tradeflow_baci_usd",
]


@dataclass(frozen=True, slots=True)
class ImportedFlows:
    """Pair-level flows aggregated from a downloaded data set, with what was left out.

    ``unmapped`` lists source country codes with no ISO3 (columns ``code, value_usd``): they are
    reported here, never dropped silently.
    """

    source: str
    files: tuple[str, ...]
    flows: pd.DataFrame
    rows_read: int
    unmapped: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["code", "value_usd"])
    )

    def to_frame(self) -> pd.DataFrame:
        return self.flows.copy()

    def __str__(self) -> str:
        years = sorted(self.flows["year"].unique().tolist()) if len(self.flows) else []
        return (
            f"{self.source}: {self.rows_read:,} rows read -> {len(self.flows):,} pairs, "
            f"years {years}, {len(self.unmapped)} unmapped codes"
        )


def _connect() -> Any:
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    return con


def _files(paths: str | Path | Sequence[str | Path]) -> list[str]:
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    out: list[str] = []
    missing: list[str] = []
    for item in items:
        text = str(item)
        if any(ch in text for ch in "*?["):
            matches = sorted(str(p) for p in Path(text).parent.glob(Path(text).name))
            (out.extend(matches) if matches else missing.append(text))
        elif Path(text).exists():
            out.append(text)
        else:
            missing.append(text)
    if missing or not out:
        raise InputError(f"trade data file(s) not found: {', '.join(missing) or '(none given)'}")
    return out


def _source_sql(files: list[str], csv_types: dict[str, str]) -> str:
    listing = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
    if all(f.endswith(".parquet") for f in files):
        return f"read_parquet({listing})"
    types = "{" + ", ".join(f"'{k}': '{v}'" for k, v in csv_types.items()) + "}"
    return f"read_csv({listing}, header = true, types = {types}, nullstr = ['NA', ''])"


def _columns(con: Any, files: list[str]) -> list[str]:
    """Column names of the first file (a CSV header read as text, or a Parquet schema)."""
    first = files[0].replace("'", "''")
    reader = "read_parquet" if first.endswith(".parquet") else "read_csv"
    options = "" if reader == "read_parquet" else ", header = true, all_varchar = true"
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {reader}('{first}'{options})").fetchall()
    except Exception as exc:
        raise DataError(f"cannot read {files[0]}: {exc}") from exc
    return [row[0] for row in rows]


def _require(columns: list[str], needed: Sequence[str], what: str, files: list[str]) -> None:
    missing = [c for c in needed if c not in columns]
    if missing:
        raise DataError(
            f"{what} file {files[0]} lacks column(s) {', '.join(missing)}; "
            f"found {', '.join(columns[:15])}"
        )


def _select(
    files: list[str],
    types: dict[str, str],
    query: Callable[[str], str],
    *,
    what: str,
    needed: Sequence[str] | None = None,
    settings: Sequence[str] = (),
) -> pd.DataFrame:
    """Run ``query(source)`` over ``files`` once their columns are checked (``needed``, default
    every typed column); ``source`` is the DuckDB reader of the files."""
    con = _connect()
    try:
        for statement in settings:
            con.execute(statement)
        source = _source_sql(files, types)
        _require(_columns(con, files), list(types) if needed is None else needed, what, files)
        try:
            return con.execute(query(source)).df()
        except Exception as exc:  # duckdb raises its own error tree
            raise DataError(f"cannot read {what} file(s) {files[0]}: {exc}") from exc
    finally:
        con.close()


def read_baci(
    paths: str | Path | Sequence[str | Path],
    *,
    country_codes: str | Path,
    years: Sequence[int] | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
) -> ImportedFlows:
    """Aggregate BACI HS6 rows to exporter-importer-year totals in USD (``v`` x 1,000)."""
    files = _files(paths)
    codes = _baci_codes(Path(country_codes))
    settings = [f"SET threads = {int(threads)}"] if threads else []
    if memory_limit:
        settings.append(f"SET memory_limit = '{memory_limit}'")
    types = {"t": "INTEGER", "i": "INTEGER", "j": "INTEGER", "k": "VARCHAR", "v": "DOUBLE"}
    where = (
        f"WHERE CAST(t AS INTEGER) IN ({', '.join(str(int(y)) for y in years)})" if years else ""
    )
    raw = _select(
        files,
        types,
        lambda source: (
            "SELECT CAST(t AS INTEGER) AS year, CAST(i AS INTEGER) AS i, "
            "CAST(j AS INTEGER) AS j, SUM(CAST(v AS DOUBLE)) * 1000.0 AS value_usd, "
            f"COUNT(*) AS n FROM {source} {where} GROUP BY ALL"
        ),
        what="BACI",
        needed=["t", "i", "j", "v"],
        settings=settings,
    )
    raw["exporter"] = raw["i"].map(codes)
    raw["importer"] = raw["j"].map(codes)
    bad = raw["exporter"].isna() | raw["importer"].isna()
    unmapped = _unmapped(raw[bad])
    flows = raw.loc[~bad, FLOW_COLUMNS].copy()
    flows["year"] = flows["year"].astype(int)
    flows = flows.groupby(["year", "exporter", "importer"], as_index=False)[["value_usd"]].sum()
    return ImportedFlows("CEPII BACI", tuple(files), flows, int(raw["n"].sum()), unmapped)


def _unmapped(frame: pd.DataFrame) -> pd.DataFrame:
    rows: dict[int, float] = {}
    for col, iso in (("i", "exporter"), ("j", "importer")):
        part = frame[frame[iso].isna()]
        for code, value in part.groupby(col)["value_usd"].sum().items():
            key = int(str(code))
            rows[key] = rows.get(key, 0.0) + float(value)
    return pd.DataFrame({"code": list(rows), "value_usd": list(rows.values())})


def _baci_codes(path: Path) -> dict[int, str]:
    if not path.exists():
        raise InputError(f"BACI country-codes file {path} not found")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding_errors="replace")
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read BACI country codes {path}: {exc}") from exc
    iso_col = next((c for c in ("country_iso3", "iso_3digit_alpha") if c in frame.columns), None)
    if "country_code" not in frame.columns or iso_col is None:
        raise DataError(
            f"BACI country codes {path} need country_code and country_iso3 (or iso_3digit_alpha)"
        )
    out: dict[int, str] = {}
    for code, raw_iso in zip(frame["country_code"], frame[iso_col], strict=True):
        iso = raw_iso.strip().upper()
        if code.strip().isdigit() and len(iso) == 3 and iso.isalpha():
            out[int(code)] = iso
    return out


def read_itpde(
    paths: str | Path | Sequence[str | Path],
    *,
    years: Sequence[int] | None = None,
    sectors: Sequence[str] | None = None,
) -> ImportedFlows:
    """Aggregate ITPD-E industry rows to pair totals in USD (``trade`` x 1e6), domestic included.

    ``sectors`` keeps only the given ``broad_sector`` values (Agriculture, Mining_Energy,
    Manufacturing, Services).
    """
    files = _files(paths)
    types = {
        "exporter_iso3": "VARCHAR",
        "importer_iso3": "VARCHAR",
        "year": "INTEGER",
        "trade": "DOUBLE",
        "broad_sector": "VARCHAR",
    }
    clauses = []
    if years:
        clauses.append(f"year IN ({', '.join(str(int(y)) for y in years)})")
    if sectors:
        quoted = ", ".join("'" + s.replace("'", "''") + "'" for s in sectors)
        clauses.append(f"broad_sector IN ({quoted})")
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    raw = _select(
        files,
        types,
        lambda source: (
            "SELECT year, upper(trim(exporter_iso3)) AS exporter, "
            "upper(trim(importer_iso3)) AS importer, SUM(trade) * 1e6 AS value_usd, "
            f"COUNT(*) AS n FROM {source} {where} GROUP BY ALL"
        ),
        what="ITPD-E",
    )
    flows = raw[FLOW_COLUMNS].copy()
    flows["year"] = flows["year"].astype(int)
    return ImportedFlows("USITC ITPD-E", tuple(files), flows, int(raw["n"].sum()))


def read_cepii_gravity(
    paths: str | Path | Sequence[str | Path], *, years: Sequence[int] | None = None
) -> pd.DataFrame:
    """Read CEPII Gravity pair rows for existing countries; columns :data:`GRAVITY_COLUMNS`.

    Distances in km; GDP and ``tradeflow_baci`` converted from thousands of USD to USD; rows
    where either country did not exist that year (``country_exists_* = 0``) are left out.
    """
    files = _files(paths)
    types = {
        "year": "INTEGER",
        "iso3_o": "VARCHAR",
        "iso3_d": "VARCHAR",
        "country_exists_o": "INTEGER",
        "country_exists_d": "INTEGER",
        "dist": "DOUBLE",
        "distcap": "DOUBLE",
        "contig": "INTEGER",
        "comlang_off": "INTEGER",
        "fta_wto": "INTEGER",
        "gdp_o": "DOUBLE",
        "gdp_d": "DOUBLE",
        "tradeflow_baci": "DOUBLE",
    }
    where = f"AND year IN ({', '.join(str(int(y)) for y in years)})" if years else ""
    frame = _select(
        files,
        types,
        lambda source: (
            "SELECT year, iso3_o AS exporter, iso3_d AS importer, dist AS dist_km, "
            "distcap AS distcap_km, contig, comlang_off, fta_wto, "
            "gdp_o * 1000.0 AS gdp_exporter_usd, gdp_d * 1000.0 AS gdp_importer_usd, "
            "tradeflow_baci * 1000.0 AS tradeflow_baci_usd "
            f"FROM {source} WHERE country_exists_o = 1 AND country_exists_d = 1 {where}"
        ),
        what="CEPII Gravity",
    )
    return frame[GRAVITY_COLUMNS]
