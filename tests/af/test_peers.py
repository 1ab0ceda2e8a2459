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


def _py_arg_framework(af: ArgumentationFramework) -> object:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat

    arguments = [Argument(name) for name in af.names]
    defeats = [Defeat(arguments[i], arguments[j]) for i, j in af.attacks()]
    return AbstractArgumentationFramework("random", arguments, defeats)


def _names_of(ext: object) -> frozenset[str]:
    return frozenset(getattr(x, "name", x) for x in ext)  # type: ignore[attr-defined]


@pytest.mark.parametrize("sem", ["CO", "PR", "ST", "SST", "GR", "ID"])
def test_enumeration_agrees_with_py_arg(sem: str) -> None:
    semantics = pytest.importorskip("py_arg.algorithms.semantics")
    del semantics
    from py_arg.algorithms.semantics import (
        get_complete_extensions,
        get_grounded_extension,
        get_ideal_extension,
        get_preferred_extensions,
        get_semistable_extensions,
        get_stable_extensions,
    )

    for seed in range(200, 225):
        af, _, _ = _random_af(seed)
        peer = _py_arg_framework(af)
        if sem == "GR":
            theirs = {_names_of(get_grounded_extension.get_grounded_extension(peer))}
        elif sem == "ID":
            found = get_ideal_extension.get_ideal_extension(peer)
            theirs = {_names_of(found if isinstance(found, set | frozenset) else found[0])}
        else:
            module, fn = {
                "CO": (get_complete_extensions, "get_complete_extensions"),
                "PR": (get_preferred_extensions, "get_preferred_extensions"),
                "ST": (get_stable_extensions, "get_stable_extensions"),
                "SST": (get_semistable_extensions, "get_semistable_extensions"),
            }[sem]
            theirs = {_names_of(e) for e in getattr(module, fn)(peer)}
        with Solver(af, Semantics(sem)) as solver:
            ours = {frozenset(af.names[a] for a in e) for e in solver.enumerate()}
        assert ours == theirs, (sem, seed)
