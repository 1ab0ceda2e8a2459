"""Solver control: time limits, interrupts, semantics names, labellings, large grounded runs."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from overture.af import (
    ArgumentationFramework,
    Label,
    LimitExceeded,
    Semantics,
    Solver,
    grounded_extension,
    labelling,
    some_extension,
)
from overture.errors import InputError


def _hard_random_af() -> ArgumentationFramework:
    """A 2,000-argument random AF (p = 0.01): far beyond a second for SAT solvers."""
    rng = np.random.default_rng(7)
    n = 2000
    m = rng.binomial(n * n, 0.01)
    return ArgumentationFramework.from_edges(n, rng.integers(0, n, (m, 2)))


@pytest.mark.parametrize("sat_solver", ["cadical195", "glucose4"])
def test_time_limit_raises_limit_exceeded(sat_solver: str) -> None:
    af = _hard_random_af()
    with pytest.raises(LimitExceeded):
        Solver(af, "PR", timeout=0.3, sat_solver=sat_solver).some()


def test_interrupt_from_another_thread() -> None:
    solver = Solver(_hard_random_af(), "SST")
    timer = threading.Timer(0.3, solver.interrupt)
    timer.start()
    try:
        with pytest.raises(LimitExceeded):
            solver.some()
    finally:
        timer.cancel()


@pytest.mark.parametrize("sem", ["PR", "SST", "ST", "ID"])
def test_interrupt_before_the_encoding_exists_stops_the_query(sem: str) -> None:
    # The interrupt may come while the query still builds its SAT encoding: not lost.
    solver = Solver(_hard_random_af(), sem)
    solver.interrupt()
    with pytest.raises(LimitExceeded, match="interrupted"):
        solver.some()
    # Handled once: a later query on a small framework runs normally.
    small = Solver(ArgumentationFramework.from_edges(2, [(0, 1), (1, 0)]), sem)
    small.interrupt()
    with pytest.raises(LimitExceeded):
        small.some()
    assert small.some() in ({0}, {1}, frozenset())


def test_semantics_names() -> None:
    assert Semantics.parse("preferred") is Semantics.PR
    assert Semantics.parse("Semi-Stable") is Semantics.SST
    assert Semantics.parse("semistable") is Semantics.SST
    assert Semantics.parse("stage") is Semantics.STG
    assert Semantics.parse("ideal") is Semantics.ID
    assert Semantics.parse(" gr ") is Semantics.GR
    with pytest.raises(InputError, match="valid names"):
        Semantics.parse("prefered")


def test_labelling_of_extension() -> None:
    af = ArgumentationFramework.from_edges(4, [(0, 1), (1, 2), (3, 3)])
    assert labelling(af, {0, 2}) == [Label.IN, Label.OUT, Label.IN, Label.UNDEC]


def test_grounded_on_long_chain_and_cycle() -> None:
    n = 200_000
    chain = ArgumentationFramework.from_edges(n, np.stack([np.arange(n - 1), np.arange(1, n)], 1))
    assert grounded_extension(chain) == frozenset(range(0, n, 2))
    cycle = ArgumentationFramework.from_edges(3, [(0, 1), (1, 2), (2, 0)])
    assert grounded_extension(cycle) == frozenset()


def test_bad_argument_index() -> None:
    af = ArgumentationFramework.from_edges(2, [(0, 1)])
    with pytest.raises(InputError):
        Solver(af, "PR").credulous(5)


def test_shared_bench_instances_answer(iccma_dir: object) -> None:
    """ICCMA 2023 instances: preferred and stable extensions found and verified."""
    from pathlib import Path

    from overture.af import is_extension
    from overture.af.iccma_io import read_af

    af = read_af(Path(str(iccma_dir)) / "bench" / "admbuster_1000.af")
    for sem in ("PR", "ST", "SST"):
        ext = some_extension(af, sem, timeout=60)
        assert ext is not None and is_extension(af, ext, sem)
