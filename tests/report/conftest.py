"""Fixtures of the report tests: a small scenario result in the documented
``concord.scenario-result/1`` layout (see concord.scenario.result), with one route added."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

YOTOV = "Yotov, Piermartini, Monteiro & Larch (2016), Ch. 1 Table 3 col. (4)"
FACTBOOK = "CIA World Factbook (final edition, data to 2026-01-22), via concord.kb"


def _band(point: float, low: float | None, high: float | None) -> dict[str, Any]:
    mean = None if low is None else point * 1.04
    return {"point": point, "mean": mean, "sd": None if low is None else 0.01,
            "low": low, "high": high, "level": 0.95, "unit": "%"}  # fmt: skip


def _example() -> dict[str, Any]:
    return {
        "schema": "concord.scenario-result/1",
        "scenario": {
            "name": "kazakhstan-abraham-accords",
            "title": "Kazakhstan joins the Abraham Accords",
            "description": "Ex ante: Kazakhstan accedes to the Abraham Accords.",
            "year": 2024, "mode": "ex_ante", "sigma": 7.0, "draws": 20, "seed": 1,
            "executor": "local", "minerals": ["uranium"], "baseline_source": "factbook",
            "accords": [{
                "bloc": "AA", "members": ["ISR", "ARE"],
                "accessions": [{"country": "KAZ", "date": "2025-11-06", "note": "announced"}],
                "effect": {"kind": "preset", "coefficient": 0.557, "se": 0.102, "source": YOTOV},
            }],
        },
        "convention": {"name": "counterfactual_vs_baseline", "formula": "(CFL - BLN) / BLN * 100"},
        "countries": [
            {"country": "KAZ", "iso3": "KAZ", "name": "Kazakhstan", "role": "new_member",
             "real_income": _band(0.0784, 0.0555, 0.1229),
             "exports": _band(1.08, 0.77, 1.69), "imports": _band(1.28, 0.91, 2.01)},
            {"country": "ISR", "iso3": "ISR", "name": "Israel", "role": "member",
             "real_income": _band(0.0068, 0.0048, 0.0106),
             "exports": _band(0.05, 0.03, 0.07), "imports": _band(0.06, 0.04, 0.08)},
            {"country": "RUS", "iso3": "RUS", "name": "Russia", "role": "neighbour",
             "real_income": _band(-0.0003, None, None),
             "exports": _band(-0.01, None, None), "imports": _band(-0.01, None, None)},
        ],
        "pairs": [{"exporter": "KAZ", "importer": "ISR", "baseline_usd": 2.9e8,
                   "counterfactual_usd": 5.1e8, "change_pct": 74.2, "flag": "imputed"}],
        "dependency": [
            {"country": "KAZ", "partner": "CHN", "share_before": 19.41, "share_after": 19.15,
             "change_pp": -0.26},
            {"country": "KAZ", "partner": "HHI", "share_before": 950.9, "share_after": 929.1,
             "change_pp": -21.8},
        ],
        "minerals": [{"mineral": "uranium", "year": 2024, "unit": "tU", "group": "AA + USA",
                      "share_before": 0.0043, "share_after": 0.3908,
                      "source": "World Nuclear Association",
                      "source_url": "https://example.org/wna"}],
        "baseline": {"year": 2024, "source": "factbook", "countries": 209, "observed_share": 0.71},
        "evidence": [
            {"input": "AA effect on log trade between members (PPML coefficient)", "value": 0.557,
             "unit": "log points", "source": YOTOV, "source_url": "", "as_of": None,
             "note": "standard error 0.102"},
            {"input": "elasticity of substitution sigma", "value": 7.0, "unit": "",
             "source": "Yotov et al. (2016), Ch. 2", "source_url": "", "as_of": None, "note": ""},
            {"input": "KAZ exports (2024 baseline input)", "value": 9.19e10, "unit": "USD",
             "source": FACTBOOK, "source_url": "", "as_of": "2024", "note": "China 22%"},
            {"input": "baseline trade KAZ->ISR", "value": 2.9e8, "unit": "USD",
             "source": FACTBOOK, "source_url": "", "as_of": None, "note": ""},
            {"input": "KAZ in AA (announced)", "value": None, "unit": "",
             "source": "TASS (2025-11-07)", "source_url": "https://tass.com", "as_of": "2025-11-06",
             "note": "announced at the White House"},
            {"input": "exports, imports, GDP, partner shares, capitals, borders", "value": None,
             "unit": "", "source": FACTBOOK, "source_url": "", "as_of": None, "note": ""},
        ],
        "run": {"seconds": 9.9, "method": "hat", "draws_requested": 20, "draws_completed": 20,
                "draws_failed": 0, "executor": "local processes", "seed": 1},
        "warnings": ["KAZ: the AA accession is announced (2025-11-06), not in force"],
        "routes": [{
            "label": "Xi'an → Duisburg, Middle Corridor", "corridor": "Middle Corridor",
            "name": "Middle Corridor: Khorgos - Aktau - Baku",
            "time_days": 18.0, "cost_usd": 2788.0,
            "countries": ["CHN", "KAZ", "AZE"], "sources": ["TITR (2024)"],
            "legs": [{"lon": [80.4, 51.2], "lat": [44.2, 43.6]},
                     {"lon": [51.2, 49.9], "lat": [43.6, 40.4]}],
            "nodes": [{"name": "Aktau", "lon": 51.2, "lat": 43.6}],
        }],
    }  # fmt: skip


@pytest.fixture
def example_result() -> Callable[[], dict[str, Any]]:
    """A factory of fresh example results (tests may change their copy)."""
    return _example
