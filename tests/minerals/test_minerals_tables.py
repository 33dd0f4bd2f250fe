"""Production tables and concentration, checked against the sources' figures by hand."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from concord import minerals
from concord.errors import DataError, UnknownEntityError
from concord.minerals import tables as tables_module

# World Nuclear Association, "World Uranium Mining Production", 2024 column (tU), typed from the
# source (../shared/reference/facts.md section 3.2 gives KAZ, CAN, NAM and the world total).
WNA_2024 = {
    "KAZ": 23270, "CAN": 14309, "NAM": 7333, "AUS": 4598, "UZB": 4000, "RUS": 2738,
    "CHN": 1600, "NER": 962, "IND": 500, "ZAF": 200, "UKR": 288, "USA": 260,
}  # fmt: skip
WNA_2024_OTHERS = 155
WNA_2024_WORLD = 60213


def test_uranium_2024_matches_the_reference() -> None:
    table = minerals.production("uranium")
    assert table.year == 2024
    assert table.unit == "tU"
    assert table.value_of("KAZ") == 23270
    assert table.world == 60213
    assert table.value_of("CAN") == 14309
    assert table.value_of("NAM") == 7333
    assert round(100 * 23270 / 60213, 1) == 38.6
    assert round(100 * table.producers[0].share, 1) == 38.6
    assert table.producers[0].entity == "KAZ"
    assert "World Nuclear Association" in table.world_source
    assert table.other == WNA_2024_OTHERS
    assert table.unattributed == 0


def test_uranium_2023_kazakhstan() -> None:
    table = minerals.production("Uranium", year=2023)
    assert table.value_of("KAZ") == 21109
    assert table.years_available == (2023, 2024)


def test_concentration_against_hand_computation() -> None:
    # HHI in points over the named countries; the 'Others' row is not one producer.
    hhi = sum((100 * v / WNA_2024_WORLD) ** 2 for v in WNA_2024.values())
    hhi_max = hhi + (100 * WNA_2024_OTHERS / WNA_2024_WORLD) ** 2
    top3 = (23270 + 14309 + 7333) / 60213
    c = minerals.production("uranium").concentration
    assert c.hhi == pytest.approx(hhi, rel=1e-12)
    assert c.hhi == pytest.approx(2340.51, abs=0.01)
    assert c.hhi_max == pytest.approx(hhi_max, rel=1e-12)
    assert c.top1 == "KAZ"
    assert c.top1_share == pytest.approx(23270 / 60213)
    assert c.top3 == ("KAZ", "CAN", "NAM")
    assert c.top3_share == pytest.approx(top3)
    assert round(100 * c.top3_share, 1) == 74.6
    assert c.coverage == pytest.approx(sum(WNA_2024.values()) / WNA_2024_WORLD)


def test_concentration_pure_function_small_case() -> None:
    # two producers with 50 and 30 of a world of 100: HHI 2500 + 900; remainder 20 -> +400
    c = minerals.concentration({"A": 50.0, "B": 30.0}, 100.0)
    assert c.hhi == pytest.approx(3400.0)
    assert c.hhi_max == pytest.approx(3800.0)
    assert c.top1 == "A"
    assert c.top3_share == pytest.approx(0.8)
    with pytest.raises(DataError):
        minerals.concentration({"A": 1.0}, 0.0)


def test_unattributed_output_is_world_minus_rows() -> None:
    cobalt = minerals.production("cobalt", year=2024)
    assert cobalt.world == 290000
    assert cobalt.value_of("COD") == 220000
    assert cobalt.unattributed == pytest.approx(290000 - 220000 - 28000 - 8700)
    zinc = minerals.production("zinc")
    assert zinc.value_of("KAZ") == 330000
    assert zinc.other == 1800000
    frame = zinc.to_frame()
    assert set(frame["name"]) >= {"Kazakhstan", "other countries", "unattributed"}
    assert frame["share"].sum() == pytest.approx(1.0)


def test_every_row_has_source_url_year_and_unit() -> None:
    path = resources.files("concord.minerals").joinpath("data", "production.csv")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) > 50
    for row in rows:
        assert row["source"] and row["source_url"].startswith("http"), row
        assert row["year"].isdigit() and row["unit"], row


def test_mineral_names_and_aliases() -> None:
    assert minerals.resolve_mineral("Rare Earths") == "rare_earths"
    assert minerals.resolve_mineral("REE") == "rare_earths"
    assert minerals.resolve_mineral("W") == "tungsten"
    assert set(minerals.known_minerals()) >= {"uranium", "tungsten", "lithium", "copper", "zinc"}


def test_unknown_mineral_lists_known_ones() -> None:
    with pytest.raises(UnknownEntityError) as info:
        minerals.production("plutonium")
    message = str(info.value)
    assert "plutonium" in message
    for known in minerals.known_minerals():
        assert known in message
    assert info.value.exit_code == 2


def test_unknown_year_lists_years() -> None:
    with pytest.raises(UnknownEntityError, match="2023, 2024"):
        minerals.production("uranium", year=1999)


def test_broken_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    good = tables_module.read_data_csv("production.csv")
    bad = [dict(row) for row in good[:3]]
    bad[0]["source"] = ""
    bad[1]["value"] = "lots"

    def fake(filename: str) -> list[dict[str, str]]:
        return bad if filename == "production.csv" else tables_module.read_data_csv(filename)

    tables_module.source_rows.cache_clear()
    monkeypatch.setattr(tables_module, "read_data_csv", fake)
    try:
        with pytest.raises(DataError) as info:
            tables_module.source_rows()
        text = str(info.value)
        assert "empty source" in text
        assert "not a number" in text
        assert "world (WLD) row" in text
    finally:
        monkeypatch.undo()
        tables_module.source_rows.cache_clear()
