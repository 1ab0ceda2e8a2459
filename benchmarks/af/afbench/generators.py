"""Seeded generators of abstract argumentation frameworks as (n, edges) with 0-based ids.

Families: Erdős–Rényi digraphs, grid-like frameworks and Barabási–Albert scale-free ones;
every generator is a pure function of its parameters and seed (numpy PCG64 streams).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Edges = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Instance:
    """A generated framework: `edges` is an (m, 2) int64 array of distinct attacks, sorted."""

    name: str
    family: str
    n: int
    edges: Edges

    @property
    def num_attacks(self) -> int:
        return int(self.edges.shape[0])


def _unique_sorted(n: int, src: Edges, dst: Edges) -> Edges:
    codes = np.unique(src.astype(np.int64) * n + dst.astype(np.int64))
    return np.stack([codes // n, codes % n], axis=1).astype(np.int64)


def erdos_renyi(n: int, p: float, seed: int, *, self_attacks: bool = False) -> Edges:
    """G(n, p) digraph: each ordered pair (a, b), a != b unless `self_attacks`, with prob. p.

    For n <= 4,000 every pair is drawn (exact G(n, p)); above that, the number of attacks m
    is drawn from Binomial(pairs, p) and m distinct pairs are sampled uniformly, which is the
    same distribution (Erdős & Rényi 1959; Gilbert 1959) without an n^2 loop.
    """
    if n <= 0:
        return np.zeros((0, 2), dtype=np.int64)
    rng = np.random.default_rng(seed)
    if n <= 4000:
        mask = rng.random((n, n)) < p
        if not self_attacks:
            np.fill_diagonal(mask, False)
        src, dst = np.nonzero(mask)
        return _unique_sorted(n, src.astype(np.int64), dst.astype(np.int64))
    pairs = n * n if self_attacks else n * (n - 1)
    m = int(rng.binomial(pairs, p))
    codes = np.zeros(0, dtype=np.int64)
    while codes.shape[0] < m:
        draw = rng.integers(0, n * n, size=int((m - codes.shape[0]) * 1.1) + 16, dtype=np.int64)
        if not self_attacks:
            draw = draw[draw // n != draw % n]
        codes = np.unique(np.concatenate([codes, draw]))
    if codes.shape[0] > m:
        codes = rng.permutation(codes)[:m]
    return _unique_sorted(n, codes // n, codes % n)


def grid(rows: int, cols: int, seed: int, *, p_mutual: float = 0.4) -> Edges:
    """Grid-like AF: cells are arguments, each pair of 4-neighbours is linked by one attack.

    A link is a mutual attack with probability `p_mutual`, otherwise a single attack in a
    uniformly random direction (in the spirit of the GridBased generator of probo used in
    ICCMA 2015-2017; mutual attacks create many preferred extensions).
    """
    rng = np.random.default_rng(seed)
    ids = np.arange(rows * cols, dtype=np.int64).reshape(rows, cols)
    a = np.concatenate([ids[:, :-1].ravel(), ids[:-1, :].ravel()])
    b = np.concatenate([ids[:, 1:].ravel(), ids[1:, :].ravel()])
    kind = rng.random(a.shape[0])
    mutual = kind < p_mutual
    forward = (~mutual) & (rng.random(a.shape[0]) < 0.5)
    backward = ~(mutual | forward)
    src = np.concatenate([a[mutual | forward], b[mutual | backward]])
    dst = np.concatenate([b[mutual | forward], a[mutual | backward]])
    return _unique_sorted(rows * cols, src, dst)


def barabasi_albert(n: int, m: int, seed: int, *, p_back: float = 0.5) -> Edges:
    """Scale-free AF by preferential attachment (Barabási & Albert 1999).

    Starts from m+1 arguments in a directed cycle; each later argument links to m distinct
    earlier ones chosen with probability proportional to their degree (the classic
    repeated-endpoints list). Each link is an attack old -> new with probability `p_back`,
    else new -> old, so hubs are both heavily attacked and heavy attackers.
    """
    if n <= m + 1:
        raise ValueError("barabasi_albert needs n > m + 1")
    rng = np.random.default_rng(seed)
    core = m + 1
    src_list: list[int] = [i for i in range(core)]
    dst_list: list[int] = [(i + 1) % core for i in range(core)]
    endpoints = np.zeros(2 * (core + m * (n - core)), dtype=np.int64)
    endpoints[: 2 * core] = np.array(src_list + dst_list, dtype=np.int64)
    filled = 2 * core
    choice_buf = rng.random(size=(n, 4 * m))
    for v in range(core, n):
        targets: set[int] = set()
        k = 0
        while len(targets) < m:
            u = choice_buf[v, k] if k < 4 * m else rng.random()
            idx = int(u * filled)
            targets.add(int(endpoints[idx]))
            k += 1
        for t in sorted(targets):
            src_list.append(v)
            dst_list.append(t)
            endpoints[filled] = v
            endpoints[filled + 1] = t
            filled += 2
    src = np.array(src_list, dtype=np.int64)
    dst = np.array(dst_list, dtype=np.int64)
    flip = np.zeros(src.shape[0], dtype=bool)
    flip[core:] = rng.random(src.shape[0] - core) < p_back
    s2 = np.where(flip, dst, src)
    d2 = np.where(flip, src, dst)
    return _unique_sorted(n, s2, d2)


def make_er(n: int, p: float, seed: int) -> Instance:
    return Instance(f"er_n{n}_p{p:g}_s{seed}", f"ER n={n} p={p:g}", n, erdos_renyi(n, p, seed))


def make_grid(side: int, seed: int) -> Instance:
    return Instance(
        f"grid_{side}x{side}_s{seed}", f"grid {side}x{side}", side * side, grid(side, side, seed)
    )


def make_ba(n: int, m: int, seed: int) -> Instance:
    return Instance(f"ba_n{n}_m{m}_s{seed}", f"BA n={n} m={m}", n, barabasi_albert(n, m, seed))
