"""Pure numerical kernels of the GE engine (numpy arrays in, numpy arrays out).

Notation: ``X`` (N, N) baseline flows (rows exporters), ``th`` (N, N) the change
``exp(delta) = t'^(1-sigma) / t^(1-sigma)``, ``s = 1 - sigma``. Everything is solved in logs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from concord.errors import ConvergenceError

MARGIN_TOL = 1e-12


def fit_margins(
    kernel: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    *,
    tol: float = MARGIN_TOL,
    max_iter: int = 20_000,
) -> np.ndarray:
    """Scale ``kernel`` to ``a_i * kernel_ij * b_j`` with the given row and column sums.

    This is the PPML estimate of a gravity model with exporter and importer fixed effects and
    ``log(kernel)`` as offset: its first-order conditions are exactly these margins.
    """
    log_a, log_b = margin_factors(kernel, rows, cols, tol=tol, max_iter=max_iter)
    return np.exp(log_a)[:, None] * kernel * np.exp(log_b)[None, :]


def margin_factors(
    kernel: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    *,
    tol: float = MARGIN_TOL,
    max_iter: int = 20_000,
) -> tuple[np.ndarray, np.ndarray]:
    """Log factors ``(log a, log b)`` of :func:`fit_margins` (biproportional scaling in logs)."""
    with single_threaded_blas():
        return _scale(kernel, rows, cols, tol=tol, max_iter=max_iter)


def _scale(
    kernel: np.ndarray, rows: np.ndarray, cols: np.ndarray, *, tol: float, max_iter: int
) -> tuple[np.ndarray, np.ndarray]:
    log_rows, log_cols = np.log(rows), np.log(cols)
    log_b = np.zeros(len(cols))
    gap, iteration = np.inf, 0
    while iteration < max_iter:
        iteration += 1
        log_a = log_rows - np.log(kernel @ np.exp(log_b))
        new_b = log_cols - np.log(np.exp(log_a) @ kernel)
        gap = float(np.max(np.abs(new_b - log_b)))
        log_b = new_b
        if gap < tol:
            log_a = log_rows - np.log(kernel @ np.exp(log_b))
            return log_a, log_b
        if not np.isfinite(gap):
            break
    raise ConvergenceError(
        f"margin fit (resistances) did not converge: max log gap {gap:.3g} > {tol:g}",
        {"iterations": iteration, "max_log_gap": gap, "tol": tol},
    )


@dataclass(frozen=True, slots=True)
class Stage:
    """One solved scenario: flows, margins and changes against the baseline.

    ``price``, ``inward`` and ``outward`` are ratios to the baseline (factory-gate price p,
    inward resistance P, outward resistance Pi); ``trade`` (N, N), ``output`` and
    ``expenditure`` are levels.
    """

    trade: np.ndarray
    output: np.ndarray
    expenditure: np.ndarray
    price: np.ndarray
    inward: np.ndarray
    outward: np.ndarray
    iterations: int
    residual: float

    def __post_init__(self) -> None:
        for name in ("trade", "output", "expenditure", "price", "inward", "outward"):
            values = np.array(getattr(self, name), dtype=float)
            values.flags.writeable = False
            object.__setattr__(self, name, values)


def outward_change(
    trade: np.ndarray,
    th: np.ndarray,
    *,
    exp_hat: np.ndarray,
    world_hat: float,
    inward_hat: np.ndarray,
    sigma: float,
) -> np.ndarray:
    """Pi-hat: ``Pi_i^(1-s)`` hat ``= sum_j (X_ij/Y_i) th_ij E^_j / (Y^_w P^_j^(1-s))``."""
    s = 1.0 - sigma
    share = trade / trade.sum(axis=1, keepdims=True)
    pis = (share * th * (exp_hat / (world_hat * inward_hat**s))[None, :]).sum(axis=1)
    return np.asarray(pis ** (1.0 / s))


def solve_conditional(
    trade: np.ndarray, th: np.ndarray, sigma: float, reference: int, *, tol: float = MARGIN_TOL
) -> Stage:
    """Conditional GE: output and expenditure fixed, resistances adjust (P of ``reference`` = 1)."""
    y, e = trade.sum(axis=1), trade.sum(axis=0)
    log_a, log_b = margin_factors(trade * th, y, e, tol=tol)
    shift = log_b[reference]
    log_a, log_b = log_a + shift, log_b - shift
    new = np.exp(log_a)[:, None] * trade * th * np.exp(log_b)[None, :]
    s = 1.0 - sigma
    inward = np.exp(-log_b / s)
    outward = outward_change(
        trade, th, exp_hat=np.ones_like(e), world_hat=1.0, inward_hat=inward, sigma=sigma
    )
    return Stage(new, y, e, np.ones_like(y), inward, outward, 0, 0.0)


class _FullSystem:
    """Market clearing of the endowment economy in log factory-gate prices (hat algebra).

    ``E'_j = kappa * phi_j * Y'_j`` with ``phi`` fixed at its baseline value and one common
    ``kappa`` so that world expenditure equals world output.
    """

    def __init__(self, trade: np.ndarray, th: np.ndarray, sigma: float, reference: int) -> None:
        self.s = 1.0 - sigma
        self.y = trade.sum(axis=1)
        self.e = trade.sum(axis=0)
        self.m = trade * th
        self.w = trade / self.e[None, :] * th
        self.ref = reference

    def parts(self, lp: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
        p = np.exp(lp)
        ps = p**self.s
        ph = ps @ self.w  # P-hat^(1-sigma), (N,)
        kappa = float((self.y * p).sum() / (self.e * p).sum())
        q = p / ph
        g = self.m @ q
        resid = self.s * lp + np.log(g) + np.log(kappa) - lp - np.log(self.y)
        return resid, ph, kappa, q

    def __call__(self, lp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        resid, ph, _, q = self.parts(lp)
        p = np.exp(lp)
        ps = p**self.s
        share = self.w * ps[:, None] / ph[None, :]  # S_kj, columns sum to 1
        h = self.m * q[None, :]
        h = h / h.sum(axis=1, keepdims=True)
        jac = h - self.s * (h @ share.T)
        jac[np.diag_indices_from(jac)] += self.s - 1.0
        yp, ep = self.y * p, self.e * p
        jac += (yp / yp.sum() - ep / ep.sum())[None, :]
        out = resid.copy()
        out[self.ref] = np.log(ph[self.ref])
        jac[self.ref] = self.s * share[:, self.ref]
        return out, jac


def solve_full(
    trade: np.ndarray,
    th: np.ndarray,
    sigma: float,
    reference: int,
    *,
    tol: float = 1e-10,
    max_iter: int = 100,
) -> Stage:
    """Full-endowment GE: damped Newton on log prices with the exact Jacobian.

    ``max_iter`` bounds the Newton iterations; the answer is returned only when the max log
    residual of market clearing (and of the numeraire) is below ``tol``.
    """
    system = _FullSystem(trade, th, sigma, reference)
    with single_threaded_blas():
        lp, iterations, worst = _newton(system, len(system.y), tol=tol, max_iter=max_iter)
    _, ph, kappa, _ = system.parts(lp)
    p = np.exp(lp)
    s = 1.0 - sigma
    y_new = system.y * p
    e_new = system.e * p * kappa
    inward = ph ** (1.0 / s)
    new = trade * th * (p**s)[:, None] * (e_new / system.e / ph)[None, :]
    world_hat = float(y_new.sum() / system.y.sum())
    outward = outward_change(
        trade, th, exp_hat=e_new / system.e, world_hat=world_hat, inward_hat=inward, sigma=sigma
    )
    return Stage(new, y_new, e_new, p, inward, outward, iterations, worst)


def _newton(
    system: _FullSystem, n: int, *, tol: float, max_iter: int
) -> tuple[np.ndarray, int, float]:
    """Newton's method with backtracking on the max-norm; raises ConvergenceError on failure."""
    x = np.zeros(n)
    resid, jac = system(x)
    worst = float(np.max(np.abs(resid)))
    iteration = 0
    while worst >= tol:
        if iteration >= max_iter:
            raise _not_converged(f"after {iteration} Newton iterations", iteration, worst, tol)
        iteration += 1
        try:
            step = np.linalg.solve(jac, -resid)
        except np.linalg.LinAlgError:
            raise _not_converged("(singular Jacobian)", iteration, worst, tol) from None
        alpha = 1.0
        while True:
            trial = x + alpha * step
            with np.errstate(all="ignore"):
                t_resid, t_jac = system(trial)
            t_worst = float(np.max(np.abs(t_resid)))
            if np.isfinite(t_worst) and t_worst < (1.0 - 1e-4 * alpha) * worst:
                break
            alpha *= 0.5
            if alpha < 1e-10:
                raise _not_converged("(line search failed)", iteration, worst, tol)
        x, resid, jac, worst = trial, t_resid, t_jac, t_worst
    return x, iteration, worst


def _not_converged(how: str, iterations: int, worst: float, tol: float) -> ConvergenceError:
    return ConvergenceError(
        f"full-endowment GE did not converge {how}: max log residual {worst:.3g} > {tol:g}",
        {"iterations": iterations, "max_residual": worst, "tol": tol},
    )


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Small dense algebra runs fastest on one BLAS thread (and cannot oversubscribe cores)."""
    global _CONTROLLER  # noqa: PLW0603 - one lazily built controller per process
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER = ThreadpoolController()
    with _CONTROLLER.limit(limits=1, user_api="blas"):
        yield


_CONTROLLER: Any = None
