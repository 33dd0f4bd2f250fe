"""Shocks: changes in the trade-cost term ``ln t_ij^(1-sigma)`` of a baseline world."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from concord.errors import InputError, UnknownEntityError, ValidationError
from concord.ge.baseline import Baseline

DELTA_COLUMNS = ("exporter", "importer", "delta")
VARIABLE_COLUMNS = ("exporter", "importer", "variable", "change")


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype=float if c in ("delta", "change") else object) for c in columns}
    )


@dataclass(frozen=True, slots=True)
class Shock:
    """A change of trade costs, pair by pair.

    ``deltas``: DataFrame ``exporter, importer, delta`` -- fixed changes of
    ``ln t^(1-sigma)`` (``+beta`` on the pairs of a new agreement with coefficient beta).
    ``variable_changes``: DataFrame ``exporter, importer, variable, change`` -- changes of a
    cost variable of the baseline; each is multiplied by that variable's coefficient, so Monte
    Carlo draws of the coefficient move the shock too. Repeated pairs add up.
    """

    deltas: pd.DataFrame = field(default_factory=lambda: _empty(DELTA_COLUMNS))
    variable_changes: pd.DataFrame = field(default_factory=lambda: _empty(VARIABLE_COLUMNS))
    label: str = "shock"

    def __post_init__(self) -> None:
        problems: list[str] = []
        for name, frame, columns, number in (
            ("deltas", self.deltas, DELTA_COLUMNS, "delta"),
            ("variable_changes", self.variable_changes, VARIABLE_COLUMNS, "change"),
        ):
            missing = [c for c in columns if c not in frame.columns]
            if missing:
                problems.append(f"{name} lacks column(s) {', '.join(missing)}")
                continue
            values = pd.to_numeric(frame[number], errors="coerce")
            if not np.all(np.isfinite(values.to_numpy(dtype=float))):
                problems.append(f"{name}.{number} must be finite numbers")
        if problems:
            raise ValidationError("shock", problems)

    def __add__(self, other: Shock) -> Shock:
        return Shock(
            pd.concat([self.deltas, other.deltas], ignore_index=True),
            pd.concat([self.variable_changes, other.variable_changes], ignore_index=True),
            f"{self.label} + {other.label}",
        )

    @property
    def countries(self) -> set[str]:
        """Every country code the shock names."""
        names: set[str] = set()
        for frame in (self.deltas, self.variable_changes):
            for col in ("exporter", "importer"):
                names.update(str(c) for c in pd.unique(frame[col]))
        return names

    def log_cost_change(
        self, baseline: Baseline, coefficients: Mapping[str, float] | None = None
    ) -> np.ndarray:
        """The (N, N) change ``delta`` of ``ln t^(1-sigma)`` in ``baseline``'s country order.

        ``coefficients`` overrides the baseline's coefficients (Monte Carlo draws).
        """
        return self.compile(baseline).delta(coefficients)

    def compile(self, baseline: Baseline) -> CompiledShock:
        """The shock as arrays in ``baseline``'s order: a fixed part and one per variable."""
        unknown = sorted(self.countries - set(baseline.countries))
        if unknown:
            baseline.index(unknown[0])  # raises UnknownEntityError with suggestions
        fixed = np.zeros((baseline.n, baseline.n))
        _scatter(fixed, baseline, self.deltas, self.deltas["delta"].to_numpy(dtype=float))
        known = baseline.coefficients.names if baseline.coefficients else ()
        variables: dict[str, np.ndarray] = {}
        changes = self.variable_changes
        for name in pd.unique(changes["variable"].astype(str)):
            if name not in known:
                raise UnknownEntityError("cost variable", name, sorted(known))
            rows = changes[changes["variable"].astype(str) == name]
            variables[name] = np.zeros((baseline.n, baseline.n))
            _scatter(variables[name], baseline, rows, rows["change"].to_numpy(dtype=float))
        base = baseline.coefficients.as_dict() if baseline.coefficients else {}
        return CompiledShock(self.label, fixed, variables, base)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, label: str = "shock") -> Shock:
        """A fixed shock from a table with columns ``exporter, importer, delta``."""
        missing = [c for c in DELTA_COLUMNS if c not in frame.columns]
        if missing:
            raise ValidationError("shock table", [f"missing column {c!r}" for c in missing])
        return cls(deltas=frame.loc[:, list(DELTA_COLUMNS)].reset_index(drop=True), label=label)


