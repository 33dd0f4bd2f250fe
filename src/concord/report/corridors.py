"""Corridors in play for a scenario: the routes that connect and cross its new members.

For each new member of an accord: the fastest route to every existing member the corridor network
reaches, and the China-Europe transit routes (baseline and with Russia avoided) that cross the
new member. Places the network does not reach are listed in the notes, not silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from concord.errors import InputError, UnknownEntityError

#: Transit questions asked for every new member: (origin, destination, countries to avoid).
TRANSIT = (("CHN", "DEU", ()), ("CHN", "DEU", ("RUS",)))
MAX_ROUTES = 8


def _accessions(scenario: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """(new member, existing members) for every accession of every accord."""
    found = []
    for accord in scenario.get("accords") or []:
        if not isinstance(accord, Mapping):
            continue
        members = [str(m) for m in accord.get("members") or []]
        for accession in accord.get("accessions") or []:
            if isinstance(accession, Mapping) and accession.get("country"):
                found.append((str(accession["country"]), members))
    return found


def corridors_in_play(result: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """Route records (with lon/lat per leg) and notes about places the network lacks."""
    from concord import corridors as cor
    from concord.report.routes import route_record
    from concord.report.summary import section

    scenario = section(result, "scenario")
    records: list[dict[str, Any]] = []
    notes: list[str] = []
    unreached: list[str] = []
    seen: set[tuple[str, ...]] = set()

    def add(origin: str, destination: str, avoid: tuple[str, ...], must_cross: str | None) -> None:
        try:
            found = cor.routes(origin, destination, k=1, scenario=cor.scenario(avoid=avoid))
        except UnknownEntityError:
            unreached.append(destination if must_cross is None else f"{origin} → {destination}")
            return
        except InputError as exc:
            notes.append(f"corridors: no route {origin} → {destination}: {exc}")
            return
        for route in found.routes:
            if must_cross and must_cross not in route.countries:
                continue
            if route.nodes in seen or len(records) >= MAX_ROUTES:
                continue
            seen.add(route.nodes)
            record = route_record(route)
            label = f"{found.origin} → {found.destination}, {route.corridor}"
            record["label"] = label + (f" avoiding {', '.join(avoid)}" if avoid else "")
            records.append(record)

    for country, members in _accessions(scenario):
        for member in members:
            add(country, member, (), None)
        for origin, destination, avoid in TRANSIT:
            if country not in (origin, destination, *avoid):
                add(origin, destination, avoid, country)
    if unreached:
        notes.append(
            "corridors: the corridor network has no node for "
            f"{', '.join(dict.fromkeys(unreached))}; no routes to them are drawn"
        )
    return records, notes


__all__ = ["corridors_in_play"]
