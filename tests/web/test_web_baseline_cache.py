"""Scenario runs over the web build the world baseline once and give the same numbers."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from concord.web import create_app


def _run(client: TestClient, draws: int) -> dict[str, Any]:
    job = client.post("/api/scenarios/runs", json={"scenario": "kazakhstan", "draws": draws})
    assert job.status_code == 202, job.text[:500]
    info = job.json()
    deadline = time.monotonic() + 120
    while info["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.05)
        info = client.get(f"/api/scenarios/runs/{info['id']}").json()
    assert info["status"] == "done", info
    result: dict[str, Any] = client.get(info["result_url"]).json()
    result["run"].pop("seconds")
    return result


def test_second_run_reuses_the_baseline_and_matches_an_uncached_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concord import kb
    from concord.scenario import parse_scenario, runner
    from concord.scenario.bundled import bundled_path
    from concord.scenario.spec import load_toml

    builds: list[int] = []
    build = runner.load_baseline

    def counted(spec: Any) -> Any:
        builds.append(spec.year)
        return build(spec)

    monkeypatch.setattr(runner, "load_baseline", counted)
    kb.open().close()  # the base exists before the first run, so that run's baseline is kept
    app = create_app()
    with TestClient(app) as client:
        first = _run(client, 3)
        second = _run(client, 3)
        assert len(builds) == 1  # the second run used the cached baseline
        path = bundled_path("kazakhstan")
        spec = parse_scenario(load_toml(path), path=path).with_options(draws=3)
        cached = app.state.concord.baselines.get(spec)
        assert len(builds) == 1
    assert first == second

    uncached = runner.run_scenario(spec, world=build(spec), workers=1).to_dict()
    uncached["run"].pop("seconds")
    assert first["countries"] == uncached["countries"]
    assert first["pairs"] == uncached["pairs"]
    assert first["run"] == uncached["run"]

    assert not cached.flows.flags.writeable  # runs cannot change the shared baseline
    np.testing.assert_array_equal(cached.flows, build(spec).flows)
