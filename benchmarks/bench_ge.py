"""Concord's GE engine against gegravity on the book's "trade without borders" case.

Yotov et al. (2016) ch. 2 application 1: 69 countries, 2006, sigma = 7, stage-1 PPML coefficients
from the Stata log (ln DIST -0.7913, CNTG 0.6736, INTL_BRDR -2.4745); counterfactual
INTL_BRDR = 0; full-endowment GE. Accuracy is measured against the original Stata results
(real GDP change of all 69 countries). Run:

    /work/venv/bin/python benchmarks/bench_ge.py [--repeat 20] [--skip-hybr]

Needs the ``bench`` extra (gegravity) and ../shared/data/raw/yotov2016.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from concord.ge import Baseline, set_variable_shock, simulate

RAW = Path(
    os.environ.get("CONCORD_RAW_DATA", Path(__file__).resolve().parents[2] / "shared/data/raw")
)
DATA = RAW / "yotov2016/csv/ch2_app1_trade_without_border_2006.csv"
STATA = RAW / "yotov2016/csv/ch2_app1_trade_without_border_results_stata.csv"
COEFS = {"ln_DIST": -0.7912879, "CNTG": 0.6736456, "INTL_BRDR": -2.47445}
SIGMA = 7.0


def load() -> tuple[pd.DataFrame, pd.Series]:
    frame = pd.read_csv(DATA)
    for col in ("exporter", "importer"):
        frame[col] = frame[col].replace("ZZZ", "DEU")
    stata = pd.read_csv(STATA).set_index("country")["change_rGDP_FULL"]
    return frame, stata


def concord_world(frame: pd.DataFrame) -> Baseline:
    return Baseline.from_frame(
        frame,
        sigma=SIGMA,
        reference="DEU",
        value="trade",
        cost_variables=list(COEFS),
        coefficients=COEFS,
        flows="fitted",
    )


def concord_run(frame: pd.DataFrame, method: str, world: Baseline | None = None) -> pd.Series:
    world = world if world is not None else concord_world(frame)
    result = simulate(world, set_variable_shock(world, "INTL_BRDR", 0.0), method=method)  # type: ignore[arg-type]
    return result.changes()["real_gdp"]


def gegravity_run(frame: pd.DataFrame, method: str, omr_rescale: float) -> pd.Series:
    import gegravity as ge

    data = frame.copy()
    data["year"] = data["year"].astype(str)
    data["INTL_BRDR_CFL"] = 0.0
    base = ge.BaselineData(
        data,
        imp_var_name="importer",
        exp_var_name="exporter",
        year_var_name="year",
        trade_var_name="trade",
        expend_var_name="E",
        output_var_name="Y",
    )
    est = pd.DataFrame({"var": list(COEFS), "coef": list(COEFS.values())})
    coeffs = ge.CostCoeffs(est, identifier_col="var", coeff_col="coef")
    model = ge.OneSectorGE(
        base,
        year="2006",
        reference_importer="DEU",
        sigma=SIGMA,
        expend_var_name="E",
        output_var_name="Y",
        cost_variables=list(COEFS),
        cost_coeff_values=coeffs,
        quiet=True,
    )
    model.build_baseline(omr_rescale=omr_rescale, mr_method=method)
    exp = data.copy()
    exp["INTL_BRDR"] = 0.0
    model.define_experiment(exp)
    model.simulate(ge_method=method)
    res = model.country_results["GDP change (percent)"]
    prices = model.country_results["factory gate price change (percent)"]
    res.attrs["min_price_change"] = float(prices.min())
    return res


def accuracy(ours: pd.Series, stata: pd.Series) -> tuple[float, float]:
    gap = (ours.reindex(stata.index) - stata).abs()
    return float(gap.max()), float(gap.median())


def best_of(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--gegravity-repeat", type=int, default=1)
    parser.add_argument("--omr-rescale", type=float, default=10.0)
    parser.add_argument("--skip-hybr", action="store_true")
    args = parser.parse_args()
    frame, stata = load()
    rows = []
    for method in ("hat", "geppml"):
        t, res = best_of(lambda m=method: concord_run(frame, m), args.repeat)
        rows.append((f"concord {method}", t, *accuracy(res, stata), "incl. baseline build"))
    world = concord_world(frame)
    t, res = best_of(lambda: concord_run(frame, "hat", world), args.repeat)
    rows.append(("concord hat, solve only", t, *accuracy(res, stata), "baseline built once"))
    quiet = io.StringIO()
    runs = [("lm", args.omr_rescale)] + ([] if args.skip_hybr else [("hybr", 1000.0)])
    for method, rescale in runs:
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(quiet):
                warnings.simplefilter("ignore")
                t, res = best_of(
                    lambda m=method, r=rescale: gegravity_run(frame, m, r), args.gegravity_repeat
                )
            note = f"min price change {res.attrs['min_price_change']:.1f} %"
            rows.append(
                (f"gegravity {method} (omr_rescale={rescale:g})", t, *accuracy(res, stata), note)
            )
        except Exception as exc:  # report the peer's failure honestly
            rows.append(
                (
                    f"gegravity {method} (omr_rescale={rescale:g})",
                    float("nan"),
                    float("nan"),
                    float("nan"),
                    f"failed: {type(exc).__name__}: {exc}"[:80],
                )
            )
    table = pd.DataFrame(
        rows, columns=["solver", "seconds", "max |gap| pp", "median |gap| pp", "note"]
    )
    print("Trade without borders (69 countries), real GDP change vs Stata (Yotov et al. 2016)")
    with pd.option_context("display.width", 160, "display.max_colwidth", 80):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    ours = table.loc[table.solver == "concord hat", "seconds"].iloc[0]
    peer = table.loc[table.solver.str.startswith("gegravity lm"), "seconds"].iloc[0]
    print(
        f"\nspeed ratio gegravity lm / concord hat: {peer / ours:,.0f}x "
        f"(concord {ours * 1e3:.1f} ms incl. baseline build; gegravity {peer:.2f} s)"
    )
    geppml = table.loc[table.solver == "concord geppml", "seconds"].iloc[0]
    print(f"speed ratio gegravity lm / concord geppml: {peer / geppml:,.0f}x")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
