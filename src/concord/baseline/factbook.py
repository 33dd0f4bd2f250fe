"""The embedded default world baseline, built offline from the evidence base's Factbook facts.

Method (also stored in ``WorldBaseline.method``):

1. **Countries.** Every country entity of the evidence base with Factbook exports, imports, GDP
   and capital coordinates. Each total is the latest value dated at or before the baseline year
   (the latest available otherwise); its year is kept in the quality table. Countries lacking
   any of them are listed in ``missing`` with the reason.
2. **Reconciliation** (the one adjustment of totals): world exports and world imports differ
   (f.o.b. vs c.i.f., coverage, years); both are scaled by one factor each to their mean, so
   each country keeps its share of world exports and of world imports
   (:func:`concord.baseline.ras.reconcile_totals`).
3. **Observed cells.** The Factbook lists each country's top export and import partners with
   shares (mostly 2023). Cell ``(i, j)`` = export share of ``j`` in ``i``'s exports x ``i``'s
   exports, and/or import share of ``i`` in ``j``'s imports x ``j``'s imports; the mean when both
   exist. Partners outside the country set are noted; shares listed in the evidence base's
   Factbook errata (:func:`concord.kb.factbook_errata`, e.g. "Gambia, The 4%" among
   Kazakhstan's import partners) are left out (``partners_excluded``). Where reports add up to
   more than a country's total, that country's observed cells are scaled down proportionally
   (``scaled``).
4. **Imputed cells.** A gravity prior ``GDP_i GDP_j dist_ij^-0.841 exp(0.437 contig_ij)`` with
   the distance between capitals (great circle) and contiguity from Factbook borders; the
   elasticities are the PPML estimates of Yotov et al. (2016), Ch. 1 Table 1 col. (4).
5. **RAS.** Imputed cells are scaled by row and column factors (observed cells fixed) until the
   rows match exports and the columns imports (tolerance 1e-10). With row and column factors the
   imputed flows are the structural-gravity prediction with exporter and importer effects.
5b. **Curated anchors.** Pairs the Factbook's shares say nothing about but the evidence base has
   a sourced bilateral turnover for (``trade_turnover_usd``, e.g. Kazakhstan-Israel) are fixed
   at that turnover, annualised and split between the directions as the first RAS pass split
   them (flag ``observed_curated``; rules in :mod:`concord.baseline.anchors`); a second RAS
   pass balances the other imputed cells. ``anchors`` and ``notes`` say what was done.
6. **Domestic flows** (the Factbook has GDP, not gross output): domestic sales =
   ``max(GDP - exports, floor x GDP)`` with ``floor = 0.15``. Exports count re-exports and
   imported content, so GDP - exports is negative for entrepots (Singapore, Hong Kong,
   Luxembourg ...); the floor keeps domestic sales positive. Output = domestic + exports;
   expenditure = domestic + imports.

Quality table columns: ``country, exports_usd, exports_as_of, imports_usd, imports_as_of,
gdp_usd, gdp_as_of, export_target, import_target, exports_balanced, imports_balanced,
export_gap_pct, import_gap_pct, observed_export_share, observed_import_share, domestic_usd,
domestic_floor_applied, partners_outside, partners_excluded, source_url``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from concord.baseline.anchors import PREDICATE as TURNOVER
from concord.baseline.anchors import Turnover, apply_turnovers, select_turnovers
from concord.baseline.ras import ras_balance, reconcile_totals
from concord.baseline.world import WorldBaseline
from concord.errors import DataError

FACTBOOK = "CIA World Factbook"
DIST_ELASTICITY = -0.841
CONTIG_EFFECT = 0.437
GRAVITY_SOURCE = (
    "Yotov, Piermartini, Monteiro & Larch (2016), Ch. 1 Table 1 col. (4): PPML with exporter-year "
    "and importer-year fixed effects, ln DIST -0.841 (0.032), CNTG 0.437 (0.083)"
)
DOMESTIC_FLOOR = 0.15
Array = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class _Inputs:
    countries: tuple[str, ...]
    exports: pd.DataFrame  # country-indexed: value, as_of, source_url
    imports: pd.DataFrame
    gdp: pd.DataFrame
    lat: Array
    lon: Array
    shares: pd.DataFrame  # reporter, partner, side ('export'|'import'), share_pct, as_of
    borders: set[tuple[str, str]]
    missing: tuple[tuple[str, str], ...]
    turnovers: tuple[Turnover, ...] = ()
    turnover_notes: tuple[str, ...] = ()


def build_factbook_baseline(
    year: int = 2024, *, base: Any | None = None, domestic_floor: float = DOMESTIC_FLOOR
) -> WorldBaseline:
    """Build the embedded world baseline for ``year`` from the evidence base (see module doc)."""
    from concord import kb

    if base is not None:
        return _assemble(_collect(base, year), year, domestic_floor)
    store = kb.open()
    try:
        inputs = _collect(store, year)
    finally:
        store.close()
    return _assemble(inputs, year, domestic_floor)


def latest_values(facts: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per subject: the Factbook value with the latest as_of <= year (else the latest)."""
    frame = facts[facts["source"].astype(str).str.startswith(FACTBOOK)].copy()
    frame["y"] = pd.to_numeric(frame["as_of"].astype(str).str[:4], errors="coerce")
    frame = frame.dropna(subset=["value", "y"])
    frame["late"] = frame["y"] > year
    frame = frame.sort_values(["subject", "late", "y"], ascending=[True, True, False])
    first = frame.groupby("subject").head(1).set_index("subject")
    return pd.DataFrame(
        {
            "value": first["value"].astype(float),
            "as_of": first["as_of"].astype(str),
            "source_url": first["source_url"].astype(str),
        }
    )


