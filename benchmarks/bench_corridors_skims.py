"""All-pairs skims over every corridor node for ten scenarios: Concord against a per-pair loop.

Concord: ``concord.corridors.skims.skim_matrix`` (collapse parallel legs once, then one batch
``scipy.sparse.csgraph.dijkstra`` call for all sources). Peer: a plain networkx loop calling
``nx.shortest_path_length(G, s, t, weight=...)`` for every ordered pair on the same
``MultiDiGraph``. Graph building (including searoute sea legs) is done once per scenario before
timing. Both answers are checked to agree. Best of N repeats (shared machine).

Run: /work/venv/bin/python benchmarks/bench_corridors_skims.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import contextlib
import time

import networkx as nx
import numpy as np

from concord.corridors import network, scenario
from concord.corridors.skims import skim_matrix

SCENARIOS = [
    scenario(name="baseline"),
    scenario(name="no-russia", avoid=["RUS"]),
    scenario(name="red-sea", close=["suez", "babalmandab"]),
    scenario(name="no-russia-red-sea", avoid=["RUS"], close=["suez", "babalmandab"]),
    scenario(name="hormuz", close=["hormuz"]),
    scenario(name="bosporus", close=["bosporus"]),
    scenario(name="volgadon", close=["volgadon"]),
    scenario(name="no-iran", avoid=["IRN"]),
    scenario(name="slow-borders", border_time_scale=2.0),
    scenario(name="fast-ships", sea_speed_knots=18.0),
]
WEIGHT = "time_h"


def concord_skims(graphs: list[nx.MultiDiGraph]) -> list[np.ndarray]:
    return [skim_matrix(g, WEIGHT)[1] for g in graphs]


def networkx_loop(graphs: list[nx.MultiDiGraph]) -> list[np.ndarray]:
    out = []
    for g in graphs:
        nodes = list(g.nodes)
        values = np.full((len(nodes), len(nodes)), np.inf)
        for i, s in enumerate(nodes):
            for j, t in enumerate(nodes):
                with contextlib.suppress(nx.NetworkXNoPath):
                    values[i, j] = nx.shortest_path_length(g, s, t, weight=WEIGHT)
        out.append(values)
    return out


def best_of(fn, graphs, repeats: int) -> tuple[float, list[np.ndarray]]:
    best, result = float("inf"), []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(graphs)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    graphs = [network(s) for s in SCENARIOS]
    build = time.perf_counter() - start
    pairs = sum(g.number_of_nodes() ** 2 for g in graphs)
    ours, a = best_of(concord_skims, graphs, args.repeats)
    peer, b = best_of(networkx_loop, graphs, max(1, args.repeats // 2))
    for g, x, y in zip(graphs, a, b, strict=True):
        order = list(g.nodes)
        assert skim_matrix(g, WEIGHT)[0] == tuple(order)
        assert np.allclose(x, y, equal_nan=True), "skims disagree"
    print(f"scenarios: {len(graphs)}, node pairs: {pairs:,}, graph build (once): {build:.2f} s")
    print(f"concord skims (csgraph batch): {ours * 1e3:8.1f} ms")
    print(f"networkx per-pair loop:        {peer * 1e3:8.1f} ms")
    print(f"ratio networkx / concord: {peer / ours:.1f}x")


if __name__ == "__main__":
    main()
