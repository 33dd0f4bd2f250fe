"""Fixtures for the GE tests: the book's two chapter-2 applications, built as the do-files do.

The trade-cost coefficients come from the published Stata logs (gravity-targets.md 1.6, 1.7);
the NAFTA pair effects are re-estimated with pyfixest as in the book's two-stage procedure.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from ge_worlds import random_world

from concord.ge import Baseline

SIGMA = 7.0
# Ch.2 App.1 stage-1 PPML, Stata log TradeWithoutBorder.log (full precision).
APP1_COEFFICIENTS = {"ln_DIST": -0.7912879, "CNTG": 0.6736456, "INTL_BRDR": -2.47445}
APP1_SE = {"ln_DIST": 0.0501494, "CNTG": 0.1073719, "INTL_BRDR": 0.1193816}
NAFTA = ("CAN", "MEX", "USA")


@pytest.fixture(scope="session")
def app1_frame(raw_data: Callable[[str], Path]) -> pd.DataFrame:
    frame = pd.read_csv(raw_data("yotov2016/csv/ch2_app1_trade_without_border_2006.csv"))
    for col in ("exporter", "importer"):
        frame[col] = frame[col].replace("ZZZ", "DEU")  # the data code Germany as ZZZ
    return frame


@pytest.fixture(scope="session")
def app1_baseline(app1_frame: pd.DataFrame) -> Baseline:
    names = list(APP1_COEFFICIENTS)
    return Baseline.from_frame(
        app1_frame,
        sigma=SIGMA,
        reference="DEU",
        value="trade",
        cost_variables=names,
        coefficients=APP1_COEFFICIENTS,
        covariance=np.diag([APP1_SE[n] ** 2 for n in names]),
        flows="fitted",
    )


@pytest.fixture(scope="session")
def app1_stata(raw_data: Callable[[str], Path]) -> pd.DataFrame:
    path = raw_data("yotov2016/csv/ch2_app1_trade_without_border_results_stata.csv")
    return pd.read_csv(path).set_index("country")


@pytest.fixture(scope="session")
def nafta_stata(raw_data: Callable[[str], Path]) -> pd.DataFrame:
    return pd.read_csv(raw_data("yotov2016/csv/ch2_app2_nafta_results_stata.csv")).set_index(
        "country"
    )


def _pair_effects(panel: pd.DataFrame) -> tuple[pd.DataFrame, float, float]:
    """Stage 1 of the book: PPML with exporter-year, importer-year and pair FE (intra pairs
    share one FE). Returns the 1994 rows with ``gamma`` (log pair effect relative to the
    intra-national one, NaN where the pair never trades), the RTA coefficient and its SE."""
    import pyfixest as pf

    d = panel[panel.year.isin(range(1986, 2007, 4))].copy()
    d["exp_year"] = d.exporter + d.year.astype(str)
    d["imp_year"] = d.importer + d.year.astype(str)
    d["pair"] = d.pair_id.where(d.exporter != d.importer, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.fepois(
            "trade ~ rta | exp_year + imp_year + pair",
            data=d,
            vcov="hetero",
            ssc=pf.ssc(k_adj=False),
        )
        year = d[d.year == 1994].copy()
        year["eta"] = fit.predict(newdata=year, type="link")
    beta = float(fit.coef()["rta"])
    se = float(fit.se()["rta"])
    # Normalisation-free pair effect: eta_ij + eta_ji - eta_ii - eta_jj = 2 gamma_ij + beta * rta
    eta = year.set_index(["exporter", "importer"])["eta"]
    rta = year.set_index(["exporter", "importer"])["rta"]
    own = {k[0]: v for k, v in eta.items() if k[0] == k[1]}
    gamma = []
    for (i, j), value in eta.items():
        back = eta.get((j, i), np.nan)
        g = 0.5 * (value + back - own[i] - own[j] - beta * (rta[(i, j)] + rta[(j, i)]))
        gamma.append(0.0 if i == j else g)
    year["gamma"] = gamma
    return year, beta, se


@pytest.fixture(scope="session")
def nafta_baseline(raw_data: Callable[[str], Path]) -> Baseline:
    """Baseline of Ch.2 App.2 (1994), built as the book's do-file builds it."""
    import pyfixest as pf

    panel = pd.read_csv(raw_data("yotov2016/csv/agtpa_applications.csv.gz"))
    year, beta, se = _pair_effects(panel)
    year["ln_DIST"] = np.log(year["dist"])
    # Stage 2: PPML of exp(pair effect) on gravity variables, to fill the 14 missing pairs.
    intl = year[year.exporter != year.importer].copy()
    intl["tij"] = np.exp(intl["gamma"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit2 = pf.fepois(
            "tij ~ ln_DIST + cntg + lang + clny | exporter + importer",
            data=intl[intl.tij.notna()],
            vcov={"CRV1": "pair_id"},
        )
        filled = np.log(fit2.predict(newdata=intl, type="response"))
    year.loc[intl.index, "ln_tbar"] = intl["gamma"].fillna(pd.Series(filled, index=intl.index))
    year.loc[year.exporter == year.importer, "ln_tbar"] = 0.0
    return Baseline.from_frame(
        year,
        sigma=SIGMA,
        reference="DEU",
        value="trade",
        cost_variables=["rta"],
        coefficients={"rta": beta},
        covariance=[[se**2]],
        log_cost_offset="ln_tbar",
        flows="fitted",
    )


@pytest.fixture(scope="session")
def small_world() -> Baseline:
    return random_world(8, seed=3)
