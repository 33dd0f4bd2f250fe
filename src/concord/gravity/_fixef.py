"""Recover fixed-effect levels from the estimated sum of fixed effects.

pyfixest 0.60's ``Fepois.fixef()`` uses the raw outcome instead of the linear predictor when a
Poisson model has no regressors (the GEPPML case), and a loose LSQR tolerance. Concord recovers
the levels itself: the sum ``eta - X·b - offset`` is exactly a sum of one level per dimension, so
alternating projections (Gauss-Seidel on group means) converge to an exact decomposition.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from concord.errors import ConvergenceError


def _group_mean(codes: np.ndarray, values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=len(counts)) / counts


def decompose(
    total: np.ndarray,
    codes: Sequence[np.ndarray],
    sizes: Sequence[int],
    *,
    tol: float = 1e-10,
    max_iter: int = 20_000,
) -> list[np.ndarray]:
    """Levels ``a_k`` with ``sum_k a_k[codes_k] == total`` (to ``tol``).

    Normalisation: every dimension after the first has its first level at zero; the constant is
    carried by the first dimension. Levels with no rows are NaN.
    """
    counts = [np.bincount(c, minlength=n).astype(float) for c, n in zip(codes, sizes, strict=True)]
    safe = [np.where(n > 0, n, 1.0) for n in counts]
    levels = [np.zeros(n) for n in sizes]
    residual = total.astype(float).copy()
    worst = np.inf
    for _ in range(max_iter):
        for k, c in enumerate(codes):
            step = _group_mean(c, residual, safe[k])
            levels[k] += step
            residual -= step[c]
        worst = float(np.max(np.abs(residual))) if residual.size else 0.0
        if worst <= tol:
            break
    else:
        raise ConvergenceError(
            "fixed-effect levels did not converge",
            {"iterations": max_iter, "max_abs_residual": worst},
        )
    for k in range(1, len(levels)):
        shift = levels[k][0]
        levels[k] -= shift
        levels[0] += shift
    for k, n in enumerate(counts):
        levels[k][n == 0] = np.nan
    return levels
