"""Shared server state: one evidence-base connection behind a lock, and the scenario job queue."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas as pd

    from concord.baseline import WorldBaseline
    from concord.kb.store import KnowledgeBase
    from concord.scenario.spec import Scenario
    from concord.web.jobs import JobManager

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Limits and options of the server."""

    home: Path | None = None
    max_body_bytes: int = 4_000_000
    max_claim_chars: int = 1_000_000
    max_jobs_queued: int = 4
    max_jobs_kept: int = 32
    max_draws: int = 1000
    job_workers: int = 1
    scenario_workers: int = 1


class Evidence:
    """The evidence base, opened on first use and shared by request threads under a lock."""

    def __init__(self, home: Path | None, *, cache_size: int = 512) -> None:
        self._home = home
        self._lock = threading.Lock()
        self._base: KnowledgeBase | None = None
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        self._cache_size = cache_size

    @contextmanager
    def base(self) -> Iterator[KnowledgeBase]:
        from concord import kb

        with self._lock:
            if self._base is None:
                self._base = kb.open(self._home)
            yield self._base

    def run(self, func: Callable[[KnowledgeBase], T]) -> T:
        with self.base() as base:
            return func(base)

    def cached(self, key: Hashable, func: Callable[[KnowledgeBase], T]) -> T:
        """``func(base)``, remembered under ``key`` (the base is read-only while served)."""
        with self.base() as base:
            if key in self._cache:
                self._cache.move_to_end(key)
                found: T = self._cache[key]
                return found
            value = func(base)
            self._cache[key] = value
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return value

    def close(self) -> None:
        with self._lock:
            self._cache.clear()
            if self._base is not None:
                self._base.close()
                self._base = None


class Baselines:
    """World baselines built for scenario runs, kept per (year, evidence-base file).

    Building the Factbook baseline reads the evidence base and balances the matrix on every run
    (about 0.2 s, a fifth of a short run); it depends only on the year and the base, so the
    server builds it once. The key holds the base file's path, size, mtime and build fingerprint,
    so a rebuilt base gives a new entry. Runs only read the baseline (its arrays are made
    read-only to keep it so); other baseline kinds are built per run.
    """

    def __init__(self, *, size: int = 4) -> None:
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, WorldBaseline] = OrderedDict()
        self._size = size

    @staticmethod
    def _key(spec: Scenario) -> Hashable | None:
        from concord.kb.store import database_path, fingerprint

        if spec.baseline.kind != "factbook":
            return None
        path = database_path()
        try:
            stat = path.stat()
        except OSError:
            return None  # not built yet: this run builds it, the next one is cached
        return (spec.year, str(path.resolve()), stat.st_size, stat.st_mtime_ns, fingerprint())

    def get(self, spec: Scenario) -> WorldBaseline:
        """The baseline ``spec`` names, built on first use of its key."""
        from concord.scenario.runner import load_baseline

        key = self._key(spec)
        if key is None:
            return load_baseline(spec)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            world = load_baseline(spec)
            for array in (
                world.flows,
                world.flags,
                world.scaled,
                world.export_targets,
                world.import_targets,
            ):
                array.flags.writeable = False
            self._cache[key] = world
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return world

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready records (NaN and NaT become null, dates ISO strings)."""
    rows: list[dict[str, Any]] = json.loads(frame.to_json(orient="records", date_format="iso"))
    return rows


@dataclass(slots=True)
class AppState:
    settings: WebSettings
    evidence: Evidence
    jobs: JobManager
    baselines: Baselines = field(default_factory=Baselines)


__all__ = ["AppState", "Baselines", "Evidence", "WebSettings", "records"]