def _collect(store: Any, year: int) -> _Inputs:
    countries_all = sorted(store.entities("country")["id"].tolist())
    exports = latest_values(store.facts(predicate="exports_usd"), year)
    imports = latest_values(store.facts(predicate="imports_usd"), year)
    gdp = latest_values(store.facts(predicate="gdp_usd"), year)
    lat, lon = _coordinates(store)
    missing: list[tuple[str, str]] = []
    keep: list[str] = []
    for iso in countries_all:
        lacks = [
            name
            for name, table in (("exports", exports), ("imports", imports), ("GDP", gdp))
            if iso not in table.index or not table.loc[iso, "value"] > 0
        ]
        if iso not in lat.index or iso not in lon.index:
            lacks.append("capital coordinates")
        if lacks:
            missing.append((iso, "no Factbook " + ", ".join(lacks)))
        else:
            keep.append(iso)
    if len(keep) < 3:
        raise DataError(f"the evidence base has trade totals for only {len(keep)} countries")
    shares = _shares(store)
    turnovers, turnover_notes = select_turnovers(store.facts(predicate=TURNOVER), set(keep), year)
    borders = {
        (str(s), str(o))
        for s, o in store.facts(predicate="border_length_km")[["subject", "object"]].itertuples(
            index=False
        )
    }
    return _Inputs(
        tuple(keep),
        exports.loc[keep],
        imports.loc[keep],
        gdp.loc[keep],
        lat.loc[keep, "value"].to_numpy(float),
        lon.loc[keep, "value"].to_numpy(float),
        shares,
        borders,
        tuple(missing),
        tuple(turnovers),
        tuple(turnover_notes),
    )


