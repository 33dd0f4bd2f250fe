"""GE engine at scale: a 200-country synthetic solve, and 1,000 Monte Carlo draws on 1 and 2
workers (the book's 69-country "trade without borders" case, coefficients drawn from the Stata
estimates and robust standard errors). Run:

    /work/venv/bin/python benchmarks/bench_ge_scale.py [--draws 1000] [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from concord.ge import Baseline, accession_shock, monte_carlo, set_variable_shock, simulate

RAW = Path(
    os.environ.get("CONCORD_RAW_DATA", Path(__file__).resolve().parents[2] / "shared/data/raw")
)
COEFS = {"ln_DIST": -0.7912879, "CNTG": 0.6736456, "INTL_BRDR": -2.47445}
SES = {"ln_DIST": 0.0501494, "CNTG": 0.1073719, "INTL_BRDR": 0.1193816}


def synthetic(n: int, seed: int = 0) -> Baseline:
    rng = np.random.default_rng(seed)
    codes = [f"K{k:03d}" for k in range(n)]
    xy = rng.uniform(0, 100, size=(n, 2))
    dist = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1)) + 1.0
    border = 1.0 - np.eye(n)
    size = rng.lognormal(0, 1.5, size=n)
    trade = np.outer(size, size) * np.exp(-0.8 * np.log(dist) - 2.0 * border)
    trade *= rng.lognormal(0, 0.5, size=(n, n))
    ex, im = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    frame = pd.DataFrame(
        {
            "exporter": np.array(codes)[ex.ravel()],
            "importer": np.array(codes)[im.ravel()],
            "value": trade.ravel(),
            "ln_dist": np.log(dist).ravel(),
            "border": border.ravel(),
        }
    )
    return Baseline.from_frame(
        frame,
        sigma=6.0,
        reference=codes[0],
        cost_variables=["ln_dist", "border"],
        coefficients={"ln_dist": -0.8, "border": -2.0},
        flows="fitted",
    )


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    world = synthetic(200)
    shock = accession_shock([f"K{k:03d}" for k in range(1, 11)], beta=0.5)
    removal = set_variable_shock(world, "border", 0.0)
    for label, sh in (("10-country agreement", shock), ("all borders removed", removal)):
        for method in ("hat", "geppml"):
            t = best_of(lambda m=method, s=sh: simulate(world, s, method=m), args.repeat)
            print(f"200 countries, {label}, {method}: best of {args.repeat}: {t * 1e3:.1f} ms")

    frame = pd.read_csv(RAW / "yotov2016/csv/ch2_app1_trade_without_border_2006.csv")
    for col in ("exporter", "importer"):
        frame[col] = frame[col].replace("ZZZ", "DEU")
    book = Baseline.from_frame(
        frame,
        sigma=7.0,
        reference="DEU",
        value="trade",
        cost_variables=list(COEFS),
        coefficients=COEFS,
        covariance=np.diag([SES[k] ** 2 for k in COEFS]),
        flows="fitted",
    )
    borders = set_variable_shock(book, "INTL_BRDR", 0.0)
    times, results = {}, {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        results[workers] = monte_carlo(book, borders, draws=args.draws, seed=1, workers=workers)
        times[workers] = time.perf_counter() - t0
        print(
            f"{args.draws} Monte Carlo draws, 69 countries, {workers} worker(s): "
            f"{times[workers]:.2f} s ({times[workers] / args.draws * 1e3:.1f} ms per draw, "
            f"{results[workers].failed} failed)"
        )
    same = np.array_equal(results[1].draws, results[2].draws)
    print(f"speed-up 2 workers vs 1: {times[1] / times[2]:.2f}x; identical results: {same}")
    print(results[1].summary(top=3))


if __name__ == "__main__":
    main()
