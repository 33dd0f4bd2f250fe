"""Gravity covariates from the evidence base, checked against CEPII GeoDist (independent data)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from concord.errors import UnknownEntityError
from concord.gravity.covariates import great_circle_km, kb_covariates, language_keys
from concord.gravity.geodist import add_geodist, read_geodist

COUNTRIES = ["KAZ", "CHN", "RUS", "UZB", "ISR", "ARE", "USA", "GBR", "AUS", "ESP", "MEX", "AZE"]


def test_great_circle_and_language_keys() -> None:
    # one degree of latitude along a meridian: 2·pi·6371.0088/360 km
    one_degree = great_circle_km(np.array([0.0]), np.array([0.0]), np.array([1.0]), np.array([0.0]))
    assert one_degree[0] == pytest.approx(111.195, abs=1e-3)
    assert language_keys("Standard Chinese or Mandarin") == {"chinese", "mandarin"}
    assert language_keys("English only") == {"english"}
    assert "spanish" in language_keys("Castilian Spanish")


@pytest.mark.reference
def test_kb_covariates_agree_with_geodist(raw_data: Callable[[str], Path]) -> None:
    ours = kb_covariates(["Kazakhstan", *COUNTRIES[1:]])  # names resolve through the registry
    assert len(ours) == len(COUNTRIES) ** 2
    assert ours["source"].str.len().gt(0).all()
    geodist = read_geodist(raw_data("cepii_geodist/dist_cepii.csv"))
    both = ours.merge(geodist, on=["iso_o", "iso_d"], suffixes=("", "_cepii"))
    assert len(both) == len(ours)
    intl = both[both["iso_o"] != both["iso_d"]]
    # capital-to-capital distance: GeoDist's distcap, within 3 % (capital coordinates differ)
    assert ((intl["dist"] / intl["distcap"] - 1).abs() < 0.03).all()
    # internal distance 0.67·sqrt(area/pi), as GeoDist: KAZ 620.0 km
    intra = both[both["iso_o"] == both["iso_d"]].set_index("iso_o")
    assert intra.loc["KAZ", "dist"] == pytest.approx(620.0, rel=0.02)
    assert ((intra["dist"] / intra["dist_cepii"] - 1).abs() < 0.05).all()
    assert (intl["contig"] == intl["contig_cepii"]).all()
    pairs = intl.set_index(["iso_o", "iso_d"])
    assert pairs.loc[("KAZ", "CHN"), "contig"] == 1
    assert pairs.loc[("USA", "GBR"), "comlang_off"] == 1
    assert pairs.loc[("ESP", "MEX"), "comlang_off"] == 1
    assert pairs.loc[("KAZ", "ARE"), "comlang_off"] == 0
    # GeoDist also counts English as Israel's language; the Factbook does not: the only gaps
    differ = intl[intl["comlang_off"] != intl["comlang_off_cepii"]]
    assert set(differ["iso_o"]) | set(differ["iso_d"]) <= {"ISR", "USA", "GBR", "AUS", "KAZ", "RUS"}
    assert (differ["iso_o"].isin(["ISR", "KAZ"]) | differ["iso_d"].isin(["ISR", "KAZ"])).all()

    panel = pd.DataFrame(
        {"exporter": ["KAZ", "UZB"], "importer": ["UZB", "KAZ"], "trade": [1.0, 2.0]}
    )
    merged = add_geodist(panel, ours, columns=("dist", "contig"))
    assert merged["contig"].tolist() == [1, 1]


def test_unknown_country_is_named() -> None:
    with pytest.raises(UnknownEntityError):
        kb_covariates(["KAZ", "Atlantis"])
