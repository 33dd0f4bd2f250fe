"""Synthetic worlds for the GE tests (a helper module with a unique name, not a conftest)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from concord.ge import Baseline


def random_world(n: int, seed: int, *, sigma: float = 5.0, flows: str = "fitted") -> Baseline:
    """A synthetic world: sizes, distances, borders and a random agreement dummy."""
    rng = np.random.default_rng(seed)
    codes = [f"C{k:02d}" for k in range(n)]
    xy = rng.uniform(0, 10, size=(n, 2))
    dist = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)) + 0.5
    border = 1.0 - np.eye(n)
    rta = np.triu((rng.uniform(size=(n, n)) < 0.2).astype(float), 1)
    rta = rta + rta.T
    size = rng.lognormal(0, 1, size=n)
    cost = -0.9 * np.log(dist) - 1.5 * border + 0.4 * rta
    trade = size[:, None] * size[None, :] * np.exp(cost) * rng.lognormal(0, 0.3, size=(n, n))
    ex, im = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    frame = pd.DataFrame(
        {
            "exporter": np.array(codes)[ex.ravel()],
            "importer": np.array(codes)[im.ravel()],
            "value": trade.ravel(),
            "ln_dist": np.log(dist).ravel(),
            "border": border.ravel(),
            "rta": rta.ravel(),
        }
    )
    coefs = {"ln_dist": -0.9, "border": -1.5, "rta": 0.4}
    return Baseline.from_frame(
        frame,
        sigma=sigma,
        reference=codes[0],
        cost_variables=list(coefs),
        coefficients=coefs,
        covariance=np.diag([0.05, 0.1, 0.08]) ** 2,
        flows=flows,  # type: ignore[arg-type]
    )
