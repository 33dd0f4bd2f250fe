"""Yotov, Piermartini, Monteiro & Larch (2016): every PPML target, to 3 decimals, and N.

Expected values are read from ``yotov2016/csv/expected_estimates.csv`` (original Stata logs, or
the independent pyfixest/capybara replications documented in gravity-targets.md §1); they are never
produced by the code under test. Fits are module-scoped and shared between tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from concord.gravity import GravityFit, fit_ppml

pytestmark = [
    pytest.mark.reference,
    # the 84 zero-trade observations are asserted through fit.dropped below
    pytest.mark.filterwarnings("ignore::concord.gravity.DroppedObservationsWarning"),
]

RawData = Callable[[str], Path]

# expected_estimates.csv variable name -> Concord term, where they differ
TERM = {"log_dist": "log(dist)", "ln_DIST_stage2": "log(dist)", "INTL_BRDR": "intl_brdr"}
STAGE2_TERM = {"ln_DIST": "log(dist)", "CNTG": "cntg", "LANG": "lang", "CLNY": "clny"}


def tolerance(expected: str) -> float:
    """3 decimals, plus half a unit of the expected value's own last printed digit."""
    decimals = len(expected.split(".")[1]) if "." in expected else 0
    return 0.0005 + 0.5 * 10.0 ** (-decimals)


@pytest.fixture(scope="module")
def expected(raw_data: RawData) -> pd.DataFrame:
    return pd.read_csv(raw_data("yotov2016/csv/expected_estimates.csv"), dtype=str)


@pytest.fixture(scope="module")
def agtpa(raw_data: RawData) -> pd.DataFrame:
    panel = pd.read_csv(raw_data("yotov2016/csv/agtpa_applications.csv.gz"))
    return panel[panel["year"].isin(range(1986, 2007, 4))].reset_index(drop=True)


@pytest.fixture(scope="module")
def exercise2(raw_data: RawData) -> pd.DataFrame:
    panel = pd.read_csv(raw_data("yotov2016/csv/ch1_exercise2_mfn_tariffs.csv.gz"))
    # the tariff applies to international flows; domestic flows have none (ln(1+0) = 0)
    panel["ln_MFN"] = np.log1p(panel["MFN_TARIFF"].fillna(0.0))
    return panel


GRAVITY = ["log(dist)", "cntg", "lang", "clny"]


@pytest.fixture(scope="module")
def fits(agtpa: pd.DataFrame, exercise2: pd.DataFrame, raw_data: RawData) -> dict[str, GravityFit]:
    app1 = pd.read_csv(raw_data("yotov2016/csv/ch2_app1_trade_without_border_2006.csv"))
    out = {
        "ch1_table1/PPML": fit_ppml(agtpa, spec="two-way", covariates=GRAVITY),
        "ch1_table3/(2)": fit_ppml(agtpa, spec="two-way", covariates=[*GRAVITY, "rta"]),
        "ch1_table3/(3)": fit_ppml(agtpa, spec="intra", covariates=[*GRAVITY, "rta"]),
        "ch1_table3/(4)": fit_ppml(agtpa, spec="pair-fe"),
        "ch1_table3/(5)": fit_ppml(agtpa, spec="event-study", lags=()),
        "ch1_table3/(6)": fit_ppml(agtpa, spec="phasing"),
        "ch1_table3/(7)": fit_ppml(agtpa, spec="globalisation"),
        "ch1_exercise2/(1)": fit_ppml(exercise2, spec="phasing", agreement="RTA", lags=(3, 6, 9)),
        "ch1_exercise2/(2)": fit_ppml(
            exercise2, spec="phasing", agreement="RTA", lags=(3, 6, 9), covariates=["RTA", "ln_MFN"]
        ),
        "ch2_app1_trade_without_border/": fit_ppml(
            app1, spec="intra", border="common", covariates=["ln_DIST", "CNTG"], cluster="robust"
        ),
        "ch2_app2_nafta/stage 1": fit_ppml(agtpa, spec="pair-fe", cluster="robust"),
    }
    return out


def _fit_key(table: str, spec: str) -> str:
    if table == "ch1_table1":
        return "ch1_table1/PPML"
    if table == "ch2_app1_trade_without_border":
        return table + "/"
    if table == "ch2_app2_nafta":
        return table + "/" + spec.split(":", maxsplit=1)[0]
    return f"{table}/{spec.split(' ', maxsplit=1)[0]}"


def _rows(expected: pd.DataFrame) -> pd.DataFrame:
    ppml = ~expected["spec"].str.startswith("OLS") & ~expected["spec"].str.startswith("(1) OLS")
    return expected[ppml & ~expected["spec"].str.startswith("stage 2")]


