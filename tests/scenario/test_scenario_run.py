"""The scenario runner on the embedded baseline: focus results, pairs, dependency, evidence."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from concord.baseline import WorldBaseline, build_factbook_baseline
from concord.errors import ValidationError
from concord.scenario import load_scenario, parse_scenario
from concord.scenario.result import ScenarioResult
from concord.scenario.runner import run_scenario

BETA = 0.557  # Yotov et al. (2016) Table 3 col. (4)


@pytest.fixture(scope="module")
def world() -> WorldBaseline:
    return build_factbook_baseline(2024)


@pytest.fixture(scope="module")
def kaz(world: WorldBaseline) -> ScenarioResult:
    spec = load_scenario("kazakhstan").with_options(draws=20, executor="serial")
    return run_scenario(spec, world=world)


def test_focus_countries_have_bands(kaz: ScenarioResult) -> None:
    for iso in ("KAZ", "ISR", "ARE", "RUS", "CHN", "USA", "EU"):
        for quantity in ("real_income", "exports", "imports"):
            band = kaz.band(iso, quantity)
            assert band["low"] is not None and band["high"] is not None, (iso, quantity)
            assert band["low"] <= band["mean"] <= band["high"]  # type: ignore[operator]
    assert kaz.band("KAZ")["point"] > 0  # type: ignore[operator]
    assert kaz.band("KAZ", "exports")["point"] > 0  # type: ignore[operator]
    assert kaz.band("RUS", "exports")["point"] < 0  # trade diversion away from outsiders
    roles = dict(zip(kaz.countries["country"], kaz.countries["role"], strict=False))
    assert roles["KAZ"] == "new_member" and roles["ISR"] == "member"
    assert roles["UZB"] == "neighbour" and roles["USA"] == "great_power"


def test_pairs_move_by_about_the_direct_effect(kaz: ScenarioResult) -> None:
    pairs = kaz.pairs.set_index(["exporter", "importer"])
    direct = (math.exp(BETA) - 1) * 100  # 74.5 %, before general-equilibrium price effects
    for pair in (("KAZ", "ISR"), ("ISR", "KAZ"), ("KAZ", "ARE"), ("ARE", "KAZ")):
        change = pairs.loc[pair, "change_pct"]
        assert direct - 3 < change < direct + 3, (pair, change)
        assert pairs.loc[pair, "counterfactual_usd"] > pairs.loc[pair, "baseline_usd"] > 0
    assert len(pairs) == 10  # KAZ with 5 members, both directions
    assert set(pairs["flag"]) <= {
        "imputed",
        "observed_exporter",
        "observed_importer",
        "observed_both",
        "observed_curated",
    }
    assert pairs.loc[("KAZ", "ISR"), "flag"] == "observed_curated"


def test_dependency_before_matches_the_baseline_matrix(
    kaz: ScenarioResult, world: WorldBaseline
) -> None:
    k = world.index("KAZ")
    inter = world.international()
    total = inter[k].sum() + inter[:, k].sum()
    dep = kaz.dependency.set_index(["country", "partner"])
    for partner in ("USA", "RUS", "CHN"):
        j = world.index(partner)
        expected = (inter[k, j] + inter[j, k]) / total * 100
        assert dep.loc[("KAZ", partner), "share_before"] == pytest.approx(expected)
    shares = (inter[k] + inter[:, k]) / total * 100
    assert dep.loc[("KAZ", "HHI"), "share_before"] == pytest.approx(float((shares**2).sum()))
    # the accord shifts trade towards the members: shares with the great powers fall
    assert dep.loc[("KAZ", "CHN"), "change_pp"] < 0


def test_eu_aggregate_is_the_sum_of_its_members(kaz: ScenarioResult, world: WorldBaseline) -> None:
    from concord import kb

    changes = kaz.ge_changes

    with kb.open() as base:
        eu = base.members("EU", as_of="2024-12-31")["entity"].tolist()
    idx = [world.index(c) for c in eu]
    exports = world.exports()[idx]
    ratio = 1 + changes.loc[eu, "exports"].to_numpy() / 100
    expected = (exports @ ratio / exports.sum() - 1) * 100
    assert kaz.band("EU", "exports")["point"] == pytest.approx(expected)


def test_minerals_and_evidence(kaz: ScenarioResult) -> None:
    assert kaz.minerals is not None
    uranium = kaz.minerals[kaz.minerals["mineral"] == "uranium"].iloc[0]
    assert uranium["share_after"] > uranium["share_before"]
    inputs = {e["input"]: e for e in kaz.evidence}
    effect = next(e for k, e in inputs.items() if "effect on log trade" in k)
    assert effect["value"] == pytest.approx(BETA) and "Yotov" in effect["source"]
    kaz_exports = inputs["KAZ exports (2024 baseline input)"]
    assert kaz_exports["value"] == pytest.approx(91.908e9)  # Factbook kz.json, 2024
    assert "kz.json" in kaz_exports["source_url"]
    assert any(k.startswith("KAZ in AA") and e["as_of"] == "2025-11-06" for k, e in inputs.items())
    assert all(e["source"] for e in kaz.evidence)
    assert any("announced" in w for w in kaz.warnings)


def test_to_dict_is_strict_json_with_documented_keys(kaz: ScenarioResult) -> None:
    data = kaz.to_dict()
    text = json.dumps(data, allow_nan=False)
    assert set(data) == {
        "schema",
        "scenario",
        "convention",
        "countries",
        "pairs",
        "dependency",
        "minerals",
        "baseline",
        "evidence",
        "run",
        "warnings",
        "draws",
        "claims",
        "claims_counts",
    }
    assert len(data["claims"]) == 5  # the bundled Hebrew text's claims
    first = data["countries"][0]
    assert first["country"] == "KAZ" and set(first["real_income"]) >= {"point", "low", "high"}
    assert data["run"]["draws_completed"] == 20
    assert data["baseline"]["max_export_gap_pct"] < 0.1
    assert "KAZ" in text and "Kazakhstan" in str(kaz)


def test_ex_post_2020_reports_the_effect_of_the_accords_existing(world: WorldBaseline) -> None:
    spec = load_scenario("abraham-accords-2020").with_options(draws=0)
    result = run_scenario(spec, world=world)
    assert result.convention["name"] == "baseline_vs_counterfactual"
    assert result.band("ISR")["point"] > 0 and result.band("ARE")["point"] > 0  # type: ignore[operator]
    assert result.band("ISR")["low"] is None
    pairs = set(zip(result.pairs["exporter"], result.pairs["importer"], strict=True))
    assert ("ISR", "ARE") in pairs and ("ARE", "ISR") in pairs
    assert ("ARE", "BHR") not in pairs  # counterparty rule: only pairs with Israel
    change = result.pairs.set_index(["exporter", "importer"]).loc[("ISR", "ARE"), "change_pct"]
    assert change == pytest.approx((math.exp(BETA) - 1) * 100, abs=3)


def test_country_without_baseline_data_is_an_error(world: WorldBaseline) -> None:
    spec = parse_scenario(
        {
            "scenario": {"name": "x", "year": 2024, "draws": 0},
            "accord": [
                {
                    "bloc": "AA",
                    "members": ["ISR"],
                    "accession": [{"country": "Antarctica", "date": "2026-01-01"}],
                }
            ],
        }
    )
    with pytest.raises(ValidationError, match="ATA is not in the factbook baseline"):
        run_scenario(spec, world=world)


def test_central_asia_new_pairs_include_pairs_among_joiners(world: WorldBaseline) -> None:
    spec = load_scenario("abraham-accords-central-asia").with_options(draws=0)
    result = run_scenario(spec, world=world)
    pairs = set(zip(result.pairs["exporter"], result.pairs["importer"], strict=True))
    assert ("KAZ", "UZB") in pairs and ("AZE", "ISR") in pairs
    assert len(pairs) == 3 * 5 * 2 + 3 * 2
    assert np.isfinite(result.band("UZB")["point"])  # type: ignore[arg-type]


def test_scenario_on_an_imported_pair_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    codes = ["KAZ", "ISR", "ARE", "USA", "CHN", "RUS"]
    rng = np.random.default_rng(3)
    rows = [
        {
            "year": 2019,
            "exporter": a,
            "importer": b,
            "value_usd": 5e11 if a == b else float(rng.uniform(1e8, 1e10)),
        }
        for a in codes
        for b in codes
    ]
    import pandas as pd

    pd.DataFrame(rows).to_csv(tmp_path / "pairs.csv", index=False)
    (tmp_path / "s.toml").write_text(
        '[scenario]\nname = "imported"\nyear = 2019\ndraws = 0\n'
        '[baseline]\nsource = "itpde"\npath = "pairs.csv"\n'
        '[[accord]]\nbloc = "AA"\nmembers = ["ISR", "ARE"]\n'
        'accession = [{ country = "KAZ", date = 2025-11-06 }]\n',
        encoding="utf-8",
    )
    result = run_scenario(load_scenario(tmp_path / "s.toml"))
    assert "ITPD-E" in result.baseline["source"] and result.baseline["countries"] == 6
    pairs = result.pairs.set_index(["exporter", "importer"])
    assert set(pairs["flag"]) == {"reported"}
    # the runner's accord wiring equals a hand-made shock: +beta on KAZ's pairs with ISR, ARE
    from concord import ge

    frame = pd.DataFrame(rows).rename(columns={"value_usd": "value"})
    hand = ge.simulate(
        ge.Baseline.from_frame(frame.drop(columns="year"), sigma=7.0, reference="USA"),
        ge.pair_shock([("KAZ", "ISR"), ("KAZ", "ARE")], BETA, symmetric=True),
    )
    expected = hand.pairs_frame().set_index(["exporter", "importer"])
    for pair in (("KAZ", "ISR"), ("ARE", "KAZ")):
        assert pairs.loc[pair, "change_pct"] == pytest.approx(expected.loc[pair, "change_full"])
    assert result.band("KAZ")["point"] == pytest.approx(hand.changes().loc["KAZ", "real_gdp"])


def test_draws_hold_every_focus_country_and_match_the_bands(kaz: ScenarioResult) -> None:
    data = json.loads(json.dumps(kaz.to_dict(), allow_nan=False))
    draws = data["draws"]
    assert set(draws) == {"real_income", "exports"}
    focus = {c["country"] for c in data["countries"]}
    for quantity, by_country in draws.items():
        assert set(by_country) == focus and "EU" in by_country
        for iso, values in by_country.items():
            assert len(values) == data["run"]["draws_completed"] == 20
            band = kaz.band(iso, quantity)
            low, high = np.percentile(values, [2.5, 97.5])
            assert low == pytest.approx(band["low"], rel=1e-5, abs=1e-12)
            assert high == pytest.approx(band["high"], rel=1e-5, abs=1e-12)
            assert np.mean(values) == pytest.approx(band["mean"], rel=1e-5, abs=1e-12)


def test_anchored_pair_cites_its_curated_source_and_the_year_gap(kaz: ScenarioResult) -> None:
    record = next(e for e in kaz.evidence if e["input"] == "baseline trade KAZ->ISR")
    assert "Kosherbayev" in record["source"] and record["as_of"] == "2025-11"
    assert "x12/11" in record["note"] and record["note"].startswith("observed_curated")
    note = next(w for w in kaz.warnings if "anchored to a curated turnover" in w)
    assert "for 2025" in note and "baseline year is 2024" in note
    anchors = kaz.baseline["anchors"]
    assert {(a["exporter"], a["importer"]) for a in anchors} == {("KAZ", "ISR"), ("ISR", "KAZ")}
    assert kaz.baseline["notes"]


def test_report_shows_the_draws_by_quantity(kaz: ScenarioResult) -> None:
    from concord.report.adapter import report_model
    from concord.report.charts import distribution_chart

    model = report_model(kaz.to_dict())
    groups = {d.group for d in model.distributions}
    assert groups == {"real income", "exports"}
    kazakhstan = next(
        d for d in model.distributions if d.group == "real income" and "(KAZ)" in d.label
    )
    assert len(kazakhstan.values) == 20
    fig = distribution_chart(model.distributions, title="draws")
    assert len(fig.data) == len(model.distributions)
    assert {t.xaxis for t in fig.data} == {"x", "x2"}  # one panel per quantity
