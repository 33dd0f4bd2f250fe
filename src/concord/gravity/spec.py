"""The frozen description of one gravity regression, resolved against the panel's columns.

``fit_ppml`` turns its keyword arguments into a :class:`GravitySpec`; every default that depends
on the data (which pair column, which lags, which border years) is settled here, once, so the
result can say exactly what was estimated.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any, Literal, get_args

import pandas as pd
from pandas.api import types as ptypes

from concord.errors import InputError

SpecName = Literal["two-way", "intra", "pair-fe", "phasing", "globalisation", "event-study"]
"""Gravity specifications.

* ``two-way``: exporter-year and importer-year fixed effects (Yotov et al. 2016, Table 1 PPML and
  Table 3 column 2); international flows only unless ``flows="all"``.
* ``intra``: all flows, including intra-national ones, with border dummies: ``border="country"``
  absorbs one effect per country's intra-national pair (Table 3 column 3),
  ``border="common"`` adds one international-border dummy ``intl_brdr`` (Ch.2 Application 1).
* ``pair-fe``: exporter-year, importer-year and pair fixed effects (Table 3 column 4).
* ``phasing``: ``pair-fe`` plus lags of the agreement; the total effect sums them (column 6).
* ``globalisation``: ``phasing`` plus border-by-year dummies ``intl_brdr_<year>`` for every year
  but the last (column 7).
* ``event-study``: ``pair-fe`` plus leads and lags of the agreement (column 5 with ``lags=()``).
"""

SeConvention = Literal["stata", "pyfixest"]
"""``stata``: Stata ``ppml`` small-sample rule (clustered: G/(G-1) only; robust: none).
``pyfixest``: pyfixest's default ssc (also scales by (N-1)/(N-K))."""

Flows = Literal["all", "international"]
Border = Literal["country", "common"]
MissingPolicy = Literal["raise", "drop"]

SPEC_NAMES: tuple[str, ...] = get_args(SpecName)
SE_CONVENTIONS: tuple[str, ...] = get_args(SeConvention)

PAIR_SPECS = frozenset({"pair-fe", "phasing", "globalisation", "event-study"})
_LAG_SPECS = frozenset({"phasing", "globalisation", "event-study"})
_LOG_TERM = re.compile(r"^log\((?P<column>.+)\)$")
_DEFAULT_GRAVITY = (("dist",), ("cntg", "contig"), ("lang", "comlang_off"), ("clny", "colony"))

ROBUST = "robust"
PAIR = "pair"


