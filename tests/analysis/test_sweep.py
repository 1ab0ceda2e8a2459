"""Sweeps: every combination judged as `evaluate` judges it, on every backend; outputs; summary."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest

from overture.analysis import Axis, ScenarioSpace, plan_axes, sweep
from overture.analysis.sweep import combination
from overture.cli.flags import variables_from_flag
from overture.doctrine import Doctrine, Scenario, load_doctrine
from overture.errors import InputError
from overture.verdict import evaluate


@cache
def doctrine() -> Doctrine:
    return load_doctrine("iran-us")


BASE = Scenario(counterparty="united_states", topics=["nuclear"], mode="deal", date=dt.date(2012, 11, 1))
VARY = {"conditions_met_on_topics": None, "mode": None,
        "counterparty": ["united_states", "germany", "russia"], "date": None}


@cache
def serial() -> tuple[str, ...]:
    return sweep(BASE, doctrine(), vary=VARY).verdicts


def test_every_row_is_the_verdict_evaluate_gives() -> None:
    res = sweep(BASE, doctrine(), vary=VARY, cache=False)
    space = ScenarioSpace(doctrine(), BASE)
    assert res.size == 2 * 3 * 3 * len(res.axes[3].values)
    for i, verdict in enumerate(res.verdicts):
        s = space.apply(combination(res.axes, i))
        assert str(evaluate(s, doctrine()).verdict) == verdict
    assert res.verdicts == serial()  # the class cache changes nothing


def test_dates_run_through_one_date_per_set_of_statements_in_force() -> None:
    axes = plan_axes(ScenarioSpace(doctrine(), BASE), ["date"])
    dates = list(axes[0].values)
    stated = sorted({s.stated for s in [*doctrine().rules, *doctrine().exceptions]})
    assert dates[0] < stated[0] and set(stated) <= set(dates)


def test_parallel_processes_give_the_serial_result() -> None:
    res = sweep(BASE, doctrine(), vary=VARY, workers=2, chunk_size=7)
    assert res.backend == "processes" and res.verdicts == serial()


def test_dask_local_cluster_gives_the_serial_result() -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster, \
            ThreadPoolExecutor(1) as pool:
        job = pool.submit(sweep, BASE, doctrine(), vary=VARY, scheduler=cluster.scheduler_address, chunk_size=20)
        res = job.result(timeout=120)  # bounded: a hung cluster fails the test instead of the suite
    assert res.backend.startswith("dask:") and res.verdicts == serial()


def test_influence_is_the_share_of_combinations_one_change_flips() -> None:
    res = sweep(BASE, doctrine(), vary=VARY)
    shape = [len(a.values) for a in res.axes]
    index = {combo: i for i, combo in enumerate(itertools.product(*(range(n) for n in shape)))}
    for k, axis in enumerate(res.axes):
        flips = 0
        for combo, i in index.items():
            others = [index[(*combo[:k], j, *combo[k + 1:])] for j in range(shape[k]) if j != combo[k]]
            flips += any(res.verdicts[o] != res.verdicts[i] for o in others)
        inf = next(x for x in res.influence() if x.variable == axis.variable)
        assert inf.flip_fraction == pytest.approx(flips / res.size)
    assert sum(res.counts().values()) == res.size


def test_csv_and_parquet_round_trip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    res = sweep(BASE, doctrine(), vary=["mode", "us_behavior_changed"])
    with res.write(tmp_path / "r.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["verdict"] for r in rows] == list(res.verdicts)
    assert set(rows[0]) == {"mode", "fact:us_behavior_changed", "verdict"}
    table = pq.read_table(res.write(tmp_path / "r.parquet"))
    assert table.column("verdict").to_pylist() == list(res.verdicts)
    assert table.column("fact:us_behavior_changed").to_pylist() == [v for _ in range(3) for v in (False, True)]
    with pytest.raises(InputError):
        res.write(tmp_path / "r.xlsx")


def test_bad_vary_items_are_input_errors() -> None:
    space = ScenarioSpace(doctrine(), BASE)
    with pytest.raises(InputError, match="unknown variable"):
        plan_axes(space, ["nonsense"])
    with pytest.raises(InputError, match="twice"):
        plan_axes(space, ["mode", "mode"])
    with pytest.raises(InputError, match="unknown value"):
        plan_axes(space, variables_from_flag(space, "mode=haggling"))
    with pytest.raises(InputError):
        plan_axes(space, [])
    with pytest.raises(InputError, match="no values"):
        plan_axes(space, {"mode": []})
    with pytest.raises(InputError, match="--vary names nothing"):
        variables_from_flag(space, " , ")
    assert plan_axes(space, variables_from_flag(space, "date=2006-01-01|2016-01-01")) == [
        Axis("date", (dt.date(2006, 1, 1), dt.date(2016, 1, 1)))]
    assert plan_axes(space, {"date": [dt.date(2006, 1, 1)], "mode": None}) == [
        Axis("date", (dt.date(2006, 1, 1),)), Axis("mode", tuple(space.domain("mode")))]


def test_unreachable_scheduler_is_an_input_error() -> None:
    with pytest.raises(InputError, match="Dask scheduler"):
        sweep(BASE, doctrine(), vary=["mode"], scheduler="tcp://127.0.0.1:9", connect_timeout=2)
