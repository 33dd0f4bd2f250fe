"""Corridor shares, criticality and skims: invariants that fail if the code is wrong."""

from __future__ import annotations

import math

import numpy as np
import pytest

from concord.corridors import compare, criticality, route, scenario, skims


def test_shares_sum_to_one_and_favour_the_cheaper_corridor() -> None:
    result = compare("CHN", "DEU")
    shares = [c.share for c in result.corridors]
    assert sum(shares) == pytest.approx(1.0)
    assert {"Northern route", "Middle Corridor"} <= {c.corridor for c in result.corridors}
    ranked = sorted(result.corridors, key=lambda c: c.route.generalised_cost_usd)
    assert ranked[0].share == max(shares)
    frame = result.to_frame()
    assert {"corridor", "share", "flow_teu", "time_days", "cost_usd"} <= set(frame)


def test_shares_respect_capacities() -> None:
    tight = scenario(avoid=["RUS"], capacity_teu_yr={"AKT-ALT": 20_000, "KUR-ALT": 0})
    result = compare("CHN", "DEU", scenario=tight, demand_teu=400_000, logit_scale=2.0)
    through_aktau = sum(
        c.flow_teu for c in result.corridors if any(leg.leg == "AKT-ALT" for leg in c.route.legs)
    )
    assert through_aktau <= 20_000 * 1.002
    unconstrained = sum(
        c.share_unconstrained * result.demand_teu
        for c in result.corridors
        if any(leg.leg == "AKT-ALT" for leg in c.route.legs)
    )
    assert unconstrained > 20_000  # the constraint binds
    assert any(name == "leg AKT-ALT" for name, _, _ in result.binding)


def test_avoiding_russia_removes_the_northern_corridor_from_shares() -> None:
    result = compare("CHN", "DEU", scenario=scenario(avoid=["RUS"]))
    assert "Northern route" not in {c.corridor for c in result.corridors}
    assert all("RUS" not in c.route.countries for c in result.corridors)


def test_criticality_matches_rerouting() -> None:
    result = criticality("Xian", "Duisburg")
    frame = result.to_frame()
    off_route = frame[~frame["on_base_route"] & (frame["kind"] != "chokepoint")]
    assert (off_route["delta_gcost_usd"] == 0).all()
    on_route = frame[frame["on_base_route"]]
    assert (on_route["delta_gcost_usd"] >= -1e-9).all()
    brest = frame[(frame["kind"] == "node") & (frame["id"] == "BRE")].iloc[0]
    without = route(
        "Xian", "Duisburg", by="generalised", scenario=scenario().with_removed(nodes=["BRE"])
    )
    assert brest["delta_gcost_usd"] == pytest.approx(
        without.generalised_cost_usd - result.base.generalised_cost_usd
    )
    assert "XIA" not in set(frame["id"]) and "DUI" not in set(frame["id"])


def test_criticality_reports_disconnections() -> None:
    result = criticality("Mumbai", "Bandar Abbas", scenario=scenario(modes=["sea"]))
    frame = result.to_frame()
    hormuz = frame[frame["id"] == "hormuz"].iloc[0]
    assert bool(hormuz["disconnects"]) and math.isinf(hormuz["delta_gcost_usd"])
    by_river = criticality("Aktau", "Poti", scenario=scenario(modes=["sea"])).to_frame()
    link = by_river[(by_river["kind"] == "leg") & (by_river["id"] == "AKT-POT")].iloc[0]
    assert bool(link["disconnects"])
    assert result.to_dict()["elements"][0]["delta_gcost_usd"] is None  # JSON-safe


def test_top_chokepoints_by_sea() -> None:
    result = criticality("Shanghai", "Rotterdam", scenario=scenario(modes=["sea"]))
    top = result.top(3, kind="chokepoint")
    assert set(top["id"]) >= {"suez", "babalmandab"}
    suez = top[top["id"] == "suez"].iloc[0]
    assert 9.0 <= suez["delta_time_days"] <= 11.0


def test_skims_agree_with_single_routes() -> None:
    matrix = skims(by="time")
    frame = matrix.to_frame()
    assert frame.shape == (len(matrix.nodes), len(matrix.nodes))
    assert np.all(np.diag(matrix.values) == 0)
    for a, b in [("XIA", "DUI"), ("NSA", "MOW"), ("AKT", "POT")]:
        assert frame.loc[a, b] == pytest.approx(route(a, b).time_days)


def test_border_time_and_capacity_changes_reach_the_graph() -> None:
    base = route("Xian", "Duisburg")
    slower = route("Xian", "Duisburg", scenario=scenario(border_time_scale=2.0))
    border_days = sum(leg.dwell_h for leg in base.legs if leg.mode == "border") / 24
    assert border_days > 1.0
    assert slower.time_days == pytest.approx(base.time_days + border_days)
    fixed = scenario(border_hours={"ALA-DOS": 4.25})
    faster = route("Xian", "Duisburg", scenario=fixed)
    assert faster.time_days < base.time_days
    leg = next(step for step in faster.legs if step.leg == "ALA-DOS")
    assert leg.dwell_h < 4.25  # the range scales with the most likely value
    capped = route("Aktau", "Baku", scenario=scenario(capacity_teu_yr={"AKT-ALT": 1000}))
    assert capped.legs[0].capacity_teu_yr == 1000


def test_border_hours_by_node_reach_transfers_and_borders() -> None:
    base = route("Mumbai", "Moscow")
    quick = scenario(border_hours={"BND": 0.0})
    assert dict(quick.border_hours) == {"BND-BNDR": 0.0}
    faster = route("Mumbai", "Moscow", scenario=quick)
    transfer = next(leg for leg in base.legs if leg.leg == "BND-BNDR")
    assert faster.time_days == pytest.approx(base.time_days - transfer.dwell_h / 24)
    assert set(dict(scenario(border_hours={"BRE": 60}).border_hours)) == {"BRE-MAL"}
    # border_time_scale scales borders, not port transfers
    scaled = route("Mumbai", "Moscow", scenario=scenario(border_time_scale=0.0))
    assert all(leg.dwell_h > 0 for leg in scaled.legs if leg.mode == "transshipment")
    assert all(leg.dwell_h == 0 for leg in scaled.legs if leg.mode == "border")
