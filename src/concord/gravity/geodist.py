"""Readers for CEPII GeoDist (Mayer & Zignago 2011) and merging its covariates into a panel.

``dist_cepii.csv``: ``;``-separated, decimal point, ``.`` for missing; one row per ordered pair
(including i=i internal distances). Columns: iso_o, iso_d, contig, comlang_off, comlang_ethno,
colony, comcol, curcol, col45, smctry (0/1), dist, distcap, distw, distwces (km).

``geo_cepii.csv``: the same conventions but Latin-1 encoded, one row per city (13 countries have
two: the capital and the main city). Codes are GeoDist-era ISO3 (ROM, ZAR, YUG, PAL, TMP).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from concord.errors import DataError, InputError

DIST_COLUMNS = (
    "iso_o",
    "iso_d",
    "contig",
    "comlang_off",
    "comlang_ethno",
    "colony",
    "comcol",
    "curcol",
    "col45",
    "smctry",
    "dist",
    "distcap",
    "distw",
    "distwces",
)
DIST_NUMERIC = DIST_COLUMNS[2:]
GEO_KEY_COLUMNS = ("iso3", "country", "city_en", "lat", "lon", "cap", "maincity", "landlocked")


def _read(path: str | Path, *, encoding: str, required: Sequence[str]) -> pd.DataFrame:
    file = Path(path)
    if not file.exists():
        raise InputError(f"GeoDist file {str(file)!r} does not exist")
    try:
        frame = pd.read_csv(file, sep=";", na_values=".", keep_default_na=False, encoding=encoding)
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"cannot read {file.name} as a GeoDist file: {exc}") from None
    absent = [c for c in required if c not in frame.columns]
    if absent:
        raise DataError(
            f"{file.name} lacks GeoDist column(s) {', '.join(absent)}; is it ';'-separated?"
        )
    return frame


def read_geodist(path: str | Path) -> pd.DataFrame:
    """``dist_cepii.csv`` as a DataFrame with numeric distances (km) and 0/1 dummies."""
    frame = _read(path, encoding="utf-8", required=DIST_COLUMNS)
    text_numbers = [c for c in DIST_NUMERIC if not pd.api.types.is_numeric_dtype(frame[c])]
    if text_numbers:
        raise DataError(
            f"GeoDist columns {', '.join(text_numbers)} are not numeric "
            "(decimal comma? this file uses a decimal point)"
        )
    frame["iso_o"] = frame["iso_o"].astype(str)
    frame["iso_d"] = frame["iso_d"].astype(str)
    return frame


def read_geo_countries(path: str | Path, *, one_per_country: bool = True) -> pd.DataFrame:
    """``geo_cepii.csv`` (Latin-1). With ``one_per_country`` keep the capital's row per ISO3
    (``cap == 1``; else the row flagged as another seat, else the main city)."""
    frame = _read(path, encoding="latin-1", required=GEO_KEY_COLUMNS)
    if not one_per_country:
        return frame
    rank = (
        (frame["cap"] == 1).astype(int) * 4
        + (frame["cap"] > 1).astype(int) * 2
        + (frame["maincity"] == 1).astype(int)
    )
    ordered = frame.assign(_rank=rank).sort_values(["iso3", "_rank"], ascending=[True, False])
    return ordered.drop_duplicates("iso3").drop(columns="_rank").reset_index(drop=True)


def add_geodist(
    panel: pd.DataFrame,
    geodist: pd.DataFrame,
    *,
    columns: Sequence[str] = ("dist", "contig", "comlang_off", "colony"),
    exporter: str = "exporter",
    importer: str = "importer",
) -> pd.DataFrame:
    """A copy of ``panel`` with GeoDist ``columns`` merged on (exporter, importer).

    Pairs GeoDist does not know get NaN, which :func:`concord.gravity.fit_ppml` reports as a
    validation problem naming the rows.
    """
    unknown = [c for c in columns if c not in geodist.columns]
    if unknown:
        raise InputError(f"GeoDist has no column(s) {', '.join(unknown)}")
    clash = [c for c in columns if c in panel.columns]
    if clash:
        raise InputError(f"panel already has column(s) {', '.join(clash)}")
    right = geodist[["iso_o", "iso_d", *columns]].rename(
        columns={"iso_o": exporter, "iso_d": importer}
    )
    merged = panel.merge(right, on=[exporter, importer], how="left", validate="many_to_one")
    merged.index = panel.index
    return merged
