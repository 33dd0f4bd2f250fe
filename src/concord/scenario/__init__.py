"""Scenarios: a TOML spec validated into a frozen :class:`Scenario`, run into a ScenarioResult.

```python
from concord import scenario

spec = scenario.load_scenario("kazakhstan")         # bundled name, alias or path to a TOML
result = scenario.run_scenario(spec.with_options(draws=100))
result.to_dict()                                    # keys documented in concord.scenario.result
```
"""

from __future__ import annotations

from concord.scenario.bundled import bundled_path, bundled_scenarios, load_scenario
from concord.scenario.result import ScenarioResult
from concord.scenario.runner import run_scenario
from concord.scenario.spec import (
    PRESETS,
    YOTOV2016_PAIR_FE,
    Accession,
    Accord,
    BaselineSource,
    ClaimsText,
    Effect,
    EffectPreset,
    Scenario,
    parse_scenario,
)

__all__ = [
    "PRESETS",
    "YOTOV2016_PAIR_FE",
    "Accession",
    "Accord",
    "BaselineSource",
    "ClaimsText",
    "Effect",
    "EffectPreset",
    "Scenario",
    "ScenarioResult",
    "bundled_path",
    "bundled_scenarios",
    "load_scenario",
    "parse_scenario",
    "run_scenario",
]