def test_every_ppml_target_is_covered(expected: pd.DataFrame, fits: dict[str, GravityFit]) -> None:
    rows = _rows(expected)
    keys = {_fit_key(t, s) for t, s in zip(rows["table"], rows["spec"], strict=True)}
    assert keys <= set(fits), keys - set(fits)
    # 57 targets = 45 PPML rows checked here + 4 NAFTA stage-2 rows + 8 OLS rows (not PPML)
    assert len(expected) == 57
    assert len(rows) == 45
    assert expected["spec"].str.startswith("stage 2").sum() == 4
    assert expected["spec"].str.startswith("OLS").sum() == 8


def test_coefficients_and_standard_errors(
    expected: pd.DataFrame, fits: dict[str, GravityFit]
) -> None:
    failures = []
    checked = 0
    for row in _rows(expected).itertuples(index=False):
        fit = fits[_fit_key(row.table, row.spec)]
        if row.variable == "sum_rta":
            total = fit.total_effect()
            estimate, std_error = total.estimate, total.std_error
        else:
            term = TERM.get(row.variable, row.variable)
            if term not in fit.params.index:  # the NAFTA log names the panel's `rta` "RTA"
                term = {t.lower(): t for t in fit.params.index}[term.lower()]
            estimate = float(fit.params[term])
            std_error = float(fit.std_errors[term])
        for what, got, want in (("coef", estimate, row.coef), ("se", std_error, row.se)):
            if abs(got - float(want)) > tolerance(want):
                failures.append(f"{row.table} {row.spec} {row.variable} {what}: {got} vs {want}")
        if fit.nobs != int(row.n_obs):
            failures.append(f"{row.table} {row.spec}: N {fit.nobs} vs {row.n_obs}")
        checked += 1
    assert checked == 45
    assert not failures, "\n".join(failures)


def test_table3_column4_rta_and_phasing_total(fits: dict[str, GravityFit]) -> None:
    col4 = fits["ch1_table3/(4)"]
    assert round(float(col4.params["rta"]), 3) == 0.557
    assert round(float(col4.std_errors["rta"]), 3) == 0.102
    assert col4.nobs == 28_482
    total = fits["ch1_table3/(6)"].total_effect()
    assert total.terms == ("rta", "rta_lag4", "rta_lag8", "rta_lag12")
    assert (round(total.estimate, 3), round(total.std_error, 3)) == (0.993, 0.094)


def test_pairing_and_drop_account_are_reported(fits: dict[str, GravityFit]) -> None:
    col4 = fits["ch1_table3/(4)"]
    assert col4.pairing == "undirected data pair column 'pair_id'"
    # gravity-targets §1.1: the 84 zero-trade observations Stata drops
    assert col4.dropped.counts == {"zero_trade_pair": 84}
    assert col4.n_input - col4.nobs == 84
    assert fits["ch1_exercise2/(1)"].pairing == "directed exporter-importer"
    intl = fits["ch1_table1/PPML"]
    assert intl.dropped.counts == {"intra_national": 414}
    assert "414 intra-national" in intl.summary()


def test_directed_pairing_differs_as_documented(agtpa: pd.DataFrame) -> None:
    # gravity-targets §1.1: a directed pair effect gives RTA 0.5671 (0.0815), N = 28,236
    fit = fit_ppml(agtpa, spec="pair-fe", pair=None)
    assert fit.pairing == "directed exporter-importer"
    assert abs(float(fit.params["rta"]) - 0.5671) < 0.00055
    assert abs(float(fit.std_errors["rta"]) - 0.0815) < 0.00055
    assert fit.nobs == 28_236


def test_pyfixest_default_ssc_inflates_the_pair_fe_se(agtpa: pd.DataFrame) -> None:
    # gravity-targets §1.1: pyfixest's default ssc gives 0.1084 instead of 0.1022
    fit = fit_ppml(agtpa, spec="pair-fe", se="pyfixest")
    assert abs(float(fit.std_errors["rta"]) - 0.1084) < 0.00055


def test_nafta_stage2_on_the_pair_fixed_effects(
    expected: pd.DataFrame, agtpa: pd.DataFrame, fits: dict[str, GravityFit]
) -> None:
    """Ch.2 App.2 stage 2: PPML of exp(pair FE) in 1994 (uses the recovered fixed effects)."""
    pair_fe = fits["ch1_table3/(4)"].fixed_effects()["pair"]
    d = agtpa[(agtpa["year"] == 1994) & (agtpa["exporter"] != agtpa["importer"])].copy()
    d["tij_bar"] = np.exp(d["pair_id"].map(pair_fe).astype(float))
    d = d[d["tij_bar"].notna()]
    fit = fit_ppml(d, spec="two-way", trade="tij_bar", covariates=GRAVITY)
    rows = expected[expected["spec"].str.startswith("stage 2")]
    assert len(rows) == 4
    for row in rows.itertuples(index=False):
        term = STAGE2_TERM[row.variable]
        assert abs(float(fit.params[term]) - float(row.coef)) <= tolerance(row.coef), row.variable
        assert abs(float(fit.std_errors[term]) - float(row.se)) <= tolerance(row.se), row.variable
        assert fit.nobs == int(row.n_obs)
