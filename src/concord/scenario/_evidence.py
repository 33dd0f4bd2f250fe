"""The evidence behind a scenario's inputs, read from the evidence base and the baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from concord.baseline import WorldBaseline
from concord.baseline.world import FLAG_LABELS
from concord.scenario import _analysis as an
from concord.scenario.result import plain
from concord.scenario.spec import Effect, Scenario

SIGMA_SOURCE = (
    "Yotov, Piermartini, Monteiro & Larch (2016), An Advanced Guide to Trade Policy Analysis, "
    "Ch. 2 applications: sigma = 7"
)


@dataclass(frozen=True, slots=True)
class Context:
    """What the runner reads from the evidence base once."""

    names: dict[str, str]
    neighbours: dict[str, list[str]]
    eu: tuple[str, ...]
    memberships: pd.DataFrame = field(default_factory=pd.DataFrame)


def collect_context(spec: Scenario, world: WorldBaseline) -> Context:
    from concord import kb

    reg = kb.registry()
    new = {a.country for accord in spec.accords for a in accord.accessions}
    base = kb.open()
    try:
        borders = base.facts(predicate="border_length_km")
        eu = base.members("EU", as_of=f"{spec.year}-12-31")["entity"].tolist()
        frames = [
            base.members(accord.bloc, as_of=None, roles=("member", "announced"))
            for accord in spec.accords
        ]
    finally:
        base.close()
    neighbours = {
        iso: sorted(set(borders.loc[borders["subject"] == iso, "object"].dropna()) - new)
        for iso in new
    }
    focus = set(spec.countries) | set(an.GREAT_POWERS) | {n for v in neighbours.values() for n in v}
    names = {iso: reg.display_name(iso) for iso in focus if iso in world.countries}
    memberships = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return Context(names, neighbours, tuple(sorted(eu)), memberships)


def evidence(
    spec: Scenario, world: WorldBaseline, context: Context, effects: list[Effect]
) -> list[dict[str, Any]]:
    """One record per input: ``input, value, unit, source, source_url, as_of, note``."""
    out: list[dict[str, Any]] = []
    for accord, effect in zip(spec.accords, effects, strict=True):
        out.append(
            _rec(
                f"{accord.bloc} effect on log trade between members (PPML coefficient)",
                effect.coefficient,
                "log points",
                effect.source,
                note=f"standard error {effect.se}; kind {effect.kind}",
            )
        )
    out.append(
        _rec(
            "elasticity of substitution sigma",
            spec.sigma,
            "",
            SIGMA_SOURCE if spec.sigma == 7.0 else "scenario file",
        )
    )
    out += _membership_records(context)
    q = world.quality.set_index("country")
    for iso in sorted(context.names):
        if iso not in q.index:
            continue
        row = q.loc[iso]
        for col, label in (
            ("exports_usd", "exports"),
            ("imports_usd", "imports"),
            ("gdp_usd", "GDP"),
        ):
            as_of = (
                row.get(col.replace("_usd", "_as_of")) if col != "gdp_usd" else row.get("gdp_as_of")
            )
            out.append(
                _rec(
                    f"{iso} {label} ({world.year} baseline input)",
                    row[col],
                    "USD",
                    _baseline_source(world),
                    url=str(row.get("source_url", "")),
                    as_of=as_of,
                )
            )
    out += _pair_records(spec, world)
    for step in world.sources:
        out.append(
            _rec(
                step.get("input", "baseline"),
                None,
                "",
                step.get("source", ""),
                url=step.get("source_url", ""),
            )
        )
    return out


def _baseline_source(world: WorldBaseline) -> str:
    return next((s["source"] for s in world.sources), world.source)


def _membership_records(context: Context) -> list[dict[str, Any]]:
    out = []
    for rec in context.memberships.to_dict(orient="records"):
        out.append(
            _rec(
                f"{rec['entity']} in {rec['bloc']} ({rec['role']})",
                None,
                "",
                str(rec.get("source") or ""),
                url=str(rec.get("source_url") or ""),
                as_of=rec.get("start"),
                note=str(rec.get("note") or ""),
            )
        )
    return out


def _pair_records(spec: Scenario, world: WorldBaseline) -> list[dict[str, Any]]:
    out = []
    index = {c: k for k, c in enumerate(world.countries)}
    anchors = _anchors(world)
    for accord in spec.accords:
        for a, b in an.new_pairs(accord):
            k, m = index[a], index[b]
            flag = FLAG_LABELS[int(world.flags[k, m])]
            if (a, b) in anchors:
                out.append(_anchor_record(a, b, float(world.flows[k, m]), anchors[(a, b)]))
                continue
            how = (
                "Factbook partner shares"
                if flag.startswith("observed")
                else "gravity prior balanced by RAS (no partner share reported)"
            )
            out.append(
                _rec(
                    f"baseline trade {a}->{b}",
                    float(world.flows[k, m]),
                    "USD",
                    f"{_baseline_source(world)}; {how}",
                    note=flag,
                )
            )
    return out


def _anchors(world: WorldBaseline) -> dict[tuple[str, str], dict[str, Any]]:
    if world.anchors.empty:
        return {}
    records = [{str(k): v for k, v in r.items()} for r in world.anchors.to_dict("records")]
    return {(str(r["exporter"]), str(r["importer"])): r for r in records}


def _anchor_record(a: str, b: str, value: float, row: dict[str, Any]) -> dict[str, Any]:
    """A pair anchored to a curated turnover: the fact's source, and how it was transformed."""
    months = int(row["period_months"])
    steps = [f"curated turnover {a}-{b} {float(row['fact_value_usd']):,.0f} USD"]
    if row.get("note"):
        steps[0] += f" ({row['note']})"
    if months != 12:
        steps.append(f"annualised x12/{months} = {float(row['annual_usd']):,.0f} USD")
    steps.append(
        f"{a}->{b} share {float(row['direction_share']):.3f} of the pair "
        "(direction split of the gravity imputation)"
    )
    if int(row["year_gap"]) != 0:
        steps.append(f"figure dated {row['fact_as_of']}, {int(row['year_gap']):+d} y from baseline")
    return _rec(
        f"baseline trade {a}->{b}",
        value,
        "USD",
        str(row["source"]),
        url=str(row.get("source_url") or ""),
        as_of=row.get("fact_as_of"),
        note="observed_curated: " + "; ".join(steps),
    )


