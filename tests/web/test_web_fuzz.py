"""Fuzz the JSON API from its OpenAPI schema (schemathesis): no input may cause a 5xx answer."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from concord.web import WebSettings, create_app

# Scenario runs stay cheap under fuzzing: no Monte Carlo draws, at most two runs queued.
app = create_app(WebSettings(max_jobs_queued=2, max_draws=0))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_without_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
    )
    if response.status_code >= 400:
        body = response.json()
        assert body["message"], body
