"""Concord's fit_ppml against raw pyfixest on the book's pair-fixed-effects model.

Yotov et al. (2016) Table 3 column 4: trade ~ rta | exporter-year + importer-year + pair,
28,566 rows (28,482 used), clustered by pair with the Stata convention. Both sides produce the
same estimate (RTA 0.5572, SE 0.1022); the ratio is Concord's time over raw pyfixest's.

"raw pyfixest" is what a user writes (gravity-targets.md §1.1): build the fixed-effect columns,
call ``pf.fepois``, read the coefficient table. A second ratio times ``pf.fepois`` alone on
pre-built columns; a third times the very call Concord makes (integer-coded fixed effects), so
the last ratio is the wrapper's pure overhead. Concord's side includes validation, the design,
the dropped-row account and the frozen result (fixed effects are recovered only on request).

    /work/venv/bin/python benchmarks/bench_gravity_overhead.py [--repeat 15] [--data PATH]
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared/data/raw/yotov2016/csv/agtpa_applications.csv.gz"
)


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - start)
    return best, out


def make_sides(d: pd.DataFrame) -> dict[str, Callable[[], Any]]:
    """The four timed callables: three raw pyfixest variants and Concord."""
    import pyfixest as pf

    from concord.gravity import fit_ppml, make_spec
    from concord.gravity._design import build_design
    from concord.gravity._estimate import IWLS_MAXITER

    ssc = pf.ssc(k_adj=False, G_adj=True)
    formula = "trade ~ rta | exp_year + imp_year + pair"

    def with_fe_columns(data: pd.DataFrame) -> pd.DataFrame:
        data["exp_year"] = data["exporter"] + data["year"].astype(str)
        data["imp_year"] = data["importer"] + data["year"].astype(str)
        data["pair"] = data["pair_id"].where(data["exporter"] != data["importer"], 0)
        return data

    prebuilt = with_fe_columns(d.copy())
    # the exact call Concord makes (integer-coded fixed effects): the wrapper's pure overhead
    design = build_design(d, make_spec(d, spec="pair-fe"))
    frame = design.frame()

    return {
        "user": lambda: pf.fepois(
            formula, data=with_fe_columns(d.copy()), vcov={"CRV1": "pair_id"}, ssc=ssc
        ).tidy(),
        "fepois": lambda: pf.fepois(
            formula, data=prebuilt, vcov={"CRV1": "pair_id"}, ssc=ssc
        ).tidy(),
        "same": lambda: pf.fepois(
            design.formula(),
            data=frame.copy(),
            vcov={"CRV1": "clu"},
            ssc=ssc,
            copy_data=False,
            iwls_maxiter=IWLS_MAXITER,
        ).tidy(),
        "concord": lambda: fit_ppml(d, spec="pair-fe", cluster="pair", se="stata"),
    }


def run(sides: dict[str, Callable[[], Any]], repeat: int) -> tuple[dict[str, list[float]], Any]:
    """Interleave the sides, rotating their order, so machine load hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    fit: Any = None
    names = list(sides)
    for rep in range(repeat):
        for name in names[rep % len(names) :] + names[: rep % len(names)]:
            elapsed, out = best_of(1, sides[name])
            times[name].append(elapsed)
            if name == "concord":
                fit = out
    return times, fit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()

    df = pd.read_csv(args.data)
    d = df[df["year"].isin(range(1986, 2007, 4))].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sides = make_sides(d)
        tidy = sides["fepois"]()  # warm-up (numba/rust initialisation)
        sides["concord"]()
        times, fit = run(sides, args.repeat)
    best = {n: min(v) for n, v in times.items()}
    medians = {n: sorted(v)[len(v) // 2] for n, v in times.items()}

    print(f"pair-FE PPML, {len(d):,} rows, best of {args.repeat} (interleaved)")
    print(f"  raw pyfixest (build FE columns + fepois): {best['user']:.3f} s")
    print(f"  raw pyfixest (fepois on pre-built columns): {best['fepois']:.3f} s")
    print(f"  raw pyfixest (fepois on Concord's integer-coded frame): {best['same']:.3f} s")
    print(
        f"  concord fit_ppml: {best['concord']:.3f} s  RTA {fit.params['rta']:.4f} "
        f"({fit.std_errors['rta']:.4f}) vs pyfixest {tidy.loc['rta', 'Estimate']:.4f} "
        f"({tidy.loc['rta', 'Std. Error']:.4f})"
    )
    for label, peer in (
        ("raw pyfixest (user code)", "user"),
        ("raw fepois (pre-built)", "fepois"),
        ("the same fepois call", "same"),
    ):
        print(
            f"ratio concord / {label}: {best['concord'] / best[peer]:.3f} "
            f"(medians: {medians['concord'] / medians[peer]:.3f})"
        )
    start = time.perf_counter()
    fit.fixed_effects()
    print(f"  (fixed effects recovered on request in {time.perf_counter() - start:.3f} s)")


if __name__ == "__main__":
    main()