@dataclass(frozen=True, slots=True)
class CompiledShock:
    """A shock resolved against a baseline: ``delta = fixed + sum_k beta_k * variables[k]``."""

    label: str
    fixed: np.ndarray
    variables: Mapping[str, np.ndarray]
    coefficients: Mapping[str, float]

    def delta(self, coefficients: Mapping[str, float] | None = None) -> np.ndarray:
        """The (N, N) change of ``ln t^(1-sigma)`` (``coefficients`` override the baseline's)."""
        coefs = self.coefficients if coefficients is None else coefficients
        out = self.fixed.copy()
        for name, change in self.variables.items():
            if name not in coefs:
                raise UnknownEntityError("cost variable", name, sorted(coefs))
            out += coefs[name] * change
        return out


def _scatter(out: np.ndarray, baseline: Baseline, frame: pd.DataFrame, values: np.ndarray) -> None:
    if not len(frame):
        return
    index = {c: k for k, c in enumerate(baseline.countries)}
    rows = frame["exporter"].astype(str).map(index).to_numpy(dtype=int)
    cols = frame["importer"].astype(str).map(index).to_numpy(dtype=int)
    np.add.at(out, (rows, cols), values)


def pair_shock(
    pairs: Iterable[tuple[str, str]], delta: float, *, symmetric: bool = False, label: str = "pairs"
) -> Shock:
    """The same fixed ``delta`` on each directed pair (both directions if ``symmetric``)."""
    rows = _pairs(pairs, symmetric)
    frame = pd.DataFrame(rows, columns=["exporter", "importer"])
    frame["delta"] = float(delta)
    return Shock.from_frame(frame, label=label)


def accession_shock(
    new_members: Iterable[str],
    *,
    bloc: Iterable[str] = (),
    beta: float | None = None,
    variable: str | None = None,
    label: str | None = None,
) -> Shock:
    """Countries join (or form) an agreement.

    Every directed pair ``(i, j)``, ``i != j``, of ``new_members | bloc`` with at least one new
    member gets ``+beta`` (fixed) or ``+1`` in the cost variable ``variable`` (whose coefficient
    then scales it, and is drawn in Monte Carlo). Give exactly one of ``beta`` and ``variable``.
    """
    new = sorted(set(new_members))
    old = sorted(set(bloc) - set(new))
    if not new:
        raise InputError("an accession needs at least one new member")
    if (beta is None) == (variable is None):
        raise InputError("give exactly one of beta= (fixed effect) or variable= (cost variable)")
    members = new + old
    pairs = [(i, j) for i in members for j in members if i != j and (i in new or j in new)]
    if not pairs:
        raise InputError("an accession needs at least two countries in total")
    name = label or f"accession of {', '.join(new)}"
    if beta is not None:
        return pair_shock(pairs, beta, label=name)
    frame = pd.DataFrame(pairs, columns=["exporter", "importer"])
    frame["variable"] = variable
    frame["change"] = 1.0
    return Shock(variable_changes=frame, label=name)


def set_variable_shock(
    baseline: Baseline,
    variable: str,
    value: float = 0.0,
    *,
    pairs: Iterable[tuple[str, str]] | None = None,
    symmetric: bool = False,
    label: str | None = None,
) -> Shock:
    """Set a cost variable to ``value`` on ``pairs`` (all pairs if ``None``).

    The change is ``value - x_ij`` times the variable's coefficient: ``INTL_BRDR = 0`` removes
    every border (book ch. 2 app. 1); ``rta = 0`` on the NAFTA pairs removes NAFTA (app. 2).
    """
    if variable not in baseline.cost_variables:
        raise UnknownEntityError("cost variable", variable, sorted(baseline.cost_variables))
    x = baseline.cost_variables[variable]
    if pairs is None:
        rows, cols = np.nonzero(np.ones_like(x, dtype=bool))
    else:
        chosen = _pairs(pairs, symmetric)
        rows = np.array([baseline.index(i) for i, _ in chosen], dtype=int)
        cols = np.array([baseline.index(j) for _, j in chosen], dtype=int)
    change = float(value) - x[rows, cols]
    keep = change != 0
    codes = np.array(baseline.countries, dtype=object)
    frame = pd.DataFrame(
        {
            "exporter": codes[rows[keep]],
            "importer": codes[cols[keep]],
            "variable": variable,
            "change": change[keep],
        }
    )
    return Shock(variable_changes=frame, label=label or f"{variable} = {value:g}")


def _pairs(pairs: Iterable[tuple[str, str]], symmetric: bool) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for pair in pairs:
        if len(pair) != 2:
            raise InputError(f"a pair needs exactly two countries, got {pair!r}")
        i, j = str(pair[0]), str(pair[1])
        rows.append((i, j))
        if symmetric and i != j:
            rows.append((j, i))
    if not rows:
        raise InputError("no pairs given")
    return list(dict.fromkeys(rows))
