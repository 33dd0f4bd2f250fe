"""The runner: validated panel + frozen spec -> pyfixest.fepois -> GravityFit."""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from concord.errors import ConvergenceError, DataError, InputError
from concord.gravity._design import Design, FixedEffect, build_design
from concord.gravity.panel import validate_panel
from concord.gravity.result import (
    DroppedObservations,
    FixedEffectState,
    GravityFit,
    coefficient_table,
    reason_series,
)
from concord.gravity.spec import GravitySpec

# pyfixest warnings whose content Concord reports itself (dropped rows, collinear terms)
IWLS_MAXITER = 100
_ACCOUNTED = re.compile(r"separation|singleton|multicollinearity|dropped", re.IGNORECASE)


def _vcov_options(spec: GravitySpec) -> tuple[Any, dict[str, Any], str]:
    import pyfixest as pf

    clustered = spec.cluster is not None
    vcov: Any = {"CRV1": "clu"} if clustered else "hetero"
    where = f"clustered by {spec.cluster if spec.cluster != 'pair' else spec.pairing}"
    if spec.se == "stata":
        ssc = pf.ssc(k_adj=False, G_adj=True) if clustered else pf.ssc(k_adj=False)
        rule = "Stata ppml convention (G/(G-1) only)" if clustered else "Stata ppml robust"
    else:
        ssc = pf.ssc()
        rule = "pyfixest default ssc"
    label = f"{'CRV1 ' + where if clustered else 'heteroskedasticity-robust'}; {rule}"
    return vcov, ssc, label


def _call_fepois(design: Design, spec: GravitySpec) -> Any:
    import pyfixest as pf

    vcov, ssc, _ = _vcov_options(spec)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = pf.fepois(
            design.formula(),
            data=design.frame(),
            vcov=vcov,
            ssc=ssc,
            offset="off" if design.offset is not None else None,
            copy_data=False,
            iwls_maxiter=IWLS_MAXITER,
        )
    for w in caught:
        noise = issubclass(w.category, DeprecationWarning)  # incl. pandas' Pandas4Warning
        if not noise and not _ACCOUNTED.search(str(w.message)):
            warnings.warn(str(w.message), w.category, stacklevel=4)
    return model


def _classify(design: Design, dropped: np.ndarray, has_pair: bool) -> dict[str, np.ndarray]:
    """Reason masks (over the model frame) for the rows pyfixest removed."""
    y = design.y
    zero_pair = np.zeros(len(y), dtype=bool)
    zero_group = np.zeros(len(y), dtype=bool)
    singleton = np.zeros(len(y), dtype=bool)
    for fe in design.fixed_effects:
        n = len(fe.labels)
        sums = np.bincount(fe.codes, weights=y, minlength=n)
        sizes = np.bincount(fe.codes, minlength=n)
        all_zero = (sums == 0)[fe.codes]
        if fe.name == "pair" and has_pair:
            zero_pair |= all_zero
        else:
            zero_group |= all_zero
        singleton |= (sizes == 1)[fe.codes]
    return {
        "zero_trade_pair": dropped & zero_pair,
        "singleton": dropped & singleton & ~zero_pair & ~zero_group,
        "separation": dropped,
    }


def _kept_effects(
    design: Design, kept: np.ndarray, frame_rows: np.ndarray
) -> tuple[tuple[FixedEffect, ...], tuple[np.ndarray, ...]]:
    """Fixed effects on the estimation rows (levels re-coded densely), and per input row the
    estimated level of each dimension (-1 where that level was not estimated)."""
    effects, row_codes = [], []
    inside = frame_rows >= 0
    for fe in design.fixed_effects:
        codes, used = pd.factorize(fe.codes[kept], sort=False)
        used = np.asarray(used)
        effects.append(FixedEffect(fe.name, codes, fe.labels[used]))
        position = np.full(len(fe.labels), -1, dtype=np.int64)
        position[used] = np.arange(len(used))
        per_row = np.full(len(frame_rows), -1, dtype=np.int64)
        per_row[inside] = position[fe.codes]
        row_codes.append(per_row)
    return tuple(effects), tuple(row_codes)


