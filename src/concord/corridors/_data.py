"""The curated corridor tables shipped in ``concord/corridors/data`` and their validation.

Three CSV files, typed from ``shared/reference/corridors.md`` (every figure carries its source):

``nodes.csv``
    id, name, country (ISO3), role (hub, port, border, junction, gauge_change, terminal), lon, lat,
    gateway (1 = represents its country in region-to-region questions), capacity_teu_yr and
    capacity_source, aliases ('|'-separated, English, Hebrew and Russian), coord_source.
``legs.csv``
    id, from, to (renamed from_id, to_id when loaded), mode, length_km (blank for sea and
    ferry legs: searoute computes them per scenario) and length_source; dwell_min_h,
    dwell_mode_h, dwell_max_h (a triangular waiting time at ferries and borders) and
    dwell_source; fixed_cost_min_usd, fixed_cost_mode_usd, fixed_cost_max_usd (USD per TEU
    per crossing) and cost_source; capacity_teu_yr and capacity_source; countries
    (';'-separated ISO3); note. Every leg can be travelled in both directions.
``modes.csv``
    mode, speed_slow/typical/fast_kmh and speed_source, cost_min/mode/max_usd_per_teu_km and
    cost_source.

Ports where land and water meet are two nodes: the port itself (the quay, reached by sea and
ferry legs; its id and names are the ones users type) and a ``terminal`` node at the same point
(id = port id + ``R``, e.g. ``BNDR``, reached by rail or road legs). A ``transshipment`` leg
joins them and carries the transfer dwell: ship <-> rail handling, port dwell and transit
customs. The same pattern splits the Rasht-Astara rail gap into rail -> truck at Rasht
(``RSH``-``RSHR``) and truck -> rail at Astara (``AST``-``ASTR``).

The reference (corridors.md §4) has no per-port dwell figure, so transfer dwells are
*calibrated assumptions*, marked so in ``dwell_source``. Five classes, each a triangular range
(min / most likely / max hours), were set together so that the model reproduces the published
end-to-end times without per-route tweaks:

===================================== ============ ===========================================
class (legs)                          hours        calibrated against
===================================== ============ ===========================================
deep-sea / Black Sea port (SHA, RTM,  12 / 36 / 96 TITR 31-34 d to Constanta, 32-37 d to
HAM, POT, BUS, CND)                                Budapest/Duisburg (Navis citing TITR 2025)
Caspian port (AKT, KUR, ALT, AKN,     12 / 18 / 48 Kazakhstan-Baku 9-12 d (TITR); Xi'an-Baku
ANZ)                                               8-11 d (news.az 2024); China-Georgia ~15 d
rail <-> truck at the Rasht-Astara    6 / 24 / 72  INSTC west branch about 25 d
gap (RSH, AST)
Bandar Abbas ship -> rail incl.       48/144/312   INSTC Mumbai-Moscow "less than 25" / "around
Iranian transit customs (BND)                      25 days" (ET 2022; GS Times 2024)
St Petersburg ship -> rail incl.      24/120/264   Mumbai-Moscow via Suez "nearly 40" / "the
Russian customs (STP)                              usual 45 days" (ET 2022; GS Times 2024)
===================================== ============ ===========================================

Two further calibrations sit on legs: Caspian ferry waits are 0 / 27 / 120 h, whose mean (49 h)
is the mean wait of a random arrival when departures are 3-5 days apart; the Black Sea feeder
(Poti/Batumi-Constanta) waits 48 / 216 / 576 h, so that TITR's segment figure (20-22 d) lies
inside the segment's range while its end-to-end figure (31-34 d to Constanta) sets the typical
value (the two TITR figures overlap and cannot both be typical). docs/corridors.md has the
resulting comparison with every published figure.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from concord.errors import DataError, MissingSourceError, ValidationError

MODES = ("rail_1435", "rail_1520", "road", "sea", "caspian_ferry", "border", "transshipment")
SEA_MODES = frozenset({"sea", "caspian_ferry"})
ROLES = frozenset({"hub", "port", "border", "junction", "gauge_change", "terminal"})


def _read(name: str) -> pd.DataFrame:
    try:
        with resources.files("concord.corridors.data").joinpath(name).open(encoding="utf-8") as f:
            return pd.read_csv(f, dtype=str, keep_default_na=False)
    except (FileNotFoundError, OSError) as exc:  # pragma: no cover - broken installation
        raise DataError(f"corridor table {name} is missing from the package: {exc}") from exc


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


@lru_cache(maxsize=1)
def nodes_table() -> pd.DataFrame:
    """Curated nodes, validated; columns as in the module docstring, numbers as floats."""
    frame = _read("nodes.csv")
    problems: list[str] = []
    for row in _records(frame):
        where = f"node {row['id']}"
        if row["role"] not in ROLES:
            problems.append(f"{where}: unknown role {row['role']!r}")
        if len(row["country"]) != 3 or not row["country"].isupper():
            problems.append(f"{where}: country {row['country']!r} is not ISO3")
        if not row["coord_source"].strip():
            raise MissingSourceError(f"{where} has no coordinate source")
        if row["capacity_teu_yr"].strip() and not row["capacity_source"].strip():
            raise MissingSourceError(f"{where}: capacity without a source")
    if frame["id"].duplicated().any():
        problems.append(f"duplicate node ids: {sorted(frame.loc[frame['id'].duplicated(), 'id'])}")
    if problems:
        raise ValidationError("corridor nodes.csv", problems)
    out = frame.copy()
    out["lon"] = out["lon"].astype(float)
    out["lat"] = out["lat"].astype(float)
    out["gateway"] = out["gateway"] == "1"
    out["capacity_teu_yr"] = [_float(v) for v in frame["capacity_teu_yr"]]
    return out.set_index("id", drop=False)


@lru_cache(maxsize=1)
def modes_table() -> pd.DataFrame:
    """Per-mode speeds (km/h) and per-TEU-km cost ranges, indexed by mode."""
    frame = _read("modes.csv")
    out = frame.copy()
    for column in frame.columns:
        if column.startswith(("speed_", "cost_")) and not column.endswith("source"):
            out[column] = [_float(v) for v in frame[column]]
    missing = sorted(set(MODES) - set(frame["mode"]))
    if missing:
        raise ValidationError("corridor modes.csv", [f"mode {m} has no row" for m in missing])
    return out.set_index("mode", drop=False)


def _leg_problems(frame: pd.DataFrame, node_ids: set[str]) -> list[str]:
    problems: list[str] = []
    for row in _records(frame):
        where = f"leg {row['id']}"
        if row["mode"] not in MODES:
            problems.append(f"{where}: unknown mode {row['mode']!r}")
        for end in (row["from_id"], row["to_id"]):
            if end not in node_ids:
                problems.append(f"{where}: unknown node {end!r}")
        if row["mode"] not in SEA_MODES and not row["length_km"].strip():
            problems.append(f"{where}: land leg without length_km")
        dwell = [_float(row[f"dwell_{p}_h"]) or 0.0 for p in ("min", "mode", "max")]
        if not dwell[0] <= dwell[1] <= dwell[2]:
            problems.append(f"{where}: dwell must satisfy min <= mode <= max, got {dwell}")
        cost = [_float(row[f"fixed_cost_{p}_usd"]) or 0.0 for p in ("min", "mode", "max")]
        if not cost[0] <= cost[1] <= cost[2]:
            problems.append(f"{where}: fixed cost must satisfy min <= mode <= max, got {cost}")
        if not row["countries"].strip():
            problems.append(f"{where}: no countries")
    return problems


def _require_sources(frame: pd.DataFrame) -> None:
    for row in _records(frame):
        where = f"leg {row['id']}"
        if not row["length_source"].strip():
            raise MissingSourceError(f"{where} has no length source")
        dwell = (row["dwell_mode_h"], row["dwell_max_h"])
        if any(v not in ("", "0") for v in dwell) and row["dwell_source"].strip() in ("", "none"):
            raise MissingSourceError(f"{where}: dwell time without a source")
        if row["capacity_teu_yr"].strip() and not row["capacity_source"].strip():
            raise MissingSourceError(f"{where}: capacity without a source")
        cost_source = row["cost_source"].strip()
        if row["fixed_cost_mode_usd"] not in ("", "0") and cost_source in ("", "none"):
            raise MissingSourceError(f"{where}: cost without a source")


@lru_cache(maxsize=1)
def legs_table() -> pd.DataFrame:
    """Curated legs, validated; numbers as floats (NaN where blank), countries as tuples."""
    frame = _read("legs.csv").rename(columns={"from": "from_id", "to": "to_id"})
    problems = _leg_problems(frame, set(nodes_table()["id"]))
    if frame["id"].duplicated().any():
        problems.append(f"duplicate leg ids: {sorted(frame.loc[frame['id'].duplicated(), 'id'])}")
    if problems:
        raise ValidationError("corridor legs.csv", problems)
    _require_sources(frame)
    out = frame.copy()
    numeric = [
        "length_km",
        "dwell_min_h",
        "dwell_mode_h",
        "dwell_max_h",
        "fixed_cost_min_usd",
        "fixed_cost_mode_usd",
        "fixed_cost_max_usd",
        "capacity_teu_yr",
    ]
    for column in numeric:
        out[column] = [(_float(v) if v.strip() else math.nan) for v in frame[column]]
    out["countries"] = [
        tuple(c.strip() for c in v.split(";") if c.strip()) for v in frame["countries"]
    ]
    return out.set_index("id", drop=False)


__all__ = ["MODES", "SEA_MODES", "legs_table", "modes_table", "nodes_table"]
