"""The claim checker behind ``POST /api/claims/check``: flat, JSON-ready rows per claim."""

from __future__ import annotations

from typing import Any

from concord.report.routes import finite
from concord.web.state import Evidence

#: Claims returned in full; the verdict counts cover every claim of the text.
MAX_CLAIMS_RETURNED = 1000


def check_claims(text: str, evidence: Evidence) -> dict[str, Any]:
    """Extract the claims of ``text`` (outside the evidence-base lock), then judge them."""
    from concord.claims.check import check_claims as judge
    from concord.claims.extract import extract_claims

    claims = extract_claims(text)
    report = evidence.run(lambda base: judge(claims, base))
    rows = []
    for check in report.checks[:MAX_CLAIMS_RETURNED]:
        row = dict(check.claim.to_dict())
        row.update(
            verdict=check.verdict,
            tolerance=check.tolerance,
            deviation=check.deviation,
            references=[reference.to_dict() for reference in check.references],
            notes=list(check.notes),
            note="; ".join(check.notes),
        )
        rows.append(finite(row))
    return {
        "characters": len(text),
        "total": len(report.checks),
        "truncated": len(report.checks) > MAX_CLAIMS_RETURNED,
        "verdicts": report.counts(),
        "claims": rows,
    }


__all__ = ["check_claims"]
