"""Panel validation: every problem in one ValidationError, with row examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from concord.errors import InputError, ValidationError
from concord.gravity import DroppedObservationsWarning, fit_ppml, make_spec
from concord.gravity.panel import panel_problems


def small_panel() -> pd.DataFrame:
    countries = ["AAA", "BBB", "CCC", "DDD"]
    rows = [
        {"exporter": e, "importer": i, "year": y, "trade": 10.0 + k, "dist": 100.0 + k, "rta": 0}
        for k, (e, i, y) in enumerate(
            (e, i, y) for y in (2000, 2004) for e in countries for i in countries
        )
    ]
    return pd.DataFrame(rows)


def broken_panel() -> pd.DataFrame:
    panel = small_panel()
    panel.loc[3, "trade"] = -5.0  # a negative flow
    panel.loc[7, "dist"] = np.nan  # a NaN distance
    return pd.concat([panel, panel.iloc[[11]]], ignore_index=True)  # a duplicate row


def test_negative_flow_nan_distance_and_duplicate_in_one_error() -> None:
    with pytest.raises(ValidationError) as caught:
        fit_ppml(broken_panel(), spec="two-way", covariates=["log(dist)", "rta"])
    error = caught.value
    assert error.exit_code == 2
    assert len(error.problems) == 3
    message = str(error)
    assert "3 problems" in message
    assert "negative flows: row 3 (AAA->DDD 2000) = -5.0" in message
    assert "covariate column 'dist' has 1 NaN or infinite values: row 7 (BBB->DDD 2000)" in message
    assert "2 rows share an exporter-importer-year (duplicates): row 11" in message
    assert "row 32" in message  # the appended copy is named too
    assert "\n" not in message


def test_missing_columns_and_wrong_types_are_listed_together() -> None:
    panel = small_panel().drop(columns="rta")
    panel["dist"] = panel["dist"].astype(str)
    panel["year"] = panel["year"] + 0.5
    with pytest.raises(ValidationError) as caught:
        fit_ppml(panel, spec="two-way", covariates=["dist", "rta", "lang"])
    text = str(caught.value)
    assert "missing columns 'rta', 'lang'" in text
    assert "covariate column 'dist' is not numeric" in text
    assert "year column 'year' has non-integer values: row 0 (AAA->AAA 2000.5) = 2000.5" in text


def test_nan_flows_and_log_of_non_positive_values() -> None:
    panel = small_panel()
    panel.loc[[1, 2], "trade"] = np.nan
    panel.loc[5, "dist"] = 0.0
    problems, missing = panel_problems(
        panel, make_spec(panel, spec="two-way", covariates=["log(dist)"])
    )
    assert len(problems) == 2
    assert problems[0].startswith("trade column 'trade' has 2 NaN or infinite values: row 1")
    assert "needs positive values but 1 are <= 0: row 5" in problems[1]
    assert not missing.any()


def test_missing_drop_policy_counts_the_dropped_rows() -> None:
    rng = np.random.default_rng(3)
    panel = small_panel()
    panel["trade"] = rng.gamma(2.0, 50.0, len(panel))
    panel.loc[[4, 9], "dist"] = np.nan
    with pytest.warns(DroppedObservationsWarning, match="2 missing values"):
        fit = fit_ppml(panel, spec="two-way", covariates=["log(dist)"], missing="drop", flows="all")
    assert (
        fit_ppml(
            panel, spec="two-way", covariates=["log(dist)"], missing="drop", flows="all", quiet=True
        ).nobs
        == fit.nobs
    )
    assert fit.dropped.counts == {"missing": 2}
    assert fit.nobs == len(panel) - 2
    assert np.isnan(fit.fitted.loc[[4, 9]]).all()


def test_unknown_options_are_input_errors() -> None:
    panel = small_panel()
    with pytest.raises(InputError, match="unknown gravity specification 'three-way'"):
        fit_ppml(panel, spec="three-way")
    with pytest.raises(InputError, match="standard-error convention"):
        fit_ppml(panel, se="stat")
    with pytest.raises(ValidationError, match="expected a pandas DataFrame"):
        fit_ppml([1, 2, 3])  # type: ignore[arg-type]


def test_pair_specs_need_the_agreement_column() -> None:
    panel = small_panel().drop(columns="rta")
    with pytest.raises(InputError, match="needs the agreement column 'rta'"):
        fit_ppml(panel, spec="pair-fe")


def test_repeated_terms_are_refused() -> None:
    panel = small_panel().assign(intl_brdr=1.0)
    with pytest.raises(InputError, match="intl_brdr appear more than once"):
        fit_ppml(panel, spec="intra", border="common", covariates=["intl_brdr"])
