"""The world trade baseline: an N x N matrix of flows (domestic on the diagonal) with provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from concord.baseline.ras import Reconciliation

#: Cell flags (``WorldBaseline.flags``) and their labels in ``to_frame()``.
FLAG_LABELS: dict[int, str] = {
    0: "imputed",  # gravity prior balanced by RAS
    1: "observed_exporter",  # exporter's top-partner share x its exports
    2: "observed_importer",  # importer's top-partner share x its imports
    3: "observed_both",  # mean of the two reports
    4: "domestic",  # domestic sales from the gross-output proxy
    5: "reported",  # an imported data set's value (BACI / ITPD-E)
    6: "observed_curated",  # a curated bilateral turnover of the evidence base (anchors.py)
}
OBSERVED_FLAGS = (1, 2, 3, 5, 6)


@dataclass(frozen=True, slots=True)
class WorldBaseline:
    """A balanced world trade matrix for one year.

    - ``countries``: ISO3 codes, the order of rows (exporters) and columns (importers);
    - ``flows``: (N, N) USD, ``flows[i, j]`` from ``i`` to ``j``; the diagonal holds domestic sales;
    - ``flags``: (N, N) int codes, see :data:`FLAG_LABELS`; ``scaled``: (N, N) bool, an observed
      cell scaled down because the reports exceeded a country's total;
    - ``export_targets`` / ``import_targets``: the country totals (after reconciliation) the
      international rows and columns are balanced to;
    - ``quality``: one row per country (columns documented in :mod:`concord.baseline.factbook`);
    - ``missing``: countries left out, each with the reason (never dropped silently);
    - ``method``: the steps, in words; ``sources``: what each input is and where it comes from;
    - ``anchors``: one row per cell anchored to a curated turnover (columns
      :data:`concord.baseline.anchors.ANCHOR_COLUMNS`); ``notes``: sentences a reader must see
      (how each anchor was transformed, year mismatches, facts left out).
    """

    year: int
    source: str
    countries: tuple[str, ...]
    flows: npt.NDArray[np.float64]
    flags: npt.NDArray[np.int8]
    scaled: npt.NDArray[np.bool_]
    export_targets: npt.NDArray[np.float64]
    import_targets: npt.NDArray[np.float64]
    quality: pd.DataFrame
    missing: tuple[tuple[str, str], ...]
    reconciliation: Reconciliation | None
    method: tuple[str, ...] = ()
    sources: tuple[dict[str, str], ...] = ()
    parameters: dict[str, Any] = field(default_factory=dict)
    anchors: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return len(self.countries)

    def index(self, iso3: str) -> int:
        return self.countries.index(iso3)

    def international(self) -> npt.NDArray[np.float64]:
        """Flows with the diagonal set to zero."""
        out = self.flows.copy()
        np.fill_diagonal(out, 0.0)
        return out

    def exports(self) -> npt.NDArray[np.float64]:
        return self.international().sum(axis=1)

    def imports(self) -> npt.NDArray[np.float64]:
        return self.international().sum(axis=0)

    def total_errors(self) -> tuple[float, float]:
        """Largest relative gap (%) of international row sums to exports and columns to imports."""
        ex = _rel_gap(self.exports(), self.export_targets)
        im = _rel_gap(self.imports(), self.import_targets)
        return ex, im

    def observed_share(self) -> float:
        """Share of international trade value in cells flagged observed."""
        inter = self.international()
        observed = np.isin(self.flags, OBSERVED_FLAGS)
        total = inter.sum()
        return float(inter[observed].sum() / total) if total > 0 else 0.0

    def to_frame(self) -> pd.DataFrame:
        """Long table: exporter, importer, value_usd, flag (label), scaled."""
        n = self.n
        exp = np.repeat(np.array(self.countries, dtype=object), n)
        imp = np.tile(np.array(self.countries, dtype=object), n)
        flags = pd.Series(self.flags.ravel()).map(FLAG_LABELS)
        return pd.DataFrame(
            {
                "exporter": exp,
                "importer": imp,
                "value_usd": self.flows.ravel(),
                "flag": flags.to_numpy(),
                "scaled": self.scaled.ravel(),
            }
        )

    def summary(self) -> str:
        ex, im = self.total_errors()
        lines = [
            f"World trade baseline {self.year} ({self.source}): {self.n} countries, "
            f"world exports {self.export_targets.sum() / 1e12:.2f} tn USD",
            f"observed cells carry {self.observed_share() * 100:.1f} % of international trade",
            f"largest gap to totals: exports {ex:.4f} %, imports {im:.4f} %",
            f"countries left out: {len(self.missing)}",
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (not the full matrix): totals, quality, missing, method, sources,
        anchors and notes."""
        ex, im = self.total_errors()
        return {
            "year": self.year,
            "source": self.source,
            "countries": list(self.countries),
            "max_export_gap_pct": ex,
            "max_import_gap_pct": im,
            "observed_share": self.observed_share(),
            "reconciliation": self.reconciliation.to_dict() if self.reconciliation else None,
            "missing": [{"country": c, "reason": r} for c, r in self.missing],
            "method": list(self.method),
            "sources": list(self.sources),
            "parameters": dict(self.parameters),
            "quality": _records(self.quality),
            "anchors": _records(self.anchors),
            "notes": list(self.notes),
        }


def _rel_gap(actual: npt.NDArray[np.float64], target: npt.NDArray[np.float64]) -> float:
    mask = target > 0
    if not mask.any():
        return 0.0
    return float(np.max(np.abs(actual[mask] - target[mask]) / target[mask]) * 100)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for row in frame.to_dict(orient="records"):
        out.append({str(k): _plain(v) for k, v in row.items()})
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value
