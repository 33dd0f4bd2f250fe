"""Monte Carlo over cost coefficients, through concord.parallel (local processes and Dask)."""

from __future__ import annotations

import numpy as np
import pytest

from concord.errors import InputError
from concord.ge import Baseline, accession_shock, monte_carlo
from concord.parallel import get_executor, parallel_map

DRAWS = 40
SEED = 20251106


@pytest.fixture(scope="module")
def shock():
    return accession_shock(["C01", "C02"], bloc=["C03"], variable="rta")


@pytest.fixture(scope="module")
def serial(small_world: Baseline, shock):
    return monte_carlo(small_world, shock, draws=DRAWS, seed=SEED, executor="serial")


def test_statistics(serial, small_world: Baseline) -> None:
    assert serial.draws.shape == (DRAWS, len(serial.quantities), small_world.n)
    assert serial.failed == 0
    table = serial.table("real_gdp")
    assert list(table.columns) == ["point", "mean", "sd", "p2.5", "p50", "p97.5"]
    members = table.loc[["C01", "C02", "C03"]]
    assert (members["sd"] > 0).all()
    assert (members["p2.5"] <= members["p50"]).all() and (members["p50"] <= members["p97.5"]).all()
    # gains of the members scale with the drawn rta coefficient (sd 0.08 around 0.4)
    assert (members["mean"] > 0).all()
    np.testing.assert_allclose(members["mean"], members["point"], rtol=0.1)
    rta = serial.coefficients[:, serial.coefficient_names.index("rta")]
    assert rta.std() == pytest.approx(0.08, rel=0.35)
    assert "Monte Carlo: 40 draws" in serial.summary()


def test_same_seed_same_numbers_local_processes(serial, small_world, shock) -> None:
    local = monte_carlo(small_world, shock, draws=DRAWS, seed=SEED, workers=2, chunk_size=7)
    np.testing.assert_array_equal(local.draws, serial.draws)
    np.testing.assert_array_equal(local.coefficients, serial.coefficients)
    other = monte_carlo(small_world, shock, draws=DRAWS, seed=SEED + 1, executor="serial")
    assert not np.array_equal(other.draws, serial.draws)


def test_dask_local_cluster_matches_local_run(serial, small_world, shock) -> None:
    from dask import distributed

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        by_client = monte_carlo(small_world, shock, draws=DRAWS, seed=SEED, executor=client)
        by_address = monte_carlo(
            small_world, shock, draws=DRAWS, seed=SEED, executor=cluster.scheduler_address
        )
        assert len(client.scheduler_info()["workers"]) == 2
    np.testing.assert_array_equal(by_client.draws, serial.draws)
    np.testing.assert_array_equal(by_address.draws, serial.draws)
    assert by_address.executor.startswith("dask ")


def test_progress_and_errors(small_world, shock) -> None:
    seen: list[tuple[int, int]] = []
    monte_carlo(
        small_world,
        shock,
        draws=10,
        seed=1,
        executor="serial",
        chunk_size=3,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (10, 10) and len(seen) == 4
    with pytest.raises(InputError, match="draws must be >= 1"):
        monte_carlo(small_world, shock, draws=0)
    with pytest.raises(InputError, match="unknown executor"):
        get_executor("ftp:/nowhere")
    assert parallel_map(abs, [-1, -2, 3], executor="serial") == [1, 2, 3]


def test_country_without_exports_is_nan_not_a_failure(small_world: Baseline) -> None:
    frame = small_world.to_frame()
    silent = (frame.exporter == "C07") & (frame.importer != "C07")
    frame.loc[silent, "value"] = 0.0
    world = Baseline.from_frame(
        frame,
        sigma=small_world.sigma,
        reference="C00",
        cost_variables=list(small_world.cost_variables),
        coefficients=small_world.coefficients.as_dict(),
        covariance=small_world.coefficients.covariance,
    )
    shock = accession_shock(["C01"], bloc=["C02"], variable="rta")
    mc = monte_carlo(world, shock, draws=8, seed=2, executor="serial")
    assert mc.failed == 0 and len(mc.draws) == 8
    table = mc.table("exports")
    assert np.isnan(table.loc["C07", "mean"]) and table.loc["C01", "mean"] > 0
    assert np.isfinite(mc.table("real_gdp").loc["C07", "mean"])
