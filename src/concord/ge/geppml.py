"""The book's GEPPML procedure (Yotov et al. 2016, ch. 2, do-files of applications 1 and 2).

Each step re-estimates the structural gravity model by PPML with exporter and importer fixed
effects and the counterfactual trade-cost term as offset. For that model the PPML estimate is
fully described by its first-order conditions (fitted row and column sums equal the observed
ones), so it is computed exactly by biproportional scaling (:func:`fit_margins`); a test checks
it against ``pyfixest.fepois``. Normalisation as in the book: the reference country's importer
fixed effect is 0, so its inward resistance is 1.

The loop, its variables and its stopping rule follow the do-file line by line: stop when the
standard deviation and the (absolute value of the) maximum of the change between successive
factory-gate price updates are both below ``tol`` (0.01 in the book). Note that the book's loop
is not a contraction: with a much tighter ``tol`` it may drift or diverge, in which case a
:class:`ConvergenceError` is raised.
"""

from __future__ import annotations

import numpy as np

from concord.errors import ConvergenceError
from concord.ge._numerics import Stage, margin_factors

BOOK_TOL = 0.01


def _ppml_fe(
    flows: np.ndarray, log_cost: np.ndarray, reference: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PPML with exporter and importer FE and offset: (exp(pi), exp(chi), fitted)."""
    kernel = np.exp(log_cost)
    log_a, log_b = margin_factors(kernel, flows.sum(axis=1), flows.sum(axis=0))
    shift = log_b[reference]
    a, b = np.exp(log_a + shift), np.exp(log_b - shift)
    return a, b, a[:, None] * kernel * b[None, :]


def run_geppml(
    trade: np.ndarray,
    log_cost: np.ndarray,
    delta: np.ndarray,
    sigma: float,
    reference: int,
    *,
    tol: float = BOOK_TOL,
    max_iter: int = 100,
) -> tuple[np.ndarray, Stage, Stage]:
    """Run the book's procedure; returns (baseline fitted flows, conditional, full)."""
    s = 1.0 - sigma
    n = trade.shape[0]
    cf_cost = log_cost + delta
    y, e = trade.sum(axis=1), trade.sum(axis=0)
    phi = e / y
    a0, b0, fit0 = _ppml_fe(trade, log_cost, reference)
    a1, b1, fit1 = _ppml_fe(trade, cf_cost, reference)
    er0 = e[reference]
    imr0 = e / (b0 * er0)
    conditional = Stage(
        fit1, y, e, np.ones(n), (b0 / b1) ** (1.0 / s), (a0 / a1) ** (1.0 / s), 1, 0.0
    )
    # Iteration state, named as in the do-file: index 0 = baseline, 1 = conditional.
    exp_pi = {0: a0, 1: a1}
    exp_chi = {0: b0, 1: b1}
    e_r = {0: er0, 1: er0}
    out_y = {0: y, 1: y}
    fitted = {1: fit1}
    change_p = {0: np.zeros(n), 1: (a1 / a0) ** (1.0 / s)}
    omr = {0: y * er0 / a0, 1: y * er0 / a1}
    imr = {0: imr0, 1: e / (b1 * er0)}
    change_omr = {1: np.ones(n)}
    change_imr = {1: np.ones(n)}
    step, sd_dif, max_dif = 3, 1.0, 1.0
    while sd_dif > tol or max_dif > tol:
        s1, s2, s3 = step - 1, step - 2, step - 3
        if s2 > max_iter:
            raise ConvergenceError(
                f"GEPPML did not converge in {max_iter} iterations "
                f"(sd {sd_dif:.3g}, max {max_dif:.3g} of price-update changes > {tol:g})",
                {"iterations": s2, "sd_dif": sd_dif, "max_dif": max_dif, "tol": tol},
            )
        flows = (
            fitted[s2]
            * (change_p[s2] / change_omr[s2])[:, None]
            * (change_p[s2] / change_imr[s2])[None, :]
        )
        if not np.all(np.isfinite(flows)) or np.any(flows.sum(axis=1) <= 0):
            raise ConvergenceError(
                f"GEPPML diverged at iteration {s2} (non-finite or zero flows)",
                {"iterations": s2, "sd_dif": sd_dif, "max_dif": max_dif, "tol": tol},
            )
        a, b, fitted[s1] = _ppml_fe(flows, cf_cost, reference)
        out_y[s1] = fitted[s1].sum(axis=1)
        e_s = phi * out_y[s1]
        e_r[s1] = e_s[reference]
        exp_pi[s1], exp_chi[s1] = a, b
        change_p[s1] = ((a / exp_pi[s2]) / (e_r[s1] / e_r[s2])) ** (1.0 / s)
        omr[s1] = out_y[s1] * e_r[s1] / a
        change_omr[s1] = omr[s1] / omr[s2]
        imr[s1] = e_s / (b * e_r[s1])
        change_imr[s1] = imr[s1] / imr[s2]
        dif = np.repeat(change_p[s2] - change_p[s3], n)  # one row per pair, as in Stata
        sd_dif, max_dif = float(np.std(dif, ddof=1)), float(abs(dif.max()))
        if not (np.isfinite(sd_dif) and np.isfinite(max_dif)):
            sd_dif = max_dif = float("inf")
        step += 1
    last = step - 2
    full = _full_stage(
        fitted[last],
        exp_pi[last] / a0,
        e_r[last] / er0,
        phi * out_y[last],
        exp_chi[last] * e_r[last],
        base=(y, phi, imr0, omr[0]),
        sigma=sigma,
        iterations=last,
        residual=max_dif,
    )
    return fit0, conditional, full


def _full_stage(
    fitted: np.ndarray,
    pi_ratio: np.ndarray,
    er_ratio: float,
    e_last: np.ndarray,
    chi_er: np.ndarray,
    *,
    base: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    sigma: float,
    iterations: int,
    residual: float,
) -> Stage:
    """The do-file's step (iv): full-endowment indexes from the last iteration."""
    s = 1.0 - sigma
    y, phi, imr0, omr0 = base
    price = (pi_ratio / er_ratio) ** (1.0 / s)
    y_full = price * y
    e_full = phi * y_full
    imr_full = e_last / chi_er
    trade_full = fitted * (e_full / e_last)[None, :]
    # OMR = Y * E_R / exp(pi) = world output * Pi^(1-sigma)
    omr_full = omr0 * price / pi_ratio * er_ratio
    outward = ((omr_full / omr0) / (y_full.sum() / y.sum())) ** (1.0 / s)
    inward = (imr_full / imr0) ** (1.0 / s)
    return Stage(trade_full, y_full, e_full, price, inward, outward, iterations, residual)
