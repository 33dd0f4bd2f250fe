"""An accord's effect estimated from an imported panel (PPML with pair fixed effects)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from concord.baseline.flows import read_table
from concord.errors import DataError, InputError
from concord.scenario.spec import Effect


def read_panel(effect: Effect) -> pd.DataFrame:
    """The panel file (CSV, gzipped CSV or Parquet), restricted to ``effect.years``."""
    path = effect.panel
    if path is None:
        raise InputError("an estimated effect needs a panel file")
    frame = read_table(path, what="panel")
    if effect.years:
        if "year" not in frame.columns:
            raise InputError(f"panel {path} has no 'year' column to select years from")
        frame = frame[frame["year"].isin(effect.years)]
    return frame


def estimate_effect(effect: Effect) -> Effect:
    """Fit ``trade ~ agreement | exporter-year + importer-year + pair`` by PPML.

    Uses :func:`concord.gravity.fit_ppml` (spec ``pair-fe``, SEs clustered by pair with the
    Stata convention), the specification of Yotov et al. (2016) Table 3 col. (4).
    """
    from concord import gravity

    panel = read_panel(effect)
    fit = gravity.fit_ppml(panel, spec="pair-fe", agreement=effect.agreement)
    rows = fit.coefficients[fit.coefficients["term"] == effect.agreement]
    if rows.empty:
        raise DataError(f"the fit has no coefficient for {effect.agreement!r}")
    estimate, std_error = (float(v) for v in rows[["estimate", "std_error"]].iloc[0])
    years = f"{min(effect.years)}-{max(effect.years)}, " if effect.years else ""
    source = (
        f"PPML estimate of '{effect.agreement}' with exporter-year, importer-year and pair fixed "
        f"effects from {effect.panel} ({years}N = {fit.nobs:,}; concord.gravity, SE clustered "
        "by pair, Stata convention)"
    )
    return dataclasses.replace(effect, coefficient=estimate, se=std_error, source=source)
