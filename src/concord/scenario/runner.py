"""Run a scenario: baseline -> accord cost shock -> GE solve and Monte Carlo -> ScenarioResult.

The accord enters the GE model as a cost variable per accord (1 on the directed pairs that share
it) whose coefficient is the accord's effect on log trade (PPML, so ``t^(1-sigma)`` is multiplied
by ``exp(beta)``) with variance ``se**2``. Ex ante, the accessions' new pairs go from 0 to 1;
ex post the baseline already holds the accord and the counterfactual removes it, and changes are
reported as the effect of the accord existing. The Monte Carlo draws the coefficients from
N(beta, diag(se**2)) and re-solves the full-endowment GE for each draw (:mod:`concord.ge`).
The numeraire (reference) is the United States; real changes do not depend on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from concord.baseline import WorldBaseline
from concord.baseline.world import FLAG_LABELS
from concord.errors import InputError, ValidationError
from concord.scenario import _analysis as an
from concord.scenario._evidence import Context, collect_context, evidence, warnings_for
from concord.scenario.result import ScenarioResult
from concord.scenario.spec import Accord, Effect, Scenario

#: ``progress(stage, done, total)``: stages "baseline", "solve", "monte carlo", "report".
Progress = Callable[[str, int, int], None]
REFERENCE = "USA"
#: Quantities whose per-draw values the result keeps (``ScenarioResult.draws``).
DRAW_QUANTITIES = ("real_income", "exports")


def load_baseline(spec: Scenario) -> WorldBaseline:
    """The world baseline the scenario names (the embedded Factbook matrix by default)."""
    if spec.baseline.kind == "factbook":
        from concord.baseline import build_factbook_baseline

        return build_factbook_baseline(spec.year)
    from concord.baseline.flows import baseline_from_file

    if spec.baseline.path is None:
        raise InputError(f"[baseline] source {spec.baseline.kind} needs path = 'file'")
    return baseline_from_file(spec.baseline.kind, spec.baseline.path, year=spec.year)


def run_scenario(
    spec: Scenario,
    *,
    world: WorldBaseline | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ScenarioResult:
    """Run ``spec`` and return its frozen :class:`ScenarioResult` (see that module's keys)."""
    from concord import ge

    started = time.perf_counter()
    tick = progress or (lambda stage, done, total: None)
    tick("baseline", 0, 1)
    world = world if world is not None else load_baseline(spec)
    _check_coverage(spec, world)
    effects = [_resolve_effect(accord.effect) for accord in spec.accords]
    context = collect_context(spec, world)
    tick("baseline", 1, 1)
    names = [f"accord_{k + 1}_{a.bloc}" for k, a in enumerate(spec.accords)]
    gb, shock = _ge_inputs(spec, world, names, effects)
    convention: ge.Convention = (
        "counterfactual_vs_baseline" if spec.mode == "ex_ante" else "baseline_vs_counterfactual"
    )
    with _one_blas_thread():
        tick("solve", 0, 1)
        point = ge.simulate(gb, shock)
        tick("solve", 1, 1)
        draws, failed, executor = _monte_carlo(
            spec, gb, shock, convention=convention, tick=tick, workers=workers
        )
    changes = point.changes(convention)
    countries, samples = _country_table(
        spec, world, context, point=point, changes=changes, draws=draws, convention=convention
    )
    pairs = _pairs(spec, world, point, convention)
    focus_new = [a.country for accord in spec.accords for a in accord.accessions]
    # before/after in time: ex post, "before" is the world without the accord
    with_accord, without = world.international(), _international(point.full.trade)
    before, after = (with_accord, without) if spec.mode == "ex_ante" else (without, with_accord)
    dependency = an.dependency(focus_new, world.countries, before, after, context.eu)
    minerals = _minerals(spec)
    claims = _claims(spec)
    tick("report", 1, 1)
    levels = _levels(world, context.eu)
    return ScenarioResult(
        scenario=_spec_dict(spec, effects),
        convention={"name": convention, "formula": ge.CONVENTIONS[convention]},
        countries=countries,
        levels=levels,
        pairs=pairs,
        dependency=dependency,
        baseline=_baseline_dict(world, [c for c in countries["country"].unique()]),
        evidence=tuple(evidence(spec, world, context, effects)),
        run={
            "seconds": round(time.perf_counter() - started, 3),
            "method": point.method,
            "reference": REFERENCE,
            "draws_requested": spec.draws,
            "draws_completed": 0 if draws is None else len(draws),
            "draws_failed": failed,
            "executor": executor,
            "seed": spec.seed,
            "solver": {k: an_plain(v) for k, v in point.diagnostics.items()},
        },
        minerals=minerals,
        warnings=tuple(warnings_for(spec, world, context)),
        ge_changes=changes,
        draws=samples,
        claims=claims,
    )


def _one_blas_thread() -> Any:
    """Limit BLAS to one thread here and in forked workers.

    The GE solves are many small dense problems; multi-threaded BLAS on top of one worker
    process per core oversubscribes the machine (measured: 4x slower Monte Carlo on 2 cores).
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _monte_carlo(
    spec: Scenario, gb: Any, shock: Any, *, convention: Any, tick: Progress, workers: int | None
) -> tuple[np.ndarray | None, int, str]:
    """Draws (D, Q, N) in percent, failed count, executor description; none when draws = 0."""
    from concord import ge

    if spec.draws == 0:
        return None, 0, "none"
    mc = ge.monte_carlo(
        gb,
        shock,
        draws=spec.draws,
        seed=spec.seed,
        executor=spec.executor,
        workers=workers,
        convention=convention,
        progress=lambda done, total: tick("monte carlo", done, total),
    )
    return mc.draws, mc.failed, mc.executor


def an_plain(value: Any) -> Any:
    from concord.scenario.result import plain

    return plain(value)


def _check_coverage(spec: Scenario, world: WorldBaseline) -> None:
    missing = dict(world.missing)
    problems = [
        f"{iso} is not in the {world.source} baseline ({missing.get(iso, 'no data')})"
        for iso in spec.countries
        if iso not in world.countries
    ]
    if REFERENCE not in world.countries:
        problems.append(f"the reference country {REFERENCE} is not in the baseline")
    if problems:
        raise ValidationError(f"scenario {spec.name}", problems)


def _resolve_effect(effect: Effect) -> Effect:
    if effect.kind != "estimated":
        return effect
    from concord.scenario._estimate import estimate_effect

    return estimate_effect(effect)


def _ge_inputs(
    spec: Scenario, world: WorldBaseline, names: list[str], effects: list[Effect]
) -> tuple[Any, Any]:
    from concord import ge

    frame = world.to_frame()[["exporter", "importer", "value_usd"]].copy()
    index = {c: k for k, c in enumerate(world.countries)}
    changes = []
    for name, accord in zip(names, spec.accords, strict=True):
        in_base = an.accord_pairs(accord, accord.members)
        added = an.new_pairs(accord)
        if spec.mode == "ex_post":
            in_base = in_base | set(added)
        var = np.zeros((world.n, world.n))
        for a, b in in_base:
            var[index[a], index[b]] = 1.0
        frame[name] = var.ravel()
        sign = 1.0 if spec.mode == "ex_ante" else -1.0
        changes += [(a, b, name, sign) for a, b in added]
    coefs = {n: float(e.coefficient or 0.0) for n, e in zip(names, effects, strict=True)}
    cov = np.diag([float(e.se or 0.0) ** 2 for e in effects])
    gb = ge.Baseline.from_frame(
        frame,
        sigma=spec.sigma,
        reference=REFERENCE,
        value="value_usd",
        cost_variables=names,
        coefficients=coefs,
        covariance=cov,
        flows="observed",
    )
    table = pd.DataFrame(changes, columns=["exporter", "importer", "variable", "change"])
    return gb, ge.Shock(variable_changes=table, label=spec.title)


def _levels(world: WorldBaseline, eu: tuple[str, ...]) -> pd.DataFrame:
    """Baseline international exports and imports per country, plus the EU-27 as a sum."""
    frame = pd.DataFrame(
        {
            "country": list(world.countries),
            "exports_usd": world.exports(),
            "imports_usd": world.imports(),
        }
    )
    members = frame[frame["country"].isin(eu)]
    if len(members):
        total = {
            "country": "EU",
            "exports_usd": members["exports_usd"].sum(),
            "imports_usd": members["imports_usd"].sum(),
        }
        frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    return frame


def _international(trade: np.ndarray) -> np.ndarray:
    out = np.array(trade, dtype=float)
    np.fill_diagonal(out, 0.0)
    return out


def _country_table(
    spec: Scenario,
    world: WorldBaseline,
    context: Context,
    *,
    point: Any,
    changes: pd.DataFrame,
    draws: np.ndarray | None,
    convention: str,
) -> tuple[pd.DataFrame, dict[str, dict[str, tuple[float, ...]]]]:
    """Band rows of the focus countries, and their per-draw values of ``DRAW_QUANTITIES``."""
    from concord.ge import CHANGE_COLUMNS

    qidx = {q: k for k, q in enumerate(CHANGE_COLUMNS)}
    pct = changes[list(CHANGE_COLUMNS)].to_numpy().T  # (Q, N)
    index = {c: k for k, c in enumerate(world.countries)}
    focus = an.focus_countries(spec.accords, context.neighbours, set(world.countries))
    rows = an.band_rows(
        [(iso, context.names.get(iso, iso), role) for iso, role in focus], index, pct, draws, qidx
    )
    eu_idx = [index[c] for c in context.eu if c in index]
    if eu_idx:
        base = point.baseline_trade
        weights = {
            "exports": base.sum(axis=1) - np.diag(base),
            "imports": base.sum(axis=0) - np.diag(base),
            "real_income": base.sum(axis=1),
        }
        rows += an.aggregate_rows(
            "EU",
            "European Union (27)",
            eu_idx,
            weights=weights,
            point=pct,
            draws=draws,
            quantity_index=qidx,
            convention=convention,
        )
    frame = pd.DataFrame(rows)
    samples: dict[str, dict[str, tuple[float, ...]]] = {}
    for iso, quantity, sample in zip(
        frame["country"], frame["quantity"], frame.pop("sample"), strict=True
    ):
        if quantity in DRAW_QUANTITIES and sample is not None and len(sample):
            values = tuple(float(v) for v in np.asarray(sample, dtype=float))
            samples.setdefault(str(quantity), {})[str(iso)] = values
    return frame, samples


def _pairs(spec: Scenario, world: WorldBaseline, point: Any, convention: str) -> pd.DataFrame:
    frame = point.pairs_frame(convention)
    wanted = {pair for accord in spec.accords for pair in an.new_pairs(accord)}
    keys = list(zip(frame["exporter"], frame["importer"], strict=True))
    picked = frame[[k in wanted for k in keys]].copy()
    index = {c: k for k, c in enumerate(world.countries)}
    picked["flag"] = [
        FLAG_LABELS[int(world.flags[index[a], index[b]])]
        for a, b in zip(picked["exporter"], picked["importer"], strict=True)
    ]
    out = picked.rename(
        columns={
            "baseline": "baseline_usd",
            "full": "counterfactual_usd",
            "change_full": "change_pct",
        }
    )
    cols = ["exporter", "importer", "baseline_usd", "counterfactual_usd", "change_pct", "flag"]
    return out[cols].sort_values(["exporter", "importer"]).reset_index(drop=True)


def _minerals(spec: Scenario) -> pd.DataFrame | None:
    if not spec.minerals:
        return None
    from concord import minerals

    parts = []
    for accord in spec.accords:
        new = [a.country for a in accord.accessions]
        first = min(a.date for a in accord.accessions) if accord.accessions else None
        parts.append(
            minerals.alignment_shift(
                list(spec.minerals),
                accord.bloc,
                with_countries=["USA"],
                as_of=first.isoformat() if first else None,
                accessions=new,
                year=None,
            )
        )
    return pd.concat(parts, ignore_index=True)


def _claims(spec: Scenario) -> tuple[dict[str, Any], ...] | None:
    """Checks of the ``[claims]`` text against the evidence base (``kb.open()``), or ``None``."""
    if spec.claims is None:
        return None
    from concord.claims import check_text

    report = check_text(spec.claims.text, default_subject=spec.claims.subject)
    return tuple(check.to_dict() for check in report)


def _spec_dict(spec: Scenario, effects: list[Effect]) -> dict[str, Any]:
    return {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "year": spec.year,
        "mode": spec.mode,
        "sigma": spec.sigma,
        "draws": spec.draws,
        "seed": spec.seed,
        "executor": spec.executor,
        "minerals": list(spec.minerals),
        "baseline_source": spec.baseline.kind,
        "claims_source": None if spec.claims is None else spec.claims.source,
        "accords": [_accord_dict(a, e) for a, e in zip(spec.accords, effects, strict=True)],
    }


def _accord_dict(accord: Accord, effect: Effect) -> dict[str, Any]:
    return {
        "bloc": accord.bloc,
        "members": list(accord.members),
        "accessions": [
            {"country": a.country, "date": a.date.isoformat(), "note": a.note}
            for a in accord.accessions
        ],
        "effect": {
            "kind": effect.kind,
            "coefficient": effect.coefficient,
            "se": effect.se,
            "source": effect.source,
        },
        "pairs": accord.pairs,
        "counterparty": accord.counterparty,
        "founded": accord.founded.isoformat() if accord.founded else None,
    }


def _baseline_dict(world: WorldBaseline, focus: list[str]) -> dict[str, Any]:
    full = world.to_dict()
    quality = [row for row in full["quality"] if row["country"] in focus]
    return {
        "year": full["year"],
        "source": full["source"],
        "countries": len(world.countries),
        "observed_share": full["observed_share"],
        "max_export_gap_pct": full["max_export_gap_pct"],
        "max_import_gap_pct": full["max_import_gap_pct"],
        "reconciliation": full["reconciliation"],
        "method": full["method"],
        "sources": full["sources"],
        "missing": full["missing"],
        "quality": quality,
        "anchors": full["anchors"],
        "notes": full["notes"],
    }
