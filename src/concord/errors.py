"""Concord's one error tree.

    ConcordError                      base of everything Concord raises on purpose
    ├── InputError (ValueError)       the caller's input is wrong; CLI exit code 2
    │   ├── ValidationError           a table or spec has problems; lists every one of them
    │   ├── MissingSourceError        a fact or curated row has no source
    │   └── InfeasibleError           the question has no answer (no route, empty set)
    ├── UnknownEntityError (LookupError)  a name, code or key that Concord does not know; exit 2
    ├── DataError (RuntimeError)      packaged or imported data is missing or unreadable; exit 1
    └── ConvergenceError (RuntimeError)   a numerical solver did not converge; exit 1

The CLI and the web layer show ``str(error)`` as one line and use ``exit_code``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any


class ConcordError(Exception):
    """Base class of every error Concord raises on purpose."""

    exit_code: int = 1


class InputError(ConcordError, ValueError):
    """The input given to Concord is wrong; the message says what and how to fix it."""

    exit_code = 2


class ValidationError(InputError):
    """A panel, baseline, network or scenario has problems; all of them are listed."""

    def __init__(self, what: str, problems: Sequence[str]) -> None:
        self.what = what
        self.problems = list(problems)
        count = len(self.problems)
        listing = "; ".join(self.problems)
        super().__init__(f"{what}: {count} problem{'s' if count != 1 else ''}: {listing}")


class MissingSourceError(InputError):
    """A fact or curated row has no source; Concord stores no unsourced number."""


class InfeasibleError(InputError):
    """The request is well formed but has no answer (no route, nothing left to compute)."""


class UnknownEntityError(ConcordError, LookupError):
    """A name, code or key that Concord does not know, with the closest known ones."""

    exit_code = 2

    def __init__(self, kind: str, name: str, suggestions: Iterable[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class DataError(ConcordError, RuntimeError):
    """Packaged or imported data is missing, unreadable or inconsistent."""


class ConvergenceError(ConcordError, RuntimeError):
    """A solver stopped without converging; ``diagnostics`` tells how far it got."""

    def __init__(self, message: str, diagnostics: Mapping[str, Any] | None = None) -> None:
        self.diagnostics = dict(diagnostics or {})
        super().__init__(message)


__all__ = [
    "ConcordError",
    "ConvergenceError",
    "DataError",
    "InfeasibleError",
    "InputError",
    "MissingSourceError",
    "UnknownEntityError",
    "ValidationError",
]