@dataclass(frozen=True, slots=True)
class GravitySpec:
    """One gravity regression, fully resolved.

    ``covariates`` are the regressors the user asked for: column names, or ``log(col)`` for the
    natural log of a column. ``generated`` are the dummies Concord builds itself
    (``intl_brdr``, ``intl_brdr_<year>``). ``fixed_effects`` lists the absorbed dimensions among
    ``exporter_year``, ``importer_year``, ``pair`` and ``intra_pair``. ``pair_column`` is the
    data's (undirected) pair column, or ``None`` for directed exporter-importer pairs.
    ``cluster`` is ``None`` for heteroskedasticity-robust errors, ``"pair"`` for the pairing in
    use, or a column name.
    """

    name: SpecName
    trade: str
    exporter: str
    importer: str
    year: str
    covariates: tuple[str, ...]
    generated: tuple[str, ...]
    flows: Flows
    fixed_effects: tuple[str, ...]
    pair_column: str | None
    cluster: str | None
    se: SeConvention
    offset: str | None
    border_years: tuple[int, ...]
    total_terms: tuple[str, ...]
    missing: MissingPolicy

    @property
    def terms(self) -> tuple[str, ...]:
        """All regressors in the order they enter the formula."""
        return self.covariates + self.generated

    @property
    def uses_pairs(self) -> bool:
        """True when a pair fixed effect or pair clusters are part of the fit."""
        return "pair" in self.fixed_effects or self.cluster == PAIR

    @property
    def pairing(self) -> str:
        """Which pairing the pair fixed effect and the pair clusters use, in words."""
        if not self.uses_pairs:
            return "not used (no pair effect, no pair clusters)"
        if self.pair_column is not None:
            return f"undirected data pair column {self.pair_column!r}"
        return "directed exporter-importer"

    @property
    def source_columns(self) -> tuple[str, ...]:
        """Every panel column the fit reads (for validation)."""
        cols = [self.exporter, self.importer, self.year, self.trade]
        cols += [term_column(t) for t in self.covariates]
        if self.pair_column is not None and self.uses_pairs:
            cols.append(self.pair_column)
        if self.offset is not None:
            cols.append(self.offset)
        if self.cluster not in (None, PAIR):
            cols.append(str(self.cluster))
        return tuple(dict.fromkeys(cols))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description."""
        return {
            "name": self.name,
            "trade": self.trade,
            "exporter": self.exporter,
            "importer": self.importer,
            "year": self.year,
            "terms": list(self.terms),
            "flows": self.flows,
            "fixed_effects": list(self.fixed_effects),
            "pairing": self.pairing,
            "cluster": self.cluster or ROBUST,
            "se": self.se,
            "offset": self.offset,
            "total_terms": list(self.total_terms),
        }


def term_column(term: str) -> str:
    """The panel column behind a covariate term (``log(dist)`` reads ``dist``)."""
    match = _LOG_TERM.match(term)
    return match.group("column") if match else term


def is_log_term(term: str) -> bool:
    """True for ``log(col)`` terms."""
    return _LOG_TERM.match(term) is not None


def _find_column(columns: Sequence[str], name: str) -> str | None:
    if name in columns:
        return name
    lowered = {c.lower(): c for c in columns}
    return lowered.get(name.lower())


def _year_step(years: Sequence[int]) -> int:
    ordered = sorted(set(years))
    gaps = [b - a for a, b in itertools.pairwise(ordered)]
    return reduce(math.gcd, gaps) if gaps else 1


def _timing_terms(columns: Sequence[str], agreement: str, kind: str, step: int) -> list[str]:
    """Columns ``<agreement>_<kind><k>`` whose k is a multiple of the panel's year step."""
    pattern = re.compile(rf"^{re.escape(agreement)}_{kind}(\d+)$", re.IGNORECASE)
    found = []
    for col in columns:
        match = pattern.match(col)
        if match and int(match.group(1)) % step == 0:
            found.append((int(match.group(1)), col))
    return [col for _, col in sorted(found)]


def _explicit_timing(
    columns: Sequence[str], agreement: str, kind: str, values: Sequence[int | str]
) -> list[str]:
    out = []
    for value in values:
        name = value if isinstance(value, str) else f"{agreement}_{kind}{value}"
        out.append(_find_column(columns, name) or name)
    return out


def _default_covariates(columns: Sequence[str], agreement: str | None) -> list[str]:
    found = []
    for aliases in _DEFAULT_GRAVITY:
        for alias in aliases:
            col = _find_column(columns, alias)
            if col is not None:
                found.append(f"log({col})" if alias == "dist" else col)
                break
    if agreement is not None:
        found.append(agreement)
    return found


@dataclass(frozen=True, slots=True)
class SpecRequest:
    """The user's options before they are resolved against the panel; the defaults live here."""

    spec: str = "pair-fe"
    trade: str = "trade"
    exporter: str = "exporter"
    importer: str = "importer"
    year: str = "year"
    covariates: Sequence[str] | None = None
    agreement: str = "rta"
    lags: Sequence[int | str] | None = None
    leads: Sequence[int | str] | None = None
    flows: str | None = None
    border: str = "country"
    pair: str | None = "auto"
    cluster: str | None = "pair"
    se: str = "stata"
    offset: str | None = None
    missing: str = "raise"

    def __post_init__(self) -> None:
        for name in ("covariates", "lags", "leads"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, tuple(value))


def _check_choice(value: str, options: Sequence[str], what: str) -> None:
    if value not in options:
        raise InputError(f"unknown {what} {value!r}; choose one of: {', '.join(options)}")


