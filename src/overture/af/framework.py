"""The abstract argumentation framework type: arguments 0..n-1 and an attack relation.

Stored compactly as numpy edge arrays plus CSR adjacency in both directions, so that frameworks
with millions of attacks load and traverse quickly. Names map integer ids to user labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


def _csr(n: int, keys: IntArray, values: IntArray) -> tuple[IntArray, IntArray]:
    """Group `values` by `keys` (each in 0..n-1) into CSR (indptr, indices), indices sorted.

    `values` must already be sorted within equal keys' original order (stable sort by key).
    """
    order = np.argsort(keys, kind="stable")
    indices = values[order].astype(np.int64, copy=False)
    counts = np.bincount(keys, minlength=n).astype(np.int64)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, indices


@dataclass(frozen=True, eq=False)
class ArgumentationFramework:
    """A Dung framework (Dung 1995): `n` arguments, attacks `src[k]` -> `dst[k]`.

    Build one with `from_edges` (duplicates are removed). `names[i]` is argument i's label
    (ICCMA files use "1".."n"). The CSR arrays give the attackers of and the arguments attacked
    by each argument in O(degree).
    """

    n: int
    src: IntArray
    dst: IntArray
    names: tuple[str, ...]
    in_indptr: IntArray = field(repr=False)
    in_indices: IntArray = field(repr=False)
    out_indptr: IntArray = field(repr=False)
    out_indices: IntArray = field(repr=False)

    @classmethod
    def from_edges(
        cls,
        n: int,
        edges: Iterable[tuple[int, int]] | npt.NDArray[np.integer],
        names: Sequence[str] | None = None,
    ) -> ArgumentationFramework:
        """Build from `n` and attack pairs over 0..n-1 (an iterable or an (m, 2) array)."""
        arr = np.asarray(edges if isinstance(edges, np.ndarray) else list(edges), dtype=np.int64)
        if arr.size == 0:
            arr = np.zeros((0, 2), dtype=np.int64)
        if arr.ndim != 2 or arr.shape[1] != 2:
            raise ValueError("edges must be pairs (i, j)")
        if arr.size and (arr.min() < 0 or arr.max() >= n):
            raise ValueError(f"attack endpoint outside 0..{n - 1}")
        if arr.shape[0]:
            # Sort-and-mask deduplication (faster than np.unique); leaves attacks sorted by
            # (attacker, attacked), so the outgoing CSR needs no further sort.
            codes = np.sort(arr[:, 0] * max(n, 1) + arr[:, 1])
            keep = np.empty(codes.shape[0], dtype=bool)
            keep[0] = True
            np.not_equal(codes[1:], codes[:-1], out=keep[1:])
            codes = codes[keep]
            src, dst = codes // max(n, 1), codes % max(n, 1)
        else:
            src = dst = np.zeros(0, dtype=np.int64)
        if names is None:
            label = tuple(str(i + 1) for i in range(n))
        else:
            label = tuple(names)
            if len(label) != n:
                raise ValueError(f"{len(label)} names given for {n} arguments")
        in_ptr, in_idx = _csr(n, dst, src)
        out_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=out_ptr[1:])
        out_idx = dst
        return cls(n, src, dst, label, in_ptr, in_idx, out_ptr, out_idx)

    @property
    def num_attacks(self) -> int:
        return int(self.src.shape[0])

    def attackers(self, a: int) -> IntArray:
        """Arguments that attack `a`, sorted."""
        return self.in_indices[self.in_indptr[a] : self.in_indptr[a + 1]]

    def attacked_by(self, a: int) -> IntArray:
        """Arguments that `a` attacks, sorted."""
        return self.out_indices[self.out_indptr[a] : self.out_indptr[a + 1]]

    def attacks(self) -> list[tuple[int, int]]:
        """All attacks as (attacker, attacked) pairs, sorted."""
        return list(zip(self.src.tolist(), self.dst.tolist(), strict=True))

    def self_attacking(self) -> npt.NDArray[np.bool_]:
        """Boolean mask of arguments that attack themselves."""
        mask = np.zeros(self.n, dtype=bool)
        mask[self.src[self.src == self.dst]] = True
        return mask

    def index(self, name: str) -> int:
        """The id of the argument labelled `name` (KeyError if none)."""
        lookup = self.__dict__.get("_lookup")
        if lookup is None:
            lookup = {nm: i for i, nm in enumerate(self.names)}
            object.__setattr__(self, "_lookup", lookup)
        return int(lookup[name])

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"ArgumentationFramework(n={self.n}, attacks={self.num_attacks})"
