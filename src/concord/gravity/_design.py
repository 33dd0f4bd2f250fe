"""From a validated panel to the numeric design handed to pyfixest.

The model frame uses safe internal names (``y``, ``x0``…, ``fe0``…, ``clu``, ``off``) so any
column name works in a formula; :class:`Design` maps them back to the user's terms. Fixed effects
are integer codes built with ``pandas.factorize``; their labels are kept for the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from concord.gravity.spec import PAIR, GravitySpec, is_log_term, term_column

INTRA_LABEL = "intra-national"
INTL_LABEL = "international"


@dataclass(frozen=True, slots=True)
class FixedEffect:
    """One absorbed dimension: ``codes[i]`` is row i's level; ``labels[k]`` names level k."""

    name: str
    codes: np.ndarray
    labels: pd.Index


@dataclass(frozen=True, slots=True)
class Design:
    """Numeric arrays for one fit, rows aligned with the (filtered) panel."""

    y: np.ndarray
    x: dict[str, np.ndarray]  # internal name -> values
    term_of: dict[str, str]  # internal name -> user term
    fixed_effects: tuple[FixedEffect, ...]
    cluster: np.ndarray | None
    offset: np.ndarray | None

    def frame(self) -> pd.DataFrame:
        """The model frame for pyfixest (RangeIndex, so dropped labels are positions)."""
        cols: dict[str, np.ndarray] = {"y": self.y, **self.x}
        for k, fe in enumerate(self.fixed_effects):
            cols[f"fe{k}"] = fe.codes
        if self.cluster is not None:
            cols["clu"] = self.cluster
        if self.offset is not None:
            cols["off"] = self.offset
        return pd.DataFrame(cols)

    def formula(self) -> str:
        rhs = " + ".join(self.x) if self.x else "1"
        fes = " + ".join(f"fe{k}" for k in range(len(self.fixed_effects)))
        return f"y ~ {rhs} | {fes}" if fes else f"y ~ {rhs}"


def _cross(
    a: pd.Series, b: pd.Series, mask: np.ndarray | None = None, shared: str = INTRA_LABEL
) -> tuple[np.ndarray, pd.Index]:
    """Codes and labels of the a×b interaction; rows in ``mask`` share one level ``shared``."""
    a_codes, a_uniq = pd.factorize(a, sort=False)
    b_codes, b_uniq = pd.factorize(b, sort=False)
    combo = a_codes.astype(np.int64) * len(b_uniq) + b_codes
    if mask is not None:
        combo = np.where(mask, -1, combo)
    codes, uniq = pd.factorize(combo, sort=False)
    uniq = np.asarray(uniq)
    if mask is None:
        labels: pd.Index = pd.MultiIndex.from_arrays(
            [a_uniq[uniq // len(b_uniq)], b_uniq[uniq % len(b_uniq)]], names=[a.name, b.name]
        )
        return codes, labels
    a_list, b_list, nb = list(a_uniq), list(b_uniq), len(b_uniq)
    text = [shared if u < 0 else f"{a_list[int(u) // nb]}-{b_list[int(u) % nb]}" for u in uniq]
    return codes, pd.Index(text, dtype=object, name="pair")


def _pair_effect(data: pd.DataFrame, spec: GravitySpec, intra: np.ndarray) -> FixedEffect:
    if spec.pair_column is None:
        codes, labels = _cross(data[spec.exporter], data[spec.importer], mask=intra)
        return FixedEffect("pair", codes, labels)
    raw_codes, uniq = pd.factorize(data[spec.pair_column], sort=False)
    # intra-national rows share one level, as in the book (-1 before re-coding)
    codes, used = pd.factorize(np.where(intra, -1, raw_codes), sort=False)
    uniq_list = list(uniq)
    labels = pd.Index(
        [INTRA_LABEL if k < 0 else uniq_list[k] for k in np.asarray(used)],
        dtype=object,
        name=spec.pair_column,
    )
    return FixedEffect("pair", codes, labels)


def _intra_pair_effect(data: pd.DataFrame, spec: GravitySpec, intra: np.ndarray) -> FixedEffect:
    countries = data[spec.exporter].astype(object).where(intra, INTL_LABEL)
    codes, uniq = pd.factorize(countries, sort=False)
    return FixedEffect("intra_pair", codes, pd.Index(uniq, dtype=object, name="intra_pair"))


def _cluster(data: pd.DataFrame, spec: GravitySpec) -> np.ndarray | None:
    if spec.cluster is None:
        return None
    if spec.cluster == PAIR:
        if spec.pair_column is not None:
            return pd.factorize(data[spec.pair_column], sort=False)[0]
        codes, _ = _cross(data[spec.exporter], data[spec.importer])
        return codes
    return pd.factorize(data[spec.cluster], sort=False)[0]


def _float(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=float, na_value=np.nan)


def build_design(data: pd.DataFrame, spec: GravitySpec, *, outcome: bool = True) -> Design:
    """Arrays for ``spec`` from a validated, already filtered panel.

    ``outcome=False`` (prediction on new rows) reads neither the flow nor the cluster column."""
    exporter, importer = data[spec.exporter], data[spec.importer]
    intra = (exporter.to_numpy() == importer.to_numpy()).astype(bool)
    x: dict[str, np.ndarray] = {}
    term_of: dict[str, str] = {}
    for term in spec.covariates:
        values = _float(data[term_column(term)])
        x[f"x{len(x)}"] = np.log(values) if is_log_term(term) else values
        term_of[f"x{len(term_of)}"] = term
    if spec.generated:
        year = data[spec.year].to_numpy()
        for term in spec.generated:
            dummy = ~intra
            if term != "intl_brdr":
                dummy = dummy & (year == int(term.rsplit("_", 1)[1]))
            x[f"x{len(x)}"] = dummy.astype(float)
            term_of[f"x{len(term_of)}"] = term
    fes: list[FixedEffect] = []
    for name in spec.fixed_effects:
        if name == "exporter_year":
            fes.append(FixedEffect(name, *_cross(exporter, data[spec.year])))
        elif name == "importer_year":
            fes.append(FixedEffect(name, *_cross(importer, data[spec.year])))
        elif name == "pair":
            fes.append(_pair_effect(data, spec, intra))
        elif name == "intra_pair":
            fes.append(_intra_pair_effect(data, spec, intra))
    return Design(
        y=_float(data[spec.trade]) if outcome else np.full(len(data), np.nan),
        x=x,
        term_of=term_of,
        fixed_effects=tuple(fes),
        cluster=_cluster(data, spec) if outcome else None,
        offset=None if spec.offset is None else _float(data[spec.offset]),
    )
