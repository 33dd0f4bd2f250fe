"""Panel validation: every problem of a trade panel, found in one vectorised pass, raised once.

A gravity panel is a DataFrame with one row per exporter, importer and year: the flow (``trade``,
non-negative, in any currency unit), and numeric covariates. Intra-national flows are rows with
``exporter == importer``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from concord.errors import ValidationError
from concord.gravity.spec import PAIR, GravitySpec, is_log_term, term_column

_MAX_EXAMPLES = 3


def _row_label(data: pd.DataFrame, pos: int, keys: Sequence[str]) -> str:
    label = f"row {data.index[pos]!s}"
    present = [k for k in keys if k in data.columns]
    if len(present) == 3:
        exp, imp, year = (str(data[k].iat[pos]) for k in present)
        label += f" ({exp}->{imp} {year})"
    return label


def _examples(
    data: pd.DataFrame, mask: np.ndarray, keys: Sequence[str], values: pd.Series | None = None
) -> str:
    positions = np.flatnonzero(mask)[:_MAX_EXAMPLES]
    parts = []
    for pos in positions:
        text = _row_label(data, int(pos), keys)
        if values is not None:
            text += f" = {values.iat[int(pos)]}"
        parts.append(text)
    more = int(mask.sum()) - len(positions)
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


def _is_numeric(series: pd.Series) -> bool:
    return ptypes.is_numeric_dtype(series) or ptypes.is_bool_dtype(series)


class _Checker:
    """Collects problems (or, with ``missing='drop'``, rows with missing values)."""

    def __init__(self, data: pd.DataFrame, spec: GravitySpec) -> None:
        self.data = data
        self.spec = spec
        self.keys = (spec.exporter, spec.importer, spec.year)
        self.drop = spec.missing == "drop"
        self.missing = np.zeros(len(data), dtype=bool)
        self.problems: list[str] = []

    def add(self, text: str, mask: np.ndarray, values: pd.Series | None = None) -> None:
        self.problems.append(f"{text}: " + _examples(self.data, mask, self.keys, values))

    def absent_columns(self) -> None:
        absent = [c for c in self.spec.source_columns if c not in self.data.columns]
        if absent:
            self.problems.append(
                f"missing column{'s' if len(absent) > 1 else ''} {', '.join(map(repr, absent))}"
                f" (panel has: {', '.join(map(str, self.data.columns[:20]))})"
            )

    def not_missing(self, column: str, role: str) -> None:
        """Key-like columns: any dtype, no missing values."""
        if column not in self.data.columns:
            return
        bad = self.data[column].isna().to_numpy()
        if not bad.any():
            return
        if self.drop:
            self.missing |= bad
        else:
            self.add(f"{role} column {column!r} has {int(bad.sum())} missing values", bad)

    def numeric(self, column: str, role: str) -> np.ndarray | None:
        """Numeric columns: right dtype, finite (NaN rows dropped under ``drop``)."""
        if column not in self.data.columns:
            return None
        series = self.data[column]
        if not _is_numeric(series):
            self.problems.append(f"{role} column {column!r} is not numeric (dtype {series.dtype})")
            return None
        values = series.to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(values)
        if bad.any() and self.drop:
            self.missing |= bad
        elif bad.any():
            self.add(f"{role} column {column!r} has {int(bad.sum())} NaN or infinite values", bad)
        return values

    def year(self) -> None:
        column = self.spec.year
        if column not in self.data.columns:
            return
        series = self.data[column]
        if not ptypes.is_numeric_dtype(series) or ptypes.is_bool_dtype(series):
            self.problems.append(f"year column {column!r} is not numeric (dtype {series.dtype})")
            return
        values = series.to_numpy(dtype=float, na_value=np.nan)
        fractional = np.isfinite(values) & (values != np.round(values))
        if fractional.any():
            self.add(f"year column {column!r} has non-integer values", fractional, series)

    def trade(self) -> None:
        values = self.numeric(self.spec.trade, "trade")
        if values is None:
            return
        negative = values < 0
        if negative.any():
            self.add(
                f"trade column {self.spec.trade!r} has {int(negative.sum())} negative flows",
                negative,
                self.data[self.spec.trade],
            )

    def covariate(self, term: str) -> None:
        column = term_column(term)
        before = len(self.problems)
        values = self.numeric(column, "covariate")
        if values is None or not is_log_term(term) or len(self.problems) > before:
            return
        nonpositive = values <= 0
        if nonpositive.any():
            self.add(
                f"covariate {term!r} needs positive values but {int(nonpositive.sum())} are <= 0",
                nonpositive,
                self.data[column],
            )

    def duplicates(self) -> None:
        if not all(k in self.data.columns for k in self.keys):
            return
        dup = self.data.duplicated(list(self.keys), keep=False).to_numpy()
        if dup.any():
            self.add(f"{int(dup.sum())} rows share an exporter-importer-year (duplicates)", dup)


def panel_problems(data: pd.DataFrame, spec: GravitySpec) -> tuple[list[str], np.ndarray]:
    """Every problem of ``data`` for ``spec``, and the rows with missing values.

    With ``spec.missing == "drop"`` missing values are not problems: their rows are flagged in the
    returned mask and dropped (and counted) by the caller. With ``"raise"`` the mask is all False.
    """
    check = _Checker(data, spec)
    check.absent_columns()
    for key in (spec.exporter, spec.importer, spec.year):
        check.not_missing(key, "key")
    check.year()
    check.trade()
    for term in spec.covariates:
        check.covariate(term)
    if spec.offset is not None:
        check.numeric(spec.offset, "offset")
    if spec.pair_column is not None and spec.uses_pairs:
        check.not_missing(spec.pair_column, "pair")
    if spec.cluster not in (None, PAIR):
        check.not_missing(str(spec.cluster), "cluster")
    check.duplicates()
    return check.problems, check.missing


def validate_panel(data: pd.DataFrame, spec: GravitySpec) -> np.ndarray:
    """Raise one :class:`ValidationError` listing every problem; return the rows to drop."""
    if not isinstance(data, pd.DataFrame):
        raise ValidationError(
            "gravity panel", [f"expected a pandas DataFrame, got {type(data).__name__}"]
        )
    problems, missing = panel_problems(data, spec)
    if len(data) == 0:
        problems.insert(0, "the panel has no rows")
    if problems:
        raise ValidationError("gravity panel", problems)
    return missing
