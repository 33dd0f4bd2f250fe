"""RAS (biproportional) balancing of a trade matrix to row and column totals.

Pure functions over numpy arrays:

- :func:`reconcile_totals` makes world exports equal world imports (one documented step);
- :func:`ras_balance` scales a non-negative prior matrix so that its rows sum to the exporters'
  totals and its columns to the importers' totals, keeping fixed (observed) cells unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from concord.errors import ConvergenceError, ValidationError

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """World exports and imports before and after :func:`reconcile_totals`.

    ``export_factor`` and ``import_factor`` multiply every country's exports and imports.
    """

    world_exports: float
    world_imports: float
    world_total: float
    export_factor: float
    import_factor: float

    def to_dict(self) -> dict[str, float]:
        return {
            "world_exports": self.world_exports,
            "world_imports": self.world_imports,
            "world_total": self.world_total,
            "export_factor": self.export_factor,
            "import_factor": self.import_factor,
        }


def reconcile_totals(
    exports: npt.ArrayLike, imports: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, Reconciliation]:
    """Scale exports and imports so that both sum to the mean of world exports and imports.

    Reported world exports (f.o.b.) and imports (c.i.f.) never agree; a trade matrix needs them
    equal. One uniform factor per side keeps every country's share of world exports and of world
    imports unchanged: ``X_i * W / sum(X)`` and ``M_j * W / sum(M)`` with
    ``W = (sum(X) + sum(M)) / 2``.
    """
    x = np.asarray(exports, dtype=float)
    m = np.asarray(imports, dtype=float)
    problems = []
    if x.ndim != 1 or m.ndim != 1:
        problems.append("exports and imports must be 1-D arrays")
    elif not (np.all(np.isfinite(x)) and np.all(np.isfinite(m))):
        problems.append("exports and imports must be finite")
    elif (x < 0).any() or (m < 0).any():
        problems.append("exports and imports must be non-negative")
    elif x.sum() <= 0 or m.sum() <= 0:
        problems.append("world exports and imports must be positive")
    if problems:
        raise ValidationError("trade totals", problems)
    wx, wm = float(x.sum()), float(m.sum())
    world = (wx + wm) / 2.0
    rec = Reconciliation(wx, wm, world, world / wx, world / wm)
    return x * rec.export_factor, m * rec.import_factor, rec


@dataclass(frozen=True, slots=True)
class RasResult:
    """A balanced matrix and how close its margins are to the targets (relative errors)."""

    matrix: FloatArray
    iterations: int
    max_row_error: float
    max_col_error: float


def ras_balance(
    prior: npt.ArrayLike,
    row_targets: npt.ArrayLike,
    col_targets: npt.ArrayLike,
    *,
    fixed: npt.ArrayLike | None = None,
    tol: float = 1e-10,
    max_iter: int = 10_000,
) -> RasResult:
    """Scale ``prior`` (N x M, non-negative) to the given row and column sums.

    Cells where ``fixed`` is true keep their prior value; the others are scaled by a row factor
    times a column factor (the RAS / iterative proportional fitting solution, which minimises the
    Kullback-Leibler distance to the prior). Zero prior cells stay zero.

    Raises :class:`ValidationError` when the problem is infeasible (negative or non-finite
    inputs, totals that disagree, fixed cells exceeding a total, a row or column with a positive
    target but no free positive cell) and :class:`ConvergenceError` when ``max_iter`` sweeps do
    not bring every margin within ``tol`` (relative to its target).
    """
    z0 = np.array(prior, dtype=float)
    r_t = np.asarray(row_targets, dtype=float)
    c_t = np.asarray(col_targets, dtype=float)
    mask = np.zeros(z0.shape, dtype=bool) if fixed is None else np.asarray(fixed, dtype=bool)
    _check_inputs(z0, r_t, c_t, mask, tol)
    fixed_part = np.where(mask, z0, 0.0)
    free = np.where(mask, 0.0, z0)
    r = r_t - fixed_part.sum(axis=1)
    c = c_t - fixed_part.sum(axis=0)
    _check_feasible(free, r, c, r_t, c_t, tol=tol)
    r = np.clip(r, 0.0, None)
    c = np.clip(c, 0.0, None)
    r_scale = np.where(r_t > 0, r_t, 1.0)
    c_scale = np.where(c_t > 0, c_t, 1.0)
    row_err = col_err = np.inf
    for iteration in range(1, max_iter + 1):
        rows = free.sum(axis=1)
        free *= np.divide(r, rows, out=np.zeros_like(r), where=rows > 0)[:, None]
        cols = free.sum(axis=0)
        free *= np.divide(c, cols, out=np.zeros_like(c), where=cols > 0)[None, :]
        row_err = float(np.max(np.abs(free.sum(axis=1) - r) / r_scale, initial=0.0))
        col_err = float(np.max(np.abs(free.sum(axis=0) - c) / c_scale, initial=0.0))
        if row_err <= tol and col_err <= tol:
            return RasResult(fixed_part + free, iteration, row_err, col_err)
    raise ConvergenceError(
        f"RAS did not balance within {max_iter} sweeps (row error {row_err:.2e}, "
        f"column error {col_err:.2e}, tolerance {tol:.0e}); check the prior's zero pattern",
        {"iterations": max_iter, "max_row_error": row_err, "max_col_error": col_err},
    )


def _check_inputs(
    z0: FloatArray, r_t: FloatArray, c_t: FloatArray, mask: BoolArray, tol: float
) -> None:
    problems: list[str] = []
    if z0.ndim != 2:
        problems.append(f"prior must be 2-D, got shape {z0.shape}")
    elif r_t.shape != (z0.shape[0],) or c_t.shape != (z0.shape[1],):
        problems.append(
            f"targets of shapes {r_t.shape} and {c_t.shape} do not fit prior {z0.shape}"
        )
    elif mask.shape != z0.shape:
        problems.append(f"fixed mask of shape {mask.shape} does not fit prior {z0.shape}")
    if problems:
        raise ValidationError("RAS inputs", problems)
    for name, arr in (("prior", z0), ("row targets", r_t), ("column targets", c_t)):
        if not np.all(np.isfinite(arr)):
            problems.append(f"{name} contain non-finite values")
        elif (arr < 0).any():
            problems.append(f"{name} contain negative values")
    total = max(float(r_t.sum()), float(c_t.sum()), 1.0)
    if not problems and abs(float(r_t.sum()) - float(c_t.sum())) > max(tol, 1e-12) * total:
        problems.append(
            f"row targets sum to {r_t.sum():.6g} but column targets to {c_t.sum():.6g}; "
            "reconcile them first (reconcile_totals)"
        )
    if problems:
        raise ValidationError("RAS inputs", problems)


def _check_feasible(
    free: FloatArray, r: FloatArray, c: FloatArray, r_t: FloatArray, c_t: FloatArray, *, tol: float
) -> None:
    problems: list[str] = []
    over_r = np.flatnonzero(r < -tol * np.maximum(r_t, 1.0))
    over_c = np.flatnonzero(c < -tol * np.maximum(c_t, 1.0))
    if over_r.size:
        problems.append(f"fixed cells exceed the row target in rows {over_r.tolist()[:10]}")
    if over_c.size:
        problems.append(f"fixed cells exceed the column target in columns {over_c.tolist()[:10]}")
    empty_r = np.flatnonzero((r > tol * np.maximum(r_t, 1.0)) & (free.sum(axis=1) <= 0))
    empty_c = np.flatnonzero((c > tol * np.maximum(c_t, 1.0)) & (free.sum(axis=0) <= 0))
    if empty_r.size:
        problems.append(f"rows {empty_r.tolist()[:10]} need flows but have no free cell")
    if empty_c.size:
        problems.append(f"columns {empty_c.tolist()[:10]} need flows but have no free cell")
    if problems:
        raise ValidationError("RAS problem is infeasible", problems)
