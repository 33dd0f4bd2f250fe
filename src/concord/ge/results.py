"""Frozen results of a GE counterfactual and their sign conventions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from concord.errors import InputError
from concord.ge._numerics import Stage

Convention = Literal["counterfactual_vs_baseline", "baseline_vs_counterfactual"]
CONVENTIONS: dict[str, str] = {
    "counterfactual_vs_baseline": "(CFL - BLN) / BLN * 100",
    "baseline_vs_counterfactual": "(BLN - CFL) / CFL * 100 (effect of what the shock removes)",
}

#: Percent-change columns of :meth:`GEResult.changes`, in order.
CHANGE_COLUMNS = (
    "exports_conditional",
    "exports",
    "imports_conditional",
    "imports",
    "output",
    "expenditure",
    "factory_gate_price",
    "inward_resistance_conditional",
    "inward_resistance",
    "outward_resistance_conditional",
    "outward_resistance",
    "real_gdp",
    "terms_of_trade",
    "welfare",
)


def percent(ratio: np.ndarray, convention: Convention) -> np.ndarray:
    """Percent change from a ratio CFL/BLN under the named convention."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if convention == "counterfactual_vs_baseline":
            return np.asarray((ratio - 1.0) * 100.0)
        if convention == "baseline_vs_counterfactual":
            return np.asarray((1.0 / ratio - 1.0) * 100.0)
    raise InputError(f"unknown convention {convention!r}; use one of {', '.join(CONVENTIONS)}")


def international(trade: np.ndarray, axis: int) -> np.ndarray:
    """Exports (axis=1) or imports (axis=0) without the domestic flow."""
    return np.asarray(trade.sum(axis=axis) - np.diag(trade))


@dataclass(frozen=True, slots=True)
class GEResult:
    """A solved counterfactual: baseline, conditional GE and full-endowment GE.

    ``conditional`` keeps output and expenditure fixed (resistances adjust); ``full`` lets
    factory-gate prices, output and expenditure adjust too. Ratios in the stages are relative to
    the baseline; the reference country's inward resistance is 1 throughout.
    """

    countries: tuple[str, ...]
    reference: str
    sigma: float
    method: str
    label: str
    baseline_trade: np.ndarray
    conditional: Stage
    full: Stage
    diagnostics: Mapping[str, Any] = field(default_factory=dict)

    def ratios(self) -> dict[str, np.ndarray]:
        """Quantity -> per-country ratio CFL/BLN (the basis of every percent change)."""
        base, cdl, full = self.baseline_trade, self.conditional, self.full
        exports0, imports0 = international(base, 1), international(base, 0)
        with np.errstate(divide="ignore", invalid="ignore"):  # no exports: NaN, not a warning
            return self._ratios(base, cdl, full, exports0, imports0)

    def _ratios(
        self,
        base: np.ndarray,
        cdl: Stage,
        full: Stage,
        exports0: np.ndarray,
        imports0: np.ndarray,
    ) -> dict[str, np.ndarray]:
        return {
            "exports_conditional": international(cdl.trade, 1) / exports0,
            "exports": international(full.trade, 1) / exports0,
            "imports_conditional": international(cdl.trade, 0) / imports0,
            "imports": international(full.trade, 0) / imports0,
            "output": full.output / base.sum(axis=1),
            "expenditure": full.expenditure / base.sum(axis=0),
            "factory_gate_price": full.price,
            "inward_resistance_conditional": cdl.inward,
            "inward_resistance": full.inward,
            "outward_resistance_conditional": cdl.outward,
            "outward_resistance": full.outward,
            "real_gdp": full.price / full.inward,
            "terms_of_trade": full.price / full.inward,
            "welfare": (full.expenditure / base.sum(axis=0)) / full.inward,
        }

    def changes(self, convention: Convention = "counterfactual_vs_baseline") -> pd.DataFrame:
        """Percent changes per country (index ``country``), sign convention as named."""
        ratios = self.ratios()
        frame = pd.DataFrame(
            {k: percent(ratios[k], convention) for k in CHANGE_COLUMNS},
            index=pd.Index(self.countries, name="country"),
        )
        frame.attrs["convention"] = convention
        return frame

    def levels(self) -> pd.DataFrame:
        """Baseline and counterfactual levels of trade aggregates per country."""
        base, full = self.baseline_trade, self.full
        return pd.DataFrame(
            {
                "exports_baseline": international(base, 1),
                "exports_conditional": international(self.conditional.trade, 1),
                "exports_full": international(full.trade, 1),
                "imports_baseline": international(base, 0),
                "imports_full": international(full.trade, 0),
                "output_baseline": base.sum(axis=1),
                "output_full": full.output,
                "expenditure_baseline": base.sum(axis=0),
                "expenditure_full": full.expenditure,
            },
            index=pd.Index(self.countries, name="country"),
        )

    def to_frame(self, convention: Convention = "counterfactual_vs_baseline") -> pd.DataFrame:
        """Percent changes (``convention``) joined with baseline output and exports."""
        frame = self.changes(convention)
        lv = self.levels()
        frame.insert(0, "exports_baseline", lv["exports_baseline"])
        frame.insert(0, "output_baseline", lv["output_baseline"])
        return frame

    def pairs_frame(self, convention: Convention = "counterfactual_vs_baseline") -> pd.DataFrame:
        """Per pair: exporter, importer, baseline, conditional, full, and percent changes."""
        n = len(self.countries)
        codes = np.array(self.countries, dtype=object)
        ex, im = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        base = self.baseline_trade.ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            cdl = self.conditional.trade.ravel() / base
            full = self.full.trade.ravel() / base
        return pd.DataFrame(
            {
                "exporter": codes[ex.ravel()],
                "importer": codes[im.ravel()],
                "baseline": base,
                "conditional": self.conditional.trade.ravel(),
                "full": self.full.trade.ravel(),
                "change_conditional": percent(cdl, convention),
                "change_full": percent(full, convention),
            }
        )

    def to_dict(self, convention: Convention = "counterfactual_vs_baseline") -> dict[str, Any]:
        """JSON-ready dictionary: settings, convention and one record per country."""
        frame = self.to_frame(convention).reset_index()
        return {
            "label": self.label,
            "method": self.method,
            "sigma": self.sigma,
            "reference": self.reference,
            "convention": convention,
            "convention_formula": CONVENTIONS[convention],
            "countries": frame.to_dict(orient="records"),
            "diagnostics": {k: _plain(v) for k, v in self.diagnostics.items()},
        }

    def summary(self, convention: Convention = "counterfactual_vs_baseline", top: int = 5) -> str:
        """A short text summary: the largest and smallest real-GDP changes."""
        ch = self.changes(convention).sort_values("real_gdp", ascending=False)
        cols = ["exports", "factory_gate_price", "inward_resistance", "real_gdp"]
        pick = ch.head(top) if len(ch) <= 2 * top else pd.concat([ch.head(top), ch.tail(top)])
        lines = [
            f"GE counterfactual: {self.label} ({self.method}, sigma={self.sigma:g}, "
            f"reference {self.reference}, {len(self.countries)} countries)",
            f"percent changes, {CONVENTIONS[convention]}",
            pick[cols].round(3).to_string(),
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value
