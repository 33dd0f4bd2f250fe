"""``simulate``: one GE counterfactual of a baseline under a shock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from concord.errors import InputError
from concord.ge._numerics import solve_conditional, solve_full
from concord.ge.baseline import Baseline
from concord.ge.geppml import BOOK_TOL, run_geppml
from concord.ge.results import GEResult
from concord.ge.shock import CompiledShock, Shock

Method = Literal["hat", "geppml"]
METHODS = ("hat", "geppml")
HAT_TOL = 1e-10


@dataclass(frozen=True, slots=True)
class SolveSpec:
    """Options of a solve. ``tol``/``max_iter`` of ``None`` take the method's defaults.

    ``hat``: ``tol`` bounds the max log residual of market clearing (default 1e-10),
    ``max_iter`` the Newton iterations (default 100). ``geppml``: the book's stopping rule
    on price-update changes (default 0.01) and its iteration count (default 100).
    """

    method: Method = "hat"
    tol: float | None = None
    max_iter: int | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise InputError(f"unknown method {self.method!r}; use one of {', '.join(METHODS)}")
        if self.tol is not None and not self.tol > 0:
            raise InputError(f"tol must be > 0, got {self.tol}")
        if self.max_iter is not None and self.max_iter < 1:
            raise InputError(f"max_iter must be >= 1, got {self.max_iter}")


def simulate(
    baseline: Baseline,
    shock: Shock,
    *,
    method: Method = "hat",
    tol: float | None = None,
    max_iter: int | None = None,
    coefficients: Mapping[str, float] | None = None,
) -> GEResult:
    """Solve the conditional and full-endowment GE of ``baseline`` under ``shock``.

    ``coefficients`` replaces the baseline's cost coefficients (a fitted baseline is refitted to
    them first), as Monte Carlo draws do. Raises :class:`concord.errors.ConvergenceError` when a
    solver does not converge; never returns an unconverged answer.
    """
    spec = SolveSpec(method, tol, max_iter)
    return run(baseline, shock, spec, coefficients)


def run(
    baseline: Baseline,
    shock: Shock | CompiledShock,
    spec: SolveSpec,
    coefficients: Mapping[str, float] | None = None,
) -> GEResult:
    """Runner behind :func:`simulate` (validated spec in, frozen result out)."""
    world = baseline if coefficients is None else baseline.with_coefficients(coefficients)
    compiled = shock.compile(world) if isinstance(shock, Shock) else shock
    delta = compiled.delta(coefficients)
    ref = world.reference_index
    if spec.method == "hat":
        th = np.exp(delta)
        base = world.trade
        conditional = solve_conditional(base, th, world.sigma, ref)
        full = solve_full(
            base, th, world.sigma, ref, tol=spec.tol or HAT_TOL, max_iter=spec.max_iter or 100
        )
    else:
        base, conditional, full = run_geppml(
            world.trade,
            world.log_cost(coefficients),
            delta,
            world.sigma,
            ref,
            tol=spec.tol or BOOK_TOL,
            max_iter=spec.max_iter or 100,
        )
    return GEResult(
        countries=world.countries,
        reference=world.reference,
        sigma=world.sigma,
        method=spec.method,
        label=compiled.label,
        baseline_trade=base,
        conditional=conditional,
        full=full,
        diagnostics={"iterations": full.iterations, "residual": full.residual},
    )