def _coordinates(store: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Capital coordinates from the Factbook, completed by the package's curated CSV."""
    lat = latest_values(store.facts(predicate="capital_lat"), 9999)
    lon = latest_values(store.facts(predicate="capital_lon"), 9999)
    path = resources.files("concord.baseline") / "data" / "capital_coordinates.csv"
    with resources.as_file(path) as file:
        extra = pd.read_csv(file, dtype={"country": str}).set_index("country")
    extra = extra[~extra.index.isin(lat.index) | ~extra.index.isin(lon.index)]

    def completed(table: pd.DataFrame, column: str) -> pd.DataFrame:
        add = pd.DataFrame(
            {
                "value": extra[column].astype(float),
                "as_of": "2024-01-24",
                "source_url": extra["source_url"].astype(str),
            }
        )
        return pd.concat([table.drop(index=table.index.intersection(add.index)), add])

    return completed(lat, "lat"), completed(lon, "lon")


def _shares(store: Any) -> pd.DataFrame:
    from concord import kb

    errata = kb.factbook_errata()
    wrong = set(zip(errata["subject"], errata["predicate"], errata["object"], strict=True))
    parts = []
    for side in ("export", "import"):
        facts = store.facts(predicate=f"{side}_partner_share_pct")
        facts = facts[facts["source"].astype(str).str.startswith(FACTBOOK)]
        parts.append(
            pd.DataFrame(
                {
                    "reporter": facts["subject"],
                    "partner": facts["object"],
                    "side": side,
                    "share_pct": facts["value"].astype(float),
                    "as_of": facts["as_of"],
                    "flagged": [
                        key in wrong
                        for key in zip(
                            facts["subject"], facts["predicate"], facts["object"], strict=True
                        )
                    ],
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["share_pct"])
    return frame.drop_duplicates(["reporter", "partner", "side"])


def great_circle_km(lat: Array, lon: Array) -> Array:
    """(N, N) great-circle distances in km between points (haversine, radius 6,371 km)."""
    la, lo = np.radians(lat), np.radians(lon)
    dlat = la[:, None] - la[None, :]
    dlon = lo[:, None] - lo[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin(dlon / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _observed(
    inputs: _Inputs, x: Array, m: Array
) -> tuple[Array, npt.NDArray[np.int8], dict[str, set[str]], dict[str, set[str]]]:
    idx = {iso: k for k, iso in enumerate(inputs.countries)}
    n = len(idx)
    from_exp = np.full((n, n), np.nan)
    from_imp = np.full((n, n), np.nan)
    outside: dict[str, set[str]] = {}
    excluded: dict[str, set[str]] = {}
    for rep, par, side, share, flagged in inputs.shares[
        ["reporter", "partner", "side", "share_pct", "flagged"]
    ].itertuples(index=False):
        if rep not in idx:
            continue
        if flagged:
            excluded.setdefault(rep, set()).add(f"{par} ({side})")
            continue
        if par not in idx or par == rep:
            outside.setdefault(rep, set()).add(str(par))
            continue
        r, p = idx[rep], idx[par]
        if side == "export":
            from_exp[r, p] = share / 100.0 * x[r]
        else:
            from_imp[p, r] = share / 100.0 * m[r]
    both = ~np.isnan(from_exp) & ~np.isnan(from_imp)
    values = np.where(both, (np.nan_to_num(from_exp) + np.nan_to_num(from_imp)) / 2, np.nan)
    values = np.where(~both & ~np.isnan(from_exp), from_exp, values)
    values = np.where(~both & ~np.isnan(from_imp), from_imp, values)
    flags = np.zeros((n, n), dtype=np.int8)
    flags[~np.isnan(from_exp)] = 1
    flags[~np.isnan(from_imp)] = 2
    flags[both] = 3
    return np.nan_to_num(values), flags, outside, excluded


def _cap_observed(
    obs: Array, fixed: npt.NDArray[np.bool_], x: Array, m: Array
) -> npt.NDArray[np.bool_]:
    """Scale observed cells down where they exceed a total; returns the mask of scaled cells."""
    scaled = np.zeros(obs.shape, dtype=bool)
    for _ in range(50):
        rows, cols = obs.sum(axis=1), obs.sum(axis=0)
        over_r, over_c = rows > x, cols > m
        if not over_r.any() and not over_c.any():
            break
        fr = np.where(over_r, x / np.where(rows > 0, rows, 1.0), 1.0)
        obs *= fr[:, None]
        scaled |= fixed & over_r[:, None]
        cols = obs.sum(axis=0)
        fc = np.where(cols > m, m / np.where(cols > 0, cols, 1.0), 1.0)
        obs *= fc[None, :]
        scaled |= fixed & (cols > m)[None, :]
    return scaled


def _prior(inputs: _Inputs, gdp: Array) -> Array:
    dist = np.maximum(great_circle_km(inputs.lat, inputs.lon), 10.0)
    iso = inputs.countries
    contig = np.array(
        [[(a, b) in inputs.borders or (b, a) in inputs.borders for b in iso] for a in iso]
    )
    prior = np.outer(gdp, gdp) * dist**DIST_ELASTICITY * np.exp(CONTIG_EFFECT * contig)
    np.fill_diagonal(prior, 0.0)
    return prior / prior.max()


def _assemble(inputs: _Inputs, year: int, floor: float) -> WorldBaseline:
    raw_x = inputs.exports["value"].to_numpy(float)
    raw_m = inputs.imports["value"].to_numpy(float)
    gdp = inputs.gdp["value"].to_numpy(float)
    x, m, rec = reconcile_totals(raw_x, raw_m)
    obs, flags, outside, excluded = _observed(inputs, x, m)
    balanced, fixed, scaled, anchors, anchor_notes = _balance(inputs, obs, flags, x, m, gdp, year)
    domestic = np.maximum(gdp - x, floor * gdp)
    flows = balanced.copy()
    np.fill_diagonal(flows, domestic)
    np.fill_diagonal(flags, 4)
    notes = {"partners_outside": outside, "partners_excluded": excluded}
    quality = _quality(inputs, x, m, balanced, fixed, domestic, gdp - x < floor * gdp, notes)
    return WorldBaseline(
        year=year,
        source="factbook",
        countries=inputs.countries,
        flows=flows,
        flags=flags,
        scaled=scaled,
        export_targets=x,
        import_targets=m,
        quality=quality,
        missing=inputs.missing,
        reconciliation=rec,
        method=(*_METHOD[:-1], _METHOD[-1].replace("0.15", f"{floor:g}")),
        sources=(
            {
                "input": "exports, imports, GDP, partner shares, capitals, borders",
                "source": "CIA World Factbook (final edition, data to 2026-01-22), via concord.kb",
                "source_url": "https://github.com/factbook/factbook.json",
            },
            {
                "input": "distance elasticity and contiguity effect of the gravity prior",
                "source": GRAVITY_SOURCE,
                "source_url": "",
            },
        ),
        parameters={
            "domestic_floor": floor,
            "dist_elasticity": DIST_ELASTICITY,
            "contig_effect": CONTIG_EFFECT,
        },
        anchors=anchors,
        notes=(*anchor_notes, *inputs.turnover_notes),
    )


def _balance(  # noqa: PLR0917
    inputs: _Inputs,
    obs: Array,
    flags: npt.NDArray[np.int8],
    x: Array,
    m: Array,
    gdp: Array,
    year: int,
) -> tuple[Array, npt.NDArray[np.bool_], npt.NDArray[np.bool_], pd.DataFrame, list[str]]:
    """Steps 3-5b: cap the observed cells, RAS, anchor curated turnovers, RAS again.

    Updates ``obs`` and ``flags`` in place; returns the balanced international matrix, the
    fixed and scaled masks, the anchor records and notes.
    """
    gravity = _prior(inputs, gdp)
    fixed = flags > 0
    scaled = _cap_observed(obs, fixed, x, m)
    balanced = ras_balance(np.where(fixed, obs, gravity), x, m, fixed=fixed, tol=1e-10).matrix
    cells, anchors, notes = apply_turnovers(
        list(inputs.turnovers), inputs.countries, balanced, flags, year
    )
    if cells:
        for (i, j), value in cells.items():
            obs[i, j] = value
            flags[i, j] = 6
        fixed = flags > 0
        scaled |= _cap_observed(obs, fixed, x, m)
        balanced = ras_balance(np.where(fixed, obs, gravity), x, m, fixed=fixed, tol=1e-10).matrix
        index = {c: k for k, c in enumerate(inputs.countries)}
        rows = anchors["exporter"].map(index).to_numpy(int)
        cols = anchors["importer"].map(index).to_numpy(int)
        anchors["value_usd"] = balanced[rows, cols]
        anchors["scaled"] = scaled[rows, cols]
    return balanced, fixed, scaled, anchors, notes


def _quality(  # noqa: PLR0917
    inputs: _Inputs,
    x: Array,
    m: Array,
    bal: Array,
    fixed: npt.NDArray[np.bool_],
    domestic: Array,
    floored: npt.NDArray[np.bool_],
    notes: dict[str, dict[str, set[str]]],
) -> pd.DataFrame:
    rows, cols = bal.sum(axis=1), bal.sum(axis=0)
    return pd.DataFrame(
        {
            "country": list(inputs.countries),
            "exports_usd": inputs.exports["value"].to_numpy(float),
            "exports_as_of": inputs.exports["as_of"].to_numpy(),
            "imports_usd": inputs.imports["value"].to_numpy(float),
            "imports_as_of": inputs.imports["as_of"].to_numpy(),
            "gdp_usd": inputs.gdp["value"].to_numpy(float),
            "gdp_as_of": inputs.gdp["as_of"].to_numpy(),
            "export_target": x,
            "import_target": m,
            "exports_balanced": rows,
            "imports_balanced": cols,
            "export_gap_pct": np.abs(rows - x) / x * 100,
            "import_gap_pct": np.abs(cols - m) / m * 100,
            "observed_export_share": np.where(fixed, bal, 0).sum(axis=1) / x,
            "observed_import_share": np.where(fixed, bal, 0).sum(axis=0) / m,
            "domestic_usd": domestic,
            "domestic_floor_applied": floored,
            **{
                key: [", ".join(sorted(found.get(c, ()))) for c in inputs.countries]
                for key, found in notes.items()
            },
            "source_url": inputs.exports["source_url"].to_numpy(),
        }
    )


_METHOD = (
    "countries: every evidence-base country with Factbook exports, imports, GDP and capital "
    "coordinates; totals at the latest date <= the baseline year",
    "reconciliation: world exports and world imports both scaled to their mean (one factor each)",
    "observed cells: Factbook top-partner shares x the reporter's total (mean of both reports)",
    "observed cells exceeding a country's total scaled down proportionally (flag 'scaled')",
    "imputed cells: gravity prior GDP_i GDP_j dist^-0.841 exp(0.437 contig), capitals' "
    "great-circle distance (Yotov et al. 2016, Table 1 col. 4)",
    "RAS: imputed cells scaled by row and column factors to the reconciled totals, tol 1e-10",
    "curated anchors: pairs without Factbook shares but with a sourced turnover in the evidence "
    "base fixed at that turnover (annualised; split by the first RAS pass's direction split, "
    "flag 'observed_curated'); a second RAS pass balances the other imputed cells",
    "domestic sales: max(GDP - exports, 0.15 GDP) (gross-output proxy, never negative)",
)
