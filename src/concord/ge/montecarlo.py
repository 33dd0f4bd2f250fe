"""Monte Carlo over the cost coefficients: GE results under parameter uncertainty."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from concord.errors import ConvergenceError, InputError
from concord.ge.baseline import Baseline
from concord.ge.results import CHANGE_COLUMNS, CONVENTIONS, Convention, percent
from concord.ge.shock import CompiledShock, Shock
from concord.ge.solve import Method, SolveSpec, run
from concord.parallel import Progress, get_executor

DEFAULT_PERCENTILES = (2.5, 50.0, 97.5)


@dataclass(frozen=True, slots=True)
class _Chunk:
    baseline: Baseline
    shock: CompiledShock
    spec: SolveSpec
    names: tuple[str, ...]
    betas: np.ndarray  # (draws in chunk, K)


def _solve_chunk(chunk: _Chunk) -> tuple[np.ndarray, np.ndarray]:
    """Ratios CFL/BLN (draws, quantities, countries) and which draws converged."""
    out = np.full((len(chunk.betas), len(CHANGE_COLUMNS), chunk.baseline.n), np.nan)
    ok = np.zeros(len(chunk.betas), dtype=bool)
    for k, beta in enumerate(chunk.betas):
        coefs = dict(zip(chunk.names, beta.tolist(), strict=True))
        try:
            ratios = run(chunk.baseline, chunk.shock, chunk.spec, coefs).ratios()
        except ConvergenceError:
            continue
        out[k] = np.stack([ratios[q] for q in CHANGE_COLUMNS])
        ok[k] = True
    return out, ok


@dataclass(frozen=True, slots=True)
class MonteCarloResult:
    """Percent changes over coefficient draws.

    ``draws`` has shape (D, Q, N): draw x quantity (``quantities``) x country; failed draws are
    dropped (``failed`` counts them). ``coefficients`` (D, K) are the drawn coefficient vectors.
    """

    countries: tuple[str, ...]
    quantities: tuple[str, ...]
    coefficient_names: tuple[str, ...]
    coefficients: np.ndarray
    draws: np.ndarray
    point: np.ndarray
    convention: Convention
    seed: int
    failed: int
    percentiles: tuple[float, ...] = DEFAULT_PERCENTILES
    executor: str = "local"
    meta: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Long table: country, quantity, point, mean, sd and one column per percentile.

        Quantities undefined for a country (e.g. exports of a country without any) are NaN.
        """
        shape = self.draws.shape[1:]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            if len(self.draws):
                mean = np.nanmean(self.draws, axis=0)
                pct = np.nanpercentile(self.draws, self.percentiles, axis=0)
            else:
                mean = np.full(shape, np.nan)
                pct = np.full((len(self.percentiles), *shape), np.nan)
            sd = (
                np.nanstd(self.draws, axis=0, ddof=1)
                if len(self.draws) > 1
                else np.full(shape, np.nan)
            )
        q_idx, c_idx = np.meshgrid(
            np.arange(len(self.quantities)), np.arange(len(self.countries)), indexing="ij"
        )
        frame = pd.DataFrame(
            {
                "country": np.array(self.countries, dtype=object)[c_idx.ravel()],
                "quantity": np.array(self.quantities, dtype=object)[q_idx.ravel()],
                "point": self.point.ravel(),
                "mean": mean.ravel(),
                "sd": sd.ravel(),
            }
        )
        for k, p in enumerate(self.percentiles):
            frame[f"p{p:g}"] = pct[k].ravel()
        frame.attrs["convention"] = self.convention
        return frame

    def table(self, quantity: str = "real_gdp") -> pd.DataFrame:
        """One quantity, one row per country."""
        if quantity not in self.quantities:
            raise InputError(f"unknown quantity {quantity!r}; use one of {self.quantities}")
        frame = self.to_frame()
        return frame[frame["quantity"] == quantity].drop(columns="quantity").set_index("country")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary."""
        return {
            "draws": len(self.draws),
            "failed": self.failed,
            "seed": self.seed,
            "executor": self.executor,
            "convention": self.convention,
            "convention_formula": CONVENTIONS[self.convention],
            "coefficients": list(self.coefficient_names),
            "results": self.to_frame().to_dict(orient="records"),
        }

    def summary(self, quantity: str = "real_gdp", top: int = 5) -> str:
        """Text summary of one quantity for the countries with the largest mean changes."""
        tab = self.table(quantity).sort_values("mean", ascending=False)
        pick = tab if len(tab) <= 2 * top else pd.concat([tab.head(top), tab.tail(top)])
        return "\n".join(
            [
                f"Monte Carlo: {len(self.draws)} draws ({self.failed} failed), seed {self.seed}, "
                f"{self.executor}",
                f"{quantity}, percent, {CONVENTIONS[self.convention]}",
                pick.round(3).to_string(),
            ]
        )

    def __str__(self) -> str:
        return self.summary()


def draw_coefficients(
    baseline: Baseline, draws: int, seed: int
) -> tuple[tuple[str, ...], np.ndarray]:
    """Coefficient names and all draws up front, (draws, K), from N(mean, covariance)."""
    coefs = baseline.coefficients
    if coefs is None or coefs.covariance is None:
        raise InputError("Monte Carlo needs cost coefficients with a covariance in the baseline")
    if draws < 1:
        raise InputError(f"draws must be >= 1, got {draws}")
    rng = np.random.default_rng(seed)
    return coefs.names, np.asarray(
        rng.multivariate_normal(coefs.mean, coefs.covariance, size=draws)
    )


def monte_carlo(
    baseline: Baseline,
    shock: Shock,
    *,
    draws: int = 1000,
    seed: int = 0,
    executor: Any = None,
    workers: int | None = None,
    method: Method = "hat",
    convention: Convention = "counterfactual_vs_baseline",
    percentiles: Sequence[float] = DEFAULT_PERCENTILES,
    chunk_size: int | None = None,
    progress: Progress | None = None,
) -> MonteCarloResult:
    """Re-solve the counterfactual for ``draws`` coefficient vectors drawn from N(beta, V).

    The draws come from ``numpy.random.default_rng(seed)`` before any work is sent out, so the
    same seed gives the same numbers with any executor (``None``/"local" processes,
    ``"serial"``, a Dask address ``"tcp://host:8786"`` or a ``distributed.Client``).
    ``progress(done, total)`` counts draws.
    """
    percent(np.ones(1), convention)  # validates the convention name
    spec = SolveSpec(method)
    names, betas = draw_coefficients(baseline, draws, seed)
    compiled = shock.compile(baseline)
    runner = get_executor(executor, workers=workers)
    size = chunk_size or max(1, min(50, int(np.ceil(draws / 16))))
    chunks = [
        _Chunk(baseline, compiled, spec, names, betas[k : k + size]) for k in range(0, draws, size)
    ]
    sizes = [len(c.betas) for c in chunks]

    def on_chunk(done: int, total: int) -> None:
        if progress is not None:
            progress(sum(sizes[:done]) if done < total else draws, draws)

    parts = runner.map(_solve_chunk, chunks, progress=on_chunk)
    ratios = np.concatenate([p[0] for p in parts], axis=0)
    ok = np.concatenate([p[1] for p in parts])
    point = run(baseline, compiled, spec).ratios()
    return MonteCarloResult(
        countries=baseline.countries,
        quantities=CHANGE_COLUMNS,
        coefficient_names=names,
        coefficients=betas[ok],
        draws=percent(ratios[ok], convention),
        point=percent(np.stack([point[q] for q in CHANGE_COLUMNS]), convention),
        convention=convention,
        seed=seed,
        failed=int((~ok).sum()),
        percentiles=tuple(float(p) for p in percentiles),
        executor=runner.description,
    )
