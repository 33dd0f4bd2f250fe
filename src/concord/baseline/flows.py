"""World baselines from imported pair tables (BACI or ITPD-E, via ``concord data import``).

The table has the columns ``year, exporter, importer, value_usd`` (what
:func:`concord.baseline.read_baci` and :func:`concord.baseline.read_itpde` return). Reported
flows are used as they are (flag ``reported``; no balancing: the data set is its own
reconciliation). Domestic flows come from the data when it has them (ITPD-E); otherwise from
the gross-output proxy of the Factbook baseline, ``max(GDP - exports, 0.15 GDP)``, with GDP
from the evidence base (Factbook); countries without GDP are listed in ``missing``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from concord.baseline.factbook import DOMESTIC_FLOOR
from concord.baseline.importers import FLOW_COLUMNS
from concord.baseline.world import WorldBaseline
from concord.errors import DataError, InputError, ValidationError


def read_table(path: Path, *, what: str) -> pd.DataFrame:
    """A CSV (optionally gzipped) or Parquet file as a frame; ``what`` names it in errors."""
    try:
        if path.suffix == ".parquet":
            import duckdb

            con = duckdb.connect(":memory:")
            try:
                return con.execute("SELECT * FROM read_parquet(?)", [str(path)]).df()
            finally:
                con.close()
        return pd.read_csv(path)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {what} {path}: {exc}") from exc


def read_pairs(path: Path) -> pd.DataFrame:
    """A pair table written by ``concord data import`` (CSV or Parquet)."""
    if not path.exists():
        raise InputError(f"pair table {path} does not exist")
    frame = read_table(path, what="pair table")
    missing = [c for c in FLOW_COLUMNS if c not in frame.columns]
    if missing:
        raise ValidationError(
            f"pair table {path}",
            [f"missing column {c!r} (write it with `concord data import`)" for c in missing],
        )
    return frame


def baseline_from_file(kind: str, path: Path, *, year: int) -> WorldBaseline:
    """Read a pair table and build the baseline for ``year`` (GDP from the evidence base)."""
    flows = read_pairs(path)
    gdp = None
    if not (flows["exporter"] == flows["importer"]).any():
        gdp = _factbook_gdp(year)
    label = {"itpde": "USITC ITPD-E", "baci": "CEPII BACI"}.get(kind, kind)
    return baseline_from_flows(flows, year=year, source=f"{label} ({path.name})", gdp=gdp)


def _factbook_gdp(year: int) -> dict[str, float]:
    from concord import kb
    from concord.baseline.factbook import latest_values

    base = kb.open()
    try:
        facts = base.facts(predicate="gdp_usd")
    finally:
        base.close()
    table = latest_values(facts, year)
    return {str(k): float(v) for k, v in table["value"].items()}


def baseline_from_flows(
    flows: pd.DataFrame,
    *,
    year: int,
    source: str,
    gdp: Mapping[str, float] | None = None,
    domestic_floor: float = DOMESTIC_FLOOR,
) -> WorldBaseline:
    """A :class:`WorldBaseline` from pair flows of one year (see the module docstring)."""
    chosen = flows[flows["year"] == year]
    if chosen.empty:
        years = sorted(int(y) for y in flows["year"].unique())
        raise InputError(f"no flows for {year} in the pair table (years: {years})")
    part = pd.DataFrame(chosen.groupby(["exporter", "importer"], as_index=False)["value_usd"].sum())
    if (part["value_usd"] < 0).any():
        raise ValidationError("pair table", ["negative trade values"])
    countries = sorted(set(part["exporter"]) | set(part["importer"]))
    missing: list[tuple[str, str]] = []
    has_domestic = bool((part["exporter"] == part["importer"]).any())
    if not has_domestic:
        if gdp is None:
            raise InputError("flows without domestic sales need GDP for the domestic proxy")
        missing = [(c, "no GDP for the domestic-sales proxy") for c in countries if c not in gdp]
        countries = [c for c in countries if c in gdp and gdp[c] > 0]
    index = {c: k for k, c in enumerate(countries)}
    keep = part["exporter"].isin(index) & part["importer"].isin(index)
    n = len(countries)
    matrix = np.zeros((n, n))
    rows = part.loc[keep, "exporter"].map(index).to_numpy(int)
    cols = part.loc[keep, "importer"].map(index).to_numpy(int)
    matrix[rows, cols] = part.loc[keep, "value_usd"].to_numpy(float)
    flags = np.full((n, n), 5, dtype=np.int8)
    inter = matrix.copy()
    np.fill_diagonal(inter, 0.0)
    exports, imports = inter.sum(axis=1), inter.sum(axis=0)
    gdp_arr = np.array([float((gdp or {}).get(c, np.nan)) for c in countries])
    if not has_domestic:
        np.fill_diagonal(matrix, np.maximum(gdp_arr - exports, domestic_floor * gdp_arr))
        np.fill_diagonal(flags, 4)
    quality = pd.DataFrame(
        {
            "country": countries,
            "exports_usd": exports,
            "imports_usd": imports,
            "gdp_usd": gdp_arr,
            "domestic_usd": np.diag(matrix),
            "domestic_source": "reported" if has_domestic else "proxy",
            "source_url": "",
        }
    )
    method = (
        f"flows as reported in {source}, year {year}, summed over products",
        "domestic sales as reported"
        if has_domestic
        else f"domestic sales: max(GDP - exports, {domestic_floor:g} GDP), GDP from the Factbook",
    )
    return WorldBaseline(
        year=year,
        source=source,
        countries=tuple(countries),
        flows=matrix,
        flags=flags,
        scaled=np.zeros((n, n), dtype=bool),
        export_targets=exports,
        import_targets=imports,
        quality=quality,
        missing=tuple(missing),
        reconciliation=None,
        method=method,
        sources=({"input": "bilateral flows", "source": source, "source_url": ""},),
        parameters={"domestic_floor": domestic_floor},
    )
