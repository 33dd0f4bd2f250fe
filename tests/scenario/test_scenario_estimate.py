"""An accord's effect estimated from an imported panel reproduces Yotov et al. (2016)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from concord.scenario import parse_scenario
from concord.scenario._estimate import estimate_effect
from concord.scenario.runner import _resolve_effect


@pytest.mark.reference
def test_pair_fe_estimate_from_the_book_panel(raw_data: Callable[[str], Path]) -> None:
    panel = raw_data("yotov2016/csv/agtpa_applications.csv.gz")
    spec = parse_scenario(
        {
            "scenario": {"name": "estimated", "year": 2024, "draws": 0},
            "accord": [
                {
                    "bloc": "AA",
                    "members": ["ISR"],
                    "accession": [{"country": "KAZ", "date": "2026-01-01"}],
                    "effect": {
                        "estimate": {
                            "panel": str(panel),
                            "agreement": "rta",
                            "years": list(range(1986, 2007, 4)),
                        }
                    },
                }
            ],
        }
    )
    effect = spec.accords[0].effect
    assert effect.kind == "estimated" and effect.coefficient is None
    estimated = estimate_effect(effect)
    # gravity-targets.md section 1.4: Table 3 col. (4), RTA 0.5572 (0.1022), N = 28,482
    assert estimated.coefficient == pytest.approx(0.5572, abs=5e-4)
    assert estimated.se == pytest.approx(0.1022, abs=5e-4)
    assert "28,482" in estimated.source and "rta" in estimated.source
    assert _resolve_effect(spec.accords[0].effect).kind == "estimated"
