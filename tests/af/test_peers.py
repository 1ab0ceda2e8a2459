"""Cross-checks against a peer implementation (pygarg, a dev extra) on random frameworks."""

from __future__ import annotations

import random

import pytest

from overture.af import ArgumentationFramework, Semantics, Solver

pygarg_solver = pytest.importorskip("pygarg.dung.solver")

pytestmark = pytest.mark.peers


def _random_af(seed: int) -> tuple[ArgumentationFramework, list[str], list[list[str]]]:
    rnd = random.Random(seed)
    n = rnd.randint(1, 14)
    p = rnd.choice([0.1, 0.15, 0.2, 0.3])
    edges = [(i, j) for i in range(n) for j in range(n) if rnd.random() < p]
    names = [str(i + 1) for i in range(n)]
    return (
        ArgumentationFramework.from_edges(n, edges),
        names,
        [[names[i], names[j]] for i, j in edges],
    )


@pytest.mark.parametrize("sem", ["CO", "PR", "ST", "SST", "GR", "ID"])
def test_enumeration_agrees_with_pygarg(sem: str) -> None:
    for seed in range(25):
        af, args, atts = _random_af(seed)
        theirs = {frozenset(e) for e in pygarg_solver.extension_enumeration(args, atts, sem)}
        with Solver(af, Semantics(sem)) as solver:
            ours = {frozenset(af.names[a] for a in e) for e in solver.enumerate()}
        assert ours == theirs, (sem, seed)


@pytest.mark.parametrize("sem", ["PR", "ST", "SST"])
def test_acceptance_agrees_with_pygarg(sem: str) -> None:
    for seed in range(100, 112):
        af, args, atts = _random_af(seed)
        with Solver(af, Semantics(sem)) as solver:
            for a, name in enumerate(args):
                cred = pygarg_solver.credulous_acceptability(args, atts, name, sem)
                skep = pygarg_solver.skeptical_acceptability(args, atts, name, sem)
                cred = cred[0] if isinstance(cred, tuple) else cred
                skep = skep[0] if isinstance(skep, tuple) else skep
                assert solver.credulous(a)[0] == bool(cred), (sem, seed, name)
                assert solver.skeptical(a)[0] == bool(skep), (sem, seed, name)
