"""The baseline world of a GE counterfactual: trade matrix, elasticity, trade-cost terms."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from concord.errors import InputError, UnknownEntityError, ValidationError
from concord.ge._numerics import fit_margins

Flows = Literal["observed", "fitted"]


@dataclass(frozen=True, slots=True)
class CostCoefficients:
    """Coefficients of the cost variables and their covariance (from a gravity estimate).

    ``mean`` has shape ``(K,)``; ``covariance`` ``(K, K)`` or ``None`` when unknown.
    """

    names: tuple[str, ...]
    mean: np.ndarray
    covariance: np.ndarray | None = None

    def __post_init__(self) -> None:
        problems: list[str] = []
        k = len(self.names)
        if len(set(self.names)) != k:
            problems.append("coefficient names repeat")
        if np.shape(self.mean) != (k,):
            problems.append(f"mean has shape {np.shape(self.mean)}, expected ({k},)")
        elif not np.all(np.isfinite(self.mean)):
            problems.append("mean has non-finite values")
        if self.covariance is not None:
            cov = np.asarray(self.covariance, dtype=float)
            if cov.shape != (k, k):
                problems.append(f"covariance has shape {cov.shape}, expected ({k}, {k})")
            elif not np.all(np.isfinite(cov)) or not np.allclose(cov, cov.T):
                problems.append("covariance must be finite and symmetric")
        if problems:
            raise ValidationError("cost coefficients", problems)

    def as_dict(self) -> dict[str, float]:
        """Coefficient name -> value."""
        return {n: float(v) for n, v in zip(self.names, self.mean, strict=True)}


@dataclass(frozen=True, slots=True)
class Baseline:
    """A baseline world for GE counterfactuals.

    Attributes
    ----------
    countries : tuple of country codes, the order of every matrix.
    trade : (N, N) array of flows, rows exporters, columns importers, domestic on the diagonal.
    sigma : elasticity of substitution, > 1.
    reference : the numeraire country; its inward resistance is 1 in every scenario.
    cost_variables : name -> (N, N) array of a cost variable (e.g. ``rta``, ``ln_dist``).
    coefficients : their coefficients and covariance, or ``None``.
    log_cost_offset : (N, N) fixed part of ``ln t^(1-sigma)`` (e.g. estimated pair effects).
    flows : "observed" (flows as given) or "fitted" (structural-gravity fit of them).
    """

    countries: tuple[str, ...]
    trade: np.ndarray
    sigma: float
    reference: str
    cost_variables: Mapping[str, np.ndarray] = field(default_factory=dict)
    coefficients: CostCoefficients | None = None
    log_cost_offset: np.ndarray | None = None
    flows: Flows = "observed"

    def __post_init__(self) -> None:
        freeze = object.__setattr__
        freeze(self, "countries", tuple(str(c) for c in self.countries))
        freeze(self, "trade", _frozen_array(self.trade))
        freeze(
            self, "cost_variables", {k: _frozen_array(v) for k, v in self.cost_variables.items()}
        )
        if self.log_cost_offset is not None:
            freeze(self, "log_cost_offset", _frozen_array(self.log_cost_offset))
        _validate_baseline(self)

    @property
    def n(self) -> int:
        """Number of countries."""
        return len(self.countries)

    @property
    def output(self) -> np.ndarray:
        """Output Y_i: row sums of the trade matrix, shape (N,)."""
        return np.asarray(self.trade.sum(axis=1))

    @property
    def expenditure(self) -> np.ndarray:
        """Expenditure E_j: column sums of the trade matrix, shape (N,)."""
        return np.asarray(self.trade.sum(axis=0))

    @property
    def deficit(self) -> np.ndarray:
        """Trade deficit E_i - Y_i, shape (N,)."""
        return self.expenditure - self.output

    @property
    def reference_index(self) -> int:
        """Position of the reference country."""
        return self.countries.index(self.reference)

    def index(self, country: str) -> int:
        """Position of ``country``; unknown codes raise ``UnknownEntityError``."""
        try:
            return self.countries.index(country)
        except ValueError:
            close = difflib.get_close_matches(country, self.countries, n=3)
            raise UnknownEntityError("country", country, close) from None

    def log_cost(self, coefficients: Mapping[str, float] | None = None) -> np.ndarray:
        """``ln t^(1-sigma)``: offset plus sum of coefficient * variable, shape (N, N).

        ``coefficients`` overrides the baseline's own (used by Monte Carlo draws).
        """
        out = (
            np.zeros((self.n, self.n))
            if self.log_cost_offset is None
            else np.array(self.log_cost_offset, dtype=float)
        )
        coefs = coefficients
        if coefs is None:
            coefs = self.coefficients.as_dict() if self.coefficients is not None else {}
        for name, values in self.cost_variables.items():
            if name not in coefs:
                raise InputError(f"no coefficient for cost variable {name!r}")
            out = out + coefs[name] * values
        return out

    def with_coefficients(self, coefficients: Mapping[str, float]) -> Baseline:
        """The same world under other coefficient values.

        Fitted baselines are refitted to the same output and expenditure with the new costs.
        """
        base = self.coefficients
        names = tuple(coefficients) if base is None else base.names
        mean = np.array([float(coefficients[n]) for n in names])
        coefs = CostCoefficients(names, mean, None if base is None else base.covariance)
        trade = self.trade
        if self.flows == "fitted":
            trade = fit_margins(np.exp(self.log_cost(coefficients)), self.output, self.expenditure)
        return Baseline(
            self.countries,
            trade,
            self.sigma,
            self.reference,
            self.cost_variables,
            coefs,
            self.log_cost_offset,
            self.flows,
        )

    def to_frame(self) -> pd.DataFrame:
        """Long table: exporter, importer, value, plus one column per cost variable."""
        ex, im = np.meshgrid(np.arange(self.n), np.arange(self.n), indexing="ij")
        codes = np.array(self.countries, dtype=object)
        frame = pd.DataFrame(
            {
                "exporter": codes[ex.ravel()],
                "importer": codes[im.ravel()],
                "value": self.trade.ravel(),
            }
        )
        for name, values in self.cost_variables.items():
            frame[name] = values.ravel()
        if self.log_cost_offset is not None:
            frame["log_cost_offset"] = self.log_cost_offset.ravel()
        return frame

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        sigma: float,
        reference: str,
        exporter: str = "exporter",
        importer: str = "importer",
        value: str = "value",
        cost_variables: Sequence[str] = (),
        coefficients: Mapping[str, float] | None = None,
        covariance: Any = None,
        log_cost_offset: str | None = None,
        flows: Flows = "observed",
    ) -> Baseline:
        """Build a baseline from a long table with one row per (exporter, importer) pair.

        Every ordered pair of the countries (domestic pairs included) must appear once.
        ``cost_variables`` name columns; ``coefficients`` maps each of them to its estimate and
        ``covariance`` (a (K, K) array or a DataFrame indexed by the names) is optional.
        ``log_cost_offset`` names a column with a fixed part of ``ln t^(1-sigma)``.
        ``flows="fitted"`` replaces the flows by their structural-gravity fit given the costs.
        """
        columns = [exporter, importer, value, *cost_variables]
        if log_cost_offset is not None:
            columns.append(log_cost_offset)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValidationError("baseline table", [f"missing column {c!r}" for c in missing])
        countries, index = _country_index(frame, exporter, importer)
        matrices = {c: _to_matrix(frame, index, exporter, importer, c) for c in columns[2:]}
        coefs = _coefficients(cost_variables, coefficients, covariance)
        offset = matrices[log_cost_offset] if log_cost_offset is not None else None
        variables = {c: matrices[c] for c in cost_variables}
        trade = matrices[value]
        if flows == "fitted" and not cost_variables and log_cost_offset is None:
            raise InputError("flows='fitted' needs cost variables or a log_cost_offset column")
        if flows == "fitted":
            _check_flows(trade, countries)
            base = cls(countries, trade, sigma, reference, variables, coefs, offset, "observed")
            trade = fit_margins(np.exp(base.log_cost()), base.output, base.expenditure)
        return cls(countries, trade, sigma, reference, variables, coefs, offset, flows)

    @classmethod
    def from_fit(
        cls,
        fit: Any,
        data: pd.DataFrame,
        *,
        sigma: float,
        reference: str,
        year: int | None = None,
        log_cost_offset: str | None = None,
        flows: Flows = "fitted",
    ) -> Baseline:
        """Build a baseline from a :class:`concord.gravity.GravityFit` and its data.

        The fit's coefficients and covariance become the cost coefficients; its regressors are
        rebuilt from ``data`` (``log(col)`` terms as logs, ``intl_brdr`` as the
        international-border dummy). ``data`` may be the whole panel: ``year`` picks the
        baseline year (required when ``data`` holds several). Pair fixed effects are not part
        of the cost term; pass them as a ``log_cost_offset`` column.
        """
        spec = fit.spec
        coefs = {str(k): float(v) for k, v in fit.params.items()}
        frame = _one_year(data, spec.year, year)
        ex, im = spec.exporter, spec.importer
        variables = pd.DataFrame(index=frame.index)
        for term in coefs:
            variables[term] = _term_values(frame, term, ex, im)
        table = pd.concat([frame[[ex, im, spec.trade]], variables], axis=1)
        if log_cost_offset is not None:
            table[log_cost_offset] = frame[log_cost_offset]
        cov = fit.covariance.loc[list(coefs), list(coefs)]
        return cls.from_frame(
            table,
            sigma=sigma,
            reference=reference,
            exporter=ex,
            importer=im,
            value=spec.trade,
            cost_variables=tuple(coefs),
            coefficients=coefs,
            covariance=cov,
            log_cost_offset=log_cost_offset,
            flows=flows,
        )


def _one_year(data: pd.DataFrame, year_column: str, year: int | None) -> pd.DataFrame:
    if year_column not in data.columns:
        return data
    years = sorted(pd.unique(data[year_column]))
    if year is None:
        if len(years) > 1:
            raise InputError(f"the data hold {len(years)} years; choose the baseline with year=")
        return data
    if year not in years:
        raise InputError(f"year {year} is not in the data ({years[0]}-{years[-1]})")
    return data[data[year_column] == year]


def _term_values(frame: pd.DataFrame, term: str, exporter: str, importer: str) -> pd.Series:
    if term in frame.columns:
        return pd.to_numeric(frame[term], errors="coerce")
    if term.startswith("log(") and term.endswith(")") and term[4:-1] in frame.columns:
        return pd.Series(np.log(frame[term[4:-1]].to_numpy(dtype=float)), index=frame.index)
    if term == "intl_brdr":
        return (frame[exporter] != frame[importer]).astype(float)
    raise InputError(f"cannot rebuild the fit's regressor {term!r} from the data's columns")


def _coefficients(
    names: Sequence[str], values: Mapping[str, float] | None, covariance: Any
) -> CostCoefficients | None:
    if not names:
        return None
    if values is None:
        raise InputError("cost variables need coefficients (coefficients={name: beta})")
    absent = [n for n in names if n not in values]
    if absent:
        raise ValidationError("coefficients", [f"no coefficient for {n!r}" for n in absent])
    cov = None
    if covariance is not None:
        if isinstance(covariance, pd.DataFrame):
            cov = covariance.loc[list(names), list(names)].to_numpy(dtype=float)
        else:
            cov = np.asarray(covariance, dtype=float)
    mean = np.array([float(values[n]) for n in names])
    return CostCoefficients(tuple(names), mean, cov)


def _country_index(
    frame: pd.DataFrame, exporter: str, importer: str
) -> tuple[tuple[str, ...], dict[str, int]]:
    codes = pd.concat([frame[exporter], frame[importer]]).astype(str)
    countries = tuple(sorted(set(codes)))
    return countries, {c: i for i, c in enumerate(countries)}


def _to_matrix(
    frame: pd.DataFrame, index: Mapping[str, int], exporter: str, importer: str, column: str
) -> np.ndarray:
    n = len(index)
    rows = frame[exporter].astype(str).map(index).to_numpy()
    cols = frame[importer].astype(str).map(index).to_numpy()
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
    problems: list[str] = []
    if np.isnan(values).any():
        bad = frame.loc[np.isnan(values), [exporter, importer]].head(3).to_numpy().tolist()
        problems.append(f"column {column!r} has {int(np.isnan(values).sum())} missing values {bad}")
    flat = rows * n + cols
    if len(np.unique(flat)) != len(flat):
        problems.append("some (exporter, importer) pairs appear more than once")
    if len(flat) != n * n:
        problems.append(f"{n * n - len(np.unique(flat))} of the {n * n} pairs are missing")
    if problems:
        raise ValidationError("baseline table", problems)
    out = np.zeros(n * n)
    out[flat] = values
    return out.reshape(n, n)


def _frozen_array(values: Any) -> np.ndarray:
    try:
        out = np.array(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValidationError("baseline", [f"arrays must be numeric ({exc})"]) from None
    out.flags.writeable = False
    return out


def _check_flows(trade: np.ndarray, countries: Iterable[str]) -> None:
    codes = list(countries)
    problems: list[str] = []
    if trade.ndim != 2 or trade.shape[0] != trade.shape[1] or trade.shape[0] != len(codes):
        raise ValidationError("baseline", [f"trade must be ({len(codes)}, {len(codes)})"])
    if not np.all(np.isfinite(trade)):
        problems.append("trade has non-finite values")
    neg = np.argwhere(trade < 0)
    if len(neg):
        i, j = neg[0]
        problems.append(
            f"{len(neg)} negative trade flow(s), e.g. {codes[i]}->{codes[j]} = {trade[i, j]:g}"
        )
    if not problems:
        for label, sums in (("output", trade.sum(1)), ("expenditure", trade.sum(0))):
            zero = [codes[k] for k in np.flatnonzero(sums <= 0)]
            if zero:
                problems.append(f"zero {label} for {', '.join(zero[:5])}")
    if problems:
        raise ValidationError("baseline", problems)


def _validate_baseline(b: Baseline) -> None:
    problems: list[str] = []
    if len(b.countries) < 2 or len(set(b.countries)) != len(b.countries):
        problems.append("need at least two distinct countries")
    if not np.isfinite(b.sigma) or b.sigma <= 1:
        problems.append(f"sigma must be > 1 (elasticity of substitution), got {b.sigma}")
    if b.flows not in ("observed", "fitted"):
        problems.append(f"flows must be 'observed' or 'fitted', got {b.flows!r}")
    if problems:
        raise ValidationError("baseline", problems)
    _check_flows(b.trade, b.countries)
    if b.reference not in b.countries:
        close = difflib.get_close_matches(b.reference, b.countries, n=3)
        raise UnknownEntityError("reference country", b.reference, close)
    shape = (b.n, b.n)
    for name, values in b.cost_variables.items():
        if np.shape(values) != shape or not np.all(np.isfinite(values)):
            problems.append(f"cost variable {name!r} must be a finite {shape} array")
    if b.log_cost_offset is not None and (
        np.shape(b.log_cost_offset) != shape or not np.all(np.isfinite(b.log_cost_offset))
    ):
        problems.append(f"log_cost_offset must be a finite {shape} array")
    if b.coefficients is not None:
        absent = [n for n in b.cost_variables if n not in b.coefficients.names]
        problems.extend(f"no coefficient for cost variable {n!r}" for n in absent)
    if problems:
        raise ValidationError("baseline", problems)
