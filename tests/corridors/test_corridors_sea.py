"""Sea legs from searoute: the traps of corridors.md §1.3, and the computed distances there."""

from __future__ import annotations

import json

import pytest

from concord.corridors import scenario
from concord.corridors.sea import sea_path, volga_don_edges
from concord.errors import InfeasibleError

AKTAU, POTI, ALAT = (51.21, 43.68), (41.67, 42.18), (49.43, 39.95)
SHANGHAI, ROTTERDAM = (121.50, 31.40), (4.44, 51.90)
NHAVA_SHEVA, BANDAR_ABBAS = (72.97, 18.95), (56.27, 27.20)


def test_restrictions_are_always_complete() -> None:
    assert scenario().sea_restrictions() == {"northwest", "bering"}
    red_sea = scenario(close=["babalmandab"]).sea_restrictions()
    assert red_sea == {"northwest", "bering", "babalmandab", "panama"}
    assert "volga_don" in scenario(avoid=["Russia"]).sea_restrictions()
    assert "suez" in scenario(avoid=["EGY"]).sea_restrictions()
    assert scenario(close=["Hormuz"]).sea_restrictions() >= {"ormuz", "northwest"}


def test_volga_don_link_is_tagged() -> None:
    edges = volga_don_edges()
    # corridors.md §1.3: 47 edges, about 1,059 km in the box; Concord leaves out the two edges
    # of the Volga delta approach below Astrakhan (about 27 km) so Astrakhan stays a Caspian port.
    assert 40 <= len(edges) <= 47
    assert 1000 <= sum(km for *_, km in edges) <= 1070


def test_aktau_poti_by_sea_only_through_russia() -> None:
    default = sea_path(AKTAU, POTI, scenario().sea_restrictions())
    assert default.length_km == pytest.approx(2277, abs=5)  # corridors.md §1.2
    assert "volga_don" in default.passages
    with pytest.raises(InfeasibleError):
        sea_path(AKTAU, POTI, scenario(avoid=["RUS"]).sea_restrictions())
    caspian = sea_path(AKTAU, ALAT, scenario(avoid=["RUS"]).sea_restrictions())
    assert caspian.length_km == pytest.approx(468, abs=5)  # corridors.md §1.2


def test_red_sea_closure_goes_round_the_cape() -> None:
    suez = sea_path(SHANGHAI, ROTTERDAM, scenario().sea_restrictions())
    cape = sea_path(SHANGHAI, ROTTERDAM, scenario(close=["babalmandab"]).sea_restrictions())
    assert suez.length_km == pytest.approx(19610, rel=0.005)  # corridors.md §1.2
    assert cape.length_km == pytest.approx(25759, rel=0.005)
    assert "suez" in suez.passages
    assert "south_africa" in cape.passages
    assert not {"panama", "northwest", "bering"} & set(cape.passages)


def test_no_path_is_infeasible_never_zero() -> None:
    open_path = sea_path(NHAVA_SHEVA, BANDAR_ABBAS, scenario().sea_restrictions())
    assert open_path.length_km == pytest.approx(2033, abs=10)
    with pytest.raises(InfeasibleError, match="no sea path"):
        sea_path(NHAVA_SHEVA, BANDAR_ABBAS, scenario(close=["hormuz"]).sea_restrictions())


@pytest.mark.reference
def test_network_matches_the_published_searoute_geojson(raw_data) -> None:
    data = json.loads(raw_data("searoute_py/marnet_searoute.geojson").read_text())
    passages = {f["properties"].get("passage") for f in data["features"]}
    assert {"suez", "babalmandab", "ormuz", "bosporus", "panama"} <= passages
    assert "volga_don" not in passages  # the upstream network does not tag it; Concord does
