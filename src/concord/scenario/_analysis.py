"""Pure helpers of the runner: accord pairs, focus countries, bands, aggregates, dependency."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from concord.scenario.spec import Accord

GREAT_POWERS = ("USA", "RUS", "CHN")
DEPENDENCY_PARTNERS = ("USA", "RUS", "CHN", "EU")
#: GE quantity behind each reported quantity.
QUANTITIES = {"real_income": "real_gdp", "exports": "exports", "imports": "imports"}
Pair = tuple[str, str]


def accord_pairs(accord: Accord, members: Iterable[str]) -> set[Pair]:
    """Directed pairs that share the accord when ``members`` belong to it."""
    group = list(dict.fromkeys(members))
    if accord.pairs == "counterparty":
        cp = accord.counterparty
        if cp is None or cp not in group:
            return set()
        return {(a, b) for a in group for b in group if a != b and cp in (a, b)}
    return {(a, b) for a in group for b in group if a != b}


def new_pairs(accord: Accord) -> list[Pair]:
    """Pairs the accessions bring under the accord, sorted."""
    return sorted(accord_pairs(accord, accord.members_after) - accord_pairs(accord, accord.members))


def focus_countries(
    accords: Sequence[Accord], neighbours: dict[str, list[str]], available: set[str]
) -> list[tuple[str, str]]:
    """(country, role) in report order: new members, members, neighbours, great powers."""
    out: dict[str, str] = {}
    for accord in accords:
        for acc in accord.accessions:
            out.setdefault(acc.country, "new_member")
    for accord in accords:
        for iso in accord.members:
            out.setdefault(iso, "member")
    for iso in list(out):
        for nb in neighbours.get(iso, []):
            out.setdefault(nb, "neighbour")
    for iso in GREAT_POWERS:
        out.setdefault(iso, "great_power")
    return [(iso, role) for iso, role in out.items() if iso in available]


def to_ratio(pct: npt.NDArray[np.float64], convention: str) -> npt.NDArray[np.float64]:
    """Invert :func:`concord.ge.results.percent`: the CFL/BLN ratio behind a percent change."""
    if convention == "counterfactual_vs_baseline":
        return np.asarray(1.0 + pct / 100.0)
    return np.asarray(1.0 / (1.0 + pct / 100.0))


def to_pct(ratio: npt.NDArray[np.float64], convention: str) -> npt.NDArray[np.float64]:
    if convention == "counterfactual_vs_baseline":
        return np.asarray((ratio - 1.0) * 100.0)
    return np.asarray((1.0 / ratio - 1.0) * 100.0)


def band_rows(
    countries: Sequence[tuple[str, str, str]],
    index: dict[str, int],
    point: npt.NDArray[np.float64],
    draws: npt.NDArray[np.float64] | None,
    quantity_index: dict[str, int],
) -> list[dict[str, object]]:
    """Rows ``country, name, role, quantity, point, mean, sd, low, high`` for single countries.

    ``point`` is (Q, N) percent; ``draws`` (D, Q, N) percent or ``None``.
    """
    rows: list[dict[str, object]] = []
    for iso, name, role in countries:
        k = index[iso]
        for label, ge_name in QUANTITIES.items():
            q = quantity_index[ge_name]
            sample = None if draws is None else draws[:, q, k]
            rows.append(_band(iso, name, role, label, point=float(point[q, k]), sample=sample))
    return rows


def aggregate_rows(
    iso: str,
    name: str,
    members: Sequence[int],
    *,
    weights: dict[str, npt.NDArray[np.float64]],
    point: npt.NDArray[np.float64],
    draws: npt.NDArray[np.float64] | None,
    quantity_index: dict[str, int],
    convention: str,
) -> list[dict[str, object]]:
    """Bands of a group (EU-27): ratios averaged with baseline weights, per draw.

    ``weights[label]`` are the members' baseline exports, imports or output.
    """
    rows: list[dict[str, object]] = []
    idx = np.asarray(members, dtype=int)
    for label, ge_name in QUANTITIES.items():
        q = quantity_index[ge_name]
        w = weights[label][idx]
        w = w / w.sum()
        p = float(to_pct(np.asarray(to_ratio(point[q, idx], convention) @ w), convention))
        sample = None
        if draws is not None:
            sample = to_pct(to_ratio(draws[:, q][:, idx], convention) @ w, convention)
        rows.append(_band(iso, name, "great_power", label, point=p, sample=sample))
    return rows


def _band(
    iso: str,
    name: str,
    role: str,
    label: str,
    *,
    point: float,
    sample: npt.NDArray[np.float64] | None,
) -> dict[str, object]:
    row: dict[str, object] = {"country": iso, "name": name, "role": role, "quantity": label}
    row["point"] = point
    row["sample"] = sample  # per-draw values, popped by the runner into ScenarioResult.draws
    if sample is None or len(sample) == 0:
        row.update(mean=np.nan, sd=np.nan, low=np.nan, high=np.nan)
    else:
        row["mean"] = float(np.mean(sample))
        row["sd"] = float(np.std(sample, ddof=1)) if len(sample) > 1 else 0.0
        row["low"], row["high"] = (float(v) for v in np.percentile(sample, [2.5, 97.5]))
    return row


def dependency(
    countries: Sequence[str],
    codes: Sequence[str],
    before: npt.NDArray[np.float64],
    after: npt.NDArray[np.float64],
    eu: Sequence[str],
) -> pd.DataFrame:
    """Trade shares (exports + imports) with USA, RUS, CHN and the EU-27, and partner HHI.

    Shares are percent of the country's international trade; HHI sums squared percent shares
    over single partner countries (0-10,000 points).
    """
    index = {c: k for k, c in enumerate(codes)}
    eu_idx = [index[c] for c in eu if c in index]
    rows: list[dict[str, object]] = []
    for iso in countries:
        k = index[iso]
        shares = {}
        for label, matrix in (("before", before), ("after", after)):
            both = matrix[k, :] + matrix[:, k]
            both[k] = 0.0
            total = both.sum()
            pct = both / total * 100 if total > 0 else np.zeros_like(both)
            shares[label] = pct
        for partner in DEPENDENCY_PARTNERS:
            cols = eu_idx if partner == "EU" else [index[partner]] if partner in index else []
            if iso == partner or (partner == "EU" and k in eu_idx) or not cols:
                continue
            b, a = (float(shares[x][cols].sum()) for x in ("before", "after"))
            rows.append(_dep(iso, partner, b, a))
        hhi_b, hhi_a = (float((shares[x] ** 2).sum()) for x in ("before", "after"))
        rows.append(_dep(iso, "HHI", hhi_b, hhi_a))
    return pd.DataFrame(
        rows, columns=["country", "partner", "share_before", "share_after", "change_pp"]
    )


def _dep(iso: str, partner: str, before: float, after: float) -> dict[str, object]:
    return {
        "country": iso,
        "partner": partner,
        "share_before": before,
        "share_after": after,
        "change_pp": after - before,
    }
