"""Factbook errata: an explicit, sourced list of wrong Factbook facts, readable by key."""

from __future__ import annotations

from concord import kb
from concord.kb.factbook_parse import ERRATA_COLUMNS


def test_errata_are_keyed_sourced_and_point_at_stored_facts() -> None:
    errata = kb.factbook_errata()
    assert tuple(errata.columns) == ERRATA_COLUMNS
    assert (errata["source"].str.len() > 0).all() and (errata["note"].str.len() > 0).all()
    keys = set(zip(errata["subject"], errata["predicate"], errata["object"], strict=True))
    # facts.md 6.4: "Gambia, The 4%" among Kazakhstan's import partners is an upstream error
    assert ("KAZ", "import_partner_share_pct", "GMB") in keys
    with kb.open() as base:
        for subject, predicate, obj, note in errata[
            ["subject", "predicate", "object", "note"]
        ].itertuples(index=False):
            stored = base.facts(subject, predicate=predicate, object=obj)
            assert len(stored) >= 1, (subject, predicate, obj)  # kept in the store ...
            assert stored["note"].astype(str).str.contains(note, regex=False).any()  # annotated
