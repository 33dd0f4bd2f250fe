"""The curated corridor tables: sources everywhere, valid codes, coordinates against open data."""

from __future__ import annotations

import json
import math

import pytest

from concord import corridors, kb
from concord.corridors import legs_table, modes_table, nodes_table


def test_every_leg_and_node_carries_its_sources() -> None:
    legs = legs_table()
    assert len(legs) >= 50
    assert legs["length_source"].str.strip().ne("").all()
    dwelling = legs[legs["dwell_mode_h"].fillna(0) > 0]
    assert len(dwelling) >= 10
    assert not dwelling["dwell_source"].str.strip().isin(["", "none"]).any()
    capped = legs[legs["capacity_teu_yr"].notna()]
    assert capped["capacity_source"].str.strip().ne("").all()
    assert nodes_table()["coord_source"].str.strip().ne("").all()
    assert modes_table()["speed_source"].str.strip().ne("").all()


def test_required_ports_borders_and_modes_are_present() -> None:
    names = set(nodes_table()["name"])
    for needed in (
        "Aktau",
        "Kuryk",
        "Baku (Alat)",
        "Turkmenbashi",
        "Poti",
        "Batumi",
        "Constanta",
        "Bandar Abbas",
        "Nhava Sheva",
        "Astrakhan",
        "Makhachkala",
        "Bandar Anzali",
        "Shanghai",
        "Rotterdam",
        "Hamburg",
        "Dostyk",
        "Alashankou",
        "Altynkol",
        "Khorgos (CN)",
        "Brest",
        "Malaszewicze",
    ):
        assert needed in names
    assert set(legs_table()["mode"]) >= {
        "rail_1435",
        "rail_1520",
        "road",
        "sea",
        "caspian_ferry",
        "border",
    }


def test_ferry_and_border_dwell_are_ranges_not_fixed_numbers() -> None:
    legs = legs_table()
    for mode in ("caspian_ferry", "border"):
        rows = legs[legs["mode"] == mode]
        assert (rows["dwell_max_h"] > rows["dwell_min_h"]).all()


def test_node_countries_are_registry_codes() -> None:
    for iso3 in set(nodes_table()["country"]):
        assert kb.resolve_country(iso3) == iso3
    for countries in legs_table()["countries"]:
        for iso3 in countries:
            assert kb.resolve_country(iso3) == iso3


@pytest.mark.parametrize(
    ("name", "node"),
    [
        ("Xian", "XIA"),
        ("שיאן", "XIA"),
        ("דואיסבורג", "DUI"),
        ("אקטאו", "AKT"),
        ("באקו", "ALT"),
        ("Alat", "ALT"),
        ("Mumbai", "NSA"),
        ("Constanța", "CND"),
        ("Актау", "AKT"),
        ("dui", "DUI"),
    ],
)
def test_place_names_resolve_in_three_languages(name: str, node: str) -> None:
    assert corridors.resolve_place(name).nodes == (node,)


def test_country_names_stand_for_gateways() -> None:
    place = corridors.resolve_place("גרמניה")
    assert place.country == "DEU"
    assert set(place.nodes) == {"DUI", "HAM"}


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.mark.reference
def test_city_coordinates_match_natural_earth_places(raw_data) -> None:
    data = json.loads(raw_data("natural_earth/ne_10m_populated_places_simple.json").read_text())
    places = {}
    for feature in data["features"]:
        p = feature["properties"]
        places.setdefault((p["nameascii"], p["adm0_a3"]), (p["longitude"], p["latitude"]))
    nodes = nodes_table()
    for node, ne_name in [
        ("XIA", "Xian"),
        ("ALM", "Almaty"),
        ("TBS", "Tbilisi"),
        ("KRS", "Kars"),
        ("GOR", "Gorgan"),
        ("RSH", "Rasht"),
        ("DUI", "Duisburg"),
        ("BRE", "Brest"),
        ("BEY", "Beyneu"),
    ]:
        ours = (nodes.loc[node, "lon"], nodes.loc[node, "lat"])
        reference = places[(ne_name, nodes.loc[node, "country"])]
        assert _distance_km(ours, reference) < 30, node


@pytest.mark.reference
def test_port_coordinates_match_searoute_ports(raw_data) -> None:
    data = json.loads(raw_data("searoute_py/ports.geojson").read_text())
    ports = {f["properties"]["port"]: tuple(f["geometry"]["coordinates"]) for f in data["features"]}
    nodes = nodes_table()
    for node, code in [
        ("AKT", "KZAAU"),
        ("SHA", "CNSHA"),
        ("RTM", "NLRTM"),
        ("NSA", "INNSA"),
        ("POT", "GEPTI"),
        ("CND", "ROCND"),
        ("TMB", "TMKRW"),
        ("ANZ", "IRBAZ"),
    ]:
        ours = (nodes.loc[node, "lon"], nodes.loc[node, "lat"])
        assert _distance_km(ours, ports[code]) < 25, node


def test_port_and_land_transfers_are_transshipment_legs_with_ranges() -> None:
    legs = legs_table()
    transfers = legs[legs["mode"] == "transshipment"]
    # ship <-> rail at the seaports and Caspian ports, rail <-> road at the Rasht-Astara gap
    for port in ("BND", "AKT", "KUR", "ALT", "AKN", "ANZ", "POT", "BUS", "CND", "STP", "RSH"):
        assert port in set(transfers["from_id"])
    assert (transfers["dwell_max_h"] > transfers["dwell_mode_h"]).all()
    assert (transfers["dwell_mode_h"] > transfers["dwell_min_h"]).all()
    assert transfers["dwell_source"].str.contains("calibrated assumption").all()
    # land legs reach the port through its transfer, never the quay directly
    quays = set(transfers["from_id"])
    land = legs[legs["mode"].isin(["rail_1435", "rail_1520", "road"])]
    assert not (set(land["from_id"]) | set(land["to_id"])) & (quays - {"AST", "RSH"})
