"""Sweeps: evaluate every combination of chosen scenario variables, serially or in parallel.

Runs on local cores (a process pool, chunked) or on a Dask cluster; writes CSV or Parquet and
summarises which variables decide the verdict.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from overture.af import Semantics
from overture.analysis.oracle import CachedEvaluator
from overture.analysis.output import prepare_output, write_guarded
from overture.analysis.space import ScenarioSpace, Value
from overture.doctrine import Doctrine, DoctrineLike, Scenario, ScenarioLike
from overture.doctrine.resolve import resolve
from overture.errors import InputError, LimitExceeded, OvertureError, ShouldStop, check_stop
from overture.jsontext import JsonText
from overture.verdict.judge import VerdictMemo, judge

#: File types a sweep's rows can be written to.
SWEEP_SUFFIXES = (".csv", ".parquet")

MAX_COMBINATIONS = 10_000_000
AUTO_PARALLEL = 5_000
"""Sweeps at least this large use every local core when no worker count is given."""
INVALID = "invalid"
"""Verdict column value for a combination the doctrine rejects as an invalid scenario."""

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Axis:
    """One varied variable and the values it runs through."""

    variable: str
    values: tuple[Value, ...]


def sweep_dates(space: ScenarioSpace) -> tuple[dt.date, ...]:
    """One date per set of rules in force: the day before the first statement, then each statement date."""
    dates = list(space.vocabulary.statements)
    if not dates:
        return (space.base.date,)
    return (dates[0] - dt.timedelta(days=1), *dates)


#: Variables to vary: names (every value of each), or names with the values to run through.
Variables = Sequence[str] | Mapping[str, Sequence[Value] | None]


def plan_axes(space: ScenarioSpace, vary: Variables) -> list[Axis]:
    """One axis per variable: the values given, or every value (for the date: one date per set
    of rules in force). Variable names are resolved as `ScenarioSpace.resolve` does."""
    axes: list[Axis] = []
    seen: set[str] = set()
    items = list(vary.items()) if isinstance(vary, Mapping) else [(str(v), None) for v in vary]
    for name, given in items:
        variable = space.resolve(name.strip())
        if variable in seen:
            raise InputError(f"variable {variable!r} is varied twice")
        seen.add(variable)
        if given is not None:
            values: tuple[Value, ...] = tuple(given)
            if not values:
                raise InputError(f"{variable}: no values given")
        elif variable == "date":
            values = sweep_dates(space)
        else:
            values = tuple(space.domain(variable))
        axes.append(Axis(variable, values))
    if not axes:
        raise InputError("nothing to vary: name at least one variable")
    total = math.prod(_shape(axes))
    if total > MAX_COMBINATIONS:
        raise LimitExceeded(f"{total} combinations exceed the limit of {MAX_COMBINATIONS}; "
                            "vary fewer variables or list the values of each")
    return axes


def _shape(axes: Sequence[Axis]) -> tuple[int, ...]:
    return tuple(len(a.values) for a in axes)


def combination(axes: Sequence[Axis], index: int) -> dict[str, Value]:
    """The `index`-th combination in row-major order (the first axis varies slowest)."""
    out: dict[str, Value] = {}
    for axis in reversed(axes):
        index, r = divmod(index, len(axis.values))
        out[axis.variable] = axis.values[r]
    return {a.variable: out[a.variable] for a in axes}


def evaluate_range(
    doctrine: Doctrine,
    base: Scenario,
    axes: Sequence[Axis],
    start: int,
    stop: int,
    semantics: str = "grounded",
    oracle: CachedEvaluator | None = None,
) -> list[str]:
    """Verdicts of combinations `start` .. `stop - 1` (the unit of work of every backend).

    With `oracle` (a `CachedEvaluator` on `base`, kept by the caller across ranges), scenarios
    the doctrine cannot tell apart, or that compile to the same theory, are judged once;
    without it every combination is judged afresh.
    """
    space = oracle.space if oracle is not None else ScenarioSpace(doctrine, base)
    memo = VerdictMemo(doctrine, semantics) if oracle is None else None
    out = []
    for i in range(start, stop):
        try:
            scenario = space.apply(combination(axes, i))
        except OvertureError:
            out.append(INVALID)
            continue
        if oracle is not None:
            out.append(oracle.verdict(scenario) or INVALID)
            continue
        try:
            assert memo is not None
            out.append(str(judge(doctrine, scenario, memo.semantics).verdict))
        except OvertureError:
            out.append(INVALID)
    return out


def _oracle(doctrine: Doctrine, base: Scenario, semantics: str, cache: bool) -> CachedEvaluator | None:
    return CachedEvaluator(doctrine, ScenarioSpace(doctrine, base), semantics) if cache else None


_WORKER: dict[str, Any] = {}


def _init_worker(doctrine: Doctrine, base: Scenario, axes: Sequence[Axis], semantics: str, cache: bool) -> None:
    _WORKER.update(doctrine=doctrine, base=base, axes=axes, semantics=semantics,
                   oracle=_oracle(doctrine, base, semantics, cache))


def _worker_range(bounds: tuple[int, int]) -> tuple[int, list[str]]:
    w = _WORKER
    return bounds[0], evaluate_range(
        w["doctrine"], w["base"], w["axes"], bounds[0], bounds[1], w["semantics"], w["oracle"]
    )


def _dask_range(
    bounds: tuple[int, int], doctrine: Doctrine, base: Scenario, axes: Sequence[Axis], semantics: str, cache: bool
) -> tuple[int, list[str]]:
    oracle = _oracle(doctrine, base, semantics, cache)
    return bounds[0], evaluate_range(doctrine, base, axes, bounds[0], bounds[1], semantics, oracle)


@dataclass(frozen=True)
class VariableInfluence:
    """How often changing one variable alone (the others fixed) changes the verdict."""

    variable: str
    flip_fraction: float
    """Fraction of combinations for which some other value of this variable alone gives another verdict."""


@dataclass(frozen=True)
class SweepResult(JsonText):
    """Every combination's verdict (row-major over the axes), with a summary."""

    base: Scenario
    axes: tuple[Axis, ...]
    verdicts: tuple[str, ...]
    backend: str
    workers: int
    seconds: float

    @property
    def size(self) -> int:
        return len(self.verdicts)

    def counts(self) -> dict[str, int]:
        """How many combinations got each verdict."""
        return dict(Counter(self.verdicts).most_common())

    def influence(self) -> list[VariableInfluence]:
        """Per variable, the fraction of combinations where changing it alone flips the verdict.

        A combination flips on variable v when the line through it along v (v varying, others
        fixed) holds more than one verdict; the fraction is therefore the share of non-constant
        lines along v. Sorted by decreasing influence.
        """
        codes = {v: i for i, v in enumerate(sorted(set(self.verdicts)))}
        grid = np.array([codes[v] for v in self.verdicts], dtype=np.int16).reshape(_shape(self.axes))
        out = []
        for k, axis in enumerate(self.axes):
            varying = grid.max(axis=k) != grid.min(axis=k)
            out.append(VariableInfluence(axis.variable, float(varying.mean()) if varying.size else 0.0))
        out.sort(key=lambda x: (-x.flip_fraction, x.variable))
        return out

    def rows(self) -> list[dict[str, Any]]:
        """One dict per combination: each varied variable's value and the verdict."""
        out = []
        for i, verdict in enumerate(self.verdicts):
            row: dict[str, Any] = {
                k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in combination(self.axes, i).items()
            }
            row["verdict"] = verdict
            out.append(row)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base.model_dump(mode="json"),
            "axes": [{"variable": a.variable, "values": [str(v) if isinstance(v, dt.date) else v for v in a.values]}
                     for a in self.axes],
            "combinations": self.size,
            "counts": self.counts(),
            "influence": [{"variable": x.variable, "flip_fraction": x.flip_fraction} for x in self.influence()],
            "backend": self.backend,
            "workers": self.workers,
            "seconds": self.seconds,
            "throughput": self.size / self.seconds if self.seconds > 0 else None,
        }

    def write(self, path: str | Path) -> Path:
        """Write the rows to `.csv` (stdlib) or `.parquet` (pyarrow)."""
        out = prepare_output(path, SWEEP_SUFFIXES, "sweep output")
        return write_guarded(out, "sweep output", lambda: self._write(out))

    def _write(self, out: Path) -> Path:
        suffix = out.suffix.lower()
        names = [a.variable for a in self.axes] + ["verdict"]
        rows = self.rows()
        if suffix == ".csv":
            with out.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=names)
                writer.writeheader()
                writer.writerows(rows)
            return out
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        columns: dict[str, list[Any]] = {n: [] for n in names}
        for i, verdict in enumerate(self.verdicts):
            for k, v in combination(self.axes, i).items():
                columns[k].append(v)
            columns["verdict"].append(verdict)
        pq.write_table(pa.table(columns), out)
        return out


