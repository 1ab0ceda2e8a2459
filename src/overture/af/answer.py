"""ICCMA 2023 tasks (DC, DS, SE, EE, CE) answered once for every face, as a typed answer.

The ICCMA command line prints `TaskAnswer.iccma_lines()`; the HTTP API serialises the fields.
"""

from __future__ import annotations

from collections.abc import Callable

from overture.af.framework import ArgumentationFramework
from overture.af.iccma_io import AFFormat
from overture.af.semantics import ICCMA_SEMANTICS, Semantics
from overture.af.solver import Solver
from overture.errors import InputError

TASKS = ("DC", "DS", "SE", "EE", "CE")
#: Every problem of the ICCMA interface, e.g. "DS-PR".
PROBLEMS = tuple(f"{task}-{sem.value}" for task in TASKS for sem in ICCMA_SEMANTICS)


def parse_problem(problem: str) -> tuple[str, Semantics]:
    """The task and semantics of an ICCMA problem name such as `DS-PR` (InputError listing all)."""
    task, _, sem_name = problem.upper().partition("-")
    if task not in TASKS or sem_name not in {s.value for s in ICCMA_SEMANTICS}:
        raise InputError(f"unknown problem {problem!r}; supported: {','.join(PROBLEMS)}")
    return task, Semantics(sem_name)


def problems_line() -> str:
    """The answer to `--problems`."""
    return "[" + ",".join(PROBLEMS) + "]"


def formats_line() -> str:
    """The answer to `--formats`."""
    return "[" + ",".join(f.value for f in AFFormat) + "]"


class TaskAnswer:
    """The answer to one ICCMA task on a framework.

    `accepted` (DC, DS) with `extension` its certificate (DC: an extension containing the
    query; DS: one without it); `extension` alone for SE (None: there is none); `extensions`
    for EE (cut at the caller's limit, then `truncated`); `count` for CE and EE. A plain
    class rather than a dataclass: `dataclasses` costs the ICCMA path ~30 ms of imports.
    """

    _FIELDS = ("task", "semantics", "query", "accepted", "extension", "extensions", "count",
               "truncated")
    __slots__ = _FIELDS

    def __init__(
        self,
        task: str,
        semantics: Semantics,
        query: int | None = None,
        accepted: bool | None = None,
        extension: frozenset[int] | None = None,
        extensions: tuple[frozenset[int], ...] | None = None,
        count: int | None = None,
        truncated: bool = False,
    ) -> None:
        self.task = task
        self.semantics = semantics
        self.query = query
        self.accepted = accepted
        self.extension = extension
        self.extensions = extensions
        self.count = count
        self.truncated = truncated

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TaskAnswer):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"TaskAnswer({shown})"

    def iccma_lines(self, af: ArgumentationFramework) -> list[str]:
        """The output lines of the ICCMA 2023 solver interface."""
        if self.task == "SE":
            return ["NO"] if self.extension is None else [witness(af, self.extension)]
        if self.task == "EE":
            return [witness(af, e) for e in self.extensions or ()]
        if self.task == "CE":
            return [str(self.count)]
        head = "YES" if self.accepted else "NO"
        return [head] if self.extension is None else [head, witness(af, self.extension)]


def witness(af: ArgumentationFramework, ext: frozenset[int]) -> str:
    """An extension as an ICCMA witness line: `w` and the argument names."""
    return " ".join(["w", *(af.names[a] for a in sorted(ext))])


def answer_task(
    af: ArgumentationFramework,
    problem: str,
    query: int | None = None,
    *,
    timeout: float | None = None,
    limit: int | None = None,
    on_solver: Callable[[Solver], None] | None = None,
) -> TaskAnswer:
    """Answer ICCMA problem `problem` (e.g. "DS-PR") on `af` for argument index `query`.

    `timeout` bounds the solver (LimitExceeded when reached); `limit` cuts an enumeration;
    `on_solver` is handed the solver before it runs (e.g. to interrupt it from elsewhere).
    """
    task, sem = parse_problem(problem)
    return solve_task(af, task, sem, query, timeout=timeout, limit=limit, on_solver=on_solver)


def solve_task(
    af: ArgumentationFramework,
    task: str,
    sem: Semantics,
    query: int | None = None,
    *,
    timeout: float | None = None,
    limit: int | None = None,
    on_solver: Callable[[Solver], None] | None = None,
) -> TaskAnswer:
    """Task `task` (one of `TASKS`) under any semantics `sem`; see `answer_task`."""
    if task not in TASKS:
        raise InputError(f"unknown task {task!r}; supported: {', '.join(TASKS)}")
    if task in ("DC", "DS") and query is None:
        raise InputError(f"problem {task}-{sem.value} needs a query argument")
    solver = Solver(af, sem, timeout=timeout)
    if on_solver is not None:
        on_solver(solver)
    with solver:
        if task == "SE":
            return TaskAnswer(task, sem, extension=solver.some())
        if task == "EE":
            found: list[frozenset[int]] = []
            truncated = False
            for ext in solver.enumerate():
                if limit is not None and len(found) >= limit:
                    truncated = True
                    break
                found.append(ext)
            return TaskAnswer(task, sem, extensions=tuple(found), count=len(found),
                              truncated=truncated)
        if task == "CE":
            return TaskAnswer(task, sem, count=solver.count())
        assert query is not None
        if task == "DC":
            ok, cert = solver.credulous(query)
            return TaskAnswer(task, sem, query, ok, cert if ok else None)
        ok, cert = solver.skeptical(query)
        return TaskAnswer(task, sem, query, ok, None if ok else cert)
