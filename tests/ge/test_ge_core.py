"""GE engine: input errors, convergence failures, invariants on synthetic worlds."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from ge_worlds import random_world
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concord.errors import ConvergenceError, UnknownEntityError, ValidationError
from concord.ge import (
    Baseline,
    Shock,
    accession_shock,
    pair_shock,
    set_variable_shock,
    simulate,
)
from concord.ge.geppml import _ppml_fe


def _frame(n: int = 3) -> pd.DataFrame:
    codes = ["AAA", "BBB", "CCC", "DDD"][:n]
    rows = [(i, j, 10.0 if i == j else 2.0) for i in codes for j in codes]
    return pd.DataFrame(rows, columns=["exporter", "importer", "value"])


# -- clear errors ---------------------------------------------------------------------------


def test_negative_flow_is_a_validation_error() -> None:
    frame = _frame()
    frame.loc[1, "value"] = -5.0
    with pytest.raises(ValidationError, match=r"negative trade flow.*AAA->BBB = -5"):
        Baseline.from_frame(frame, sigma=5, reference="AAA")


@pytest.mark.parametrize("sigma", [1.0, 0.5, -2.0, float("nan")])
def test_sigma_at_or_below_one_is_rejected(sigma: float) -> None:
    with pytest.raises(ValidationError, match="sigma must be > 1"):
        Baseline.from_frame(_frame(), sigma=sigma, reference="AAA")


def test_unknown_country_in_shock(small_world: Baseline) -> None:
    shock = pair_shock([("C01", "KAZ")], 0.5)
    with pytest.raises(UnknownEntityError, match="unknown country 'KAZ'"):
        simulate(small_world, shock)
    with pytest.raises(UnknownEntityError, match="did you mean: C01"):
        simulate(small_world, pair_shock([("C1", "C02")], 0.5))


def test_unknown_reference_and_variable(small_world: Baseline) -> None:
    with pytest.raises(UnknownEntityError, match="reference country 'ZZZ'"):
        Baseline.from_frame(_frame(), sigma=5, reference="ZZZ")
    with pytest.raises(UnknownEntityError, match="cost variable 'wto'"):
        set_variable_shock(small_world, "wto", 0.0)


def test_incomplete_or_duplicated_table() -> None:
    with pytest.raises(ValidationError, match="1 of the 9 pairs are missing"):
        Baseline.from_frame(_frame().iloc[1:], sigma=5, reference="AAA")
    doubled = pd.concat([_frame(), _frame().iloc[:1]])
    with pytest.raises(ValidationError, match="more than once"):
        Baseline.from_frame(doubled, sigma=5, reference="AAA")


@pytest.mark.parametrize("method", ["hat", "geppml"])
def test_unconverged_solve_raises(small_world: Baseline, method: str) -> None:
    shock = accession_shock(["C01", "C02"], beta=0.8)
    with pytest.raises(ConvergenceError) as info:
        simulate(small_world, shock, method=method, max_iter=1)  # type: ignore[arg-type]
    assert info.value.diagnostics
    assert "did not converge" in str(info.value)


def test_accession_needs_exactly_one_of_beta_and_variable() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        accession_shock(["C01"], bloc=["C02"])
    with pytest.raises(ValueError, match="exactly one"):
        accession_shock(["C01"], bloc=["C02"], beta=0.3, variable="rta")


# -- shocks ---------------------------------------------------------------------------------


def test_accession_pairs_and_coefficients(small_world: Baseline) -> None:
    fixed = accession_shock(["C01"], bloc=["C02", "C03"], beta=0.5)
    pairs = set(zip(fixed.deltas.exporter, fixed.deltas.importer, strict=True))
    assert pairs == {("C01", "C02"), ("C02", "C01"), ("C01", "C03"), ("C03", "C01")}
    delta = fixed.log_cost_change(small_world)
    assert delta.sum() == pytest.approx(2.0)
    assert delta[small_world.index("C02"), small_world.index("C03")] == 0.0
    via_var = accession_shock(["C01"], bloc=["C02", "C03"], variable="rta")
    np.testing.assert_allclose(via_var.log_cost_change(small_world), delta / 0.5 * 0.4)
    np.testing.assert_allclose(
        via_var.log_cost_change(small_world, {"rta": 1.0, "ln_dist": 0, "border": 0}),
        delta / 0.5,
    )
    combined = fixed + via_var
    np.testing.assert_allclose(combined.log_cost_change(small_world), delta * (1 + 0.8))


def test_set_variable_shock_uses_value_minus_current(small_world: Baseline) -> None:
    shock = set_variable_shock(small_world, "border", 0.0)
    delta = shock.log_cost_change(small_world)
    np.testing.assert_allclose(delta, 1.5 * small_world.cost_variables["border"])
    assert np.all(np.diag(delta) == 0)


# -- invariants -----------------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=2, max_value=7),
    seed=st.integers(min_value=0, max_value=10_000),
    sigma=st.floats(min_value=1.2, max_value=12.0),
    method=st.sampled_from(["hat", "geppml"]),
)
def test_zero_shock_reproduces_the_baseline(n: int, seed: int, sigma: float, method: str) -> None:
    world = random_world(n, seed, sigma=sigma)
    result = simulate(world, Shock(), method=method)  # type: ignore[arg-type]
    for stage in (result.conditional, result.full):
        np.testing.assert_allclose(stage.trade, result.baseline_trade, rtol=1e-8)
        np.testing.assert_allclose(stage.price, 1.0, rtol=1e-9)
        np.testing.assert_allclose(stage.inward, 1.0, rtol=1e-9)
        np.testing.assert_allclose(stage.outward, 1.0, rtol=1e-9)
    assert np.abs(result.changes().to_numpy()).max() < 1e-6


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=9),
    seed=st.integers(min_value=0, max_value=10_000),
    scale=st.floats(min_value=0.1, max_value=4.0),
)
def test_large_random_shocks_stay_positive_and_clear_markets(
    n: int, seed: int, scale: float
) -> None:
    world = random_world(n, seed, flows="observed")
    rng = np.random.default_rng(seed)
    deltas = rng.normal(0, scale, size=(n, n))
    frame = pd.DataFrame(
        [
            (a, b, deltas[i, j])
            for i, a in enumerate(world.countries)
            for j, b in enumerate(world.countries)
        ],
        columns=["exporter", "importer", "delta"],
    )
    result = simulate(world, Shock.from_frame(frame))
    full = result.full
    assert np.all(full.price > 0) and np.all(full.trade > 0)
    np.testing.assert_allclose(full.trade.sum(axis=1), full.output, rtol=1e-8)
    np.testing.assert_allclose(full.trade.sum(axis=0), full.expenditure, rtol=1e-8)
    assert full.inward[world.reference_index] == pytest.approx(1.0)
    cdl = result.conditional
    np.testing.assert_allclose(cdl.trade.sum(axis=1), world.output, rtol=1e-9)
    np.testing.assert_allclose(cdl.trade.sum(axis=0), world.expenditure, rtol=1e-9)


def test_geppml_estimator_is_ppml(small_world: Baseline) -> None:
    """The book's PPML step (two-way FE, cost offset) against pyfixest.fepois."""
    import pyfixest as pf

    frame = small_world.to_frame()
    frame["offset"] = small_world.log_cost().ravel()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.fepois(
            "value ~ 1 | exporter + importer",
            data=frame,
            offset="offset",
            fixef_tol=1e-12,
            iwls_tol=1e-12,
        )
        expected = np.asarray(fit.predict(type="response"))
    _, _, fitted = _ppml_fe(small_world.trade, small_world.log_cost(), 0)
    np.testing.assert_allclose(fitted.ravel(), expected, rtol=1e-7)
    # the PPML first-order conditions: fitted margins equal the observed ones
    np.testing.assert_allclose(fitted.sum(axis=1), small_world.output, rtol=1e-11)
    np.testing.assert_allclose(fitted.sum(axis=0), small_world.expenditure, rtol=1e-11)


