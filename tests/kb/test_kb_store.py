"""The DuckDB evidence base: Must-show memberships, facts, atomic and deterministic builds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from concord import kb
from concord.errors import InputError, MissingSourceError, UnknownEntityError
from concord.kb.curated import facts_from_rows, memberships_from_rows
from concord.kb.store import SCHEMA_VERSION, KnowledgeBase

TABLES = ("entities", "names", "memberships", "facts", "meta")


@pytest.fixture(scope="module")
def base() -> Iterator[KnowledgeBase]:
    with kb.open() as opened:
        yield opened


def _members(base: KnowledgeBase, bloc: str, as_of: str | None, **kw: object) -> list[str]:
    return sorted(base.members(bloc, as_of=as_of, **kw)["entity"])  # type: ignore[arg-type]


def test_sco_has_10_members_in_2025_and_8_in_2020(base: KnowledgeBase) -> None:
    assert _members(base, "SCO", "2025-01-01") == sorted(
        ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"]
    )
    assert _members(base, "SCO", "2020-01-01") == sorted(
        ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK"]
    )
    assert len(base.members("ШОС", as_of=date(2024, 7, 3))) == 9
    assert len(base.members("SCO", as_of="2024-07-04")) == 10
    assert _members(base, "SCO", "2025-01-01", roles=("observer",)) == ["AFG", "MNG"]


def test_abraham_accords(base: KnowledgeBase) -> None:
    assert _members(base, "AA", "2020-09-15") == ["ARE", "BHR", "ISR"]
    assert _members(base, "הסכמי אברהם", "2021-01-06") == ["ARE", "BHR", "ISR", "MAR", "SDN"]
    announced = base.members("AA", as_of="2026-02-17", roles=("announced",))
    assert list(announced["entity"]) == ["KAZ"]
    assert announced.iloc[0]["start"] == "2025-11-06"
    sudan = base.members("AA", as_of="2025-01-01").set_index("entity").loc["SDN"]
    assert "declaration only" in sudan["note"]


def test_other_blocs(base: KnowledgeBase) -> None:
    assert _members(base, "CSTO", "2025-01-01") == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert _members(base, "CSTO", "2025-01-01", roles=("suspended",)) == ["ARM", "UZB"]
    assert "UZB" in _members(base, "CSTO", "2010-01-01")
    assert "UZB" not in _members(base, "CSTO", "2000-01-01")
    assert _members(base, "EAEU", "2016-01-01") == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    assert _members(base, "EAEU", "2015-01-01") == ["BLR", "KAZ", "RUS"]
    assert _members(base, "OTS", "2025-01-01") == ["AZE", "KAZ", "KGZ", "TUR", "UZB"]
    assert len(base.members("GCC", as_of="2025-01-01")) == 6
    assert _members(base, "CIS", "2025-01-01") == [
        "ARM",
        "AZE",
        "BLR",
        "KAZ",
        "KGZ",
        "MDA",
        "RUS",
        "TJK",
        "UZB",
    ]
    assert "GEO" in _members(base, "CIS", "2009-08-17")
    assert "GEO" not in _members(base, "CIS", "2009-08-18")
    assert len(base.members("BRICS", as_of="2025-06-01")) == 10
    assert "KAZ" in _members(base, "BRICS", "2025-06-01", roles=("partner",))
    assert len(base.members("EU", as_of="2025-01-01")) == 27
    assert "GBR" in _members(base, "EU", "2020-01-30")
    assert "GBR" not in _members(base, "EU", "2020-02-01")
    assert len(base.members("EU", as_of="2010-01-01")) == 27  # 27 before Croatia, with the UK


def test_current_members_without_date(base: KnowledgeBase) -> None:
    assert len(base.members("SCO")) == 10
    assert "GBR" not in set(base.members("EU")["entity"])


def test_kazakhstan_memberships(base: KnowledgeBase) -> None:
    rows = base.memberships("Kazakhstan")
    starts = {(r["bloc"], r["role"]): r["start"] for r in rows.to_dict("records")}
    assert starts[("AA", "announced")] == "2025-11-06"
    assert starts[("SCO", "member")] == "2001-06-15"
    assert starts[("EAEU", "member")] == "2015-01-01"
    assert starts[("OTS", "member")] == "2009-10-03"
    assert ("CSTO", "member") in starts and ("CIS", "member") in starts


def test_border_lengths_have_several_sources(base: KnowledgeBase) -> None:
    china = base.facts("KAZ", predicate="border_length_km", object="China")
    values = dict(zip(china["value"], china["source"], strict=True))
    assert values[1765.0].startswith("CIA World Factbook")
    assert values[1782.8].startswith("Kazakh official")
    assert {1765.0, 1782.8, 1782.75, 1520.0, 1460.0} <= set(values)
    back = base.facts("CHN", predicate="border_length_km", object="KAZ")
    assert list(back["value"]) == [1765.0]


def test_curated_facts(base: KnowledgeBase) -> None:
    uranium = base.facts("KAZ", predicate="uranium_mine_production_t")
    assert dict(zip(uranium["as_of"], uranium["value"], strict=True)) == {
        "2024": 23270.0,
        "2023": 21109.0,
    }
    deals = base.facts("KAZ", predicate="deal_value_usd")
    assert deals.set_index("object").loc["Boeing 787-9 (Air Astana)", "value"] == 7e9
    gdp = base.facts("KAZ", predicate="gdp_usd")
    assert 288.406e9 in set(gdp["value"])
    assert base.facts("KAZ", predicate="trade_turnover_usd", object="ISR")["value"].max() == 2e8


def test_every_fact_has_a_source(base: KnowledgeBase) -> None:
    frame = base.query("SELECT count(*) AS n FROM facts WHERE source IS NULL OR trim(source) = ''")
    assert int(frame["n"].iloc[0]) == 0
    factbook = base.query(
        "SELECT count(*) AS n FROM facts WHERE source LIKE 'CIA World Factbook%' "
        "AND (source_url IS NULL OR source_url = '')"
    )
    assert int(factbook["n"].iloc[0]) == 0


def test_entities_and_names(base: KnowledgeBase) -> None:
    entities = base.entities()
    assert list(entities.columns) == ["id", "kind", "name"]
    assert len(base.entities("country")) == 250  # 249 ISO + Kosovo
    assert "INSTC" in set(base.entities("corridor")["id"])
    names = base.names("RUS", language="he")
    assert "רוסיה" in set(names["name"])


def test_profile(base: KnowledgeBase) -> None:
    profile = base.profile("קזחסטאן")
    data = profile.to_dict()
    assert data["iso3"] == "KAZ" and data["capital"]["name"] == "Astana"
    china = next(b for b in data["borders"] if b["neighbour"] == "CHN")
    assert {v["value"] for v in china["values"]} >= {1765.0, 1782.8}
    assert [p["partner"] for p in data["partners"]["exports"]][:2] == ["CHN", "GBR"]
    with pytest.raises(UnknownEntityError):
        base.profile("SCO")


def test_bad_queries(base: KnowledgeBase) -> None:
    with pytest.raises(InputError):
        base.members("SCO", as_of="yesterday")
    with pytest.raises(InputError):
        base.members("SCO", roles=("boss",))
    with pytest.raises(UnknownEntityError):
        base.members("Warsaw Pact")


# -- sources are required ------------------------------------------------------------------------
def test_loader_rejects_a_fact_without_source() -> None:
    rows = [
        {"subject": "KAZ", "predicate": "gdp_usd", "value": "1", "source": "x"},
        {"subject": "KAZ", "predicate": "gdp_usd", "value": "2", "source": "  "},
    ]
    with pytest.raises(MissingSourceError, match="row 3"):
        facts_from_rows(rows)


def test_loader_rejects_a_membership_without_source() -> None:
    rows = [{"entity": "KAZ", "bloc": "SCO", "role": "member", "start": "2001-06-15", "source": ""}]
    with pytest.raises(MissingSourceError):
        memberships_from_rows(rows, {"KAZ", "SCO"})


def test_database_rejects_a_fact_without_source(tmp_path: Path) -> None:
    kb.rebuild(tmp_path)
    con = duckdb.connect(str(tmp_path / "concord.duckdb"))
    try:
        for source in ("NULL", "''", "'   '"):
            with pytest.raises(duckdb.ConstraintException):
                con.execute(
                    f"INSERT INTO facts (subject, predicate, value, source) "
                    f"VALUES ('KAZ', 'gdp_usd', 1, {source})"
                )
        with pytest.raises(duckdb.ConstraintException):
            con.execute(
                "INSERT INTO memberships (entity, bloc, role, source) "
                "VALUES ('KAZ', 'SCO', 'member', NULL)"
            )
    finally:
        con.close()


# -- building --------------------------------------------------------------------------------------
def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    finally:
        con.close()


def test_rebuild_is_deterministic(tmp_path: Path) -> None:
    first = kb.rebuild(tmp_path / "a")
    second = kb.rebuild(tmp_path / "b")
    assert first.facts == second.facts > 20_000
    assert min(first.seconds, second.seconds) < 5.0  # issue 2: a build from scratch takes < 5 s
    assert _contents(first.path) == _contents(second.path)


def test_failed_build_leaves_the_previous_base_intact(tmp_path: Path) -> None:
    report = kb.rebuild(tmp_path)
    before = report.path.read_bytes()

    def explode(temp: Path) -> None:
        assert temp.exists() and temp.parent == tmp_path
        raise RuntimeError("killed mid-build")

    with pytest.raises(RuntimeError, match="killed mid-build"):
        kb.rebuild(tmp_path, _hook=explode)
    assert report.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".concord.lock", "concord.duckdb"]
    with kb.open(tmp_path) as base:
        assert len(base.members("SCO", as_of="2025-01-01")) == 10


def test_a_killed_build_leaves_a_temp_file_that_the_next_build_removes(tmp_path: Path) -> None:
    report = kb.rebuild(tmp_path)
    stale = tmp_path / ".concord.duckdb.99999.tmp"
    stale.write_bytes(b"half-written")  # what a build killed before the swap leaves behind
    with kb.open(tmp_path) as base:  # the intact previous base is still used
        assert len(base.members("SCO", as_of="2020-01-01")) == 8
    kb.rebuild(tmp_path)
    assert not stale.exists() and report.path.exists()


def test_open_builds_on_first_use_and_concurrent_readers(tmp_path: Path) -> None:
    assert not (tmp_path / "concord.duckdb").exists()
    first = kb.open(tmp_path)
    second = kb.open(tmp_path)
    try:
        assert (tmp_path / "concord.duckdb").exists()
        assert len(first.members("SCO", as_of="2025-01-01")) == len(
            second.members("SCO", as_of="2025-01-01")
        )
        with pytest.raises(duckdb.Error):
            first.query("DELETE FROM facts")
    finally:
        first.close()
        second.close()


def test_concord_home_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    with kb.open() as base:
        assert base.path == tmp_path / "home" / "concord.duckdb"


def test_open_after_rebuild_sees_the_new_base_while_an_old_reader_is_open(tmp_path: Path) -> None:
    kb.rebuild(tmp_path)
    old = kb.open(tmp_path)
    try:
        marker = tmp_path / "other"
        kb.rebuild(marker)
        con = duckdb.connect(str(marker / "concord.duckdb"))
        con.execute("UPDATE meta SET value = 'replaced' WHERE key = 'schema_version'")
        con.close()
        (marker / "concord.duckdb").replace(tmp_path / "concord.duckdb")
        query = "SELECT value FROM meta WHERE key = 'schema_version'"
        assert old.query(query)["value"].iloc[0] == SCHEMA_VERSION  # old snapshot
        with kb.open(tmp_path) as new:
            assert new.query(query)["value"].iloc[0] == "replaced"
    finally:
        old.close()


def test_a_build_killed_mid_way_leaves_the_previous_base_intact(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    report = kb.rebuild(tmp_path)
    before = report.path.read_bytes()
    flag = tmp_path / "written"
    script = (
        "import pathlib, time\n"
        "from concord import kb\n"
        f"flag = pathlib.Path({str(flag)!r})\n"
        "def hang(temp):\n"
        "    flag.write_text(str(temp))\n"
        "    time.sleep(60)\n"
        f"kb.rebuild(pathlib.Path({str(tmp_path)!r}), _hook=hang)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not flag.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert flag.exists(), "the child build never reached the swap"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert report.path.read_bytes() == before
    with kb.open(tmp_path) as base:
        assert len(base.members("SCO", as_of="2025-01-01")) == 10
