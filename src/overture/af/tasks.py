"""One-call functions for the reasoning tasks: SE, EE, CE, DC and DS under any semantics.

Each builds a `Solver` for the call; keep a `Solver` yourself to ask many questions of one AF.
"""

from __future__ import annotations

from collections.abc import Iterator

from overture.af.framework import ArgumentationFramework
from overture.af.semantics import Semantics
from overture.af.solver import Solver


def some_extension(
    af: ArgumentationFramework, sem: Semantics | str, *, timeout: float | None = None
) -> frozenset[int] | None:
    """Some `sem`-extension of `af` (task SE), or None when there is none (stable only).

    Raises `LimitExceeded` after `timeout` seconds.

    References
    ----------
    F. Cerutti, P. E. Dunne, M. Giacomin, M. Vallati. Computing preferred extensions in abstract
    argumentation: a SAT-based approach. TAFA 2013.
    """
    with Solver(af, sem, timeout=timeout) as solver:
        return solver.some()


def extensions(
    af: ArgumentationFramework, sem: Semantics | str, *, timeout: float | None = None
) -> Iterator[frozenset[int]]:
    """Every `sem`-extension of `af`, each exactly once (task EE), lazily."""
    with Solver(af, sem, timeout=timeout) as solver:
        yield from solver.enumerate()


def count_extensions(
    af: ArgumentationFramework, sem: Semantics | str, *, timeout: float | None = None
) -> int:
    """The number of `sem`-extensions of `af` (task CE)."""
    with Solver(af, sem, timeout=timeout) as solver:
        return solver.count()


def credulously_accepted(
    af: ArgumentationFramework, arg: int, sem: Semantics | str, *, timeout: float | None = None
) -> tuple[bool, frozenset[int] | None]:
    """Whether argument `arg` belongs to some `sem`-extension (task DC).

    Returns ``(True, E)`` with an extension E containing `arg`, or ``(False, None)``.

    References
    ----------
    W. Dvořák, M. Järvisalo, J. P. Wallner, S. Woltran. Complexity-sensitive decision procedures
    for abstract argumentation. Artificial Intelligence 206, 2014 (semi-stable and stage).
    """
    with Solver(af, sem, timeout=timeout) as solver:
        return solver.credulous(arg)


def skeptically_accepted(
    af: ArgumentationFramework, arg: int, sem: Semantics | str, *, timeout: float | None = None
) -> tuple[bool, frozenset[int] | None]:
    """Whether argument `arg` belongs to every `sem`-extension (task DS).

    Returns ``(True, None)``, or ``(False, E)`` with an extension E not containing `arg`.
    Under stable semantics an AF without extensions accepts every argument skeptically.

    References
    ----------
    W. Dvořák, M. Järvisalo, J. P. Wallner, S. Woltran. Complexity-sensitive decision procedures
    for abstract argumentation. Artificial Intelligence 206, 2014 (CEGAR for DS-PR, SST, STG).
    """
    with Solver(af, sem, timeout=timeout) as solver:
        return solver.skeptical(arg)
