"""File-based baselines and the text syntax of shocks (used by ``concord ge simulate``).

Baseline file
-------------
A CSV with one row per ordered pair, domestic pairs included:

``exporter,importer,value[,<cost variable>...][,log_cost_offset]``

Settings come from a TOML file next to it (``world.csv`` -> ``world.toml``, or ``meta=``), and
keyword arguments override them::

    sigma = 7
    reference = "DEU"
    flows = "fitted"            # or "observed" (default)
    [coefficients]              # ln t^(1-sigma) = offset + sum of coefficient * column
    ln_DIST = -0.7913
    INTL_BRDR = -2.4745
    [std_errors]                # optional; or covariance = [[...]] in coefficient order
    ln_DIST = 0.0501

Columns with a coefficient are cost variables; a ``log_cost_offset`` column is a fixed part.

Shock syntax
------------
``parse_shock(text, baseline)``; several shocks add up.

- ``CAN>USA=-0.5``: fixed change of ``ln t^(1-sigma)`` on one directed pair;
- ``CAN-USA=-0.5``: the same on both directions;
- ``join:KAZ=0.5`` or ``join:KAZ,UZB+ISR,ARE,BHR,MAR=@rta``: accession of the countries before
  ``+`` to the bloc after it, with a fixed coefficient or ``@variable`` (its estimated
  coefficient, drawn in Monte Carlo);
- ``set:INTL_BRDR=0``: set a cost variable on all pairs; ``set:rta=0@CAN-USA,CAN-MEX,MEX-USA``
  on the listed pairs (``A-B`` both directions, ``A>B`` one);
- ``file:shock.csv``: a table with columns ``exporter,importer,delta``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from concord.errors import InputError
from concord.ge.baseline import Baseline, Flows
from concord.ge.shock import Shock, accession_shock, pair_shock, set_variable_shock

OFFSET_COLUMN = "log_cost_offset"


def read_baseline(
    path: str | Path,
    *,
    meta: str | Path | None = None,
    sigma: float | None = None,
    reference: str | None = None,
    flows: str | None = None,
    coefficients: Mapping[str, float] | None = None,
    std_errors: Mapping[str, float] | None = None,
) -> Baseline:
    """Read a baseline CSV and its settings (see the module docstring)."""
    csv = Path(path)
    if not csv.is_file():
        raise InputError(f"{csv}: no such baseline file")
    settings = _read_meta(Path(meta) if meta else csv.with_suffix(".toml"), explicit=bool(meta))
    frame = pd.read_csv(csv)
    coefs = dict(settings.get("coefficients", {}))
    coefs.update(coefficients or {})
    ses = dict(settings.get("std_errors", {}))
    ses.update(std_errors or {})
    sig = sigma if sigma is not None else settings.get("sigma")
    ref = reference or settings.get("reference")
    if sig is None or ref is None:
        raise InputError("the baseline needs sigma and reference (in its .toml or as options)")
    names = list(coefs)
    covariance: Any = settings.get("covariance")
    if covariance is None and ses:
        missing = [n for n in names if n not in ses]
        if missing:
            raise InputError(f"std_errors lack {', '.join(missing)}")
        covariance = np.diag([float(ses[n]) ** 2 for n in names])
    return Baseline.from_frame(
        frame,
        sigma=float(sig),
        reference=str(ref),
        cost_variables=names,
        coefficients={k: float(v) for k, v in coefs.items()},
        covariance=covariance,
        log_cost_offset=OFFSET_COLUMN if OFFSET_COLUMN in frame.columns else None,
        flows=_flows(flows or settings.get("flows", "observed")),
    )


def _flows(value: Any) -> Flows:
    if value == "fitted":
        return "fitted"
    if value == "observed":
        return "observed"
    raise InputError(f"flows must be 'observed' or 'fitted', got {value!r}")


def _read_meta(path: Path, *, explicit: bool) -> dict[str, Any]:
    if not path.is_file():
        if explicit:
            raise InputError(f"{path}: no such settings file")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None


def parse_shock(text: str, baseline: Baseline) -> Shock:
    """One shock from its text form (see the module docstring)."""
    spec = text.strip()
    kind, _, body = spec.partition(":") if ":" in spec.split("=")[0] else ("pair", "", spec)
    if kind == "file":
        if not Path(body).is_file():
            raise InputError(f"shock {text!r}: no such file {body!r}")
        return Shock.from_frame(pd.read_csv(body), label=Path(body).stem)
    if "=" not in body:
        raise InputError(f"shock {text!r}: expected '...=value'")
    left, _, right = body.rpartition("=")
    if kind == "pair":
        return pair_shock(
            [_pair(left, text)], _number(right, text), symmetric="-" in left, label=spec
        )
    if kind == "join":
        new, _, bloc = left.partition("+")
        members = [c.strip() for c in new.split(",") if c.strip()]
        others = [c.strip() for c in bloc.split(",") if c.strip()]
        if right.startswith("@"):
            return accession_shock(members, bloc=others, variable=right[1:], label=spec)
        return accession_shock(members, bloc=others, beta=_number(right, text), label=spec)
    if kind == "set":
        variable = left
        value, _, pair_text = right.partition("@")
        pairs = [_pair(p, text) for p in pair_text.split(",") if p.strip()] or None
        symmetric = "-" in pair_text
        return set_variable_shock(
            baseline,
            variable.strip(),
            _number(value, text),
            pairs=pairs,
            symmetric=symmetric,
            label=spec,
        )
    raise InputError(f"shock {text!r}: unknown kind {kind!r} (use pair, join:, set: or file:)")


def parse_shocks(texts: list[str], baseline: Baseline) -> Shock:
    """Several shocks, added up."""
    if not texts:
        raise InputError("give at least one --shock")
    shocks = [parse_shock(t, baseline) for t in texts]
    total = shocks[0]
    for extra in shocks[1:]:
        total = total + extra
    return total


def _pair(text: str, whole: str) -> tuple[str, str]:
    sep = ">" if ">" in text else "-"
    parts = [p.strip() for p in text.split(sep)]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"shock {whole!r}: a pair is written A>B or A-B, got {text!r}")
    return parts[0], parts[1]


def _number(text: str, whole: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"shock {whole!r}: {text!r} is not a number") from None
