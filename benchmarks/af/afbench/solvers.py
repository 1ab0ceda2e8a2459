"""Solver adapters: one function per (solver, task) taking (n, 0-based edges, query) and
returning an Answer. The timed region is everything inside the adapter: building the
solver's own framework object from the edge array, then solving.

Tasks (ICCMA 2023 names): SE-GR, SE-PR, SE-ST, DS-PR, DC-CO.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from afbench.generators import Edges

TASKS = ("SE-GR", "SE-PR", "SE-ST", "DS-PR", "DC-CO")
DECISION_TASKS = ("DS-PR", "DC-CO")


@dataclass(frozen=True)
class Answer:
    """`decision` for DC/DS (None for SE); `extension` the certificate/witness (0-based) or
    None; for SE, extension None means "NO" (no extension)."""

    decision: bool | None
    extension: frozenset[int] | None


class Unsupported(Exception):
    """The solver has no procedure for this task."""


Adapter = Callable[[int, Edges, int | None], Answer]


# --------------------------------------------------------------------------- overture
def overture(task: str) -> Adapter:
    import numpy as np

    import overture.af as oaf

    sem_of = {"GR": "GR", "PR": "PR", "ST": "ST", "CO": "CO"}

    def run(n: int, edges: Edges, q: int | None) -> Answer:
        af = oaf.ArgumentationFramework.from_edges(n, np.asarray(edges))
        kind, code = task.split("-")
        sem = oaf.Semantics(sem_of[code])
        if task == "SE-GR":
            return Answer(None, frozenset(oaf.grounded_extension(af)))
        if kind == "SE":
            ext = oaf.some_extension(af, sem)
            return Answer(None, None if ext is None else frozenset(ext))
        assert q is not None
        fn = oaf.credulously_accepted if kind == "DC" else oaf.skeptically_accepted
        ok, cert = fn(af, q, sem)
        return Answer(bool(ok), None if cert is None else frozenset(int(a) for a in cert))

    return run


# --------------------------------------------------------------------------- clingo
def clingo(task: str) -> Adapter:
    from afbench import clingo_solver as cs

    def run(n: int, edges: Edges, q: int | None) -> Answer:
        if task == "SE-GR":
            return Answer(None, cs.grounded(n, edges))
        if task == "SE-PR":
            return Answer(None, cs.some_preferred(n, edges))
        if task == "SE-ST":
            return Answer(None, cs.some_stable(n, edges))
        assert q is not None
        if task == "DS-PR":
            ok, ext = cs.skeptical_preferred(n, edges, q)
            return Answer(ok, ext)
        if task == "DC-CO":
            ok, ext = cs.credulous_complete(n, edges, q)
            return Answer(ok, ext)
        raise Unsupported(task)

    return run


# --------------------------------------------------------------------------- pygarg
def pygarg(task: str) -> Adapter:
    """pygarg 1.0 (Mailly): SAT encodings over pysat; AF as lists of names "1".."n" and
    attacks as [a, b] lists, as its own dimacs parser builds them."""
    from pygarg.dung import solver as ps

    def ids(xs: Any) -> frozenset[int]:
        return frozenset(int(x) - 1 for x in xs)

    def run(n: int, edges: Edges, q: int | None) -> Answer:
        args = [str(i + 1) for i in range(n)]
        atts = [[str(a + 1), str(b + 1)] for a, b in edges.tolist()]
        kind, code = task.split("-")
        if kind == "SE":
            ext = ps.compute_some_extension(args, atts, code)
            return Answer(None, None if isinstance(ext, str) else ids(ext))
        assert q is not None
        fn = ps.credulous_acceptability if kind == "DC" else ps.skeptical_acceptability
        ok, cert = fn(args, atts, str(q + 1), code)
        return Answer(bool(ok), None if cert is None else ids(cert))

    return run


# --------------------------------------------------------------------------- py_arg
def py_arg(task: str) -> Adapter:
    """python-argumentation 2.0 (py_arg): labelling-based enumeration only (Nofal, Atkinson
    & Dunne 2014), no single-extension or decision procedures: SE/DC/DS go through the full
    set of extensions."""
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat

    def run(n: int, edges: Edges, q: int | None) -> Answer:
        arguments = [Argument(str(i + 1)) for i in range(n)]
        defeats = [Defeat(arguments[a], arguments[b]) for a, b in edges.tolist()]
        af = AbstractArgumentationFramework("bench", arguments, defeats)

        def ids(ext: Any) -> frozenset[int]:
            return frozenset(int(a.name) - 1 for a in ext)

        if task == "SE-GR":
            from py_arg.algorithms.semantics.get_grounded_extension import (
                get_grounded_extension,
            )

            return Answer(None, ids(get_grounded_extension(af)))
        if task in ("SE-PR", "DS-PR"):
            from py_arg.algorithms.semantics.get_preferred_extensions import (
                get_preferred_extensions,
            )

            exts = sorted((ids(e) for e in get_preferred_extensions(af)), key=sorted)
        elif task == "SE-ST":
            from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

            exts = sorted((ids(e) for e in get_stable_extensions(af)), key=sorted)
        elif task == "DC-CO":
            from py_arg.algorithms.semantics.get_complete_extensions import (
                get_complete_extensions,
            )

            exts = sorted((ids(e) for e in get_complete_extensions(af)), key=sorted)
        else:
            raise Unsupported(task)
        if task.startswith("SE"):
            return Answer(None, exts[0] if exts else None)
        assert q is not None
        if task == "DS-PR":
            bad = [e for e in exts if q not in e]
            return Answer(not bad, bad[0] if bad else None)
        good = [e for e in exts if q in e]
        return Answer(bool(good), good[0] if good else None)

    return run


# --------------------------------------------------------------------------- formal-argumentation
def formal_argumentation(task: str) -> Adapter:
    """formal-argumentation 0.3 (`argumentation`): `backend="auto"` routing, which sends
    CO/PR/ST to its z3-backed incremental SAT kernel and GR to the native fixpoint."""
    from argumentation.core.dung import ArgumentationFramework
    from argumentation.solving.solver import (
        AcceptanceSolverSuccess,
        SingleExtensionSolverSuccess,
        solve_dung_acceptance,
        solve_dung_single_extension,
    )

    names = {"GR": "grounded", "PR": "preferred", "ST": "stable", "CO": "complete"}

    def ids(ext: Any) -> frozenset[int]:
        return frozenset(int(a) - 1 for a in ext)

    def run(n: int, edges: Edges, q: int | None) -> Answer:
        af = ArgumentationFramework(
            arguments=frozenset(str(i + 1) for i in range(n)),
            defeats=frozenset((str(a + 1), str(b + 1)) for a, b in edges.tolist()),
        )
        kind, code = task.split("-")
        if kind == "SE":
            res = solve_dung_single_extension(af, semantics=names[code], backend="auto")
            if not isinstance(res, SingleExtensionSolverSuccess):
                raise Unsupported(str(getattr(res, "reason", res)))
            return Answer(None, None if res.extension is None else ids(res.extension))
        assert q is not None
        mode = "credulous" if kind == "DC" else "skeptical"
        acc = solve_dung_acceptance(
            af, semantics=names[code], task=mode, query=str(q + 1), backend="auto"
        )
        if not isinstance(acc, AcceptanceSolverSuccess):
            raise Unsupported(str(getattr(acc, "reason", acc)))
        cert = acc.witness if kind == "DC" else acc.counterexample
        return Answer(bool(acc.answer), None if cert is None else ids(cert))

    return run


ADAPTERS: dict[str, Callable[[str], Adapter]] = {
    "overture": overture,
    "clingo": clingo,
    "pygarg": pygarg,
    "py_arg": py_arg,
    "formal-arg": formal_argumentation,
}
PYTHON_PEERS = ("pygarg", "py_arg", "formal-arg")
