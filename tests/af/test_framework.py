"""The AF type: construction, deduplication, adjacency in both directions."""

from hypothesis import given
from hypothesis import strategies as st

from overture.af import ArgumentationFramework


@st.composite
def edge_lists(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(min_value=0, max_value=12))
    if n == 0:
        return 0, []
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return n, draw(st.lists(pair, max_size=40))


@given(edge_lists())
def test_adjacency_matches_edge_set(data: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = data
    af = ArgumentationFramework.from_edges(n, edges)
    assert set(af.attacks()) == set(edges)
    assert af.num_attacks == len(set(edges))
    for a in range(n):
        assert af.attackers(a).tolist() == sorted({i for i, j in edges if j == a})
        assert af.attacked_by(a).tolist() == sorted({j for i, j in edges if i == a})
    assert [bool(x) for x in af.self_attacking()] == [(a, a) in set(edges) for a in range(n)]


def test_names_and_lookup() -> None:
    af = ArgumentationFramework.from_edges(3, [(0, 1)], names=["a", "b", "c"])
    assert af.index("c") == 2
    assert af.names == ("a", "b", "c")
