"""CEPII GeoDist readers on the real files (separator, '.' for missing, Latin-1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from concord.errors import DataError, InputError
from concord.gravity.geodist import add_geodist, read_geo_countries, read_geodist

RawData = Callable[[str], Path]


@pytest.mark.reference
def test_dist_file_values_match_the_reference_notes(raw_data: RawData) -> None:
    dist = read_geodist(raw_data("cepii_geodist/dist_cepii.csv"))
    assert len(dist) == 50_176
    assert pd.api.types.is_float_dtype(dist["dist"])
    assert int(dist["distw"].isna().sum()) == 2_215  # '.' is missing
    row = dist[(dist["iso_o"] == "KAZ") & (dist["iso_d"] == "CHN")].iloc[0]
    assert (row["contig"], round(row["dist"], 1), round(row["distw"], 1)) == (1, 3277.2, 4007.9)
    rus = dist[(dist["iso_o"] == "KAZ") & (dist["iso_d"] == "RUS")].iloc[0]
    assert (rus["comlang_off"], rus["colony"], round(rus["distw"], 1)) == (1, 1, 2152.8)


@pytest.mark.reference
def test_country_file_is_latin1_with_one_row_per_country(raw_data: RawData) -> None:
    path = raw_data("cepii_geodist/geo_cepii.csv")
    every_city = read_geo_countries(path, one_per_country=False)
    assert len(every_city) == 238
    countries = read_geo_countries(path)
    assert len(countries) == every_city["iso3"].nunique() == 225
    kaz = countries.set_index("iso3").loc["KAZ"]
    assert kaz["country"] == "Kazakstan"
    assert kaz["city_en"] == "Astana"  # the capital, not Almaty (the main city)
    assert countries.set_index("iso3").loc["AUS", "city_en"] == "Canberra"


@pytest.mark.reference
def test_add_geodist_merges_and_leaves_unknown_pairs_nan(raw_data: RawData) -> None:
    dist = read_geodist(raw_data("cepii_geodist/dist_cepii.csv"))
    panel = pd.DataFrame(
        {"exporter": ["KAZ", "ISR", "XXX"], "importer": ["UZB", "ARE", "KAZ"], "trade": [1, 2, 3]},
        index=[10, 11, 12],
    )
    merged = add_geodist(panel, dist, columns=("distw", "contig"))
    assert list(merged.index) == [10, 11, 12]
    assert round(float(merged.loc[10, "distw"]), 1) == 1080.5
    assert merged.loc[10, "contig"] == 1
    assert pd.isna(merged.loc[12, "distw"])
    with pytest.raises(InputError, match="no column"):
        add_geodist(panel, dist, columns=("gdp",))


def test_readers_reject_wrong_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_geodist(tmp_path / "missing.csv")
    comma = tmp_path / "comma.csv"
    comma.write_text("iso_o,iso_d,dist\nAAA,BBB,1.0\n")
    with pytest.raises(DataError, match="lacks GeoDist column"):
        read_geodist(comma)
