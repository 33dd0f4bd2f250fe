"""Alignment, disruption and deals; memberships and deal facts come from the evidence base."""

from __future__ import annotations

import pytest

from concord import minerals
from concord.errors import InputError, UnknownEntityError

WORLD_U_2024 = 60213
KAZ_U_2024 = 23270
USA_U_2024 = 260
# Abraham Accords members in force on 2026-01-01 (facts.md section 1): ARE, BHR, ISR, MAR, SDN;
# Kazakhstan's accession was announced 2025-11-06 and not signed. None of them mines uranium
# in the WNA table, so AA + USA is the United States alone before the accession.
AA_MEMBERS = ("ARE", "BHR", "ISR", "MAR", "SDN")


def test_group_output_pure() -> None:
    table = minerals.production("uranium")
    output, contributors = minerals.group_output(table, ["KAZ", "USA", "ISR"])
    assert output == KAZ_U_2024 + USA_U_2024
    assert contributors == ("KAZ", "USA")


def test_aa_plus_usa_uranium_before_and_after_kazakhstan() -> None:
    result = minerals.alignment(
        ["uranium"], bloc="AA", with_countries=["USA"], as_of="2026-01-01", accessions=["KAZ"]
    )
    assert set(AA_MEMBERS) <= set(result.members_before)
    assert "KAZ" not in result.members_before
    assert set(result.members_before) == {*AA_MEMBERS, "USA"}
    assert "KAZ" in result.members_after
    (row,) = result.rows
    assert row.share_before == pytest.approx(USA_U_2024 / WORLD_U_2024)
    assert row.share_after == pytest.approx((USA_U_2024 + KAZ_U_2024) / WORLD_U_2024)
    assert round(100 * row.share_before, 2) == 0.43
    assert round(100 * row.share_after, 1) == 39.1
    assert 100 * row.delta == pytest.approx(100 * KAZ_U_2024 / WORLD_U_2024)


def test_alignment_shift_frame_for_the_scenario_runner() -> None:
    frame = minerals.alignment_shift(
        ["uranium", "zinc"], "Abraham Accords", ["United States"], "2026-01-01", ["Kazakhstan"]
    )
    assert list(frame["mineral"]) == ["uranium", "zinc"]
    for column in ("share_before", "share_after", "delta_pp", "source", "source_url"):
        assert column in frame.columns
    zinc = frame.set_index("mineral").loc["zinc"]
    # USGS 2023: United States 750,000 t, Kazakhstan 330,000 t of 12,000,000 t
    assert zinc["share_before"] == pytest.approx(750000 / 12000000)
    assert zinc["share_after"] == pytest.approx((750000 + 330000) / 12000000)


def test_bloc_membership_depends_on_the_date() -> None:
    before_accords = minerals.alignment(["uranium"], bloc="AA", as_of="2019-01-01")
    assert before_accords.members_before == ()
    assert before_accords.rows[0].share_before == 0


def test_sco_share_of_uranium() -> None:
    result = minerals.alignment(["uranium"], bloc="SCO", as_of="2025-01-01")
    # SCO members named in the WNA table: KAZ, UZB, RUS, CHN, IND (Iran, Pakistan, Belarus,
    # Kyrgyzstan, Tajikistan are not listed)
    expected = 23270 + 4000 + 2738 + 1600 + 500
    assert result.rows[0].output_before == expected
    assert set(result.rows[0].contributors_before) == {"KAZ", "UZB", "RUS", "CHN", "IND"}


def test_disruption_country_and_bloc() -> None:
    kaz = minerals.disruption("Kazakhstan", minerals=["uranium", "zinc", "tungsten"])
    rows = {r.mineral: r for r in kaz.rows}
    assert rows["uranium"].share_lost == pytest.approx(KAZ_U_2024 / WORLD_U_2024)
    assert rows["uranium"].max_share_lost == rows["uranium"].share_lost
    assert rows["zinc"].share_lost == pytest.approx(330000 / 12000000)
    # tungsten 2024: Kazakhstan not named; up to the unattributed 81,000 - 67,000 t
    assert rows["tungsten"].share_lost == 0
    assert rows["tungsten"].not_reported == ("KAZ",)
    assert rows["tungsten"].max_share_lost == pytest.approx((81000 - 67000) / 81000)
    sco = minerals.disruption(bloc="SCO", as_of="2025-01-01", minerals=["uranium"])
    assert sco.rows[0].lost == 23270 + 4000 + 2738 + 1600 + 500


def test_disruption_needs_a_target() -> None:
    with pytest.raises(InputError):
        minerals.disruption()


def test_unknown_country_lists_known_ones() -> None:
    with pytest.raises(UnknownEntityError) as info:
        minerals.disruption("Atlantis")
    message = str(info.value)
    assert "Atlantis" in message and "KAZ (Kazakhstan)" in message and "CHL (Chile)" in message


def test_a_country_is_not_a_bloc() -> None:
    with pytest.raises(InputError, match="not a bloc"):
        minerals.alignment(bloc="Israel")


def test_deals_by_sector_and_partner() -> None:
    result = minerals.deals("Kazakhstan")
    # State Department fact sheet (facts.md 3.2): 7.0 + 4.2 + 1.1 + 0.2 + 3.7 + 0.25 bn;
    # John Deere is a range (3-5 bn) without a single value; $17 bn is the headline total
    assert result.valued_total == pytest.approx(16.45e9)
    assert [d.deal for d in result.unvalued] == ["John Deere"]
    assert [d.value_usd for d in result.headlines] == [17e9]
    sectors = result.by_sector().set_index("sector")
    assert sectors.loc["critical minerals", "value_usd"] == pytest.approx(1.1e9)
    assert sectors.loc["aviation", "value_usd"] == pytest.approx(7.0e9)
    assert sectors["value_usd"].sum() == pytest.approx(16.45e9)
    partners = result.by_partner()
    assert set(partners["partner_country"]) == {"USA"}
    assert minerals.deals("KAZ", partner_country="China").items == ()


def test_deals_from_facts_merges_repeated_sources() -> None:
    import pandas as pd

    from concord.minerals.deals import deals_from_facts

    facts = pd.DataFrame(
        [
            {"object": "tungsten (X)", "value": 1e9, "source": "a", "source_url": "u1"},
            {"object": "tungsten (X)", "value": None, "source": "b", "source_url": "u2"},
            {"object": "Something new", "value": 5.0, "source": "c", "source_url": "u3"},
        ]
    )
    deals = deals_from_facts("KAZ", facts)
    assert len(deals) == 2
    assert deals[0].value_usd == 1e9 and deals[0].sources == ("a", "b")
    assert deals[1].sector == "unclassified"


def test_announced_role_and_hebrew_names() -> None:
    announced = minerals.alignment(
        ["uranium"], bloc="הסכמי אברהם", as_of="2026-01-01", roles=("member", "announced")
    )
    assert "KAZ" in announced.members_before
    assert announced.rows[0].output_before == KAZ_U_2024
    hebrew = minerals.alignment(["uranium"], bloc="AA", as_of="2026-01-01", accessions=["קזחסטאן"])
    assert hebrew.accessions == ("KAZ",)
