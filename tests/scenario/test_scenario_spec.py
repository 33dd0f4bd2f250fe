"""Scenario TOML -> validated frozen Scenario; every problem listed in one ValidationError."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from scenario_texts import BAD

from concord.errors import InputError, UnknownEntityError, ValidationError
from concord.scenario import (
    YOTOV2016_PAIR_FE,
    bundled_path,
    bundled_scenarios,
    load_scenario,
    parse_scenario,
)
from concord.scenario._lookup import KbLookup, parse_partial_date

# Abraham Accords: first signatures at the White House on 2020-09-15 (facts.md section 1).
AA_FOUNDED = dt.date(2020, 9, 15)


class AccordsLookup(KbLookup):
    """Real name resolution (kb registry); the accord's start date from the reference notes."""

    def bloc_founded(self, bloc: str) -> dt.date | None:
        return AA_FOUNDED if bloc == "AA" else None


LOOK = AccordsLookup()


def _aa_kaz(effect: dict[str, Any]) -> dict[str, Any]:
    """One accord: Kazakhstan joins the Abraham Accords (ISR) on 2026-01-01 with ``effect``."""
    return {
        "scenario": {"name": "x", "year": 2024},
        "accord": [
            {
                "bloc": "AA",
                "members": ["ISR"],
                "accession": [{"country": "KAZ", "date": dt.date(2026, 1, 1)}],
                "effect": effect,
            }
        ],
    }


GOOD = """
[scenario]
name = "test-kaz"
year = 2024
draws = 10

[[accord]]
bloc = "Abraham Accords"
members = ["Israel", "UAE", "Bahrain"]
accession = [{ country = "Kazakhstan", date = 2025-11-06 }]
"""


def _write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_toml_resolves_names_and_takes_the_cited_default_effect(tmp_path: Path) -> None:
    spec = load_scenario(_write(tmp_path, GOOD), lookup=LOOK)
    accord = spec.accords[0]
    assert accord.bloc == "AA"
    assert accord.members == ("ISR", "ARE", "BHR")
    assert accord.accessions[0].country == "KAZ"
    assert accord.accessions[0].date == dt.date(2025, 11, 6)
    assert accord.founded == AA_FOUNDED
    assert accord.effect.coefficient == pytest.approx(0.557)
    assert accord.effect.se == pytest.approx(0.102)
    assert "Yotov" in accord.effect.source and "Table 3" in accord.effect.source
    assert spec.draws == 10 and spec.sigma == 7.0 and spec.mode == "ex_ante"
    assert spec.countries == ("ISR", "ARE", "BHR", "KAZ")
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.year = 2000  # type: ignore[misc]


def test_three_problems_in_one_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        load_scenario(_write(tmp_path, BAD), lookup=LOOK)
    err = info.value
    assert err.exit_code == 2
    text = " | ".join(err.problems)
    assert len(err.problems) == 3, text
    assert "Wakanda" in text
    assert "before the bloc existed (2020-09-15)" in text
    assert "missing effect size" in text


def test_given_effect_needs_se_and_source() -> None:
    data = _aa_kaz({"coefficient": 0.3})
    with pytest.raises(ValidationError) as info:
        parse_scenario(data, lookup=LOOK)
    text = str(info.value)
    assert "se must be" in text and "needs a source" in text


def test_bad_numbers_and_unknown_keys_are_collected() -> None:
    data = {
        "scenario": {"name": "x", "year": 24, "sigma": 0.9, "draws": -1, "executor": "gpu"},
        "accord": [{"bloc": "AA", "members": ["ISR"], "colour": "blue"}],
    }
    with pytest.raises(ValidationError) as info:
        parse_scenario(data, lookup=LOOK)
    text = " | ".join(info.value.problems)
    for needle in ("year", "sigma", "draws", "executor", "colour"):
        assert needle in text


def test_unknown_bloc_and_existing_member_acceding() -> None:
    data = {
        "scenario": {"name": "x", "year": 2024},
        "accord": [
            {"bloc": "Atlantis Pact", "members": ["ISR"]},
            {
                "bloc": "AA",
                "members": ["ISR", "KAZ"],
                "accession": [{"country": "KAZ", "date": dt.date(2026, 1, 1)}],
            },
        ],
    }
    with pytest.raises(ValidationError) as info:
        parse_scenario(data, lookup=LOOK)
    text = " | ".join(info.value.problems)
    assert "Atlantis Pact" in text and "already a member" in text


