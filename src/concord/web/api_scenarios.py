"""JSON API of scenario runs: list the bundled scenarios, start a run, poll it, fetch its report.

A run is a background job (:mod:`concord.web.jobs`). Scenarios come by bundled name or as a spec
in the TOML layout sent as JSON; the web never reads a user-supplied path, so specs naming files
(imported baselines, estimation panels) or a remote executor are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from concord.errors import InputError, ValidationError
from concord.web.api import state
from concord.web.errors import ERROR_SCHEMA
from concord.web.jobs import Progress, QueueFullError
from concord.web.state import Baselines

router = APIRouter(
    prefix="/api/scenarios",
    tags=["scenarios"],
    responses={404: ERROR_SCHEMA, 409: ERROR_SCHEMA, 422: ERROR_SCHEMA, 429: ERROR_SCHEMA},
)

JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]
_FORBIDDEN_KEYS = {"path", "panel", "estimate"}


class ScenarioInfo(BaseModel):
    name: str
    title: str
    description: str = ""


class RunRequest(BaseModel):
    """Start a run: a bundled scenario by name, or a spec in the TOML layout (as JSON)."""

    model_config = ConfigDict(extra="forbid")

    scenario: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$",
        description="bundled scenario name or alias, e.g. 'kazakhstan'",
        examples=["kazakhstan"],
    )
    spec: dict[str, Any] | None = Field(
        default=None, description="a scenario in the TOML layout ([scenario], [[accord]], ...)"
    )
    draws: int | None = Field(default=None, ge=0, le=1000, description="Monte Carlo draws")


class JobInfo(BaseModel):
    id: str
    label: str
    status: str
    progress: float
    message: str
    error: dict[str, Any] | None = None
    seconds: float
    result_url: str | None = None
    report_url: str | None = None


def _info(summary: Mapping[str, Any]) -> JobInfo:
    done = summary["status"] == "done"
    base = f"/api/scenarios/runs/{summary['id']}"
    return JobInfo(
        **summary,
        result_url=f"{base}/result" if done else None,
        report_url=f"{base}/report" if done else None,
    )


def _spec_problems(spec: Any, where: str = "spec") -> list[str]:
    problems: list[str] = []
    if isinstance(spec, Mapping):
        for key, value in spec.items():
            if str(key) in _FORBIDDEN_KEYS:
                problems.append(
                    f"{where}.{key}: file inputs are not accepted over the web; "
                    "use the command line for imported data"
                )
            else:
                problems.extend(_spec_problems(value, f"{where}.{key}"))
    elif isinstance(spec, list):
        for index, value in enumerate(spec):
            problems.extend(_spec_problems(value, f"{where}[{index}]"))
    return problems


def _scenario(request: RunRequest, *, max_draws: int) -> Any:
    from concord import scenario as sc
    from concord.scenario.spec import load_toml

    if (request.scenario is None) == (request.spec is None):
        raise InputError("give either 'scenario' (a bundled name) or 'spec', not both or neither")
    if request.scenario is not None:
        found = sc.parse_scenario(
            load_toml(sc.bundled_path(request.scenario)),
            path=sc.bundled_path(request.scenario),
        )
    else:
        spec = dict(request.spec or {})
        problems = _spec_problems(spec)
        head = spec.get("scenario")
        if isinstance(head, Mapping) and head.get("executor", "local") != "local":
            problems.append("spec.scenario.executor: only 'local' runs are allowed over the web")
        if problems:
            raise ValidationError("scenario spec", problems)
        found = sc.parse_scenario(spec)
    draws = found.draws if request.draws is None else request.draws
    if request.draws is not None and request.draws > max_draws:
        raise InputError(f"draws: this server runs at most {max_draws} Monte Carlo draws")
    return found.with_options(draws=min(draws, max_draws))


#: Share of a run's progress bar each stage of the runner takes: (start, width).
_STAGES = {
    "baseline": (0.0, 0.1),
    "solve": (0.1, 0.1),
    "monte carlo": (0.2, 0.7),
    "report": (0.9, 0.02),
}


def _work(spec: Any, *, workers: int, baselines: Baselines | None = None) -> Any:
    """The job: run the scenario in this process, then write its report once.

    ``baselines`` keeps the built world baseline between runs (see :class:`Baselines`).
    """

    def work(progress: Progress) -> dict[str, Any]:
        from concord.report import render_html
        from concord.scenario.runner import run_scenario

        def tick(stage: str, done: int, total: int) -> None:
            start, width = _STAGES.get(stage, (0.0, 0.0))
            fraction = start + width * (done / total if total else 1.0)
            progress(fraction, f"{stage} {done}/{total}")

        tick("baseline", 0, 1)
        world = baselines.get(spec) if baselines is not None else None
        result = run_scenario(spec, world=world, progress=tick, workers=workers)
        data = result.to_dict()
        progress(0.92, "writing the report")
        return {"result": data, "html": render_html(data)}

    return work


@router.get("", response_model=list[ScenarioInfo])
def scenarios() -> list[ScenarioInfo]:
    """The scenarios that ship with Concord."""
    from concord import scenario as sc
    from concord.scenario.spec import load_toml

    found = []
    for name in sc.bundled_scenarios():
        head = load_toml(sc.bundled_path(name)).get("scenario", {})
        found.append(
            ScenarioInfo(
                name=name,
                title=str(head.get("title", name)),
                description=str(head.get("description", "")),
            )
        )
    return found


@router.post("/runs", response_model=JobInfo, status_code=202)
def start_run(request: Request, body: RunRequest) -> JobInfo:
    """Validate a scenario and start running it; poll the returned job for progress."""
    app_state = state(request)
    spec = _scenario(body, max_draws=app_state.settings.max_draws)
    try:
        job = app_state.jobs.submit(
            spec.name,
            _work(
                spec,
                workers=app_state.settings.scenario_workers,
                baselines=app_state.baselines,
            ),
        )
    except QueueFullError as exc:
        raise HTTPException(429, str(exc)) from None
    return _info(job.summary())


@router.get("/runs", response_model=list[JobInfo])
def runs(request: Request) -> list[JobInfo]:
    """Recent runs, newest first."""
    return [_info(summary) for summary in state(request).jobs.summaries()]


def _job(request: Request, job_id: str) -> Any:
    job = state(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no run {job_id!r}; it may have expired")
    return job


@router.get("/runs/{job_id}", response_model=JobInfo)
def run_status(request: Request, job_id: JobId) -> JobInfo:
    """Status and progress of a run."""
    return _info(_job(request, job_id).summary())


def _finished(request: Request, job_id: str) -> Any:
    job = _job(request, job_id)
    if job.status != "done":
        raise HTTPException(409, f"run {job_id} is {job.status}, not done")
    return job.result


@router.get("/runs/{job_id}/result")
def run_result(request: Request, job_id: JobId) -> dict[str, Any]:
    """The result of a finished run, every number with its inputs' sources."""
    data: dict[str, Any] = _finished(request, job_id)["result"]
    return data


@router.get("/runs/{job_id}/report", response_class=HTMLResponse)
def run_report(request: Request, job_id: JobId) -> HTMLResponse:
    """The single-file HTML report of a finished run (charts and map work offline)."""
    return HTMLResponse(_finished(request, job_id)["html"])


__all__ = ["router"]
