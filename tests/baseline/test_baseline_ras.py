"""RAS balancing and the world export/import reconciliation."""

from __future__ import annotations

import numpy as np
import pytest

from concord.baseline.ras import ras_balance, reconcile_totals
from concord.errors import ConvergenceError, ValidationError


def test_uniform_prior_gives_the_independence_table() -> None:
    # With a constant prior the RAS solution is r_i * c_j / T (computed by hand).
    out = ras_balance(np.ones((2, 2)), [3.0, 7.0], [4.0, 6.0])
    np.testing.assert_allclose(out.matrix, [[1.2, 1.8], [2.8, 4.2]], rtol=1e-9)
    assert out.max_row_error <= 1e-10 and out.max_col_error <= 1e-10


def test_cross_ratios_of_the_prior_are_preserved() -> None:
    rng = np.random.default_rng(5)
    prior = rng.uniform(0.1, 2.0, size=(6, 6))
    rows = rng.uniform(1, 10, size=6)
    cols = rng.uniform(1, 10, size=6)
    cols *= rows.sum() / cols.sum()
    out = ras_balance(prior, rows, cols).matrix
    np.testing.assert_allclose(out.sum(axis=1), rows, rtol=1e-9)
    np.testing.assert_allclose(out.sum(axis=0), cols, rtol=1e-9)
    # x = diag(a) prior diag(b): every 2x2 cross ratio equals the prior's.
    ratio_out = out[0, 0] * out[3, 4] / (out[0, 4] * out[3, 0])
    ratio_in = prior[0, 0] * prior[3, 4] / (prior[0, 4] * prior[3, 0])
    assert ratio_out == pytest.approx(ratio_in, rel=1e-9)


def test_fixed_cells_and_zeros_are_kept() -> None:
    prior = np.array([[0.0, 5.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]])
    fixed = np.zeros((3, 3), dtype=bool)
    fixed[0, 1] = True
    rows = np.array([8.0, 4.0, 6.0])
    cols = np.array([5.0, 7.0, 6.0])
    out = ras_balance(prior, rows, cols, fixed=fixed).matrix
    assert out[0, 1] == 5.0
    assert np.all(np.diag(out) == 0.0)
    np.testing.assert_allclose(out.sum(axis=1), rows, rtol=1e-9)
    np.testing.assert_allclose(out.sum(axis=0), cols, rtol=1e-9)


def test_infeasible_problems_are_listed() -> None:
    fixed = np.array([[True, False], [False, False]])
    with pytest.raises(ValidationError) as info:
        ras_balance([[9.0, 1.0], [1.0, 1.0]], [5.0, 5.0], [5.0, 5.0], fixed=fixed)
    assert "exceed the row target" in str(info.value)
    assert "exceed the column target" in str(info.value)
    with pytest.raises(ValidationError, match="no free cell"):
        ras_balance([[0.0, 0.0], [1.0, 1.0]], [1.0, 1.0], [1.0, 1.0])
    with pytest.raises(ValidationError, match="reconcile"):
        ras_balance(np.ones((2, 2)), [1.0, 1.0], [1.0, 2.0])
    with pytest.raises(ValidationError, match="negative"):
        ras_balance([[1.0, -1.0], [1.0, 1.0]], [1.0, 1.0], [1.0, 1.0])


def test_non_convergence_raises_with_diagnostics() -> None:
    # A prior whose zero pattern makes the targets reachable only in the limit.
    prior = np.array([[1.0, 1.0], [0.0, 1.0]])
    with pytest.raises(ConvergenceError) as info:
        ras_balance(prior, [1.0, 1.0], [1.5, 0.5], max_iter=50)
    assert info.value.diagnostics["iterations"] == 50


def test_reconciliation_uses_the_mean_of_world_exports_and_imports() -> None:
    x, m, rec = reconcile_totals([10.0, 30.0], [20.0, 40.0])
    assert rec.world_total == 50.0
    np.testing.assert_allclose(x, [12.5, 37.5])
    np.testing.assert_allclose(m, [50 / 3, 100 / 3])
    assert x.sum() == pytest.approx(m.sum())
    with pytest.raises(ValidationError):
        reconcile_totals([1.0, -1.0], [1.0, 1.0])
