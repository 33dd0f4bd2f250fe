"""A synthetic 1 M-row gravity panel with three fixed effects: Concord against raw pyfixest.

200 countries x 200 partners x 25 years = 1,000,000 rows (intra-national flows included),
Poisson flows from exporter-year, importer-year and symmetric pair effects, log distance and
an agreement dummy (true effect 0.4). Both sides fit
``trade ~ rta | exporter-year + importer-year + pair`` with pair-clustered Stata-convention
SEs; raw pyfixest gets integer-coded fixed-effect columns built beforehand (not timed).

    /work/venv/bin/python benchmarks/bench_gravity_synthetic.py [--countries 200] [--years 25]
        [--repeat 2]
"""

from __future__ import annotations

import argparse
import time
import warnings
from typing import Any

import numpy as np
import pandas as pd

TRUE_RTA = 0.4


def simulate(countries: int, years: int, seed: int = 2026) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    i, j, t = (
        a.ravel()
        for a in np.meshgrid(
            np.arange(countries), np.arange(countries), np.arange(years), indexing="ij"
        )
    )
    loc = rng.uniform(0, 100, size=(countries, 2))
    dist = 1.0 + np.hypot(*(loc[i] - loc[j]).T)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    pair = lo * countries + hi
    start = rng.integers(0, 3 * years, size=countries * countries)[pair]  # symmetric start year
    rta = ((t >= start) & (i != j)).astype(float)
    pair_fe = rng.normal(0, 0.5, size=countries * countries)[pair]
    eta = (
        rng.normal(2, 1, size=(countries, years))[i, t]
        + rng.normal(0, 1, size=(countries, years))[j, t]
        - 1.0 * np.log(dist)
        + TRUE_RTA * rta
        + pair_fe
        + 3.0 * (i == j)
    )
    names = np.array([f"C{k:03d}" for k in range(countries)])
    return pd.DataFrame(
        {
            "exporter": names[i],
            "importer": names[j],
            "year": 2000 + t,
            "pair_id": pair,
            "trade": rng.poisson(np.exp(eta)).astype(float),
            "dist": dist,
            "rta": rta,
            "exp_year": i * years + t,
            "imp_year": j * years + t,
            "pair": np.where(i == j, -1, pair),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    import pyfixest as pf

    from concord.gravity import fit_ppml

    warnings.simplefilter("ignore")
    start = time.perf_counter()
    panel = simulate(args.countries, args.years)
    print(f"simulated {len(panel):,} rows in {time.perf_counter() - start:.1f} s")
    ssc = pf.ssc(k_adj=False, G_adj=True)

    def raw() -> Any:
        fit = pf.fepois(
            "trade ~ rta | exp_year + imp_year + pair",
            data=panel,
            vcov={"CRV1": "pair_id"},
            ssc=ssc,
        )
        return float(fit.coef()["rta"]), float(fit.se()["rta"])

    def concord() -> Any:
        fit = fit_ppml(panel, spec="pair-fe", cluster="pair")
        return float(fit.params["rta"]), float(fit.std_errors["rta"])

    warm = panel[panel["year"] < 2002]
    pf.fepois("trade ~ rta | exp_year + imp_year + pair", data=warm, vcov={"CRV1": "pair_id"})
    fit_ppml(warm, spec="pair-fe")
    t_raw = t_concord = float("inf")
    for _ in range(args.repeat):  # interleaved, best of N
        s = time.perf_counter()
        raw_est = raw()
        t_raw = min(t_raw, time.perf_counter() - s)
        s = time.perf_counter()
        est = concord()
        t_concord = min(t_concord, time.perf_counter() - s)
    print(f"raw pyfixest fepois: {t_raw:.2f} s  rta {raw_est[0]:.4f} ({raw_est[1]:.4f})")
    print(
        f"concord fit_ppml:    {t_concord:.2f} s  rta {est[0]:.4f} ({est[1]:.4f}); true {TRUE_RTA}"
    )
    print(f"ratio concord / raw pyfixest: {t_concord / t_raw:.3f} (best of {args.repeat})")


if __name__ == "__main__":
    main()
