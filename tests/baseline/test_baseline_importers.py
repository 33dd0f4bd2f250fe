"""BACI, ITPD-E and CEPII Gravity importers on small fixtures written in the official formats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from concord.baseline.importers import read_baci, read_cepii_gravity, read_itpde
from concord.errors import DataError, InputError

FIX = Path(__file__).parent / "fixtures"


def _value(frame: pd.DataFrame, year: int, exporter: str, importer: str) -> float:
    row = frame[(frame.year == year) & (frame.exporter == exporter) & (frame.importer == importer)]
    assert len(row) == 1, row
    return float(row.value_usd.iloc[0])


def test_baci_aggregates_hs6_rows_to_pairs_in_usd() -> None:
    out = read_baci(
        FIX / "BACI_HS92_Y2022_V202401b.csv", country_codes=FIX / "country_codes_V202401b.csv"
    )
    flows = out.flows
    # 1000.5 + 2000 thousand USD (two HS6 lines, one with q = NA)
    assert _value(flows, 2022, "KAZ", "CHN") == pytest.approx(3_000_500.0)
    assert _value(flows, 2022, "KAZ", "RUS") == pytest.approx(150_125.0)
    assert _value(flows, 2022, "ISR", "ARE") == pytest.approx(55_750.0)
    assert out.rows_read == 9
    assert len(flows) == 6
    # code 490 ("Other Asia, nes", iso3 S19) has no ISO3: reported, not silently dropped
    assert out.unmapped.set_index("code").loc[490, "value_usd"] == pytest.approx(40_000.0)
    assert "9 rows read" in str(out)


def test_baci_several_years_glob_and_year_filter() -> None:
    codes = FIX / "country_codes_V202401b.csv"
    both = read_baci(str(FIX / "BACI_HS92_Y202*_V202401b.csv"), country_codes=codes)
    assert sorted(both.flows.year.unique()) == [2022, 2023]
    assert _value(both.flows, 2023, "KAZ", "CHN") == pytest.approx(1_100_000.0)
    only = read_baci(str(FIX / "BACI_HS92_Y202*_V202401b.csv"), country_codes=codes, years=[2023])
    assert sorted(only.flows.year.unique()) == [2023]
    assert only.rows_read == 2


def test_baci_old_country_code_layout() -> None:
    out = read_baci(
        FIX / "BACI_HS92_Y2022_V202401b.csv", country_codes=FIX / "country_codes_V202102.csv"
    )
    assert _value(out.flows, 2022, "RUS", "KAZ") == pytest.approx(420_000.0)
    assert 490 in set(out.unmapped.code)


def test_baci_parquet_copy(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "baci.parquet"
    src = FIX / "BACI_HS92_Y2022_V202401b.csv"
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{src}', all_varchar = true)) TO '{path}'")
    out = read_baci(path, country_codes=FIX / "country_codes_V202401b.csv")
    assert _value(out.flows, 2022, "KAZ", "CHN") == pytest.approx(3_000_500.0)


def test_baci_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_baci(tmp_path / "missing.csv", country_codes=FIX / "country_codes_V202401b.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("year,exporter,value\n2022,1,2\n")
    with pytest.raises(DataError, match="lacks column"):
        read_baci(bad, country_codes=FIX / "country_codes_V202401b.csv")


def test_itpde_sums_industries_keeps_domestic_and_converts_millions() -> None:
    out = read_itpde(FIX / "ITPD_E_R02_sample.csv")
    flows = out.flows
    assert _value(flows, 2019, "KAZ", "CHN") == pytest.approx((12.5 + 5000.25 + 300) * 1e6)
    assert _value(flows, 2019, "KAZ", "KAZ") == pytest.approx(13_000e6)
    assert _value(flows, 2019, "ISR", "KAZ") == pytest.approx(7.75e6)
    assert out.rows_read == 8
    manuf = read_itpde(FIX / "ITPD_E_R02_sample.csv", years=[2019], sectors=["Manufacturing"])
    assert _value(manuf.flows, 2019, "KAZ", "KAZ") == pytest.approx(4000e6)
    assert set(manuf.flows.year) == {2019}


def test_cepii_gravity_pairs_units_and_existence() -> None:
    frame = read_cepii_gravity(FIX / "Gravity_V202211_sample.csv", years=[2019])
    assert len(frame) == 2  # the YUG row (country_exists_o = 0) is left out
    kaz_chn = frame[(frame.exporter == "KAZ") & (frame.importer == "CHN")].iloc[0]
    assert kaz_chn.dist_km == pytest.approx(3277.2)
    assert kaz_chn.contig == 1
    assert kaz_chn.gdp_exporter_usd == pytest.approx(181_667_000_000.0)
    assert kaz_chn.tradeflow_baci_usd == pytest.approx(7_981_234_500.0)
    kaz_isr = frame[(frame.exporter == "KAZ") & (frame.importer == "ISR")].iloc[0]
    assert pd.isna(kaz_isr.tradeflow_baci_usd)
