"""Baselines from imported pair tables (ITPD-E with domestic flows; BACI with the GDP proxy)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from concord.baseline import read_baci, read_itpde
from concord.baseline.flows import baseline_from_file, baseline_from_flows
from concord.errors import InputError, ValidationError

FIX = Path(__file__).parent / "fixtures"


def test_itpde_keeps_reported_domestic_flows() -> None:
    flows = read_itpde(FIX / "ITPD_E_R02_sample.csv").flows
    world = baseline_from_flows(flows, year=2019, source="ITPD-E sample")
    assert set(world.countries) == {"KAZ", "CHN", "ISR"}
    k, c = world.index("KAZ"), world.index("CHN")
    assert world.flows[k, k] == pytest.approx(13_000e6)
    assert world.flows[k, c] == pytest.approx(5312.75e6)
    assert world.flags[k, c] == 5
    assert world.missing == ()


def test_baci_needs_gdp_and_lists_countries_without_it() -> None:
    flows = read_baci(
        FIX / "BACI_HS92_Y2022_V202401b.csv", country_codes=FIX / "country_codes_V202401b.csv"
    ).flows
    with pytest.raises(InputError, match="GDP"):
        baseline_from_flows(flows, year=2022, source="BACI")
    gdp = {"KAZ": 288.4e9, "CHN": 18e12, "RUS": 2e12, "ISR": 540e9}  # no ARE
    world = baseline_from_flows(flows, year=2022, source="BACI", gdp=gdp)
    assert dict(world.missing) == {"ARE": "no GDP for the domestic-sales proxy"}
    k = world.index("KAZ")
    exports = 3_000_500 + 150_125 + 12_500  # USD, to CHN, RUS and ISR
    assert world.exports()[k] == pytest.approx(exports)
    assert world.flows[k, k] == pytest.approx(288.4e9 - exports)
    assert (np.diag(world.flags) == 4).all()
    with pytest.raises(InputError, match="no flows for 2030"):
        baseline_from_flows(flows, year=2030, source="BACI", gdp=gdp)


def test_pair_table_file_round_trip(tmp_path: Path) -> None:
    flows = read_itpde(FIX / "ITPD_E_R02_sample.csv").flows
    path = tmp_path / "pairs.csv"
    flows.to_csv(path, index=False)
    world = baseline_from_file("itpde", path, year=2019)
    assert "ITPD-E" in world.source and world.n == 3
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"a": [1]}).to_csv(bad, index=False)
    with pytest.raises(ValidationError, match="concord data import"):
        baseline_from_file("itpde", bad, year=2019)