def test_preset_and_estimate_forms(tmp_path: Path) -> None:
    panel = _write(tmp_path, "exporter,importer,year,trade\n", "panel.csv")
    data = {
        "scenario": {"name": "x", "year": 2024},
        "accord": [
            {
                "bloc": "AA",
                "members": ["ISR"],
                "accession": [{"country": "KAZ", "date": "2026-01-01"}],
                "effect": {"estimate": {"panel": "panel.csv"}},
            }
        ],
    }
    spec = parse_scenario(data, lookup=LOOK, path=tmp_path / "s.toml")
    effect = spec.accords[0].effect
    assert effect.kind == "estimated" and effect.panel == panel and effect.coefficient is None
    data["accord"][0]["effect"] = {"preset": "nope"}  # type: ignore[index]
    with pytest.raises(ValidationError, match="preset 'nope' unknown"):
        parse_scenario(data, lookup=LOOK)


def test_bundled_names_and_aliases_resolve() -> None:
    names = bundled_scenarios()
    assert {"kazakhstan-abraham-accords", "abraham-accords-central-asia"} <= set(names)
    assert "abraham-accords-2020" in names
    assert bundled_path("kazakhstan").name == "kazakhstan-abraham-accords.toml"
    assert bundled_path("abraham-accords-c").name == "abraham-accords-central-asia.toml"
    with pytest.raises(UnknownEntityError, match="kazakstan"):
        bundled_path("kazakstan")


@pytest.mark.parametrize(
    ("name", "joiners"),
    [
        ("kazakhstan", ("KAZ",)),
        ("abraham-accords-central-asia", ("KAZ", "AZE", "UZB")),
        ("abraham-accords-2020", ("ISR", "ARE", "BHR", "MAR", "SDN")),
    ],
)
def test_bundled_scenarios_validate(name: str, joiners: tuple[str, ...]) -> None:
    spec = load_scenario(name, lookup=LOOK)
    assert tuple(a.country for a in spec.accords[0].accessions) == joiners
    assert spec.accords[0].effect.coefficient == YOTOV2016_PAIR_FE.coefficient


def test_ex_post_2020_uses_israel_as_counterparty() -> None:
    spec = load_scenario("abraham-accords-2020", lookup=LOOK)
    assert spec.mode == "ex_post"
    assert spec.accords[0].pairs == "counterparty" and spec.accords[0].counterparty == "ISR"


def test_missing_file_and_broken_toml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_scenario(tmp_path / "nope.toml", lookup=LOOK)
    with pytest.raises(InputError, match="not valid TOML"):
        load_scenario(_write(tmp_path, "[scenario\nname="), lookup=LOOK)


def test_with_options_validates() -> None:
    spec = load_scenario("kazakhstan", lookup=LOOK)
    assert spec.with_options(draws=5).draws == 5
    with pytest.raises(ValidationError, match="executor"):
        spec.with_options(executor="ftp://x")


def test_partial_dates() -> None:
    assert parse_partial_date("2009") == dt.date(2009, 1, 1)
    assert parse_partial_date("2019-10") == dt.date(2019, 10, 1)
    assert parse_partial_date("2020-09-15") == dt.date(2020, 9, 15)
    assert parse_partial_date("") is None


def test_default_lookup_reads_the_bloc_start_from_the_evidence_base() -> None:
    spec = load_scenario("kazakhstan")  # default lookup: concord.kb
    assert spec.accords[0].founded == AA_FOUNDED
    data = {
        "scenario": {"name": "x", "year": 2024},
        "accord": [
            {
                "bloc": "SCO",
                "members": ["CHN"],
                "accession": [{"country": "Mongolia", "date": "2000-01-01"}],
            }
        ],
    }
    with pytest.raises(ValidationError, match=r"before the bloc existed \(2001-06-15\)"):
        parse_scenario(data)  # SCO founded 2001-06-15 (facts.md section 2)


@pytest.mark.parametrize("coefficient", [1e308, float("nan"), float("inf"), -6.0])
def test_effect_size_out_of_any_plausible_range_is_rejected(coefficient: float) -> None:
    data = _aa_kaz({"coefficient": coefficient, "se": 1e308, "source": "test"})
    with pytest.raises(ValidationError) as info:
        parse_scenario(data, lookup=LOOK)
    text = " | ".join(info.value.problems)
    assert "effect coefficient must be a number between -5.0 and 5.0" in text
    assert "effect se must be a number between 0 and 5.0" in text
