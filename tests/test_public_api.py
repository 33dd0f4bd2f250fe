"""The public surface of ``import concord`` is a short, pinned list, and the error tree holds."""

from __future__ import annotations

import importlib

import pytest

import concord
from concord import errors

PINNED = [
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


def test_public_names_are_pinned() -> None:
    assert sorted(concord.__all__) == sorted(PINNED)


@pytest.mark.parametrize("name", [n for n in PINNED if n.islower() and not n.startswith("_")])
def test_each_module_loads_lazily(name: str) -> None:
    assert getattr(concord, name) is importlib.import_module(f"concord.{name}")


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = concord.nope  # type: ignore[attr-defined]


def test_user_errors_exit_2_and_subclass_the_builtins() -> None:
    unknown = errors.UnknownEntityError("country", "XYZ", ["Zimbabwe (ZWE)"])
    invalid = errors.ValidationError("panel", ["a is missing", "b is negative"])
    assert isinstance(unknown, LookupError) and unknown.exit_code == 2
    assert isinstance(invalid, ValueError) and invalid.exit_code == 2
    assert str(unknown) == "unknown country 'XYZ'; did you mean: Zimbabwe (ZWE)?"
    assert str(invalid) == "panel: 2 problems: a is missing; b is negative"
    assert errors.InfeasibleError("no route").exit_code == 2


def test_runtime_errors_exit_1_and_keep_diagnostics() -> None:
    failed = errors.ConvergenceError("solver stopped", {"iterations": 3})
    assert isinstance(failed, RuntimeError) and failed.exit_code == 1
    assert failed.diagnostics == {"iterations": 3}
    assert isinstance(errors.DataError("x"), RuntimeError)
    assert errors.DataError("x").exit_code == 1
