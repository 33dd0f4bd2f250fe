"""The JSON API: evidence base, claims, scenario validation, errors and limits."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

HEBREW = (
    'קזחסטן חולקת גבול של 1,460 ק"מ עם סין. כ־40% מהתפוקה העולמית של אורניום ב־2024 מגיעה מקזחסטן.'
)


def _is_error(response: object, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text[:500]  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["error"] == code
    assert body["message"]
    assert "Traceback" not in response.text  # type: ignore[attr-defined]
    return body  # type: ignore[no-any-return]


def test_openapi_schema_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/api/countries",
        "/api/countries/{name}",
        "/api/facts",
        "/api/blocs/{bloc}/members",
        "/api/scenarios/runs",
        "/api/scenarios/runs/{job_id}",
        "/api/routes",
        "/api/claims/check",
    ):
        assert path in paths, path


def test_countries_and_a_profile_by_hebrew_name(client: TestClient) -> None:
    countries = client.get("/api/countries").json()
    ids = {row["id"] for row in countries}
    assert {"KAZ", "ISR", "ARE", "CHN", "RUS"} <= ids
    profile = client.get("/api/countries/קזחסטן").json()
    assert profile["iso3"] == "KAZ"


def test_facts_carry_their_sources(client: TestClient) -> None:
    body = client.get(
        "/api/facts", params={"subject": "KAZ", "predicate": "border_length_km", "object": "CHN"}
    ).json()
    values = {row["value"] for row in body["facts"]}
    # the Factbook's 1,765 km and the official 1,782.8 km (shared/reference/facts.md)
    assert 1765.0 in values
    assert 1782.8 in values
    assert all(row["source"] for row in body["facts"])


def test_bloc_members_at_a_date(client: TestClient) -> None:
    # The Abraham Accords: UAE and Bahrain (Sep 2020), Sudan (Oct 2020), Morocco (Dec 2020)
    before = client.get("/api/blocs/AA/members", params={"as_of": "2020-10-01"}).json()
    assert {row["entity"] for row in before["members"]} >= {"ARE", "BHR"}
    assert "MAR" not in {row["entity"] for row in before["members"]}
    later = client.get("/api/blocs/Abraham Accords/members", params={"as_of": "2021-06-01"}).json()
    assert "MAR" in {row["entity"] for row in later["members"]}


def test_unknown_names_are_404_with_suggestions(client: TestClient) -> None:
    body = _is_error(client.get("/api/countries/Kazakstann"), 404, "unknown_entity")
    assert "Kazakhstan" in str(body["message"])
    _is_error(client.get("/api/blocs/NOPE/members"), 404, "unknown_entity")
    _is_error(client.get("/api/nothing-here"), 404, "not_found")


def test_bad_query_values_are_422(client: TestClient) -> None:
    _is_error(client.get("/api/blocs/AA/members", params={"as_of": "yesterday"}), 422,
              "invalid_request")  # fmt: skip
    _is_error(client.get("/api/facts", params={"limit": 0}), 422, "invalid_request")


def test_hebrew_claims_get_verdicts_with_sources(client: TestClient) -> None:
    body = client.post("/api/claims/check", json={"text": HEBREW}).json()
    border = next(c for c in body["claims"] if c["predicate"] == "border_length_km")
    assert set(border["subjects"]) == {"KAZ", "CHN"}
    assert border["value"] == 1460
    assert border["verdict"] == "discrepant"
    values = {ref["value"] for ref in border["references"]}
    assert {1765.0, 1782.8} <= values
    uranium = next(c for c in body["claims"] if c["unit"] == "%")
    assert uranium["verdict"] == "consistent"


def test_five_megabyte_paste_is_413_and_the_server_keeps_serving(client: TestClient) -> None:
    text = "א" * 5_000_000
    response = client.post("/api/claims/check", json={"text": text})
    body = _is_error(response, 413, "too_large")
    assert "MB" in str(body["message"])
    assert client.get("/api/health").json()["status"] == "ok"


def test_text_over_a_million_characters_is_422(client: TestClient) -> None:
    body = _is_error(
        client.post("/api/claims/check", json={"text": "a" * 1_000_001}), 422, "invalid_request"
    )
    assert "1000000" in str(body["problems"])


def test_streamed_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * 100_000
        yield b'"}'

    response = client.post(
        "/api/claims/check", content=chunks(), headers={"content-type": "application/json"}
    )
    _is_error(response, 413, "too_large")


@pytest.mark.parametrize("body", [b"{", b"[]", b'{"text": 5}', b"\xff\xfe"])
def test_malformed_bodies_are_4xx_json(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/api/claims/check", content=body, headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500
    assert response.json()["message"]


def test_scenario_with_an_unknown_country_is_422_listing_it(client: TestClient) -> None:
    spec = {
        "scenario": {"name": "atlantis-joins", "year": 2024},
        "accord": [
            {"bloc": "AA", "members": ["ISR", "ARE"],
             "accession": [{"country": "Atlantis", "date": "2025-11-06"}]}
        ],
    }  # fmt: skip
    body = _is_error(client.post("/api/scenarios/runs", json={"spec": spec}), 422, "invalid_input")
    assert any("Atlantis" in p for p in body["problems"])  # type: ignore[union-attr]
    assert client.get("/api/health").status_code == 200


def test_unknown_bundled_scenario_is_404(client: TestClient) -> None:
    _is_error(client.post("/api/scenarios/runs", json={"scenario": "atlantis"}), 404,
              "unknown_entity")  # fmt: skip


def test_no_file_paths_or_remote_executors(client: TestClient) -> None:
    _is_error(client.post("/api/scenarios/runs", json={"scenario": "../etc/passwd.toml"}), 422,
              "invalid_request")  # fmt: skip
    spec = {
        "scenario": {"name": "x", "year": 2024, "executor": "tcp://10.0.0.1:8786"},
        "baseline": {"source": "baci", "path": "/etc/passwd"},
        "accord": [{"bloc": "AA", "members": ["ISR"], "effect": {"estimate": {"panel": "p.csv"}}}],
    }
    body = _is_error(client.post("/api/scenarios/runs", json={"spec": spec}), 422, "invalid_input")
    text = " ".join(body["problems"])  # type: ignore[arg-type]
    assert "baseline.path" in text
    assert "estimate" in text
    assert "executor" in text


def test_both_or_neither_scenario_forms_are_422(client: TestClient) -> None:
    _is_error(client.post("/api/scenarios/runs", json={}), 422, "invalid_input")
    _is_error(client.post("/api/scenarios/runs", json={"scenario": "kazakhstan", "spec": {}}),
              422, "invalid_input")  # fmt: skip


def test_unknown_run_is_404(client: TestClient) -> None:
    _is_error(client.get("/api/scenarios/runs/0123456789abcdef"), 404, "not_found")


def test_pages_and_local_assets(client: TestClient) -> None:
    for path in ("/", "/scenario", "/corridors", "/claims"):
        page = client.get(path)
        assert page.status_code == 200
        assert "http://" not in page.text and "https://" not in page.text, path
    script = client.get("/static/plotly.min.js")
    assert script.status_code == 200
    assert "plotly.js v" in script.text[:200]
    assert client.get("/static/app.js").status_code == 200
    basemap = client.get("/api/map/basemap").json()
    assert basemap["data"][0]["fill"] == "toself"


def test_scenario_run_is_a_job_with_progress_and_a_report(client: TestClient) -> None:
    import time

    started = client.post("/api/scenarios/runs", json={"scenario": "kazakhstan", "draws": 2})
    assert started.status_code == 202
    job = started.json()
    assert job["status"] in ("queued", "running")
    seen: set[float] = set()
    deadline = time.monotonic() + 120
    while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(f"/api/scenarios/runs/{job['id']}").json()
        seen.add(job["progress"])
    assert job["status"] == "done", job
    assert len(seen) > 2  # the page sees progress move
    result = client.get(job["result_url"]).json()
    kaz = next(row for row in result["countries"] if row["country"] == "KAZ")
    assert kaz["real_income"]["low"] <= kaz["real_income"]["point"] <= kaz["real_income"]["high"]
    report = client.get(job["report_url"])
    assert report.headers["content-type"].startswith("text/html")
    assert report.text.count("plotly.js v") == 1
    assert "Kazakhstan" in report.text
    listing = client.get("/api/scenarios/runs").json()
    assert listing[0]["id"] == job["id"]


def test_draws_over_the_server_limit_are_422(client: TestClient) -> None:
    body = _is_error(
        client.post("/api/scenarios/runs", json={"scenario": "kazakhstan", "draws": 1001}),
        422,
        "invalid_request",
    )
    assert "draws" in str(body["problems"])
