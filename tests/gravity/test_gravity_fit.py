"""fit_ppml on synthetic panels with known parameters: estimates, fixed effects, offsets, drops."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from concord.errors import InputError
from concord.gravity import DroppedObservationsWarning, GravityFit, fit_ppml

N_COUNTRIES = 25
YEARS = (2000, 2004, 2008, 2012)
BETA_DIST, BETA_RTA, BETA_LAG = -0.9, 0.4, 0.2


def simulate(seed: int = 7) -> pd.DataFrame:
    """Poisson flows from exporter-year, importer-year and symmetric pair effects."""
    rng = np.random.default_rng(seed)
    names = [f"C{k:02d}" for k in range(N_COUNTRIES)]
    loc = rng.uniform(0, 50, size=(N_COUNTRIES, 2))
    pair_effect = rng.normal(0, 0.3, size=(N_COUNTRIES, N_COUNTRIES))
    pair_effect = (pair_effect + pair_effect.T) / 2
    exp_fe = rng.normal(8, 1, size=(N_COUNTRIES, len(YEARS)))
    imp_fe = rng.normal(0, 1, size=(N_COUNTRIES, len(YEARS)))
    rows = []
    for i in range(N_COUNTRIES):
        for j in range(N_COUNTRIES):
            d = 1.0 + float(np.hypot(*(loc[i] - loc[j])))
            start = rng.choice([2004, 2008, 9999]) if i != j else 9999
            start = min(start, rng.choice([2004, 2008, 9999])) if i < j else start
            for t, year in enumerate(YEARS):
                rta = float(year >= start)
                lag4 = float(year >= start + 4)
                eta = (
                    exp_fe[i, t]
                    + imp_fe[j, t]
                    + BETA_DIST * np.log(d)
                    + BETA_RTA * rta
                    + BETA_LAG * lag4
                    + (2.0 if i == j else 0.0)
                    + pair_effect[i, j]
                )
                rows.append(
                    {
                        "exporter": names[i],
                        "importer": names[j],
                        "pair_id": min(i, j) * 100 + max(i, j),
                        "year": year,
                        "trade": float(rng.poisson(np.exp(eta) / 50.0)),
                        "dist": d,
                        "rta": rta,
                        "rta_lag4": lag4,
                    }
                )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return simulate()


@pytest.fixture(scope="module")
def phasing(panel: pd.DataFrame) -> GravityFit:
    return fit_ppml(panel, spec="phasing")


def test_recovers_known_parameters(panel: pd.DataFrame, phasing: GravityFit) -> None:
    intra = fit_ppml(panel, spec="intra", border="common", covariates=["log(dist)", "rta"])
    assert abs(float(intra.params["log(dist)"]) - BETA_DIST) < 0.1
    assert abs(float(intra.params["intl_brdr"]) - (-2.0)) < 0.3
    assert phasing.spec.terms == ("rta", "rta_lag4")
    assert abs(float(phasing.params["rta"]) - BETA_RTA) < 0.1
    assert abs(float(phasing.params["rta_lag4"]) - BETA_LAG) < 0.1


def test_total_effect_uses_the_covariance(phasing: GravityFit) -> None:
    total = phasing.total_effect()
    v = phasing.covariance.to_numpy()
    assert total.terms == ("rta", "rta_lag4")
    assert total.estimate == pytest.approx(float(phasing.params.sum()))
    assert total.std_error == pytest.approx(float(np.sqrt(v.sum())))
    assert total.std_error != pytest.approx(float(np.sqrt(np.diag(v).sum())), rel=1e-6)
    low, high = total.ci
    assert low < total.estimate < high
    with pytest.raises(InputError, match="unknown term"):
        phasing.total_effect(["rta", "nope"])


def test_fixed_effects_add_up_to_the_fitted_values(
    panel: pd.DataFrame, phasing: GravityFit
) -> None:
    columns = phasing.fixed_effect_columns()
    assert list(columns.columns) == ["exporter_year", "importer_year", "pair"]
    xb = phasing.params["rta"] * panel["rta"] + phasing.params["rta_lag4"] * panel["rta_lag4"]
    eta = columns.sum(axis=1) + xb
    used = phasing.fitted.notna()
    assert np.allclose(eta[used], np.log(phasing.fitted[used]), atol=1e-8)
    levels = phasing.fixed_effects()
    assert set(levels) == {"exporter_year", "importer_year", "pair"}
    assert levels["exporter_year"].index.names == ["exporter", "year"]
    assert "intra-national" in levels["pair"].index  # intra-national pairs share one effect
    assert levels["importer_year"].iloc[0] == 0.0  # normalisation


def test_offset_fit_for_geppml(panel: pd.DataFrame, phasing: GravityFit) -> None:
    """Fixing the coefficients through an offset reproduces the unconstrained fit."""
    data = panel.assign(
        cost=phasing.params["rta"] * panel["rta"] + phasing.params["rta_lag4"] * panel["rta_lag4"]
    )
    constrained = fit_ppml(data, spec="pair-fe", covariates=[], offset="cost")
    assert constrained.coefficients.empty
    assert np.allclose(constrained.fitted, phasing.fitted, rtol=1e-5, equal_nan=True)
    columns = constrained.fixed_effect_columns()
    eta = columns.sum(axis=1) + data["cost"]
    used = constrained.fitted.notna()
    assert np.allclose(eta[used], np.log(constrained.fitted[used]), atol=1e-8)
    # two-way FE only (the GEPPML step): exporter and importer levels are finite and moderate
    one_year = data[data["year"] == 2012]
    ge_step = fit_ppml(one_year, spec="two-way", flows="all", covariates=[], offset="cost")
    assert ge_step.fixed_effects()["exporter_year"].abs().max() < 50


def test_zero_trade_pairs_and_separation_are_counted(panel: pd.DataFrame) -> None:
    data = panel.copy()
    zero_pair = data["pair_id"] == 1  # C00-C01, both directions, all years
    data.loc[zero_pair, "trade"] = 0.0
    with pytest.warns(DroppedObservationsWarning, match="8 zero-trade pairs"):
        fit = fit_ppml(data, spec="pair-fe")
    assert fit.dropped.counts["zero_trade_pair"] == int(zero_pair.sum()) == 8
    assert fit.nobs == len(data) - 8
    assert fit.fitted[zero_pair].isna().all()
    assert "8 zero-trade pairs" in fit.dropped.describe()
    assert fit.dropped.rows.index.isin(data.index[zero_pair]).all()


def test_standard_error_conventions(panel: pd.DataFrame, phasing: GravityFit) -> None:
    default = fit_ppml(panel, spec="phasing", se="pyfixest")
    assert np.allclose(default.params, phasing.params)
    assert (default.std_errors > phasing.std_errors).all()  # (N-1)/(N-K) inflation
    robust = fit_ppml(panel, spec="phasing", cluster="robust")
    assert robust.n_clusters is None
    assert "robust" in robust.vcov
    assert phasing.n_clusters == panel["pair_id"].nunique()
    assert "G/(G-1) only" in phasing.vcov


def test_results_are_frozen_and_serialisable(phasing: GravityFit) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        phasing.nobs = 3  # type: ignore[misc]
    payload = json.loads(json.dumps(phasing.to_dict(), default=str))
    assert payload["pairing"] == "undirected data pair column 'pair_id'"
    assert payload["total_effect"]["terms"] == ["rta", "rta_lag4"]
    assert [c["term"] for c in payload["coefficients"]] == ["rta", "rta_lag4"]
    table = phasing.to_frame()
    assert list(table.columns) == ["term", "estimate", "std_error", "z", "p", "ci_low", "ci_high"]
    text = phasing.summary()
    assert "rta_lag4" in text
    assert "total (rta+rta_lag4)" in text


def test_globalisation_and_event_study_terms(panel: pd.DataFrame) -> None:
    lead = panel.groupby(["exporter", "importer"])["rta"].shift(-1)  # rows are year-ordered
    data = panel.assign(rta_lead4=lead.fillna(panel["rta"]))
    glob = fit_ppml(data, spec="globalisation")
    assert glob.spec.generated == ("intl_brdr_2000", "intl_brdr_2004", "intl_brdr_2008")
    assert glob.spec.border_years == (2000, 2004, 2008)
    event = fit_ppml(data, spec="event-study")
    assert event.spec.terms == ("rta", "rta_lead4", "rta_lag4")
    assert event.spec.total_terms == ("rta", "rta_lag4")


def test_predict_reproduces_fitted_and_switches_agreements_off(
    panel: pd.DataFrame, phasing: GravityFit
) -> None:
    same = phasing.predict(panel)
    used = phasing.fitted.notna()
    assert np.allclose(same[used], phasing.fitted[used], rtol=1e-8)
    assert phasing.predict().equals(phasing.fitted)
    without = panel.assign(rta=0.0, rta_lag4=0.0)
    counterfactual = phasing.predict(without.drop(columns="trade"))
    ratio = (counterfactual / same)[panel["rta_lag4"] == 1]
    expected = np.exp(-(phasing.params["rta"] + phasing.params["rta_lag4"]))
    assert np.allclose(ratio, expected)
    unknown = panel.head(3).assign(exporter="ZZZ")
    assert phasing.predict(unknown).isna().all()
    with pytest.raises(InputError, match="lacks column"):
        phasing.predict(panel.drop(columns="rta_lag4"))


def test_repr_is_short(phasing: GravityFit) -> None:
    text = repr(phasing)
    assert text.startswith("GravityFit(spec='phasing', nobs=2500, rta=")
    assert len(text) < 120
