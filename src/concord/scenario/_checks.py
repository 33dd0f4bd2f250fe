"""Field checks of scenario validation: each appends its problem and returns a safe value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from concord.errors import UnknownEntityError


def resolve(func: Callable[[str], str], name: Any, where: str, problems: list[str]) -> str | None:
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where} missing")
        return None
    try:
        return func(name)
    except UnknownEntityError as exc:
        problems.append(f"{where}: {exc}")
        return None


def unknown_keys(raw: Mapping[str, Any], known: set[str], where: str, problems: list[str]) -> None:
    extra = sorted(set(raw) - known)
    if extra:
        problems.append(
            f"{where}: unknown key(s) {', '.join(extra)} (known: {', '.join(sorted(known))})"
        )


def table(raw: Any, where: str, problems: list[str]) -> Mapping[str, Any]:
    if isinstance(raw, Mapping):
        return raw
    problems.append(f"{where} table missing")
    return {}


def string(raw: Any, where: str, problems: list[str]) -> str | None:
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    problems.append(f"{where} must be a non-empty string")
    return None


def string_list(raw: Any, where: str, problems: list[str]) -> list[str]:
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        return list(raw)
    problems.append(f"{where} must be a list of strings")
    return []


def is_number(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


def year(raw: Any, problems: list[str]) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and 1948 <= raw <= 2100:
        return raw
    problems.append(f"[scenario] year must be an integer year such as 2024, not {raw!r}")
    return 0


def sigma(raw: Any, problems: list[str]) -> float:
    if is_number(raw) and float(raw) > 1:
        return float(raw)
    problems.append(f"[scenario] sigma (elasticity of substitution) must be > 1, not {raw!r}")
    return 7.0


def check_draws(raw: Any, problems: list[str]) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 100_000:
        return raw
    problems.append(f"draws must be an integer from 0 to 100000, not {raw!r}")
    return 0


def check_executor(raw: Any, problems: list[str]) -> str:
    if raw in ("local", "serial") or (
        isinstance(raw, str) and raw.startswith(("tcp://", "tls://"))
    ):
        return str(raw)
    problems.append(
        f"executor must be 'local', 'serial' or a Dask address like tcp://host:8786, not {raw!r}"
    )
    return "local"


def date(raw: Any, where: str, problems: list[str]) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    problems.append(f"{where} must be a date YYYY-MM-DD, not {raw!r}")
    return None
