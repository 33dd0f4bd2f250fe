"""All-pairs skims: time, cost or generalised cost between every pair of nodes of a scenario.

Computed in one batch with ``scipy.sparse.csgraph.dijkstra`` on the collapsed graph (cheapest
parallel edge per node pair), which is what makes scenario sweeps cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from concord.corridors.network import network
from concord.corridors.routing import WEIGHTS, collapse
from concord.corridors.scenario import BASELINE, OBJECTIVES, Objective, Scenario
from concord.errors import InputError


@dataclass(frozen=True, slots=True)
class Skims:
    """``values[i, j]``: best ``by`` from ``nodes[i]`` to ``nodes[j]`` (inf if unreachable).

    Units: days for time, USD per TEU for cost and generalised cost.
    """

    by: str
    nodes: tuple[str, ...]
    values: np.ndarray

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.values, index=list(self.nodes), columns=list(self.nodes))


def skim_matrix(graph: nx.MultiDiGraph, weight: str) -> tuple[tuple[str, ...], np.ndarray]:
    """Node order and all-pairs shortest ``weight`` of a corridor MultiDiGraph."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    simple = collapse(graph, weight)
    nodes = tuple(simple.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    rows, cols, data = [], [], []
    for u, v, w in simple.edges(data="w"):
        rows.append(index[u])
        cols.append(index[v])
        data.append(max(float(w), 1e-12))  # csgraph treats explicit zeros as missing edges
    matrix = csr_matrix((data, (rows, cols)), shape=(len(nodes), len(nodes)))
    return nodes, np.asarray(dijkstra(matrix, directed=True))


def skims(*, by: Objective = "time", scenario: Scenario | None = None) -> Skims:
    """All-pairs skims of ``by`` over every node of the scenario's network."""
    if by not in OBJECTIVES:
        raise InputError(f"by must be one of {', '.join(OBJECTIVES)}, got {by!r}")
    nodes, values = skim_matrix(network(scenario or BASELINE), WEIGHTS[by])
    if by == "time":
        values = values / 24.0
    return Skims(by=by, nodes=nodes, values=values)


__all__ = ["Skims", "skim_matrix", "skims"]
