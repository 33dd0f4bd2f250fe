"""The frozen result of a scenario run and its JSON form.

``ScenarioResult.to_dict()`` keys (stable; the report and web layers read them):

- ``schema``: ``"concord.scenario-result/1"``.
- ``scenario``: the validated spec: ``name, title, description, year, mode, sigma, draws, seed,
  executor, minerals, baseline_source, claims_source, accords`` (each accord: ``bloc, members,
  accessions [{country, date, note}], effect {kind, coefficient, se, source}, pairs,
  counterparty, founded``; ``claims_source``: where the ``[claims]`` text came from, e.g. the
  file name, ``"inline"``, or ``null`` without a ``[claims]`` table).
- ``convention``: ``{name, formula}``: how percent changes are signed. Ex ante:
  ``(CFL - BLN) / BLN * 100``; ex post: ``(BLN - CFL) / CFL * 100`` (the effect of the accord
  existing, as Yotov et al. 2016 report NAFTA).
- ``countries``: one record per focus country: ``country`` (ISO3), ``iso3`` (same), ``name``,
  ``role`` (``member`` | ``new_member``: acceding, or a signatory ex post | ``neighbour`` |
  ``great_power``), ``exports_usd``
  and ``imports_usd`` (baseline, international), and three bands ``real_income`` (real GDP,
  Y/P), ``exports``, ``imports``, each ``{point, mean, sd, low, high, level, unit}``: percent
  changes, point = solve at the central effect, low/high = the 2.5th and 97.5th percentiles of
  the Monte Carlo draws (``level`` 0.95); without draws, mean/sd/low/high are ``null``.
  ``EU`` (EU-27 as one great power) aggregates its members: exports and imports summed,
  real income output-weighted.
- ``pairs``: directed pairs whose trade cost the accord changes: ``exporter, importer,
  baseline_usd, counterfactual_usd, change_pct, flag`` (``flag``: how the baseline cell was
  obtained, e.g. ``observed_exporter`` or ``imputed``).
- ``dependency``: per acceding country (before/after in time: ex post, "before" is the world
  without the accord): ``country, partner`` (``USA``, ``RUS``, ``CHN``, ``EU``),
  ``share_before, share_after`` (percent of the country's international trade, exports plus
  imports), ``change_pp``; plus one record per country with ``partner = "HHI"``: the partner
  concentration (sum of squared shares, 0-10,000 points) before and after.
- ``minerals``: ``null`` or records of :func:`concord.minerals.alignment_shift` (mineral, year,
  unit, world, group, share_before, share_after, delta_pp, source, source_url).
- ``baseline``: ``year, source, countries (count), observed_share, max_export_gap_pct,
  max_import_gap_pct, reconciliation, method, missing [{country, reason}], quality`` (rows of
  the focus countries only).
- ``evidence``: the inputs and where they come from: ``{input, value, unit, source,
  source_url, as_of, note}``.
- ``run``: ``seconds, method, reference, draws_requested, draws_completed, draws_failed,
  executor, seed, solver``.
- ``warnings``: plain sentences (e.g. the accession is announced but not in force; how the
  baseline anchored a pair to a curated turnover and that figure's year).
- ``draws``: ``{quantity: {iso3: [values...]}}``: the Monte Carlo's per-draw percent changes
  (same convention as the bands, rounded to 6 significant digits) of ``real_income`` and
  ``exports`` for every focus country (``EU`` aggregated as in ``countries``); ``{}`` without
  draws. The bands' low/high are the 2.5th/97.5th percentiles of these lists (up to
  the rounding).
- ``claims``: ``null`` without a ``[claims]`` table; otherwise one record per quantitative claim
  of the text, in text order, as :meth:`concord.claims.Check.to_dict` gives it (the shape of
  ``CheckReport.to_dict()["checks"]``, which the report layer renders): ``claim {subjects,
  predicate, value, upper, unit, year, hedge, start, end, text, sentence, language,
  companies}`` (``start``/``end``: character offsets in the text), ``verdict`` (``consistent``
  | ``discrepant`` | ``unverifiable``), ``tolerance`` (relative), ``deviation`` (relative
  difference to the closest reference, or ``null``), ``references [{subject, object, value,
  unit, as_of, source, source_url, note, current, within, deviation, upper, status}]``,
  ``notes`` (plain sentences).
- ``claims_counts``: ``null``, or ``{consistent, discrepant, unverifiable}``: how many claims
  got each verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

SCHEMA = "concord.scenario-result/1"


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """What a scenario does: focus-country changes with bands, pairs, dependency, evidence.

    ``countries`` (DataFrame, one row per focus country and quantity): ``country, name, role,
    quantity (real_income | exports | imports), point, mean, sd, low, high``;
    ``pairs``: ``exporter, importer, baseline_usd, counterfactual_usd, change_pct, flag``;
    ``dependency``: ``country, partner, share_before, share_after, change_pp``.
    """

    scenario: dict[str, Any]
    convention: dict[str, str]
    countries: pd.DataFrame
    levels: pd.DataFrame
    pairs: pd.DataFrame
    dependency: pd.DataFrame
    baseline: dict[str, Any]
    evidence: tuple[dict[str, Any], ...]
    run: dict[str, Any]
    minerals: pd.DataFrame | None = None
    warnings: tuple[str, ...] = ()
    ge_changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    draws: dict[str, dict[str, tuple[float, ...]]] = field(default_factory=dict)
    claims: tuple[dict[str, Any], ...] | None = None

    def claim_counts(self) -> dict[str, int] | None:
        """How many claims got each verdict (``None`` without a ``[claims]`` text)."""
        if self.claims is None:
            return None
        counts = {"consistent": 0, "discrepant": 0, "unverifiable": 0}
        for check in self.claims:
            verdict = str(check.get("verdict"))
            counts[verdict] = counts.get(verdict, 0) + 1
        return counts

    def to_frame(self) -> pd.DataFrame:
        """Focus countries, one row per country: point changes and bands (wide)."""
        rows: dict[str, dict[str, Any]] = {}
        for rec in self.countries.to_dict(orient="records"):
            row = rows.setdefault(
                str(rec["country"]),
                {"country": rec["country"], "name": rec["name"], "role": rec["role"]},
            )
            for stat in ("point", "low", "high"):
                row[f"{rec['quantity']}_{stat}"] = rec[stat]
        return pd.DataFrame(list(rows.values()))

    def band(self, country: str, quantity: str = "real_income") -> dict[str, float | None]:
        """The band of one country and quantity: point, mean, sd, low, high."""
        row = self.countries[
            (self.countries["country"] == country) & (self.countries["quantity"] == quantity)
        ]
        if row.empty:
            raise KeyError(f"{country} {quantity} is not among the focus results")
        rec = row.iloc[0]
        return {k: _num(rec[k]) for k in ("point", "mean", "sd", "low", "high")}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary with the keys documented in this module."""
        return {
            "schema": SCHEMA,
            "scenario": self.scenario,
            "convention": self.convention,
            "countries": self._country_records(),
            "pairs": _records(self.pairs),
            "dependency": _records(self.dependency),
            "minerals": None if self.minerals is None else _records(self.minerals),
            "baseline": self.baseline,
            "evidence": [dict(e) for e in self.evidence],
            "run": self.run,
            "warnings": list(self.warnings),
            "draws": {
                quantity: {iso: [_short(v) for v in values] for iso, values in by_country.items()}
                for quantity, by_country in self.draws.items()
            },
            "claims": None if self.claims is None else [dict(c) for c in self.claims],
            "claims_counts": self.claim_counts(),
        }

    def _country_records(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        levels = self.levels.set_index("country") if len(self.levels) else pd.DataFrame()
        level = 0.95
        for (iso, name, role), part in self.countries.groupby(
            ["country", "name", "role"], sort=False
        ):
            rec: dict[str, Any] = {"country": iso, "iso3": iso, "name": name, "role": role}
            key = str(iso)
            if key in levels.index:
                rec["exports_usd"] = _num(levels.at[key, "exports_usd"])
                rec["imports_usd"] = _num(levels.at[key, "imports_usd"])
            for row in part.to_dict(orient="records"):
                rec[str(row["quantity"])] = {
                    "point": _num(row["point"]),
                    "mean": _num(row["mean"]),
                    "sd": _num(row["sd"]),
                    "low": _num(row["low"]),
                    "high": _num(row["high"]),
                    "level": level,
                    "unit": "%",
                }
            out.append(rec)
        return out

    def summary(self) -> str:
        """Plain-text summary: real income, exports and imports of the focus countries."""
        lines = [
            f"{self.scenario.get('title', self.scenario.get('name'))} "
            f"({self.scenario.get('mode')}, baseline {self.scenario.get('year')}), "
            f"percent changes, {self.convention['formula']}"
        ]
        for rec in self.to_frame().to_dict(orient="records"):
            lines.append(
                f"  {rec['country']:<4} {rec['role']:<11} real income "
                f"{_fmt(rec.get('real_income_point'))} [{_fmt(rec.get('real_income_low'))}, "
                f"{_fmt(rec.get('real_income_high'))}]  exports {_fmt(rec.get('exports_point'))}"
                f"  imports {_fmt(rec.get('imports_point'))}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _short(value: float) -> float | None:
    """A draw for JSON: 6 significant digits (keeps result.json small), NaN as ``None``."""
    return float(f"{value:.6g}") if np.isfinite(value) else None


def _fmt(value: Any) -> str:
    num = _num(value)
    if num is None:
        return "n/a"
    return f"{num:+.1e}" if num != 0 and abs(num) < 5e-4 else f"{num:+.3f}"


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if np.isfinite(out) else None


def plain(value: Any) -> Any:
    """A JSON-ready scalar: numpy scalars unwrapped, NaN and infinities as ``None``."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for row in frame.to_dict(orient="records"):
        out.append({str(key): plain(value) for key, value in row.items()})
    return out
