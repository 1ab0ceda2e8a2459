"""Checks that a set of arguments is conflict-free, admissible, complete, stable, ..., and labellings.

Linear-time checks over the attack lists for the polynomial properties; a `Solver` for the
maximality ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from overture.af.framework import ArgumentationFramework
from overture.af.grounded import grounded_extension
from overture.af.semantics import Label, Semantics
from overture.af.solver import Solver
from overture.errors import InputError


def _mask(af: ArgumentationFramework, s: Iterable[int]) -> list[bool]:
    mask = [False] * af.n
    for a in s:
        a = int(a)
        if not 0 <= a < af.n:
            raise InputError(f"argument outside 0..{af.n - 1} in the set")
        mask[a] = True
    return mask


def _attacked(af: ArgumentationFramework, mask: list[bool]) -> list[bool]:
    hit = [False] * af.n
    for b, a in zip(af.src, af.dst, strict=True):
        if mask[b]:
            hit[a] = True
    return hit


def _conflict(af: ArgumentationFramework, m: list[bool]) -> bool:
    return any(m[b] and m[a] for b, a in zip(af.src, af.dst, strict=True))


def is_conflict_free(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """No argument of `s` attacks an argument of `s` (Dung 1995)."""
    return not _conflict(af, _mask(af, s))


def _defended(af: ArgumentationFramework, m: list[bool]) -> list[bool]:
    """Arguments all of whose attackers are attacked by the set `m` (the characteristic function)."""
    hit = _attacked(af, m)
    defended = [True] * af.n
    for b, a in zip(af.src, af.dst, strict=True):
        if not hit[b]:
            defended[a] = False
    return defended


def is_admissible(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """`s` is conflict-free and attacks every attacker of its members (Dung 1995)."""
    m = _mask(af, s)
    if _conflict(af, m):
        return False
    return all(d or not x for d, x in zip(_defended(af, m), m, strict=True))


def is_complete(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """`s` is admissible and contains every argument it defends (Dung 1995)."""
    m = _mask(af, s)
    if _conflict(af, m):
        return False
    return _defended(af, m) == m


def is_stable(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """`s` is conflict-free and attacks every argument outside it (Dung 1995)."""
    m = _mask(af, s)
    if _conflict(af, m):
        return False
    return all(h or x for h, x in zip(_attacked(af, m), m, strict=True))


def is_extension(af: ArgumentationFramework, s: Iterable[int], sem: Semantics | str) -> bool:
    """Whether `s` is a `sem`-extension of `af`, for any semantics (SAT for the maximal ones)."""
    sem = sem if isinstance(sem, Semantics) else Semantics.parse(sem)
    ext = frozenset(int(a) for a in s)
    simple = {
        Semantics.CF: is_conflict_free,
        Semantics.AD: is_admissible,
        Semantics.CO: is_complete,
        Semantics.ST: is_stable,
    }
    if sem in simple:
        return simple[sem](af, ext)
    if sem == Semantics.GR:
        return ext == grounded_extension(af)
    if sem == Semantics.ID:
        return ext == Solver(af, sem).ideal()
    base = is_conflict_free if sem == Semantics.STG else is_complete
    if not base(af, ext):
        return False
    with Solver(af, sem) as solver:
        return solver.is_maximal(ext)


def labelling(af: ArgumentationFramework, extension: Iterable[int]) -> list[Label]:
    """The labelling of a set (Caminada 2006): IN its members, OUT what they attack, else UNDEC.

    For a complete extension this is its complete labelling.

    References
    ----------
    M. Caminada. On the issue of reinstatement in argumentation. JELIA 2006, LNCS 4160.
    """
    m = _mask(af, extension)
    hit = _attacked(af, m)
    return [Label.IN if m[a] else Label.OUT if hit[a] else Label.UNDEC for a in range(af.n)]
