"""The question a scenario asks and the answer in a few sentences, written from its numbers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """``data[key]`` when it is a mapping, else an empty one."""
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _pct(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:+.{digits}f} %"


def _band_text(band: Any) -> str:
    if not isinstance(band, Mapping):
        return "n/a"
    point = _num(band.get("point"))
    if point is None:
        point = _num(band.get("mean"))
    low, high = _num(band.get("low")), _num(band.get("high"))
    text = _pct(point)
    if low is not None and high is not None:
        level = _num(band.get("level"))
        share = f"{level * 100:g} % " if level else ""
        text += f" ({share}band {low:+.3f} to {high:+.3f})"
    return text


def _point(band: Any) -> float | None:
    if not isinstance(band, Mapping):
        return None
    point = _num(band.get("point"))
    return point if point is not None else _num(band.get("mean"))


def question_text(data: Mapping[str, Any]) -> str:
    """'What does <title> do to trade, real income and dependencies?'"""
    scenario = section(data, "scenario")
    title = str(scenario.get("title") or scenario.get("name") or "this scenario")
    if data.get("question"):
        return str(data["question"])
    return f"What does “{title}” do to trade, real income and dependencies?"


def _countries(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rows = data.get("countries")
    return [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []


def _country_lines(countries: list[Mapping[str, Any]]) -> list[str]:
    lines = [
        f"{row.get('name')}: real income {_band_text(row.get('real_income'))}; "
        f"exports {_pct(_point(row.get('exports')), 2)}, imports "
        f"{_pct(_point(row.get('imports')), 2)}."
        for row in countries
        if row.get("role") == "new_member"
    ]
    for role, label in (
        ("member", "Existing members"),
        ("neighbour", "Neighbours"),
        ("great_power", "Great powers"),
    ):
        group = [r for r in countries if r.get("role") == role]
        if group:
            parts = ", ".join(
                f"{r.get('name')} {_pct(_point(r.get('real_income')))}" for r in group
            )
            lines.append(f"{label}, real income: {parts}.")
    return lines


def _pair_lines(pairs: Any) -> list[str]:
    changes = [
        change
        for p in pairs or []
        if isinstance(p, Mapping) and (change := _num(p.get("change_pct"))) is not None
    ]
    if not changes:
        return []
    return [
        f"Trade on the {len(changes)} pairs the accord covers changes by "
        f"{min(changes):+.1f} % to {max(changes):+.1f} %."
    ]


def _dependency_lines(rows: Any) -> list[str]:
    lines: list[str] = []
    shares: dict[str, list[str]] = {}
    for row in rows or []:
        if not isinstance(row, Mapping):
            continue
        before, after = _num(row.get("share_before")), _num(row.get("share_after"))
        if before is None or after is None:
            continue
        if row.get("partner") == "HHI":
            lines.append(
                f"{row.get('country')}'s partner concentration (HHI): {before:,.0f} → {after:,.0f}."
            )
        else:
            shares.setdefault(str(row.get("country")), []).append(
                f"{row.get('partner')} {before:.1f} → {after:.1f} %"
            )
    for country, parts in shares.items():
        lines.append(f"{country}'s trade shares with the great powers: " + "; ".join(parts) + ".")
    return lines


def _mineral_lines(rows: Any) -> list[str]:
    lines = []
    for row in rows or []:
        if not isinstance(row, Mapping):
            continue
        before, after = _num(row.get("share_before")), _num(row.get("share_after"))
        if before is not None and after is not None:
            lines.append(
                f"{str(row.get('mineral')).capitalize()}: {row.get('group')} share of world output "
                f"{before * 100:.1f} % → {after * 100:.1f} % ({row.get('year')})."
            )
    return lines


def answer_lines(data: Mapping[str, Any]) -> list[str]:
    """Plain sentences: new members first, then members, outsiders, pairs, dependency, minerals."""
    if isinstance(data.get("answer"), list):
        return [str(line) for line in data["answer"]]
    return [
        *_country_lines(_countries(data)),
        *_pair_lines(data.get("pairs")),
        *_dependency_lines(data.get("dependency")),
        *_mineral_lines(data.get("minerals")),
    ]


__all__ = ["answer_lines", "question_text", "section"]
