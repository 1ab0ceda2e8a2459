"""Checks that a set of arguments is conflict-free, admissible, complete, stable, ..., and labellings.

Cheap numpy checks for the polynomial properties; a `Solver` for the maximality ones.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from overture.af.framework import ArgumentationFramework
from overture.af.grounded import grounded_extension
from overture.af.semantics import Label, Semantics
from overture.af.solver import Solver
from overture.errors import InputError


def _mask(af: ArgumentationFramework, s: Iterable[int]) -> npt.NDArray[np.bool_]:
    mask = np.zeros(af.n, dtype=bool)
    idx = np.fromiter((int(a) for a in s), dtype=np.int64)
    if idx.size and (idx.min() < 0 or idx.max() >= af.n):
        raise InputError(f"argument outside 0..{af.n - 1} in the set")
    mask[idx] = True
    return mask


def _attacked(af: ArgumentationFramework, mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    hit = np.zeros(af.n, dtype=bool)
    hit[af.dst[mask[af.src]]] = True
    return hit


def is_conflict_free(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """No argument of `s` attacks an argument of `s` (Dung 1995)."""
    m = _mask(af, s)
    return not bool((m[af.src] & m[af.dst]).any())


def _defended(af: ArgumentationFramework, m: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Arguments all of whose attackers are attacked by the set `m` (the characteristic function)."""
    hit = _attacked(af, m)
    undefended = np.zeros(af.n, dtype=bool)
    undefended[af.dst[~hit[af.src]]] = True
    return ~undefended


def is_admissible(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """`s` is conflict-free and attacks every attacker of its members (Dung 1995)."""
    m = _mask(af, s)
    if (m[af.src] & m[af.dst]).any():
        return False
    return bool((_defended(af, m) | ~m).all())


def is_complete(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """`s` is admissible and contains every argument it defends (Dung 1995)."""
    m = _mask(af, s)
    if (m[af.src] & m[af.dst]).any():
        return False
    return bool((_defended(af, m) == m).all())


def is_stable(af: ArgumentationFramework, s: Iterable[int]) -> bool:
    """`s` is conflict-free and attacks every argument outside it (Dung 1995)."""
    m = _mask(af, s)
    if (m[af.src] & m[af.dst]).any():
        return False
    return bool((_attacked(af, m) | m).all())


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
