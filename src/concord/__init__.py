"""Concord: an open geo-economic scenario engine.

``import concord as cc``; the public names below load their modules lazily.
"""

from __future__ import annotations

import importlib
from typing import Any

from concord.errors import (
    ConcordError,
    ConvergenceError,
    DataError,
    InfeasibleError,
    InputError,
    UnknownEntityError,
    ValidationError,
)

__version__ = "0.1.0"

_LAZY_MODULES = ("kb", "gravity", "ge", "baseline", "corridors", "claims", "scenario", "minerals")

__all__ = [
    "ConcordError",
    "ConvergenceError",
    "DataError",
    "InfeasibleError",
    "InputError",
    "UnknownEntityError",
    "ValidationError",
    "__version__",
    "baseline",
    "claims",
    "corridors",
    "ge",
    "gravity",
    "kb",
    "minerals",
    "scenario",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module(f"concord.{name}")
    raise AttributeError(f"module 'concord' has no attribute {name!r}")
