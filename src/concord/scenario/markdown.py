"""Markdown report of a scenario (``report.md``), written from ``ScenarioResult.to_dict()``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROLE_LABELS = {
    "new_member": "acceding",
    "member": "member",
    "neighbour": "neighbour",
    "great_power": "great power",
}


def pct(value: Any, digits: int = 3) -> str:
    """A signed percent change; tiny non-zero values in scientific notation, not as 0.000."""
    if value is None:
        return "n/a"
    if value != 0 and abs(value) < 0.5 * 10**-digits:
        return f"{value:+.1e}"
    return f"{value:+.{digits}f}"


def _band(band: Mapping[str, Any] | None) -> str:
    if not band:
        return "n/a"
    point = pct(band.get("point"))
    if band.get("low") is None or band.get("high") is None:
        return point
    return f"{point} [{pct(band['low'])}, {pct(band['high'])}]"


def _usd(value: Any) -> str:
    if value is None:
        return "n/a"
    value = float(value)
    for scale, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:,.2f} {unit}"
    return f"{value:,.0f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "/") for c in row) + " |" for row in rows]
    return [*out, ""]


def render_markdown(data: Mapping[str, Any]) -> str:
    """The report as Markdown text."""
    spec = data["scenario"]
    run = data["run"]
    lines = [f"# {spec['title']}", ""]
    if spec.get("description"):
        lines += [" ".join(str(spec["description"]).split()), ""]
    lines += [
        f"Scenario `{spec['name']}`, {spec['mode'].replace('_', ' ')}, baseline {spec['year']} "
        f"({data['baseline']['source']}, {data['baseline']['countries']} countries). "
        f"Percent changes, {data['convention']['formula']}; bands are the 2.5th-97.5th "
        f"percentiles of {run['draws_completed']} Monte Carlo draws of the accord's effect.",
        "",
    ]
    for warning in data.get("warnings", []):
        lines.append(f"> **Note:** {warning}")
    lines += ["", "## Real income and trade", ""]
    rows = [
        [
            f"{c['name']} ({c['country']})",
            ROLE_LABELS.get(c["role"], c["role"]),
            _band(c.get("real_income")),
            _band(c.get("exports")),
            _band(c.get("imports")),
            _usd(c.get("exports_usd")),
        ]
        for c in data["countries"]
    ]
    lines += _table(
        [
            "country",
            "role",
            "real income %",
            "exports %",
            "imports %",
            f"exports {spec['year']} (USD)",
        ],
        rows,
    )
    lines += ["Real income is real GDP (output over the consumer price index, Y/P).", ""]
    lines += ["## Trade between the new pairs", ""]
    lines += _table(
        ["from", "to", "baseline (USD)", "scenario (USD)", "change %", "baseline cell"],
        [
            [
                p["exporter"],
                p["importer"],
                _usd(p["baseline_usd"]),
                _usd(p["counterfactual_usd"]),
                pct(p["change_pct"], 2),
                p["flag"],
            ]
            for p in data["pairs"]
        ],
    )
    lines += _dependency(data["dependency"])
    if data.get("minerals"):
        lines += _minerals(data["minerals"])
    if data.get("claims") is not None:
        lines += _claims(data["claims"], data.get("scenario", {}).get("claims_source"))
    lines += _inputs(data)
    return "\n".join(lines).rstrip() + "\n"


def _dependency(records: Sequence[Mapping[str, Any]]) -> list[str]:
    if not records:
        return []
    lines = ["## Dependency on the great powers", ""]
    rows = []
    for r in records:
        unit = " pts" if r["partner"] == "HHI" else " %"
        label = "partner concentration (HHI)" if r["partner"] == "HHI" else r["partner"]
        rows.append(
            [
                r["country"],
                label,
                f"{r['share_before']:.2f}{unit}",
                f"{r['share_after']:.2f}{unit}",
                pct(r["change_pp"], 3),
            ]
        )
    lines += _table(["country", "partner", "before", "after", "change"], rows)
    lines += ["Shares of the country's international trade (exports plus imports).", ""]
    return lines


def _minerals(records: Sequence[Mapping[str, Any]]) -> list[str]:
    lines = ["## Critical minerals", ""]
    rows = [
        [
            r.get("mineral"),
            r.get("year"),
            r.get("group"),
            f"{100 * (r.get('share_before') or 0):.1f} %",
            f"{100 * (r.get('share_after') or 0):.1f} %",
            r.get("source"),
        ]
        for r in records
    ]
    return lines + _table(
        ["mineral", "year", "group", "share of world output before", "after", "source"], rows
    )


def claim_counts_text(checks: Sequence[Mapping[str, Any]]) -> str:
    """'5 checked: 2 discrepant, 2 consistent, 1 unverifiable' (verdicts that occur)."""
    counts = dict.fromkeys(("discrepant", "consistent", "unverifiable"), 0)
    for check in checks:
        verdict = str(check.get("verdict"))
        counts[verdict] = counts.get(verdict, 0) + 1
    parts = ", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n)
    return f"{len(checks)} checked: {parts}" if checks else "0 checked"


def _reference(ref: Mapping[str, Any]) -> str:
    from concord.claims.check import format_value

    value = ref.get("value")
    if not isinstance(value, int | float):
        return str(ref.get("source") or "")
    text = format_value(float(value))
    if isinstance(ref.get("upper"), int | float):
        text += f"-{format_value(float(ref['upper']))}"
    unit = f" {ref['unit']}" if ref.get("unit") else ""
    details = [str(ref.get("source") or "")]
    details += [str(ref[k]) for k in ("as_of", "status") if ref.get(k)]
    mark = "✓" if ref.get("within") else "✗"
    return f"{mark} {text}{unit} ({', '.join(d for d in details if d)})"


def _claims(checks: Sequence[Mapping[str, Any]], source: Any) -> list[str]:
    from concord.claims.check import format_value

    lines = ["## Claims checked", ""]
    origin = f" of `{source}`" if source else ""
    lines += [
        f"Quantitative claims{origin} against the evidence base: "
        f"{claim_counts_text(checks)}. ✓ marks a reference value the claim is within "
        "tolerance of.",
        "",
    ]
    rows = []
    for check in checks:
        claim = check.get("claim") or {}
        value = claim.get("value")
        shown = format_value(float(value)) if isinstance(value, int | float) else ""
        unit = f" {claim['unit']}" if claim.get("unit") else ""
        deviation = check.get("deviation")
        rows.append(
            [
                " ".join(str(claim.get("text") or "").split()),
                f"{shown}{unit}".strip(),
                ", ".join(claim.get("subjects") or []),
                claim.get("predicate") or "-",
                claim.get("year") or "",
                f"**{check.get('verdict')}**",
                "" if deviation is None else f"{100 * deviation:+.1f} %",
                "<br>".join(_reference(r) for r in check.get("references") or []),
                " ".join(" ".join(str(n).split()) for n in check.get("notes") or []),
            ]
        )
    return lines + _table(
        [
            "claim",
            "value",
            "subjects",
            "fact",
            "year",
            "verdict",
            "deviation",
            "references",
            "notes",
        ],
        rows,
    )


def _inputs(data: Mapping[str, Any]) -> list[str]:
    lines = ["## Inputs and their sources", ""]
    rows = [
        [
            e["input"],
            ""
            if e.get("value") is None
            else f"{e['value']:,.6g}"
            if isinstance(e["value"], int | float)
            else str(e["value"]),
            e.get("as_of") or "",
            e.get("source", ""),
            e.get("source_url", ""),
        ]
        for e in data.get("evidence", [])
    ]
    lines += _table(["input", "value", "as of", "source", "link"], rows)
    base = data["baseline"]
    lines += ["### How the baseline was built", ""]
    lines += [f"- {step}" for step in base.get("method", [])]
    lines += [
        "",
        f"Rows and columns match the reconciled Factbook totals to "
        f"{max(base['max_export_gap_pct'], base['max_import_gap_pct']):.2e} %. "
        f"{len(base.get('missing', []))} countries or territories are left out for lack of "
        f"data: {', '.join(m['country'] for m in base.get('missing', []))}.",
        "",
        f"Solved in {data['run']['seconds']:.1f} s ({data['run']['method']} solver, numeraire "
        f"{data['run']['reference']}, seed {data['run']['seed']}, {data['run']['executor']}).",
    ]
    return lines


def write_markdown(data: Mapping[str, Any], path: Path) -> None:
    """Write the Markdown report of ``data`` (``ScenarioResult.to_dict()``) to ``path``."""
    path.write_text(render_markdown(data), encoding="utf-8")
