"""Structural gravity estimation: PPML with high-dimensional fixed effects (pyfixest).

```python
from concord import gravity

fit = gravity.fit_ppml(panel, spec="pair-fe", cluster="pair")   # Stata ppml SE convention
fit.coefficients            # term, estimate, std_error, z, p, ci_low, ci_high
fit.total_effect(["rta", "rta_lag4"])
fit.fixed_effects()         # {"exporter_year": Series, "importer_year": Series, "pair": Series}
fit.dropped.describe()      # every dropped observation, counted by reason
fit.predict(panel.assign(rta=0))   # counterfactual flows with the estimated fixed effects
```

Covariates: ``read_geodist`` / ``read_geo_countries`` (CEPII GeoDist files) and
``kb_covariates`` (distance, contiguity, common language from the evidence base), merged into a
panel with ``add_geodist``.

Panel columns (names configurable): ``exporter``, ``importer``, ``year``, ``trade`` (>= 0), and
numeric covariates; intra-national flows are rows with ``exporter == importer``. pyfixest is
imported only when a model is fitted.
"""

from __future__ import annotations

from concord.gravity.covariates import kb_covariates
from concord.gravity.fit import DroppedObservationsWarning, fit_ppml, make_spec
from concord.gravity.geodist import add_geodist, read_geo_countries, read_geodist
from concord.gravity.result import DroppedObservations, GravityFit, TotalEffect
from concord.gravity.spec import SPEC_NAMES, GravitySpec

__all__ = [
    "SPEC_NAMES",
    "DroppedObservations",
    "DroppedObservationsWarning",
    "GravityFit",
    "GravitySpec",
    "TotalEffect",
    "add_geodist",
    "fit_ppml",
    "kb_covariates",
    "make_spec",
    "read_geo_countries",
    "read_geodist",
]
