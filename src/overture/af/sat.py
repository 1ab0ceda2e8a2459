"""The SAT solver under the encodings: CaDiCaL 1.9.5 straight from python-sat's C module, or
any solver python-sat names.

`pysat.solvers` costs about 30 ms to import (it loads pysat's formula and engine modules) while
its C module `pysolvers` loads in 2 ms; the ICCMA entry point is timed as a whole process, so the
default CaDiCaL is driven through the C functions `pysat.solvers.Cadical195` itself calls. When
an installed python-sat lacks one of them, or another solver is named, `pysat.solvers` is used.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    class SatBackend(Protocol):
        """What the encodings ask of a SAT solver (pysat's `Solver` has the same methods)."""

        def add_clause(self, clause: list[int]) -> object: ...
        def solve(self, assumptions: list[int] = ...) -> bool | None: ...
        def solve_limited(
            self, assumptions: list[int] = ..., expect_interrupt: bool = ...
        ) -> bool | None: ...
        def conf_budget(self, budget: int) -> None: ...
        def set_phases(self, literals: list[int] = ...) -> None: ...
        def get_model(self) -> list[int] | None: ...
        def interrupt(self) -> None: ...
        def clear_interrupt(self) -> None: ...
        def delete(self) -> None: ...


#: The C functions of python-sat's `pysolvers` module the direct CaDiCaL backend calls.
_CADICAL_FUNCTIONS = ("new", "add_cl", "solve", "solve_lim", "cbudget", "set", "setphases",
                      "model", "del")


def _pysolvers() -> Any | None:
    """python-sat's C module if it has every CaDiCaL 1.9.5 function used here, else None."""
    try:
        import pysolvers  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - python-sat always ships it
        return None
    if all(hasattr(pysolvers, f"cadical195_{name}") for name in _CADICAL_FUNCTIONS):
        return pysolvers
    return None  # pragma: no cover - another python-sat build


class DirectCadical:
    """CaDiCaL 1.9.5 driven through python-sat's C functions (the calls `Cadical195` makes).

    CaDiCaL cannot be interrupted from another thread: callers solve in conflict-budget slices
    (`conf_budget` + `solve_limited`), as they do with pysat's own CaDiCaL class.
    """

    def __init__(self, module: Any, clauses: Iterable[list[int]]) -> None:
        self._c = module
        self._handle: Any = module.cadical195_new()
        self._status: bool | None = None
        self._lucky_off = False
        add, handle = module.cadical195_add_cl, self._handle
        for clause in clauses:
            add(handle, clause)

    @staticmethod
    def _main_thread() -> int:
        # pysat tells the C side whether SIGINT can be handled (only in the main thread).
        return int(threading.current_thread() is threading.main_thread())

    def add_clause(self, clause: list[int]) -> object:
        return self._c.cadical195_add_cl(self._handle, clause)

    def solve(self, assumptions: list[int] = []) -> bool | None:  # noqa: B006 - never mutated
        self._status = bool(self._c.cadical195_solve(self._handle, assumptions,
                                                     self._main_thread()))
        return self._status

    def solve_limited(
        self, assumptions: list[int] = [], expect_interrupt: bool = False  # noqa: B006
    ) -> bool | None:
        status = self._c.cadical195_solve_lim(self._handle, assumptions, self._main_thread())
        self._status = None if status == 0 else status > 0
        return self._status

    def conf_budget(self, budget: int) -> None:
        self._c.cadical195_cbudget(self._handle, budget)

    def set_phases(self, literals: list[int] = []) -> None:  # noqa: B006
        if not self._lucky_off:  # as pysat does: CaDiCaL's "lucky" phases would override them
            self._c.cadical195_set(self._handle, "lucky", 0)
            self._lucky_off = True
        self._c.cadical195_setphases(self._handle, literals)

    def get_model(self) -> list[int] | None:
        if self._status is not True:
            return None
        model = self._c.cadical195_model(self._handle)
        return list(model) if model is not None else []

    def interrupt(self) -> None:  # pragma: no cover - callers slice instead
        raise NotImplementedError("CaDiCaL is stopped between conflict-budget slices")

    def clear_interrupt(self) -> None:  # pragma: no cover - callers slice instead
        pass

    def delete(self) -> None:
        if self._handle is not None:
            self._c.cadical195_del(self._handle, None)
            self._handle = None

    def __del__(self) -> None:
        self.delete()


def new_sat_solver(name: str, clauses: list[list[int]]) -> SatBackend:
    """A SAT solver `name` (a python-sat solver name) loaded with `clauses`."""
    if name == "cadical195":
        module = _pysolvers()
        if module is not None:
            return DirectCadical(module, clauses)
    from pysat.solvers import Solver

    solver: SatBackend = Solver(name=name, bootstrap_with=clauses)
    return solver
