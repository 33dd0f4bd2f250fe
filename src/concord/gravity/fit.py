"""``fit_ppml``: the public entry point of structural-gravity estimation."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TypedDict, Unpack

import pandas as pd

from concord.errors import ValidationError
from concord.gravity.result import GravityFit
from concord.gravity.spec import (
    Border,
    Flows,
    GravitySpec,
    MissingPolicy,
    SeConvention,
    SpecName,
    SpecRequest,
    resolve_spec,
)


class DroppedObservationsWarning(UserWarning):
    """Rows of the panel did not enter the estimation; the message counts them by reason."""


class SpecOptions(TypedDict, total=False):
    """Keyword options of :func:`fit_ppml` and :func:`make_spec`; defaults in ``SpecRequest``."""

    spec: SpecName | str
    trade: str
    exporter: str
    importer: str
    year: str
    covariates: Sequence[str] | None
    agreement: str
    lags: Sequence[int | str] | None
    leads: Sequence[int | str] | None
    flows: Flows | None
    border: Border
    pair: str | None
    cluster: str | None
    se: SeConvention
    offset: str | None
    missing: MissingPolicy


def make_spec(data: pd.DataFrame, **options: Unpack[SpecOptions]) -> GravitySpec:
    """Resolve the options of :func:`fit_ppml` against ``data`` without estimating.

    The options and their defaults are the fields of
    :class:`concord.gravity.spec.SpecRequest`.
    """
    if not isinstance(data, pd.DataFrame):
        raise ValidationError(
            "gravity panel", [f"expected a pandas DataFrame, got {type(data).__name__}"]
        )
    request = SpecRequest(**options)
    return resolve_spec(request, data)


def fit_ppml(
    data: pd.DataFrame, *, quiet: bool = False, **options: Unpack[SpecOptions]
) -> GravityFit:
    """Estimate a structural gravity equation by PPML with high-dimensional fixed effects.

    The keyword options and their defaults are the fields of ``SpecRequest``.

    Parameters
    ----------
    data
        Panel, one row per exporter, importer and year (intra-national flows are rows with
        ``exporter == importer``). Validated first: every problem is listed in one
        :class:`~concord.errors.ValidationError`.
    spec
        ``two-way`` | ``intra`` | ``pair-fe`` | ``phasing`` | ``globalisation`` |
        ``event-study`` (see :data:`concord.gravity.spec.SpecName`).
    covariates
        Regressors: column names, or ``log(col)``. Default: ``agreement`` for the pair-FE
        family; for ``two-way``/``intra`` the standard gravity set found in the panel
        (``log(dist)``, ``cntg``, ``lang``, ``clny``, ``rta``; case-insensitive).
    agreement, lags, leads
        The agreement dummy and its timing. ``lags``/``leads`` are offsets (``4`` reads
        ``<agreement>_lag4``) or column names; ``None`` picks the panel's
        ``<agreement>_lag<k>`` columns whose k is a multiple of the panel's year step.
    flows
        ``international`` (drop exporter == importer rows) or ``all``; default by spec.
    border
        For ``intra``: ``country`` (one effect per intra-national pair) or ``common``
        (one ``intl_brdr`` dummy).
    pair
        ``"auto"``: the data's undirected ``pair_id`` column when present, else directed
        exporter-importer pairs; a column name; or ``None`` for directed pairs. Intra-national
        pairs share one pair effect, as in Yotov et al. (2016).
    cluster
        ``"pair"`` (the pairing in use), ``"robust"`` (heteroskedasticity-robust) or a column.
    se
        ``stata``: Stata ``ppml`` rule (clustered: G/(G-1) only; robust: no K adjustment);
        ``pyfixest``: pyfixest's default small-sample correction.
    offset
        Column added to the linear predictor with coefficient 1 (GEPPML).
    missing
        ``raise`` (default): NaN in a used column is a validation problem; ``drop``: drop and
        count those rows.
    quiet
        By default rows dropped by the estimation (separation, zero-trade pairs, singletons,
        missing values) raise a :class:`DroppedObservationsWarning` with the counts; ``True``
        leaves the account in ``fit.dropped`` only (for loops such as GEPPML).

    Returns
    -------
    GravityFit
        Frozen: coefficient table, covariance, N, the dropped-row account, fitted values aligned
        with ``data``'s rows, fixed effects on demand, totals of coefficients.
    """
    from concord.gravity._estimate import run_fit

    resolved = make_spec(data, **options)
    fit = run_fit(data, resolved)
    counts = {k: n for k, n in fit.dropped.counts.items() if k != "intra_national"}
    if counts and not quiet:
        warnings.warn(DroppedObservationsWarning(fit.dropped.describe()), stacklevel=2)
    return fit
