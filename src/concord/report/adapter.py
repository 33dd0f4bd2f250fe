"""Reading a scenario result into the report model.

The input is a ``ScenarioResult`` or its ``.to_dict()`` (schema ``concord.scenario-result/1``,
documented in :mod:`concord.scenario.result`); this module is the only place that knows its keys.
A missing section leaves its part of the report out; it never fails the report.

Evidence links: every evidence record gets an id (``e1``, ``e2``, ...). A country's changes cite
the accord effect, sigma and that country's baseline inputs; a pair cites the effect and the
pair's baseline flow; dependency rows cite the country's inputs and the partner-share source;
inputs cite the records they come from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from concord.errors import InputError
from concord.report.evidence import EvidenceIndex, number
from concord.report.model import (
    Band,
    ClaimRow,
    DependencyRow,
    Distribution,
    InputRow,
    ReportModel,
    Spread,
    fmt,
    plain_number,
)
from concord.report.summary import answer_lines, question_text, section

QUANTITIES = (("real_income", "real income"), ("exports", "exports"), ("imports", "imports"))


def as_dict(result: Any) -> Mapping[str, Any]:
    """The JSON form of a scenario result (a ScenarioResult or its dict)."""
    if isinstance(result, Mapping):
        return result
    to_dict = getattr(result, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, Mapping):
            return data
    raise InputError(
        f"cannot build a report from {type(result).__name__}: "
        "pass a ScenarioResult or its .to_dict()"
    )


def _list(value: Any) -> list[Mapping[str, Any]]:
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _band(value: Any, evidence: Sequence[str]) -> Band | None:
    if not isinstance(value, Mapping):
        return None
    central = number(value.get("point"))
    if central is None:
        central = number(value.get("mean"))
    if central is None:
        return None
    level = number(value.get("level"))
    return Band(
        value=central,
        low=number(value.get("low")),
        high=number(value.get("high")),
        unit=str(value.get("unit") or "%"),
        level=f"{level * 100:g} %" if level else "",
        evidence=tuple(evidence),
    )


def _spread(label: str, value: Any) -> Spread | None:
    if not isinstance(value, Mapping):
        return None
    mean, low, high = (number(value.get(k)) for k in ("mean", "low", "high"))
    if mean is None or low is None or high is None:
        return None
    return Spread(
        label=label,
        point=number(value.get("point")),
        mean=mean,
        sd=number(value.get("sd")),
        low=low,
        high=high,
        unit=str(value.get("unit") or "%"),
    )


def _country_sections(
    countries: list[Mapping[str, Any]], index: EvidenceIndex
) -> tuple[
    tuple[tuple[str, Band], ...],
    tuple[tuple[str, tuple[tuple[str, Band], ...]], ...],
    tuple[Spread, ...],
]:
    income: list[tuple[str, Band]] = []
    trade: dict[str, list[tuple[str, Band]]] = {"exports": [], "imports": []}
    spreads: list[Spread] = []
    for row in countries:
        iso3 = str(row.get("country") or row.get("iso3") or "?")
        label = f"{row.get('name') or iso3} ({iso3})"
        cites = [*index.general, *index.country.get(iso3, [])]
        for key, name in QUANTITIES:
            band = _band(row.get(key), cites)
            if band is None:
                continue
            if key == "real_income":
                income.append((label, band))
                spread = _spread(label, row.get(key))
                if spread is not None:
                    spreads.append(spread)
            else:
                trade[name].append((label, band))
    return (
        tuple(income),
        tuple((name, tuple(rows)) for name, rows in trade.items() if rows),
        tuple(spreads),
    )


def _pairs(rows: list[Mapping[str, Any]], index: EvidenceIndex) -> tuple[tuple[str, Band], ...]:
    found = []
    for row in rows:
        change = number(row.get("change_pct"))
        if change is None:
            continue
        exporter, importer = str(row.get("exporter", "?")), str(row.get("importer", "?"))
        cites = (*index.general, *index.pair.get((exporter, importer), []))
        found.append((f"{exporter} → {importer}", Band(value=change, unit="%", evidence=cites)))
    return tuple(found)


def _dependency(
    rows: list[Mapping[str, Any]], index: EvidenceIndex
) -> tuple[tuple[DependencyRow, ...], tuple[DependencyRow, ...]]:
    shares: list[DependencyRow] = []
    concentration: list[DependencyRow] = []
    for row in rows:
        before, after = number(row.get("share_before")), number(row.get("share_after"))
        if before is None or after is None:
            continue
        country, partner = str(row.get("country", "?")), str(row.get("partner", "?"))
        cites = (*index.country.get(country, []), *index.partner_shares)
        is_hhi = partner.upper() == "HHI"
        item = DependencyRow(
            country=country,
            partner=partner,
            before=before,
            after=after,
            unit="points" if is_hhi else "%",
            evidence=cites,
        )
        (concentration if is_hhi else shares).append(item)
    return tuple(shares), tuple(concentration)


def _inputs(data: Mapping[str, Any], index: EvidenceIndex) -> tuple[InputRow, ...]:
    scenario = section(data, "scenario")
    rows: list[InputRow] = []
    for accord in _list(scenario.get("accords")):
        bloc = str(accord.get("bloc", "?"))
        members = ", ".join(str(m) for m in accord.get("members") or [])
        member_cites = tuple(
            i for m in accord.get("members") or [] for i in index.membership.get(str(m), [])
        )
        rows.append(InputRow(f"{bloc} members before the scenario", members, member_cites))
        for acc in _list(accord.get("accessions")):
            country = str(acc.get("country", "?"))
            text = f"{country} from {acc.get('date', '?')}"
            if acc.get("note"):
                text += f" ({acc['note']})"
            rows.append(
                InputRow(f"{bloc} accession", text, tuple(index.membership.get(country, [])))
            )
        effect = section(accord, "effect")
        coefficient, se = number(effect.get("coefficient")), number(effect.get("se"))
        if coefficient is not None:
            shown = f"{fmt(coefficient, 3)}" + (f" (s.e. {fmt(se, 3)})" if se is not None else "")
            rows.append(InputRow(f"{bloc} trade-cost effect", shown, tuple(index.general[:1])))
    sigma = number(scenario.get("sigma"))
    if sigma is not None:
        rows.append(
            InputRow("elasticity of substitution σ", fmt(sigma, 1), tuple(index.general[1:2]))
        )
    run = section(data, "run")
    if run:
        rows.append(
            InputRow(
                "Monte Carlo draws",
                f"{run.get('draws_completed', 0)} of {run.get('draws_requested', 0)} "
                f"(seed {run.get('seed')}, {run.get('executor')}); solver {run.get('method')}, "
                f"{fmt(number(run.get('seconds')), 1)} s",
            )
        )
    baseline = section(data, "baseline")
    if baseline:
        observed = number(baseline.get("observed_share"))
        rows.append(
            InputRow(
                "baseline",
                f"{baseline.get('source')} {baseline.get('year')}, {baseline.get('countries')} "
                f"countries, {fmt(observed * 100 if observed is not None else None, 1)} % of "
                "trade observed",
                tuple(index.partner_shares),
            )
        )
    convention = section(data, "convention")
    if convention.get("formula"):
        rows.append(InputRow("percent change", str(convention["formula"])))
    return tuple(rows)


def _minerals(data: Mapping[str, Any], index: EvidenceIndex) -> tuple[DependencyRow, ...]:
    rows = []
    for row in _list(data.get("minerals")):
        before, after = number(row.get("share_before")), number(row.get("share_after"))
        if before is None or after is None:
            continue
        ident = index.add(
            {
                "input": f"{row.get('mineral')} output {row.get('year')} ({row.get('unit')})",
                "source": row.get("source"),
                "source_url": row.get("source_url"),
                "as_of": row.get("year"),
            }
        )
        rows.append(
            DependencyRow(
                country=str(row.get("group", "?")),
                partner=f"{row.get('mineral')} share of world output",
                before=before * 100,
                after=after * 100,
                unit="%",
                evidence=(ident,) if ident else (),
            )
        )
    return tuple(rows)


def _reference_ids(
    row: Mapping[str, Any], claim: Mapping[str, Any], index: EvidenceIndex
) -> tuple[str, ...]:
    """Evidence ids of a checked claim's reference values (each with its source and date)."""
    ids = []
    for ref in _list(row.get("references")):
        subject = " – ".join(str(s) for s in (ref.get("subject"), ref.get("object")) if s)
        ident = index.add(
            {
                "input": f"{subject} {claim.get('predicate') or ''}".strip(),
                "value": ref.get("value"),
                "unit": ref.get("unit"),
                "source": ref.get("source"),
                "source_url": ref.get("source_url"),
                "as_of": ref.get("as_of"),
                "note": ref.get("note"),
            }
        )
        if ident:
            ids.append(ident)
    return tuple(dict.fromkeys(ids))


