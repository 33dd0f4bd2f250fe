"""Frozen results of a gravity fit.

``GravityFit.coefficients`` columns: term, estimate, std_error, z, p, ci_low, ci_high (95 %,
normal). ``covariance`` is a term × term DataFrame. ``fitted`` is aligned with the input rows
(NaN for rows that did not enter the estimation). ``dropped`` says which rows left and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from concord.errors import InputError
from concord.gravity._design import FixedEffect
from concord.gravity._fixef import decompose
from concord.gravity.spec import GravitySpec

Z_95 = 1.959963984540054

DROP_REASONS = {
    "missing": "missing values (missing='drop')",
    "intra_national": "intra-national flows (spec uses international flows only)",
    "zero_trade_pair": "zero-trade pairs (separated by the pair fixed effect)",
    "separation": "separation (all-zero fixed-effect group or other)",
    "singleton": "singletons (fixed-effect group of one row)",
}


def _normal_p(z: np.ndarray) -> np.ndarray:
    from scipy.stats import norm

    return np.asarray(2.0 * norm.sf(np.abs(z)))


@dataclass(frozen=True, slots=True)
class TotalEffect:
    """A sum of coefficients with its standard error from the covariance (``sqrt(1'V1)``)."""

    terms: tuple[str, ...]
    estimate: float
    std_error: float

    @property
    def z(self) -> float:
        return self.estimate / self.std_error if self.std_error > 0 else float("nan")

    @property
    def p(self) -> float:
        return float(_normal_p(np.array([self.z]))[0])

    @property
    def ci(self) -> tuple[float, float]:
        half = Z_95 * self.std_error
        return (self.estimate - half, self.estimate + half)

    def to_dict(self) -> dict[str, Any]:
        low, high = self.ci
        return {
            "terms": list(self.terms),
            "estimate": self.estimate,
            "std_error": self.std_error,
            "z": self.z,
            "p": self.p,
            "ci_low": low,
            "ci_high": high,
        }


@dataclass(frozen=True, slots=True)
class DroppedObservations:
    """Rows of the input that did not enter the estimation.

    ``rows`` maps input row labels to a reason key of ``DROP_REASONS``; ``counts`` totals them.
    """

    rows: pd.Series

    @property
    def counts(self) -> dict[str, int]:
        counted = self.rows.value_counts()
        return {k: int(counted.get(k, 0)) for k in DROP_REASONS if counted.get(k, 0)}

    @property
    def total(self) -> int:
        return len(self.rows)

    def describe(self) -> str:
        if not self.total:
            return "no observations dropped"
        parts = [f"{n:,} {DROP_REASONS[k]}" for k, n in self.counts.items()]
        return f"{self.total:,} observations dropped: " + "; ".join(parts)


@dataclass(frozen=True, slots=True)
class FixedEffectState:
    """What is needed to recover the fixed-effect levels on demand (estimation rows only)."""

    total: np.ndarray  # sum of fixed effects per estimation row
    effects: tuple[FixedEffect, ...]  # codes cover the estimation rows
    row_codes: tuple[np.ndarray, ...]  # codes for every input row (-1 outside the frame)
    index: pd.Index  # input row labels


@dataclass(frozen=True, slots=True)
class GravityFit:
    """A PPML gravity fit; build it with :func:`concord.gravity.fit_ppml`."""

    spec: GravitySpec
    coefficients: pd.DataFrame
    covariance: pd.DataFrame
    nobs: int
    n_input: int
    n_clusters: int | None
    vcov: str
    fitted: pd.Series
    dropped: DroppedObservations
    collinear: tuple[str, ...]
    _fe: FixedEffectState = field(repr=False, compare=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __repr__(self) -> str:
        terms = ", ".join(f"{t}={b:.4f}" for t, b in self.params.items())
        return f"GravityFit(spec={self.spec.name!r}, nobs={self.nobs}, {terms or 'no terms'})"

    @property
    def pairing(self) -> str:
        return self.spec.pairing

    @property
    def params(self) -> pd.Series:
        return self.coefficients.set_index("term")["estimate"]

    @property
    def std_errors(self) -> pd.Series:
        return self.coefficients.set_index("term")["std_error"]

    def total_effect(self, terms: Sequence[str] | None = None) -> TotalEffect:
        """Estimate and SE of the sum of ``terms`` (default: the spec's agreement + lags)."""
        chosen = tuple(terms) if terms is not None else self.spec.total_terms
        if not chosen:
            raise InputError("total_effect needs terms; this spec defines no default total")
        unknown = [t for t in chosen if t not in self.covariance.index]
        if unknown:
            raise InputError(f"unknown term(s) {unknown}; estimated: {list(self.covariance.index)}")
        v = self.covariance.loc[list(chosen), list(chosen)].to_numpy()
        estimate = float(self.params.loc[list(chosen)].sum())
        return TotalEffect(chosen, estimate, float(np.sqrt(max(v.sum(), 0.0))))

    def fixed_effects(self) -> dict[str, pd.Series]:
        """Levels of each absorbed dimension (``exporter_year``, ``importer_year``, ``pair``...).

        The levels are identified only up to normalisation: every dimension after the first has
        its first level at zero. Sums per row are exact (see :meth:`fixed_effect_columns`).
        """
        if "levels" not in self._cache:
            state = self._fe
            levels = decompose(
                state.total,
                [fe.codes for fe in state.effects],
                [len(fe.labels) for fe in state.effects],
            )
            self._cache["levels"] = {
                fe.name: pd.Series(lv, index=fe.labels, name=fe.name)
                for fe, lv in zip(state.effects, levels, strict=True)
            }
        return dict(self._cache["levels"])

    def fixed_effect_columns(self) -> pd.DataFrame:
        """One column per dimension, aligned with the input rows (NaN where not estimated)."""
        levels = self.fixed_effects()
        cols = {}
        for fe, codes in zip(self._fe.effects, self._fe.row_codes, strict=True):
            values = levels[fe.name].to_numpy()
            cols[fe.name] = np.where(codes >= 0, values[np.maximum(codes, 0)], np.nan)
        return pd.DataFrame(cols, index=self._fe.index)

    def predict(self, data: pd.DataFrame | None = None) -> pd.Series:
        """Predicted flows ``exp(X·b + fixed effects + offset)`` for the rows of ``data``.

        Without ``data``: the fitted values (aligned with the input rows). With ``data`` (same
        key, covariate and offset columns; the flow is not needed), e.g. a counterfactual with
        an agreement switched off: the estimated fixed-effect levels are looked up by label;
        rows whose levels were not estimated get NaN.
        """
        if data is None:
            return self.fitted.copy()
        from concord.gravity._design import build_design
        from concord.gravity.spec import term_column

        needed = [self.spec.exporter, self.spec.importer, self.spec.year]
        needed += [term_column(t) for t in self.spec.covariates]
        needed += [c for c in (self.spec.offset,) if c is not None]
        if self.spec.pair_column is not None and "pair" in self.spec.fixed_effects:
            needed.append(self.spec.pair_column)
        absent = [c for c in dict.fromkeys(needed) if c not in data.columns]
        if absent:
            raise InputError(f"prediction data lacks column(s) {', '.join(absent)}")
        design = build_design(data, self.spec, outcome=False)
        params = self.params
        eta = np.zeros(len(data))
        for name, term in design.term_of.items():
            if term in params.index:  # terms dropped as collinear contribute nothing
                eta += float(params[term]) * design.x[name]
        if design.offset is not None:
            eta += design.offset
        levels = self.fixed_effects()
        for fe in design.fixed_effects:
            estimated = levels[fe.name]
            position = estimated.index.get_indexer(fe.labels)
            values = np.append(estimated.to_numpy(), np.nan)[position]  # -1 -> NaN
            eta += values[fe.codes]
        return pd.Series(np.exp(eta), index=data.index, name="predicted")

    def to_frame(self) -> pd.DataFrame:
        """The tidy coefficient table."""
        return self.coefficients.copy()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "spec": self.spec.to_dict(),
            "coefficients": self.coefficients.to_dict(orient="records"),
            "covariance": {k: v for k, v in self.covariance.to_dict().items()},
            "nobs": self.nobs,
            "n_input": self.n_input,
            "n_clusters": self.n_clusters,
            "vcov": self.vcov,
            "pairing": self.pairing,
            "dropped": {"total": self.dropped.total, "counts": self.dropped.counts},
            "collinear": list(self.collinear),
        }
        if self.spec.total_terms:
            out["total_effect"] = self.total_effect().to_dict()
        return out

    def summary(self) -> str:
        lines = [
            f"PPML gravity ({self.spec.name}): {self.nobs:,} observations of {self.n_input:,}",
            f"fixed effects: {', '.join(self.spec.fixed_effects) or 'none'}; "
            f"pairing: {self.pairing}",
            f"standard errors: {self.vcov}",
            self.dropped.describe(),
        ]
        if self.collinear:
            lines.append(f"dropped as collinear: {', '.join(self.collinear)}")
        lines.append(f"{'term':<22}{'estimate':>10}{'std.err':>10}{'z':>9}{'p':>9}")
        for row in self.coefficients.itertuples(index=False):
            lines.append(
                f"{row.term:<22}{row.estimate:>10.4f}{row.std_error:>10.4f}"
                f"{row.z:>9.2f}{row.p:>9.4f}"
            )
        if self.spec.total_terms:
            total = self.total_effect()
            lines.append(
                f"{'total (' + '+'.join(total.terms) + ')':<22}"
                f"{total.estimate:>10.4f}{total.std_error:>10.4f}{total.z:>9.2f}{total.p:>9.4f}"
            )
        return "\n".join(lines)


def coefficient_table(
    terms: Sequence[str], estimate: np.ndarray, std_error: np.ndarray
) -> pd.DataFrame:
    """Tidy table with normal-based z, p and 95 % interval."""
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(std_error > 0, estimate / std_error, np.nan)
    return pd.DataFrame(
        {
            "term": list(terms),
            "estimate": estimate,
            "std_error": std_error,
            "z": z,
            "p": _normal_p(z),
            "ci_low": estimate - Z_95 * std_error,
            "ci_high": estimate + Z_95 * std_error,
        }
    )


def reason_series(index: pd.Index, reasons: Mapping[str, np.ndarray]) -> pd.Series:
    """Series of reasons for the dropped rows (``reasons`` maps key -> boolean mask over index);
    a row matching several masks gets the first."""
    labels = np.full(len(index), "", dtype=object)
    assigned = np.zeros(len(index), dtype=bool)
    for key, mask in reasons.items():
        new = mask & ~assigned
        labels[new] = key
        assigned |= new
    return pd.Series(labels[assigned], index=index[assigned], dtype=str, name="reason")
