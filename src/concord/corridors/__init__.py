"""Concord's Eurasian corridor network: routing, disruption scenarios, corridor shares, chokepoints.

```python
from concord import corridors as cor

cor.route("Xian", "Duisburg")                                    # Northern route, about 13 d
no_russia = cor.scenario(avoid=["RUS"], close=["suez", "babalmandab"])
cor.route("שיאן", "דואיסבורג", scenario=no_russia)               # Middle Corridor via Aktau, Alat
cor.routes("Shanghai", "Rotterdam", k=3, scenario=cor.scenario(modes=["sea"]))
cor.compare("CHN", "DEU").to_frame()                             # logit shares with capacities
cor.criticality("CHN", "DEU").top(10)                            # what each element is worth
cor.skims(by="time").to_frame()                                  # all-pairs days
cor.route_geometry(cor.route("Xian", "Duisburg"))                # polylines for maps
```

Data: curated nodes, legs and mode tables in ``concord/corridors/data`` (every figure with its
source, typed from the corridors reference), sea legs from searoute's offline network
(``sea.py``), the graph and its edge attributes in ``network.py``.
"""

from __future__ import annotations

from concord.corridors._data import legs_table, modes_table, nodes_table
from concord.corridors.critical import Criticality, criticality
from concord.corridors.geometry import LegGeometry, route_geometry, to_geojson
from concord.corridors.network import build_network, network
from concord.corridors.places import Place, resolve_place
from concord.corridors.results import Route, RouteLeg, RouteSet
from concord.corridors.routing import corridor_label, k_shortest, route, routes
from concord.corridors.scenario import BASELINE, CHOKEPOINTS, Scenario, scenario
from concord.corridors.shares import CorridorComparison, CorridorShare, compare
from concord.corridors.skims import Skims, skims

__all__ = [
    "BASELINE",
    "CHOKEPOINTS",
    "CorridorComparison",
    "CorridorShare",
    "Criticality",
    "LegGeometry",
    "Place",
    "Route",
    "RouteLeg",
    "RouteSet",
    "Scenario",
    "Skims",
    "build_network",
    "compare",
    "corridor_label",
    "criticality",
    "k_shortest",
    "legs_table",
    "modes_table",
    "network",
    "nodes_table",
    "resolve_place",
    "route",
    "route_geometry",
    "routes",
    "scenario",
    "skims",
    "to_geojson",
]
