"""Factbook string parsing and the quirks of facts.md section 6.4."""

from __future__ import annotations

import pytest

from concord import kb
from concord.kb import factbook
from concord.kb.factbook_parse import (
    parse_borders,
    parse_coordinates,
    parse_number,
    parse_partners,
    parse_year,
    profile_facts,
)


def _profile(gec: str) -> factbook.Profile:
    return next(p for p in factbook.profiles() if p.gec == gec)


def test_bosnia_and_herzegovina_is_one_neighbour() -> None:
    items = parse_borders("Bosnia and Herzegovina 956 km; Hungary 348 km; Montenegro 19 km")
    assert [(i.name, i.km) for i in items] == [
        ("Bosnia and Herzegovina", 956.0),
        ("Hungary", 348.0),
        ("Montenegro", 19.0),
    ]


def test_multi_sector_border_is_split_into_sectors() -> None:
    items = parse_borders(
        "Pakistan 438 km; Russia (northeast) 4,133 km and Russia (northwest) 46 km"
    )
    assert [(i.name, i.sector, i.km) for i in items] == [
        ("Pakistan", None, 438.0),
        ("Russia", "northeast", 4133.0),
        ("Russia", "northwest", 46.0),
    ]


def test_remark_after_a_length_is_not_a_neighbour() -> None:
    items = parse_borders(
        "Angola 2,646 km (of which 225 km is the boundary of Cabinda); Burundi 236 km"
    )
    assert [(i.name, i.km, i.remark) for i in items] == [
        ("Angola", 2646.0, "of which 225 km is the boundary of Cabinda"),
        ("Burundi", 236.0, None),
    ]


def test_comma_typo_between_neighbours() -> None:  # pl.json
    items = parse_borders("Lithuania 100 km, Russia (Kaliningrad Oblast) 209 km; Slovakia 517 km")
    assert [(i.name, i.km) for i in items] == [
        ("Lithuania", 100.0),
        ("Russia", 209.0),
        ("Slovakia", 517.0),
    ]


def test_china_russia_border_is_summed_with_sectors_in_the_note() -> None:
    facts = profile_facts(_profile("ch"), "CHN", kb.registry())
    russia = [f for f in facts if f.predicate == "border_length_km" and f.object == "RUS"]
    assert len(russia) == 1
    assert russia[0].value == 4133 + 46
    assert "northeast 4,133 km" in (russia[0].note or "")
    assert "northwest 46 km" in (russia[0].note or "")
    kazakhstan = [f for f in facts if f.predicate == "border_length_km" and f.object == "KAZ"]
    assert [f.value for f in kazakhstan] == [1765.0]


def test_croatia_borders_bosnia() -> None:
    facts = profile_facts(_profile("hr"), "HRV", kb.registry())
    borders = {f.object: f.value for f in facts if f.predicate == "border_length_km"}
    assert borders["BIH"] == 956.0


def test_area_key_with_trailing_space() -> None:
    profile = _profile("kz")
    assert "total " in profile.data["Geography"]["Area"]
    assert profile.text("Geography", "Area", "total") == "2,724,900 sq km"
    facts = profile_facts(profile, "KAZ", kb.registry())
    assert [f.value for f in facts if f.predicate == "area_sq_km"] == [2724900.0]


def test_gambia_the_partner_stays_one_name() -> None:
    text = "China 28%, Russia 24%, Gambia, The 4%, Turkey 4%, USA 4% (2023)"
    assert parse_partners(text) == [
        ("China", 28.0),
        ("Russia", 24.0),
        ("Gambia, The", 4.0),
        ("Turkey", 4.0),
        ("USA", 4.0),
    ]


def test_kazakhstan_partners_resolve_and_the_error_is_annotated() -> None:
    facts = profile_facts(
        _profile("kz"),
        "KAZ",
        kb.registry(),
        errata={("KAZ", "import_partner_share_pct", "GMB"): "upstream error"},
    )
    imports = {f.object: f for f in facts if f.predicate == "import_partner_share_pct"}
    assert sorted(imports) == ["CHN", "GMB", "RUS", "TUR", "USA"]
    assert imports["GMB"].note == "upstream error"
    assert imports["CHN"].as_of == "2023"
    exports = {f.object: f.value for f in facts if f.predicate == "export_partner_share_pct"}
    assert exports == {"CHN": 16.0, "GBR": 15.0, "RUS": 10.0, "TUR": 6.0, "ITA": 5.0}


def test_kazakhstan_economy_per_year() -> None:
    facts = profile_facts(_profile("kz"), "KAZ", kb.registry())
    series = {(f.predicate, f.as_of): f.value for f in facts}
    assert series[("gdp_usd", "2024")] == pytest.approx(288.406e9)
    assert series[("real_gdp_ppp_usd", "2023")] == pytest.approx(705.52e9)
    assert series[("real_gdp_growth_pct", "2022")] == 3.2
    assert series[("exports_usd", "2024")] == pytest.approx(91.908e9)
    assert series[("imports_usd", "2024")] == pytest.approx(74.246e9)
    assert all(f.source.startswith("CIA World Factbook") and f.source_url for f in facts)


def test_kazakhstan_lists() -> None:
    facts = profile_facts(_profile("kz"), "KAZ", kb.registry())
    resources = [f.object for f in facts if f.predicate == "natural_resource"]
    assert resources[0] == "petroleum" and "uranium" in resources
    orgs = {f.object for f in facts if f.predicate == "io_participation"}
    assert {"CIS", "CSTO", "EAEU", "SCO", "UN", "WTO", "EITI"} <= orgs
    languages = {f.object: f for f in facts if f.predicate == "language"}
    assert languages["Kazakh"].note == "official" and languages["Kazakh"].value == 80.1
    assert [f.object for f in facts if f.predicate == "capital"] == ["Astana"]


def test_number_year_and_coordinates() -> None:
    assert parse_number("$288.406 billion (2024 est.)") == pytest.approx(288.406e9)
    assert parse_number("$1.2 trillion") == pytest.approx(1.2e12)
    assert parse_number("-27.5% (2023 est.)") == -27.5
    assert parse_number("none") is None
    assert parse_year("$91.908 billion (2024 est.)") == "2024"
    assert parse_year("China 16%, UK 15% (2023)") == "2023"
    assert parse_year("no year here") is None
    assert parse_coordinates("51 10 N, 71 25 E") == (51.1667, 71.4167)
    assert parse_coordinates("34 35 S, 58 40 W") == (-34.5833, -58.6667)


def test_gec_map_covers_242_profiles() -> None:
    mapping = factbook.gec_to_iso3()
    assert len(mapping) == 242
    assert mapping["uk"] == "GBR" and mapping["fr"] == "FRA" and mapping["kv"] == "XKX"
    assert mapping["gz"] == mapping["we"] == "PSE"
    assert "xx" not in mapping and "ee" not in mapping


def test_resources_drop_prose_and_keep_remarks() -> None:
    from concord.kb.factbook_parse import parse_resources

    text = (
        "metropolitan France: coal, iron ore; French Guiana: gold deposits, "
        "coal (fourth-largest reserves in the world), limestone, "
        "water-surplus state in a water-deficit region, and crab"
    )
    assert parse_resources(text) == [
        ("coal", None),
        ("iron ore", None),
        ("gold deposits", None),
        ("coal", "fourth-largest reserves in the world"),
        ("limestone", None),
        ("crab", None),
    ]


def test_html_tags_are_removed_from_texts() -> None:
    text = _profile("fr").text("Geography", "Natural resources") or ""
    assert "<em>" not in text and "metropolitan France" in text