def test_coefficients_override_refits_baseline(small_world: Baseline) -> None:
    other = small_world.with_coefficients({"ln_dist": -1.2, "border": -1.0, "rta": 0.1})
    np.testing.assert_allclose(other.output, small_world.output, rtol=1e-10)
    np.testing.assert_allclose(other.expenditure, small_world.expenditure, rtol=1e-10)
    assert not np.allclose(other.trade, small_world.trade)


# -- results --------------------------------------------------------------------------------


def test_conventions_and_exports(small_world: Baseline) -> None:
    result = simulate(small_world, accession_shock(["C01", "C04"], beta=0.6))
    forward = result.changes("counterfactual_vs_baseline")
    backward = result.changes("baseline_vs_counterfactual")
    np.testing.assert_allclose(
        backward, 100.0 / (1 + forward / 100.0) - 100.0, rtol=1e-9, atol=1e-12
    )
    assert forward.loc["C01", "exports"] > 0 and forward.loc["C01", "real_gdp"] > 0
    assert backward.loc["C01", "real_gdp"] < 0
    payload = json.loads(json.dumps(result.to_dict("baseline_vs_counterfactual")))
    assert payload["convention_formula"].startswith("(BLN - CFL) / CFL")
    assert len(payload["countries"]) == small_world.n
    pairs = result.pairs_frame()
    assert len(pairs) == small_world.n**2
    row = pairs[(pairs.exporter == "C01") & (pairs.importer == "C04")].iloc[0]
    assert row.change_conditional > 0
    assert "(CFL - BLN) / BLN" in result.summary()


def test_baseline_and_results_are_frozen(small_world: Baseline) -> None:
    with pytest.raises(ValueError, match="read-only"):
        small_world.trade[0, 0] = 1.0
    result = simulate(small_world, pair_shock([("C01", "C02")], 0.3))
    with pytest.raises(ValueError, match="read-only"):
        result.full.price[0] = 2.0
    with pytest.raises(ValueError, match="needs cost variables"):
        Baseline.from_frame(_frame(), sigma=5, reference="AAA", flows="fitted")
