"""The benchmark's AF generators: deterministic by seed, well-formed, the intended shapes."""

from __future__ import annotations

import numpy as np
import pytest
from afbench import generators as gen
from afbench.iccma_io import read_af, write_af


def _well_formed(n: int, edges: np.ndarray) -> None:
    assert edges.dtype == np.int64 and edges.ndim == 2 and edges.shape[1] == 2
    assert edges.size == 0 or (edges.min() >= 0 and edges.max() < n)
    codes = edges[:, 0] * n + edges[:, 1]
    assert np.all(np.diff(codes) > 0), "sorted and without duplicates"


@pytest.mark.parametrize(
    "make",
    [
        lambda s: gen.erdos_renyi(300, 0.02, s),
        lambda s: gen.erdos_renyi(5000, 0.0004, s),
        lambda s: gen.grid(12, 9, s),
        lambda s: gen.barabasi_albert(400, 2, s),
    ],
    ids=["er-exact", "er-sampled", "grid", "ba"],
)
def test_same_seed_same_instance_other_seed_other(make) -> None:  # type: ignore[no-untyped-def]
    a, b, c = make(1), make(1), make(2)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("n,p", [(300, 0.02), (2000, 0.003), (20_000, 0.0002)])
def test_erdos_renyi_density_and_no_self_attacks(n: int, p: float) -> None:
    edges = gen.erdos_renyi(n, p, 3)
    _well_formed(n, edges)
    assert not np.any(edges[:, 0] == edges[:, 1])
    expected = p * n * (n - 1)
    assert abs(edges.shape[0] - expected) < 5 * np.sqrt(expected)


def test_grid_links_only_neighbours_once_or_mutually() -> None:
    rows, cols = 7, 5
    edges = gen.grid(rows, cols, 4)
    _well_formed(rows * cols, edges)
    links = rows * (cols - 1) + cols * (rows - 1)
    pairs = {tuple(sorted(e)) for e in edges.tolist()}
    assert len(pairs) == links
    for a, b in pairs:
        ra, ca, rb, cb = a // cols, a % cols, b // cols, b % cols
        assert abs(ra - rb) + abs(ca - cb) == 1
    assert links <= edges.shape[0] <= 2 * links


def test_barabasi_albert_has_hubs_and_m_links_per_argument() -> None:
    n, m = 3000, 2
    edges = gen.barabasi_albert(n, m, 5)
    _well_formed(n, edges)
    assert edges.shape[0] == (m + 1) + m * (n - m - 1)
    degree = np.bincount(edges.ravel(), minlength=n)
    assert degree.max() > 10 * np.median(degree), "preferential attachment makes hubs"


def test_af_file_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    edges = gen.erdos_renyi(50, 0.1, 9)
    path = tmp_path / "x.af"
    write_af(path, 50, edges, comment="x")
    n, back = read_af(path)
    assert n == 50 and np.array_equal(back, edges)


def test_reader_rejects_out_of_range(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.af"
    path.write_text("p af 2\n1 3\n")
    with pytest.raises(ValueError, match="outside"):
        read_af(path)
