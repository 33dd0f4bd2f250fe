"""JSON API of the claim checker: paste text, get every quantity with its subject and verdict."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from concord.web.errors import ERROR_SCHEMA

router = APIRouter(
    prefix="/api/claims",
    tags=["claims"],
    responses={413: ERROR_SCHEMA, 422: ERROR_SCHEMA},
)

MAX_CLAIM_CHARS = 1_000_000


class ClaimRequest(BaseModel):
    """Text to check, Hebrew or English, up to 1,000,000 characters."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        max_length=MAX_CLAIM_CHARS, examples=['קזחסטן חולקת גבול של 1,460 ק"מ עם סין']
    )


@router.post("/check", response_class=JSONResponse)
def check(request: Request, body: ClaimRequest) -> JSONResponse:
    """Extract the claims in ``text`` and judge each against the evidence base.

    Every claim is judged and counted in ``verdicts``; the first 1,000 are returned in full
    (``truncated`` tells when there were more).
    """
    from concord.web.claims import check_claims

    evidence = request.app.state.concord.evidence
    return JSONResponse(check_claims(body.text, evidence))


__all__ = ["ClaimRequest", "router"]