def _covariates(request: SpecRequest, columns: Sequence[str], agreement: str | None) -> list[str]:
    name = request.spec
    if request.covariates is not None:
        return [_find_column(columns, c) or c for c in request.covariates]
    if name in PAIR_SPECS:
        if agreement is None:
            raise InputError(
                f"spec {name!r} needs the agreement column {request.agreement!r}, which the "
                "panel lacks; pass agreement=<column> or covariates=[...]"
            )
        return [agreement]
    return _default_covariates(columns, agreement)


def _timing(request: SpecRequest, columns: Sequence[str], agreement: str, step: int) -> list[str]:
    if request.spec not in _LAG_SPECS:
        return []
    timing: list[str] = []
    if request.spec == "event-study":
        if request.leads is None:
            timing += _timing_terms(columns, agreement, "lead", step)
        else:
            timing += _explicit_timing(columns, agreement, "lead", request.leads)
    if request.lags is None:
        timing += _timing_terms(columns, agreement, "lag", step)
    else:
        timing += _explicit_timing(columns, agreement, "lag", request.lags)
    return timing


def _fixed_effects(request: SpecRequest) -> tuple[str, ...]:
    if request.spec in PAIR_SPECS:
        return ("exporter_year", "importer_year", "pair")
    if request.spec == "intra" and request.border == "country":
        return ("exporter_year", "importer_year", "intra_pair")
    return ("exporter_year", "importer_year")


def _pair_column(request: SpecRequest, columns: Sequence[str]) -> str | None:
    if request.pair == "auto":
        return _find_column(columns, "pair_id")
    return request.pair


def _check_request(request: SpecRequest) -> None:
    _check_choice(request.spec, SPEC_NAMES, "gravity specification")
    _check_choice(request.se, SE_CONVENTIONS, "standard-error convention")
    _check_choice(request.border, get_args(Border), "border option")
    _check_choice(request.missing, get_args(MissingPolicy), "missing-value policy")
    if request.flows is not None:
        _check_choice(request.flows, get_args(Flows), "flows option")


def resolve_spec(request: SpecRequest, data: pd.DataFrame) -> GravitySpec:
    """Settle every data-dependent default of ``request`` against ``data``'s columns."""
    _check_request(request)
    columns = [str(c) for c in data.columns]
    name = request.spec
    found_agreement = _find_column(columns, request.agreement)
    agreement = found_agreement or request.agreement
    covariates = _covariates(request, columns, found_agreement)

    years: list[int] = []
    if request.year in data.columns and ptypes.is_numeric_dtype(data[request.year]):
        years = sorted(int(y) for y in pd.unique(data[request.year].dropna()))
    timing = _timing(request, columns, agreement, _year_step(years))
    covariates += [t for t in timing if t not in covariates]

    border_years: tuple[int, ...] = ()
    generated: tuple[str, ...] = ()
    if name == "globalisation":
        border_years = tuple(years[:-1])
        generated = tuple(f"intl_brdr_{y}" for y in border_years)
    elif name == "intra" and request.border == "common":
        generated = ("intl_brdr",)

    terms = [*covariates, *generated]
    repeated = sorted({t for t in terms if terms.count(t) > 1})
    if repeated:
        raise InputError(f"term(s) {', '.join(repeated)} appear more than once in the model")

    total_terms: tuple[str, ...] = ()
    lags = [t for t in covariates if re.search(r"_lag\d+$", t, re.IGNORECASE)]
    if name in _LAG_SPECS and agreement in covariates and lags:
        total_terms = (agreement, *lags)

    cluster = None if request.cluster in (None, ROBUST, "hetero") else request.cluster
    return GravitySpec(
        name=name,  # type: ignore[arg-type]
        trade=request.trade,
        exporter=request.exporter,
        importer=request.importer,
        year=request.year,
        covariates=tuple(covariates),
        generated=generated,
        flows=request.flows or ("international" if name == "two-way" else "all"),  # type: ignore[arg-type]
        fixed_effects=_fixed_effects(request),
        pair_column=_pair_column(request, columns),
        cluster=cluster,
        se=request.se,  # type: ignore[arg-type]
        offset=request.offset,
        border_years=border_years,
        total_terms=total_terms,
        missing=request.missing,  # type: ignore[arg-type]
    )
