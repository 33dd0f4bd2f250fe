"""Shared fixtures.

Reference data lives in ``../shared/data/raw`` (or ``$CONCORD_RAW_DATA``) and is read only
through the ``raw_data`` fixture. When it is absent the tests that need it skip with the reason,
unless ``CONCORD_REQUIRE_REFERENCE=1``, under which a missing file fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RAW = REPO_ROOT.parent / "shared" / "data" / "raw"


def _raw_root() -> Path:
    return Path(os.environ.get("CONCORD_RAW_DATA", DEFAULT_RAW))


def _require_reference() -> bool:
    return os.environ.get("CONCORD_REQUIRE_REFERENCE", "") == "1"


@pytest.fixture(scope="session")
def raw_data() -> Callable[[str], Path]:
    """Return a function mapping a path under the raw-data folder to an existing file.

    ``raw_data("yotov2016/csv/chapter1_application3.csv")`` returns the path, or skips the test
    (fails it under ``CONCORD_REQUIRE_REFERENCE=1``) when the file is missing.
    """

    def locate(relative: str) -> Path:
        path = _raw_root() / relative
        if path.exists():
            return path
        reason = f"reference data {path} is missing (set CONCORD_RAW_DATA to its folder)"
        if _require_reference():
            pytest.fail(reason + "; CONCORD_REQUIRE_REFERENCE=1 makes this an error")
        pytest.skip(reason)

    return locate


@pytest.fixture(autouse=True, scope="session")
def _isolated_concord_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Give the whole test session its own CONCORD_HOME so no test touches ~/.concord."""
    home = tmp_path_factory.mktemp("concord_home")
    previous = os.environ.get("CONCORD_HOME")
    os.environ["CONCORD_HOME"] = str(home)
    yield home
    if previous is None:
        os.environ.pop("CONCORD_HOME", None)
    else:
        os.environ["CONCORD_HOME"] = previous