def _chunks(total: int, parts: int) -> list[tuple[int, int]]:
    size = max(1, math.ceil(total / max(parts, 1)))
    return [(s, min(total, s + size)) for s in range(0, total, size)]


def sweep(
    scenario: ScenarioLike,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    vary: Variables | Sequence[Axis],
    view: str | None = None,
    workers: int | None = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    cache: bool = True,
    connect_timeout: float = 30.0,
    should_stop: ShouldStop | None = None,
) -> SweepResult:
    """Evaluate every combination of the varied variables around `scenario`.

    `vary` names the variables (every value of each), maps variables to the values to run
    through (None: every value), or gives `Axis` objects (see `plan_axes`).

    `workers=1` runs in this process; `workers > 1` (or 0 for all local cores) uses a process
    pool fed with chunks; `workers=None` picks all local cores for sweeps of at least
    `AUTO_PARALLEL` combinations and this process otherwise; `scheduler` (a Dask scheduler address such as `tcp://host:8786`) sends
    the chunks to a Dask cluster instead. `progress` is called with the number of combinations
    finished so far. With `cache` (default), each process judges combinations the doctrine
    cannot tell apart, or that compile to the same theory, only once (see `evaluate_range`).
    """
    import time

    doctrine, scenario = resolve(scenario, doctrine, view)
    Semantics.parse(semantics)  # fail on a bad name before any work starts
    space = ScenarioSpace(doctrine, scenario)
    listed = list(vary) if not isinstance(vary, Mapping) else []
    if listed and all(isinstance(a, Axis) for a in listed):
        axes = [a for a in listed if isinstance(a, Axis)]
    else:
        axes = plan_axes(space, vary)  # type: ignore[arg-type]
    total = math.prod(_shape(axes))
    if total > MAX_COMBINATIONS:
        raise LimitExceeded(f"{total} combinations exceed the limit of {MAX_COMBINATIONS}")
    if workers is None:
        workers = (os.cpu_count() or 1) if total >= AUTO_PARALLEL else 1
    if workers == 0:
        workers = os.cpu_count() or 1
    started = time.perf_counter()
    verdicts: list[str] = [""] * total
    done = 0

    def record(start: int, part: list[str]) -> None:
        nonlocal done
        verdicts[start : start + len(part)] = part
        done += len(part)
        if progress is not None:
            progress(done)

    if scheduler is not None:
        from distributed import Client

        chunks = _chunks(total, max(1, total // (chunk_size or 500)))
        try:
            client = Client(scheduler, timeout=f"{connect_timeout}s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from None
        with client:
            # Ship the doctrine to every worker once, not with every task.
            shared = client.scatter(doctrine, broadcast=True)  # type: ignore[no-untyped-call]
            futures = client.map(
                _dask_range, chunks, doctrine=shared, base=scenario, axes=axes, semantics=semantics,
                cache=cache, pure=False,
            )
            from distributed import as_completed as dask_completed

            for fut in dask_completed(futures):  # type: ignore[no-untyped-call]
                start, part = fut.result()
                record(start, part)
            nworkers = len(client.scheduler_info().get("workers", {}))
        backend = f"dask:{scheduler}"
    elif workers > 1 and total > 1:
        size = chunk_size or max(50, min(2000, total // (workers * 8) or 1))
        chunks = _chunks(total, math.ceil(total / size))
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(doctrine, scenario, axes, semantics, cache)
        ) as pool:
            for fut in as_completed([pool.submit(_worker_range, c) for c in chunks]):
                start, part = fut.result()
                record(start, part)
        backend, nworkers = "processes", workers
    else:
        step = chunk_size or 200
        oracle = _oracle(doctrine, scenario, semantics, cache)
        for start, stop in _chunks(total, math.ceil(total / step)):
            check_stop(should_stop, "the sweep")
            record(start, evaluate_range(doctrine, scenario, axes, start, stop, semantics, oracle))
        backend, nworkers = "serial", 1
    return SweepResult(scenario, tuple(axes), tuple(verdicts), backend, nworkers, time.perf_counter() - started)
