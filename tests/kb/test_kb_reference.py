"""Our GEC -> ISO3 map against the reference table shipped with the Factbook copy."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from concord.kb import factbook


@pytest.mark.reference
def test_gec_map_matches_reference_table(raw_data: Callable[[str], Path]) -> None:
    path = raw_data("factbook/gec_to_iso.csv")
    with path.open(encoding="utf-8") as handle:
        reference = {row["gec"]: row["iso3"] for row in csv.DictReader(handle) if row["iso3"]}
    ours = factbook.gec_to_iso3()
    # The package lacks the ocean profiles, so compare on the profiles both have.
    packaged = {p.gec for p in factbook.profiles()}
    expected = {g: iso3 for g, iso3 in reference.items() if g in packaged}
    assert len(expected) == 242
    assert ours == expected
