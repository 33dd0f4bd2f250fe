"""Background jobs with progress: scenario runs that a page starts and then polls.

A job runs ``work(progress)`` on a small thread pool; ``progress(fraction, message)`` updates
what ``GET /api/scenarios/runs/{id}`` shows. The queue is bounded (a full queue answers 429) and
only the most recent jobs are kept.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from concord.errors import ConcordError
from concord.web.errors import concord_status

log = logging.getLogger("concord.web")

JobStatus = Literal["queued", "running", "done", "failed"]
Progress = Callable[[float, str], None]


class QueueFullError(Exception):
    """Too many jobs are waiting; the caller should retry later."""


@dataclass(slots=True)
class Job:
    """One background job; fields change as it runs (read them under the manager's lock)."""

    id: str
    label: str
    status: JobStatus = "queued"
    progress: float = 0.0
    message: str = "waiting to start"
    created: float = field(default_factory=time.time)
    finished: float | None = None
    error: dict[str, Any] | None = None
    result: Any = None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "status": self.status,
            "progress": round(self.progress, 4),
            "message": self.message,
            "error": self.error,
            "seconds": round((self.finished or time.time()) - self.created, 3),
        }


class JobManager:
    """A bounded queue of background jobs on a thread pool."""

    def __init__(self, *, workers: int = 1, max_queued: int = 4, max_kept: int = 32) -> None:
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._max_queued = max_queued
        self._max_kept = max_kept

    def submit(self, label: str, work: Callable[[Progress], Any]) -> Job:
        with self._lock:
            waiting = sum(1 for job in self._jobs.values() if job.status in ("queued", "running"))
            if waiting >= self._max_queued:
                raise QueueFullError(
                    f"{waiting} scenario runs are already waiting or running; try again later"
                )
            job = Job(id=uuid.uuid4().hex[:16], label=label)
            self._jobs[job.id] = job
            self._trim()
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=self._workers, thread_name_prefix="concord-job"
                )
            pool = self._pool
        pool.submit(self._run, job, work)
        return job

    def _trim(self) -> None:
        finished = [j.id for j in self._jobs.values() if j.status in ("done", "failed")]
        while len(self._jobs) > self._max_kept and finished:
            self._jobs.pop(finished.pop(0), None)

    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _run(self, job: Job, work: Callable[[Progress], Any]) -> None:
        self._update(job, status="running", message="started")

        def progress(fraction: float, message: str = "") -> None:
            fraction = min(max(float(fraction), 0.0), 1.0)
            self._update(job, progress=fraction, message=message or job.message)

        try:
            result = work(progress)
        except ConcordError as exc:
            status, code = concord_status(exc)
            error = {"error": code, "message": str(exc), "status": status}
            self._update(job, status="failed", error=error, message=str(exc), finished=time.time())
        except Exception:
            log.exception("job %s failed", job.id)
            error = {
                "error": "internal_error",
                "message": "the run failed unexpectedly; the server log has the details",
                "status": 500,
            }
            self._update(job, status="failed", error=error, message=error["message"],
                         finished=time.time())  # fmt: skip
        else:
            self._update(job, status="done", progress=1.0, message="done", result=result,
                         finished=time.time())  # fmt: skip

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def summaries(self) -> list[dict[str, Any]]:
        with self._lock:
            return [job.summary() for job in reversed(self._jobs.values())]

    def shutdown(self) -> None:
        """Stop taking the queued jobs; a later submit starts a new pool."""
        with self._lock:
            pool, self._pool = self._pool, None
            for job in self._jobs.values():
                if job.status == "queued":
                    job.status = "failed"
                    job.message = "the server stopped before this run started"
                    job.error = {"error": "stopped", "message": job.message, "status": 503}
                    job.finished = time.time()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


__all__ = ["Job", "JobManager", "Progress", "QueueFullError"]