def claim_rows(claims: Any, index: EvidenceIndex | None = None) -> tuple[ClaimRow, ...]:
    """Report rows from claim checks (``CheckReport.to_dict()['checks']`` or flat web rows);
    with ``index``, each claim's reference values join the evidence list and are cited."""
    found = []
    for row in _list(claims):
        claim = section(row, "claim") or row
        value = number(claim.get("value"))
        unit = str(claim.get("unit") or "")
        notes = row.get("notes") or []
        found.append(
            ClaimRow(
                text=str(claim.get("text") or ""),
                verdict=str(row.get("verdict") or "unverifiable"),
                value=f"{plain_number(value)} {unit}".strip() if value is not None else "",
                subjects=tuple(str(s) for s in claim.get("subjects") or ()),
                note="; ".join(str(n) for n in notes),
                evidence=_reference_ids(row, claim, index) if index is not None else (),
            )
        )
    return tuple(found)


def report_model(result: Any, *, routes: Sequence[Mapping[str, Any]] | None = None) -> ReportModel:
    """The :class:`ReportModel` of a scenario result; ``routes`` are corridor records to map."""
    from concord.report.model import RouteSummary

    data = as_dict(result)
    scenario = section(data, "scenario")
    index = EvidenceIndex(_list(data.get("evidence")))
    countries = _list(data.get("countries"))
    income, trade, spreads = _country_sections(countries, index)
    dependency, concentration = _dependency(_list(data.get("dependency")), index)
    minerals = _minerals(data, index)
    route_rows = []
    for record in routes if routes is not None else _list(data.get("routes")):
        cites = tuple(
            ident
            for source in record.get("sources") or ()
            if (ident := index.add({"input": "corridor leg data", "source": source}))
        )
        route_rows.append(
            RouteSummary(
                name=str(record.get("name") or record.get("corridor") or "route"),
                time_days=number(record.get("time_days")),
                cost_usd=number(record.get("cost_usd")),
                countries=tuple(str(c) for c in record.get("countries") or ()),
                geometry={
                    "name": str(
                        record.get("label")
                        or record.get("corridor")
                        or record.get("name")
                        or "route"
                    ),
                    "legs": [leg for leg in _list(record.get("legs")) if leg.get("lon")],
                    "nodes": _list(record.get("nodes")),
                },
                evidence=cites,
            )
        )
    focus = [str(c.get("country")) for c in countries if c.get("role") == "new_member"]
    return ReportModel(
        title=str(scenario.get("title") or scenario.get("name") or "Scenario"),
        question=question_text(data),
        answer=tuple(answer_lines(data)),
        description=str(scenario.get("description") or ""),
        income=income,
        trade=trade,
        pairs=_pairs(_list(data.get("pairs")), index),
        dependency=dependency,
        concentration=concentration + minerals,
        spreads=spreads,
        distributions=_distributions(data),
        routes=tuple(route_rows),
        claims=claim_rows(data.get("claims"), index),
        inputs=_inputs(data, index),
        evidence=tuple(index.items),
        notes=tuple(str(n) for n in data.get("warnings") or ()),
        highlight=tuple(focus),
    )


def _distributions(data: Mapping[str, Any]) -> tuple[Distribution, ...]:
    """Per-draw values when the result carries them: ``draws: {quantity: {country: [...]}}``."""
    draws = data.get("draws")
    names = {
        str(row.get("country")): f"{row.get('name') or row.get('country')} ({row.get('country')})"
        for row in _list(data.get("countries"))
    }
    found = []
    if isinstance(draws, Mapping):
        for quantity, by_country in draws.items():
            if not isinstance(by_country, Mapping):
                continue
            group = str(quantity).replace("_", " ")
            for country, values in by_country.items():
                numbers = tuple(v for v in (number(x) for x in values or ()) if v is not None)
                if numbers:
                    label = names.get(str(country), str(country))
                    found.append(Distribution(label=label, values=numbers, unit="%", group=group))
    return tuple(found)


__all__ = ["as_dict", "claim_rows", "report_model"]
