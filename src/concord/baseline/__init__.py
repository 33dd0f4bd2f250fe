"""World trade baselines: the embedded Factbook matrix, imported data sets, and RAS balancing.

```python
from concord import baseline

world = baseline.build_factbook_baseline(2024)    # offline, from the evidence base
world.to_frame()                                   # exporter, importer, value_usd, flag, scaled
world.quality                                      # one row per country
world.missing                                      # countries left out, with the reason

flows = baseline.read_baci("BACI_HS92_Y2022_V202401b.csv",
                           country_codes="country_codes_V202401b.csv")
```
"""

from __future__ import annotations

from concord.baseline.factbook import build_factbook_baseline, great_circle_km
from concord.baseline.importers import (
    ImportedFlows,
    read_baci,
    read_cepii_gravity,
    read_itpde,
)
from concord.baseline.ras import RasResult, Reconciliation, ras_balance, reconcile_totals
from concord.baseline.world import FLAG_LABELS, WorldBaseline

__all__ = [
    "FLAG_LABELS",
    "ImportedFlows",
    "RasResult",
    "Reconciliation",
    "WorldBaseline",
    "build_factbook_baseline",
    "great_circle_km",
    "ras_balance",
    "read_baci",
    "read_cepii_gravity",
    "read_itpde",
    "reconcile_totals",
]
