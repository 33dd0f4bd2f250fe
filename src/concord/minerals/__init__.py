"""Critical minerals: who produces what, how concentrated, and what an accession shifts.

Curated tables (``minerals/data/production.csv``; every row with its source, URL, year and unit)
hold world mine output by country: uranium from the World Nuclear Association (2023, 2024) and
tungsten, lithium, copper, zinc, rare earths, cobalt and nickel from the USGS Mineral Commodity
Summaries (as far as citable figures were found; the world total is always the source's own, and
output the source does not give by country is reported as *unattributed*).

```python
from concord import minerals

t = minerals.production("uranium")          # latest year on record (2024)
t.value_of("KAZ"), t.world                  # (23270.0, 60213.0) tU
t.concentration.hhi, t.concentration.top3_share
minerals.alignment(bloc="AA", with_countries=["USA"], as_of="2026-01-01",
                   accessions=["KAZ"]).to_frame()
minerals.disruption("KAZ").to_frame()       # share of world supply lost, per mineral
minerals.deals("KAZ").by_sector()           # kb deal facts summed by sector
```

Scenario runner hook
--------------------
``alignment_shift(minerals, bloc, with_countries=(), as_of=None, accessions=(), *, year=None)
-> pandas.DataFrame`` gives, for each mineral (``None`` = all on record), the share of world
output from ``bloc``'s members at ``as_of`` (kb memberships, role 'member') plus
``with_countries``, before and after the scenario's ``accessions`` join. Columns: mineral, year,
unit, world, group, output_before, share_before, output_after, share_after (fractions),
delta_pp (percentage points), contributors_before, contributors_after, accessions, source,
source_url. Names may be ISO3 codes or any name the kb registry knows. Unknown minerals or
countries raise ``UnknownEntityError`` (exit code 2) listing the known ones.

Measures
--------
- concentration: HHI in points (shares in percent, 0-10,000) over the countries the source
  names (a lower bound when part of the output is unattributed; ``hhi_max`` counts that remainder
  as one producer), and the top-1 and top-3 shares;
- alignment: a group's summed output over the world total;
- disruption: a group's share of world *mine output*, an upper bound on the exports lost;
  ``max_share_lost`` adds the unattributed remainder when some members are not named.
"""

from __future__ import annotations

from concord.minerals.alignment import (
    AlignmentResult,
    AlignmentRow,
    alignment,
    alignment_shift,
    group_output,
)
from concord.minerals.concentration import Concentration, concentration
from concord.minerals.deals import Deal, DealsResult, deals
from concord.minerals.disruption import DisruptionResult, DisruptionRow, disruption
from concord.minerals.groups import Group, group, resolve_country
from concord.minerals.tables import (
    ProductionTable,
    known_minerals,
    production,
    production_tables,
    resolve_mineral,
    years,
)

__all__ = [
    "AlignmentResult",
    "AlignmentRow",
    "Concentration",
    "Deal",
    "DealsResult",
    "DisruptionResult",
    "DisruptionRow",
    "Group",
    "ProductionTable",
    "alignment",
    "alignment_shift",
    "concentration",
    "deals",
    "disruption",
    "group",
    "group_output",
    "known_minerals",
    "production",
    "production_tables",
    "resolve_country",
    "resolve_mineral",
    "years",
]
