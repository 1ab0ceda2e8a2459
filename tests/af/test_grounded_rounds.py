"""The rounds of the grounded fixpoint against a naive iteration of Dung's characteristic function."""

from __future__ import annotations

from hypothesis import given
from tests.af.bruteforce import attacked_by, defends
from tests.af.test_semantics_reference import Edges, frameworks

from overture.af import ArgumentationFramework, grounded_extension, grounded_rounds


def naive_rounds(n: int, edges: Edges) -> list[int]:
    """Iterate F from the empty set; record the first iterate holding (or attacking) each argument."""
    att = set(edges)
    rounds = [-1] * n
    current: frozenset[int] = frozenset()
    step = 0
    while True:
        following = frozenset(x for x in range(n) if defends(current, x, att))
        if following == current:
            return rounds
        for x in following - current:
            rounds[x] = step
        for x in attacked_by(following, att) - attacked_by(current, att):
            rounds[x] = step
        current = following
        step += 1


@given(frameworks(max_n=10))
def test_rounds_follow_the_fixpoint_iteration(data: tuple[int, Edges]) -> None:
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    rounds = grounded_rounds(af)
    assert rounds == naive_rounds(n, edges)
    grounded = grounded_extension(af)
    attackers: dict[int, set[int]] = {b: set() for b in range(n)}
    for a, b in edges:
        attackers[b].add(a)
    for x in grounded:  # every attacker of an IN argument is OUT strictly before it
        for y in attackers[x]:
            assert 0 <= rounds[y] < rounds[x]
    undecided = {x for x in range(n) if rounds[x] == -1}
    out = set(attacked_by(grounded, set(edges)))
    assert undecided == set(range(n)) - grounded - out