def _drop_reasons(
    data: pd.DataFrame, missing: np.ndarray, outside: np.ndarray, frame_reasons: dict[str, Any]
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Frame position of each input row (-1 outside the frame) and reason masks over the input."""
    frame_rows = np.full(len(data), -1, dtype=np.int64)
    frame_rows[np.flatnonzero(~outside)] = np.arange(int((~outside).sum()))
    reasons: dict[str, np.ndarray] = {"missing": missing, "intra_national": outside & ~missing}
    for key, mask in frame_reasons.items():
        full = np.zeros(len(data), dtype=bool)
        full[frame_rows >= 0] = mask
        reasons[key] = full
    return frame_rows, reasons


def _estimates(model: Any, design: Design) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    """Internal names, the tidy table and the covariance, labelled with the user's terms."""
    names = [str(n) for n in model._coefnames]
    terms = [design.term_of[n] for n in names]
    k = len(terms)
    beta = np.asarray(model._beta_hat, dtype=float).ravel()[:k]
    se = np.asarray(model._se, dtype=float).ravel()[:k]
    vcov_values = np.asarray(model._vcov, dtype=float).reshape(k, k) if k else np.zeros((0, 0))
    vcov = pd.DataFrame(vcov_values, index=terms, columns=terms)
    return names, coefficient_table(terms, beta, se), vcov


def run_fit(data: pd.DataFrame, spec: GravitySpec) -> GravityFit:
    """Validate, build the design, estimate, and pack the frozen result."""
    missing = validate_panel(data, spec)
    intra = (data[spec.exporter].to_numpy() == data[spec.importer].to_numpy()).astype(bool)
    outside = missing | (intra if spec.flows == "international" else False)
    sample = data.loc[~outside] if outside.any() else data
    if len(sample) == 0:
        raise InputError("no rows left to estimate after removing excluded rows")
    design = build_design(sample, spec)
    model = _call_fepois(design, spec)
    if not bool(getattr(model, "convergence", False)):
        raise ConvergenceError("PPML (pyfixest fepois) did not converge", {"spec": spec.name})

    dropped = np.zeros(len(design.y), dtype=bool)
    dropped[np.asarray(model.na_index, dtype=float).ravel().astype(np.int64)] = True
    kept = ~dropped
    mu = np.asarray(model._Y_hat_response, dtype=float).ravel()
    if len(mu) != int(kept.sum()):
        raise DataError(f"pyfixest returned {len(mu)} fitted values for {int(kept.sum())} rows")
    frame_rows, reasons = _drop_reasons(
        data, missing, outside, _classify(design, dropped, "pair" in spec.fixed_effects)
    )
    names, table, vcov = _estimates(model, design)

    fitted = np.full(len(data), np.nan)
    fitted[np.flatnonzero(~outside)[kept]] = mu
    eta = np.log(mu)  # minus offset and X·b: the sum of fixed effects per estimation row
    if design.offset is not None:
        eta = eta - design.offset[kept]
    for name, b in zip(names, table["estimate"], strict=True):
        eta = eta - b * design.x[name][kept]
    kept_fe, row_codes = _kept_effects(design, kept, frame_rows)

    _, _, vcov_label = _vcov_options(spec)
    n_clusters = None
    if design.cluster is not None:
        n_clusters = len(np.unique(design.cluster[kept]))
        vcov_label += f"; {n_clusters:,} clusters"
    return GravityFit(
        spec=spec,
        coefficients=table,
        covariance=vcov,
        nobs=int(kept.sum()),
        n_input=len(data),
        n_clusters=n_clusters,
        vcov=vcov_label,
        fitted=pd.Series(fitted, index=data.index, name="fitted"),
        dropped=DroppedObservations(reason_series(data.index, reasons)),
        collinear=tuple(design.term_of[str(n)] for n in (model._collin_vars or [])),
        _fe=FixedEffectState(total=eta, effects=kept_fe, row_codes=row_codes, index=data.index),
    )