def warnings_for(spec: Scenario, world: WorldBaseline, context: Context) -> list[str]:
    """Plain sentences a reader must see next to the numbers."""
    out: list[str] = []
    members = context.memberships
    for accord in spec.accords:
        for acc in accord.accessions:
            rows = members[(members["entity"] == acc.country) & (members["bloc"] == accord.bloc)]
            if spec.mode == "ex_ante" and not rows.empty and "member" not in set(rows["role"]):
                start = rows.iloc[0]["start"]
                out.append(
                    f"{acc.country}: the evidence base records the {accord.bloc} accession "
                    f"as {rows.iloc[0]['role']} ({start}), not in force"
                )
            if spec.mode == "ex_ante" and rows.empty:
                out.append(
                    f"{acc.country}: the evidence base records no {accord.bloc} "
                    "accession; the scenario's date is hypothetical"
                )
    index = {c: k for k, c in enumerate(world.countries)}
    imputed = [
        f"{a}->{b}"
        for accord in spec.accords
        for a, b in an.new_pairs(accord)
        if world.flags[index[a], index[b]] == 0
    ]
    if imputed:
        out.append(
            f"baseline trade imputed by gravity (no reported partner share) for "
            f"{len(imputed)} of the accord's new pairs, e.g. {', '.join(imputed[:4])}"
        )
    out += list(world.notes)
    return out


def _rec(
    what: str,
    value: Any,
    unit: str,
    source: str,
    *,
    url: str = "",
    as_of: Any = None,
    note: str = "",
) -> dict[str, Any]:
    return {
        "input": what,
        "value": plain(value),
        "unit": unit,
        "source": source,
        "source_url": url or "",
        "as_of": None if as_of is None else str(as_of),
        "note": note,
    }
