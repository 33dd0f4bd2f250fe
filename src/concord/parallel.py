"""One executor interface for Concord's embarrassingly parallel work (Monte Carlo draws, sectors).

``get_executor(address)`` returns an :class:`Executor` whose ``map(fn, items, progress=...)``
returns ``[fn(item) for item in items]`` in input order:

- ``None`` or ``"local"``: local processes (``concurrent.futures.ProcessPoolExecutor``);
  ``workers=1`` runs in this process;
- ``"serial"``: in this process, one item after the other;
- ``"tcp://host:8786"`` (or any Dask scheduler address): a Dask cluster through
  ``dask.distributed.Client``; a ``distributed.Client`` object is accepted as well.

``fn`` and the items must be picklable (module-level functions). Work is deterministic per
item, so the results do not depend on the executor: draw random numbers up front, then map.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from concord.errors import InputError

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]
"""Progress callback: ``progress(done, total)`` after each finished item."""


class Executor(Protocol):
    """Maps a function over items, keeping their order."""

    @property
    def description(self) -> str: ...

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], *, progress: Progress | None = None
    ) -> list[R]: ...


@dataclass(frozen=True, slots=True)
class SerialExecutor:
    """Runs every item in this process."""

    description: str = "serial"

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], *, progress: Progress | None = None
    ) -> list[R]:
        out: list[R] = []
        for k, item in enumerate(items, start=1):
            out.append(fn(item))
            if progress is not None:
                progress(k, len(items))
        return out


@dataclass(frozen=True, slots=True)
class LocalExecutor:
    """Local worker processes (``concurrent.futures``); one worker means this process."""

    workers: int
    description: str = "local processes"

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], *, progress: Progress | None = None
    ) -> list[R]:
        if self.workers == 1 or len(items) <= 1:
            return SerialExecutor().map(fn, items, progress=progress)
        results: dict[int, R] = {}
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            futures = {pool.submit(fn, item): k for k, item in enumerate(items)}
            for done, future in enumerate(as_completed(futures), start=1):
                results[futures[future]] = future.result()
                if progress is not None:
                    progress(done, len(items))
        return [results[k] for k in range(len(items))]


@dataclass(frozen=True, slots=True)
class DaskExecutor:
    """A Dask cluster, reached through a scheduler address or an existing client."""

    address: str | None = None
    client: Any = None
    description: str = "dask"

    def map(
        self, fn: Callable[[T], R], items: Sequence[T], *, progress: Progress | None = None
    ) -> list[R]:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed

        client = self.client
        own = client is None
        if own:
            client = Client(self.address, set_as_default=False)
        try:
            futures = client.map(fn, list(items), pure=False)
            position = {f.key: k for k, f in enumerate(futures)}
            results: dict[int, R] = {}
            for done, future in enumerate(dask_completed(futures), start=1):
                results[position[future.key]] = future.result()
                if progress is not None:
                    progress(done, len(items))
            return [results[k] for k in range(len(items))]
        finally:
            if own:
                client.close()


def get_executor(address: Any = None, *, workers: int | None = None) -> Executor:
    """The executor for ``address`` (see the module docstring); ``workers`` for local runs."""
    if isinstance(address, SerialExecutor | LocalExecutor | DaskExecutor):
        return address
    if address is not None and not isinstance(address, str):
        if hasattr(address, "map") and hasattr(address, "scheduler_info"):
            return DaskExecutor(client=address, description="dask client")
        raise InputError(f"unsupported executor {address!r}")
    if workers is not None and workers < 1:
        raise InputError(f"workers must be >= 1, got {workers}")
    if address in (None, "", "local"):
        return LocalExecutor(workers or min(os.cpu_count() or 1, 8))
    if address == "serial":
        return SerialExecutor()
    if "://" in address:
        return DaskExecutor(address=address, description=f"dask {address}")
    raise InputError(
        f"unknown executor {address!r}: use 'local', 'serial' or a Dask scheduler address "
        "such as tcp://host:8786"
    )


def parallel_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    executor: Any = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[R]:
    """``[fn(x) for x in items]`` through :func:`get_executor` (order kept)."""
    return get_executor(executor, workers=workers).map(fn, items, progress=progress)


__all__ = [
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "Progress",
    "SerialExecutor",
    "get_executor",
    "parallel_map",
]
