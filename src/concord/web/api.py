"""JSON API of the evidence base: countries, facts, blocs and their members, name resolution."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel

from concord.web.errors import ERROR_SCHEMA
from concord.web.state import AppState, records

router = APIRouter(prefix="/api", responses={404: ERROR_SCHEMA, 422: ERROR_SCHEMA})

NameQuery = Annotated[str, Query(min_length=1, max_length=120)]
OptionalNameQuery = Annotated[str | None, Query(min_length=1, max_length=120)]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def state(request: Request) -> AppState:
    found: AppState = request.app.state.concord
    return found


class Entity(BaseModel):
    id: str
    kind: str
    name: str


class Resolved(BaseModel):
    query: str
    id: str
    name: str


class Health(BaseModel):
    status: str
    version: str


@router.get("/health", response_model=Health, tags=["meta"])
def health() -> Health:
    """The server is up."""
    from concord import __version__

    return Health(status="ok", version=__version__)


@router.get("/resolve", response_model=Resolved, tags=["evidence"])
def resolve(request: Request, name: NameQuery) -> Resolved:
    """Resolve a country, bloc or organisation name (English, Hebrew, Russian, codes) to its id."""
    from concord import kb

    entity = kb.resolve(name)
    return Resolved(query=name, id=entity, name=kb.registry().display_name(entity))


@router.get("/countries", response_model=list[Entity], tags=["evidence"])
def countries(request: Request) -> list[dict[str, Any]]:
    """Every country in the evidence base: ISO3 id and English name."""
    return state(request).evidence.cached(
        ("countries",), lambda base: records(base.entities("country"))
    )


@router.get("/countries/{name}", tags=["evidence"])
def country(
    request: Request, name: Annotated[str, Path(min_length=1, max_length=120)]
) -> dict[str, Any]:
    """A country's profile (names, borders, economy, partners, memberships, with sources)."""
    from concord import kb

    iso3 = kb.resolve_country(name)
    data: dict[str, Any] = state(request).evidence.cached(
        ("profile", iso3), lambda base: base.profile(iso3).to_dict()
    )
    return data


@router.get("/facts", tags=["evidence"])
def facts(
    request: Request,
    subject: OptionalNameQuery = None,
    predicate: Annotated[str | None, Query(min_length=1, max_length=80)] = None,
    object: OptionalNameQuery = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    """Sourced facts filtered by subject, predicate and object; several sources may disagree."""
    rows: list[dict[str, Any]] = state(request).evidence.cached(
        ("facts", subject, predicate, object),
        lambda base: records(base.facts(subject, predicate, object)),
    )
    shown = rows[:limit]
    return {"count": len(rows), "returned": len(shown), "facts": shown}


@router.get("/blocs", response_model=list[Entity], tags=["evidence"])
def blocs(request: Request) -> list[dict[str, Any]]:
    """Blocs and organisations (AA, SCO, CSTO, EAEU, EU, ...)."""
    return state(request).evidence.cached(("blocs",), lambda base: records(base.entities("bloc")))


@router.get("/blocs/{bloc}/members", tags=["evidence"])
def members(
    request: Request,
    bloc: Annotated[str, Path(min_length=1, max_length=120)],
    as_of: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    role: Annotated[
        list[str] | None, Query(max_length=5, description="member, observer, partner, ...")
    ] = None,
) -> dict[str, Any]:
    """Members of a bloc at a date (YYYY, YYYY-MM or YYYY-MM-DD; default: today's members)."""
    roles = tuple(role or ("member",))
    for text in roles:
        if len(text) > 20:
            from concord.errors import InputError

            raise InputError(f"role {text[:20]!r}... is too long")
    frame = state(request).evidence.run(lambda base: base.members(bloc, as_of=as_of, roles=roles))
    return {
        "bloc": bloc,
        "as_of": as_of or dt.date.today().isoformat(),
        "count": len(frame),
        "members": records(frame),
    }


__all__ = ["router", "state"]
