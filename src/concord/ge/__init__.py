"""General-equilibrium counterfactuals with structural gravity (Yotov et al. 2016, ch. 2).

Concord's own GE engine: solved in logs (exact hat algebra), positive by construction, no
rescaling knobs; a solve that does not converge raises :class:`concord.errors.ConvergenceError`
with diagnostics and never returns an unconverged answer.

Vocabulary and shapes
---------------------
- N countries, ISO3-like codes, in ``baseline.countries`` order. Matrices are ``(N, N)`` numpy
  arrays, rows = exporter ``i``, columns = importer ``j``; the diagonal holds domestic flows.
- "log cost" is ``ln t_ij^(1-sigma)``: the trade-cost term of structural gravity, i.e. the linear
  predictor of a PPML gravity fit without its fixed effects (``sum_k beta_k x_ij^k`` plus an
  optional fixed offset such as estimated pair effects). A shock is a change ``delta`` in it:
  ``t'^(1-sigma) = t^(1-sigma) * exp(delta)``; an agreement with coefficient ``beta > 0`` adds
  ``+beta`` on its member pairs.

Baseline
--------
``Baseline`` (frozen): ``countries``, ``trade`` (N, N, >= 0), ``sigma`` (> 1), ``reference``
(numeraire: its inward resistance P is 1 in every scenario), ``cost_variables``
(name -> (N, N) array), ``coefficients`` (:class:`CostCoefficients`: names, mean, covariance),
``log_cost_offset`` (N, N). Properties: ``output``, ``expenditure``, ``deficit``, ``log_cost``.

- ``Baseline.from_frame(df, *, sigma, reference, exporter="exporter", importer="importer",
  value="value", cost_variables=(), coefficients=None, covariance=None,
  log_cost_offset=None, flows="observed" | "fitted")``: one row per (exporter, importer) pair,
  domestic rows included. ``flows="fitted"`` replaces observed flows by the structural-gravity
  fit (exporter and importer fixed effects with the cost term as offset, which is what the book's
  PPML does; computed exactly by biproportional scaling), as Stata does in the book.
- ``Baseline.from_fit(fit, data, *, sigma, reference, year=None, log_cost_offset=None)``: the
  same from a :class:`concord.gravity.GravityFit` (coefficients and covariance from the fit,
  regressors rebuilt from ``data``: ``log(col)`` terms, the ``intl_brdr`` dummy).

Shocks (what the scenario runner builds)
----------------------------------------
``Shock`` (frozen) holds two tables, both optional:

- ``deltas``: DataFrame ``exporter, importer, delta`` -- a fixed change of the log cost;
- ``variable_changes``: DataFrame ``exporter, importer, variable, change`` -- a change in a cost
  variable of the baseline, multiplied by that variable's coefficient (so Monte Carlo draws of the
  coefficient move the shock too).

Constructors: ``Shock.from_frame(df)`` (columns ``exporter, importer, delta``),
``pair_shock(pairs, delta)``, ``accession_shock(new_members, *, bloc=(), beta=None,
variable=None)`` (all directed pairs among ``new_members | bloc`` with at least one new member;
``beta`` gives a fixed delta, ``variable`` names a cost variable whose coefficient is used),
``set_variable_shock(baseline, variable, value=0.0, pairs=None)`` (e.g. remove all borders, or
NAFTA: ``rta = 0`` on the six NAFTA pairs). Shocks add with ``+``. A shock naming a country
that is not in the baseline raises :class:`concord.errors.UnknownEntityError`.
``shock.log_cost_change(baseline, coefficients=None)`` gives the (N, N) delta;
``shock.compile(baseline)`` resolves it once (``CompiledShock.delta(coefficients)``), which is
what Monte Carlo uses. The text syntax of the CLI (``CAN>USA=0.5``, ``join:KAZ+ISR,ARE=@rta``,
``set:INTL_BRDR=0``) and the baseline file format are in :mod:`concord.ge.io`.

Solving
-------
``simulate(baseline, shock, *, method="hat" | "geppml", tol=..., max_iter=...) -> GEResult``
computes the conditional GE (resistances only, output and expenditure fixed) and the
full-endowment GE (factory-gate prices, output, expenditure, resistances).

- ``method="hat"`` (default): exact hat algebra on the baseline flows; the conditional GE by
  biproportional scaling, the full GE by damped Newton on log factory-gate prices with the exact
  Jacobian; converged when the max log residual of market clearing is below ``tol`` (1e-10).
  69 countries solve in about a millisecond, 200 in milliseconds to a tenth of a second.
- ``method="geppml"``: the book's procedure, line by line from its do-files (PPML re-estimated
  with the counterfactual cost offset, prices iterated, stopping when the sd and max of the
  change in price updates are below ``tol``, 0.01 in the book). With the book's baseline it
  reproduces the published Stata results to 1e-4 pp.

Expenditure follows the book: ``E_i = phi_i Y_i`` with ``phi`` fixed at its baseline value; the
hat solver scales all ``E_i`` by one common factor so that world expenditure equals world output
(the book's loop leaves that adding-up open and stops early, which is why the two methods differ
by up to 0.6 pp of real GDP on "trade without borders" and 0.04 pp on NAFTA).
Use ``flows="fitted"`` baselines to reproduce the book (it solves on PPML-fitted flows).

Results
-------
``GEResult`` (frozen): per country ``exports`` (international, as in the book), ``imports``,
``output``, ``expenditure``, ``factory_gate_price``, ``inward_resistance`` (P),
``outward_resistance`` (Pi), ``real_gdp`` (Y/P), ``terms_of_trade`` (p/P), ``welfare`` (E/P), in
baseline, conditional and full scenario; per pair trade. ``result.changes(convention=...)``
returns percent changes with the sign convention named explicitly:

- ``"counterfactual_vs_baseline"`` (default): (CFL - BLN) / BLN * 100 (book ch. 2 app. 1);
- ``"baseline_vs_counterfactual"``: (BLN - CFL) / CFL * 100, the book's "effect of the
  agreement existing" used for NAFTA (ch. 2 app. 2) when the counterfactual removes it.

``.to_frame(convention=...)``, ``.pairs_frame()``, ``.to_dict()``, ``.summary()``.
Note: the book's NAFTA do-file writes its factory-gate price column as (BLN - CFL) / BLN * 100
(divided by the baseline, unlike its other columns); Concord applies one convention to all.

Monte Carlo
-----------
``monte_carlo(baseline, shock, *, draws, seed, executor=None, method="hat") -> MonteCarloResult``
draws all coefficient vectors up front from ``N(mean, covariance)`` with
``numpy.random.default_rng(seed)``, re-solves each draw through :mod:`concord.parallel`
(local processes by default, a Dask cluster when ``executor="tcp://host:8786"``) and reports
mean, sd and percentiles per country and result; same seed, same numbers, whatever the executor.
"""

from __future__ import annotations

from concord.ge.baseline import Baseline, CostCoefficients
from concord.ge.montecarlo import MonteCarloResult, monte_carlo
from concord.ge.results import CHANGE_COLUMNS, CONVENTIONS, Convention, GEResult
from concord.ge.shock import Shock, accession_shock, pair_shock, set_variable_shock
from concord.ge.solve import Method, simulate

__all__ = [
    "CHANGE_COLUMNS",
    "CONVENTIONS",
    "Baseline",
    "Convention",
    "CostCoefficients",
    "GEResult",
    "Method",
    "MonteCarloResult",
    "Shock",
    "accession_shock",
    "monte_carlo",
    "pair_shock",
    "set_variable_shock",
    "simulate",
]
