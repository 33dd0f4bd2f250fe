"""The embedded Factbook baseline: totals met after one reconciliation; none dropped silently."""

from __future__ import annotations

import numpy as np
import pytest

from concord import kb
from concord.baseline import WorldBaseline, build_factbook_baseline

# CIA World Factbook kz.json (facts.md section 3.1): exports $91.908 bn and imports $74.246 bn
# (2024); export partners China 16 %, UK 15 %, Russia 10 % (2023).
KAZ_EXPORTS = 91.908e9
KAZ_IMPORTS = 74.246e9


@pytest.fixture(scope="module")
def world() -> WorldBaseline:
    return build_factbook_baseline(2024)


def test_rows_and_columns_match_factbook_totals_within_0_1_percent(world: WorldBaseline) -> None:
    frame = world.to_frame()
    inter = frame[frame.exporter != frame.importer]
    rows = inter.groupby("exporter").value_usd.sum()
    cols = inter.groupby("importer").value_usd.sum()
    q = world.quality.set_index("country")
    rec = world.reconciliation
    assert rec is not None
    # targets are the Factbook totals times one reconciliation factor per side
    np.testing.assert_allclose(q.export_target, q.exports_usd * rec.export_factor, rtol=1e-12)
    np.testing.assert_allclose(q.import_target, q.imports_usd * rec.import_factor, rtol=1e-12)
    gap_x = (rows[q.index] - q.export_target).abs() / q.export_target
    gap_m = (cols[q.index] - q.import_target).abs() / q.import_target
    assert gap_x.max() < 1e-3 and gap_m.max() < 1e-3
    assert rec.world_total == pytest.approx((rec.world_exports + rec.world_imports) / 2)
    assert q.loc["KAZ", "exports_usd"] == pytest.approx(KAZ_EXPORTS)
    assert q.loc["KAZ", "imports_usd"] == pytest.approx(KAZ_IMPORTS)
    ex, im = world.total_errors()
    assert ex < 0.1 and im < 0.1


def test_every_country_is_in_the_matrix_or_listed_missing(world: WorldBaseline) -> None:
    base = kb.open()
    try:
        every = set(base.entities("country")["id"])
    finally:
        base.close()
    missing = dict(world.missing)
    assert set(world.countries) | set(missing) == every
    assert not set(world.countries) & set(missing)
    assert "ATA" in missing and "exports" in missing["ATA"]
    for focal in ("KAZ", "ISR", "ARE", "BHR", "MAR", "RUS", "CHN", "USA", "UZB", "AZE", "HKG"):
        assert focal in world.countries


def test_observed_cells_come_from_partner_shares(world: WorldBaseline) -> None:
    q = world.quality.set_index("country")
    i, j = world.index("KAZ"), world.index("CHN")
    assert world.flags[i, j] in (1, 3)
    if world.flags[i, j] == 1 and not world.scaled[i, j]:
        assert world.flows[i, j] == pytest.approx(0.16 * q.loc["KAZ", "export_target"])
    gbr = world.index("GBR")
    assert world.flags[i, gbr] in (1, 3)
    assert world.flows[i, world.index("ISR")] > 0
    assert world.flags[i, world.index("ARE")] == 0  # imputed by gravity + RAS
    assert world.flags[i, world.index("ISR")] == 6  # anchored to a curated turnover
    assert 0.3 < world.observed_share() < 1.0


def test_domestic_flows_positive_and_at_least_the_floor(world: WorldBaseline) -> None:
    q = world.quality.set_index("country")
    dom = np.diag(world.flows)
    assert (dom > 0).all()
    gdp = q.loc[list(world.countries), "gdp_usd"].to_numpy()
    assert (dom >= 0.15 * gdp * (1 - 1e-12)).all()
    assert (np.diag(world.flags) == 4).all()
    assert q.loc["SGP", "domestic_floor_applied"]  # Singapore exports more than its GDP
    assert (world.flows >= 0).all()


def test_json_summary_lists_method_sources_and_missing(world: WorldBaseline) -> None:
    data = world.to_dict()
    assert data["max_export_gap_pct"] < 0.1
    assert any("reconciliation" in step for step in data["method"])
    assert any("Factbook" in s["source"] for s in data["sources"])
    assert {"country", "reason"} <= set(data["missing"][0])
    assert "World trade baseline 2024" in world.summary()


def test_flagged_upstream_errors_are_left_out(world: WorldBaseline) -> None:
    # facts.md 6.4: "Gambia, The 4%" among Kazakhstan's import partners is an upstream error
    q = world.quality.set_index("country")
    assert "GMB (import)" in q.loc["KAZ", "partners_excluded"]
    assert world.flags[world.index("GMB"), world.index("KAZ")] not in (2, 3)  # not from KAZ
