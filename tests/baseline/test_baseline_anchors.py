"""Curated bilateral turnovers anchor pairs the Factbook's top-5 partner shares say nothing about;
Factbook errata are left out by their key, not by the wording of a note."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

from concord import kb
from concord.baseline import WorldBaseline, build_factbook_baseline
from concord.baseline.anchors import apply_turnovers, period, select_turnovers

# facts.md section 3.2: Kazakh FM Kosherbayev, KAZ-ISR trade $162 m for January-November 2025
KAZ_ISR_JAN_NOV_2025 = 162e6
KAZ_ISR_ANNUAL = KAZ_ISR_JAN_NOV_2025 * 12 / 11  # 176.73 m


class _Base:
    """The real evidence base with some fact tables rewritten (for comparisons)."""

    def __init__(self, store: Any, rewrite: Callable[[str | None, pd.DataFrame], pd.DataFrame]):
        self._store, self._rewrite = store, rewrite

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def facts(self, *args: Any, predicate: str | None = None, **kwargs: Any) -> pd.DataFrame:
        return self._rewrite(predicate, self._store.facts(*args, predicate=predicate, **kwargs))


@pytest.fixture(scope="module")
def store() -> Iterator[Any]:
    base = kb.open()
    yield base
    base.close()


@pytest.fixture(scope="module")
def world() -> WorldBaseline:
    return build_factbook_baseline(2024)


@pytest.fixture(scope="module")
def unanchored(store: Any) -> WorldBaseline:
    def drop_turnovers(predicate: str | None, frame: pd.DataFrame) -> pd.DataFrame:
        return frame.iloc[0:0] if predicate == "trade_turnover_usd" else frame

    return build_factbook_baseline(2024, base=_Base(store, drop_turnovers))


def test_period_of_as_of() -> None:
    assert period("2024") == (2024, 12)
    assert period("2025-11") == (2025, 11)
    assert period(None) is None and period(float("nan")) is None
    assert period("2025-11-06") is None and period("2025-13") is None


def test_select_one_dated_fact_per_pair_and_note_the_rest() -> None:
    facts = pd.DataFrame(
        [
            ("KAZ", "ISR", 162e6, "USD", "2025-11", "FM"),
            ("ISR", "KAZ", 150e6, "USD", "2021", "older"),
            ("KAZ", "ISR", 200e6, "USD", None, "Misgav"),
            ("KAZ", "ARE", 1e9, "EUR", "2024", "wrong unit"),
            ("KAZ", "XXX", 1e9, "USD", "2024", "outside"),
        ],
        columns=["subject", "object", "value", "unit", "as_of", "source"],
    )
    chosen, notes = select_turnovers(facts, {"KAZ", "ISR", "ARE"}, 2024)
    assert [(t.a, t.b, t.value_usd, t.months) for t in chosen] == [("KAZ", "ISR", 162e6, 11)]
    assert chosen[0].annual_usd == pytest.approx(KAZ_ISR_ANNUAL)
    assert any("Misgav" in n and "period unknown" in n for n in notes)
    assert any("older" in n and "closer" in n for n in notes)
    assert any("wrong unit" in n for n in notes)
    assert not any("outside" in n for n in notes)


def test_apply_splits_by_the_first_pass_and_leaves_factbook_pairs_alone() -> None:
    facts = pd.DataFrame(
        [("A", "B", 60.0, "USD", "2024", "s1"), ("A", "C", 10.0, "USD", "2024", "s2")],
        columns=["subject", "object", "value", "unit", "as_of", "source"],
    )
    chosen, _ = select_turnovers(facts, {"A", "B", "C"}, 2024)
    first = np.array([[0.0, 30.0, 5.0], [10.0, 0.0, 1.0], [2.0, 3.0, 0.0]])
    flags = np.zeros((3, 3), dtype=np.int8)
    flags[2, 0] = 2  # the Factbook reports C->A: the A-C pair is left to it
    cells, frame, notes = apply_turnovers(chosen, ("A", "B", "C"), first, flags, 2024)
    assert cells == {(0, 1): pytest.approx(45.0), (1, 0): pytest.approx(15.0)}  # 30:10 split
    assert list(frame["exporter"]) == ["A", "B"] and set(frame["source"]) == {"s1"}
    assert any("A-C" in n and "already report" in n for n in notes)


def test_kaz_isr_cells_are_the_annualised_fact_split_like_gravity(
    world: WorldBaseline, unanchored: WorldBaseline
) -> None:
    k, i = world.index("KAZ"), world.index("ISR")
    assert world.flags[k, i] == world.flags[i, k] == 6
    assert not world.scaled[k, i] and not world.scaled[i, k]
    # the pair's level is the annualised fact ...
    assert world.flows[k, i] + world.flows[i, k] == pytest.approx(KAZ_ISR_ANNUAL, rel=1e-12)
    # ... and its direction split is the one gravity + RAS gives without the anchor
    k0, i0 = unanchored.index("KAZ"), unanchored.index("ISR")
    assert unanchored.flags[k0, i0] == 0
    share = unanchored.flows[k0, i0] / (unanchored.flows[k0, i0] + unanchored.flows[i0, k0])
    assert world.flows[k, i] == pytest.approx(KAZ_ISR_ANNUAL * share, rel=1e-9)
    row = next(
        r
        for r in world.anchors.to_dict(orient="records")
        if (r["exporter"], r["importer"]) == ("KAZ", "ISR")
    )
    assert row["fact_value_usd"] == KAZ_ISR_JAN_NOV_2025 and row["period_months"] == 11
    assert row["imputed_usd"] == pytest.approx(unanchored.flows[k0, i0])
    assert "Kosherbayev" in row["source"] and row["year_gap"] == 1
    assert world.to_dict()["anchors"][0]["source_url"]


def test_totals_still_match_and_other_cells_are_rebalanced(
    world: WorldBaseline, unanchored: WorldBaseline
) -> None:
    ex, im = world.total_errors()
    assert ex < 0.1 and im < 0.1
    inter = world.international()
    np.testing.assert_allclose(inter.sum(axis=1), world.export_targets, rtol=1e-3)
    np.testing.assert_allclose(inter.sum(axis=0), world.import_targets, rtol=1e-3)
    # the trade the anchor takes out of KAZ-ISR goes to KAZ's other imputed partners
    k, a = world.index("KAZ"), world.index("ARE")
    assert world.flags[k, a] == 0
    assert world.flows[k, a] > unanchored.flows[unanchored.index("KAZ"), unanchored.index("ARE")]


def test_notes_state_the_transformation_and_the_year_mismatch(world: WorldBaseline) -> None:
    note = next(n for n in world.notes if n.startswith("KAZ-ISR baseline trade anchored"))
    assert "x12/11" in note and "for 2025" in note and "baseline year is 2024" in note
    assert any("Misgav" in n and "not used" in n for n in world.notes)  # period not stated


def test_errata_exclude_by_key_not_by_note_wording(store: Any) -> None:
    def blank_notes(predicate: str | None, frame: pd.DataFrame) -> pd.DataFrame:
        if predicate == "import_partner_share_pct":
            return frame.assign(note="")
        return frame

    errata = kb.factbook_errata()
    assert ("KAZ", "import_partner_share_pct", "GMB") in set(
        zip(errata["subject"], errata["predicate"], errata["object"], strict=True)
    )
    blank = build_factbook_baseline(2024, base=_Base(store, blank_notes))
    q = blank.quality.set_index("country")
    assert q.loc["KAZ", "partners_excluded"] == "GMB (import)"
    assert blank.flags[blank.index("GMB"), blank.index("KAZ")] not in (2, 3)
