"""The abstract argumentation framework type: arguments 0..n-1 and an attack relation.

Stored compactly as int64 arrays (`array.array`): the attacks sorted by (attacker, attacked) and
CSR adjacency in both directions. Small frameworks are built in pure Python; numpy (imported
only then) builds those given as numpy arrays or with many attacks, which it does far faster.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

TYPE_CHECKING = False  # numpy and typing stay unimported on small inputs (ICCMA start-up)
if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: The typecode of every integer array here (signed 64-bit).
INT = "q"
#: From this many attacks numpy builds the framework (below it pure Python is faster, counting
#: numpy's import of about 0.1 s).
NUMPY_FROM = 50_000


def int_array(values: Iterable[int] = ()) -> array[int]:
    """A compact int64 array of `values`."""
    return array(INT, values)


def index_pointers(n: int, keys: Sequence[int]) -> list[int]:
    """CSR index pointers of `keys` (each in 0..n-1): key k's entries lie at
    `indptr[k]:indptr[k + 1]` once grouped."""
    counts = [0] * (n + 1)
    for k in keys:
        counts[k + 1] += 1
    for i in range(n):
        counts[i + 1] += counts[i]
    return counts


def group_by(n: int, keys: Sequence[int], values: Sequence[int]) -> tuple[list[int], list[int]]:
    """Group `values` by `keys` (each in 0..n-1) as CSR lists (indptr, indices): the values of
    key k are `indices[indptr[k]:indptr[k + 1]]`, in their original order (a counting sort)."""
    indptr = index_pointers(n, keys)
    slot = indptr[:-1]
    out = [0] * len(values)
    for k, v in zip(keys, values, strict=True):
        out[slot[k]] = v
        slot[k] += 1
    return indptr, out


class ArgumentationFramework:
    """A Dung framework (Dung 1995): `n` arguments, attacks `src[k]` -> `dst[k]`.

    Build one with `from_edges` (duplicates are removed). `names[i]` is argument i's label
    (ICCMA files use "1".."n"). The CSR arrays give the attackers of and the arguments attacked
    by each argument in O(degree). The fields are int64 `array.array`s; treat them as
    read-only (`attack_arrays()` gives numpy views for vectorised work).
    """

    __slots__ = (
        "_lookup",
        "dst",
        "in_indices",
        "in_indptr",
        "n",
        "names",
        "out_indices",
        "out_indptr",
        "src",
    )

    def __init__(
        self,
        n: int,
        src: array[int],
        dst: array[int],
        names: tuple[str, ...],
        in_indptr: array[int],
        in_indices: array[int],
        out_indptr: array[int],
        out_indices: array[int],
    ) -> None:
        self.n = n
        self.src = src
        self.dst = dst
        self.names = names
        self.in_indptr = in_indptr
        self.in_indices = in_indices
        self.out_indptr = out_indptr
        self.out_indices = out_indices
        self._lookup: dict[str, int] | None = None

    @classmethod
    def from_edges(
        cls,
        n: int,
        edges: Iterable[tuple[int, int]] | Iterable[Sequence[int]] | npt.NDArray[np.integer],
        names: Sequence[str] | None = None,
    ) -> ArgumentationFramework:
        """Build from `n` and attack pairs over 0..n-1 (an iterable or an (m, 2) array)."""
        if names is None:
            label = tuple(str(i + 1) for i in range(n))
        else:
            label = tuple(names)
            if len(label) != n:
                raise ValueError(f"{len(label)} names given for {n} arguments")
        if type(edges).__module__ == "numpy":
            return cls._from_numpy(n, edges, label)
        pairs = edges if isinstance(edges, list) else list(edges)
        if len(pairs) >= NUMPY_FROM:
            return cls._from_numpy(n, pairs, label)
        width = max(n, 1)
        codes: set[int] = set()
        for pair in pairs:
            try:
                i, j = pair
            except (TypeError, ValueError):
                raise ValueError("edges must be pairs (i, j)") from None
            if not (0 <= i < n and 0 <= j < n):
                raise ValueError(f"attack endpoint outside 0..{n - 1}")
            codes.add(int(i) * width + int(j))
        ordered = sorted(codes)
        src = [c // width for c in ordered]
        dst = [c % width for c in ordered]
        in_ptr, in_idx = group_by(n, dst, src)
        # sorted by (attacker, attacked): the outgoing CSR's indices are `dst` itself
        return cls(n, int_array(src), int_array(dst), label, int_array(in_ptr),
                   int_array(in_idx), int_array(index_pointers(n, src)), int_array(dst))

    @classmethod
    def _from_numpy(cls, n: int, edges: object, label: tuple[str, ...]) -> ArgumentationFramework:
        import numpy as np

        arr = np.asarray(edges, dtype=np.int64)
        if arr.size == 0:
            arr = np.zeros((0, 2), dtype=np.int64)
        if arr.ndim != 2 or arr.shape[1] != 2:
            raise ValueError("edges must be pairs (i, j)")
        if arr.size and (arr.min() < 0 or arr.max() >= n):
            raise ValueError(f"attack endpoint outside 0..{n - 1}")
        width = max(n, 1)
        if arr.shape[0]:
            # Sort-and-mask deduplication (faster than np.unique); leaves attacks sorted by
            # (attacker, attacked), so the outgoing CSR needs no further sort.
            codes = np.sort(arr[:, 0] * width + arr[:, 1])
            keep = np.empty(codes.shape[0], dtype=bool)
            keep[0] = True
            np.not_equal(codes[1:], codes[:-1], out=keep[1:])
            codes = codes[keep]
            src, dst = codes // width, codes % width
        else:
            src = dst = np.zeros(0, dtype=np.int64)
        order = np.argsort(dst, kind="stable")
        in_idx = src[order]
        in_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(dst, minlength=n), out=in_ptr[1:])
        out_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=out_ptr[1:])

        def pack(values: npt.NDArray[np.int64]) -> array[int]:
            out = int_array()
            out.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
            return out

        return cls(n, pack(src), pack(dst), label, pack(in_ptr), pack(in_idx), pack(out_ptr),
                   pack(dst))

    @property
    def num_attacks(self) -> int:
        return len(self.src)

    def attackers(self, a: int) -> array[int]:
        """Arguments that attack `a`, sorted."""
        return self.in_indices[self.in_indptr[a] : self.in_indptr[a + 1]]

    def attacked_by(self, a: int) -> array[int]:
        """Arguments that `a` attacks, sorted."""
        return self.out_indices[self.out_indptr[a] : self.out_indptr[a + 1]]

    def attacks(self) -> list[tuple[int, int]]:
        """All attacks as (attacker, attacked) pairs, sorted."""
        return list(zip(self.src.tolist(), self.dst.tolist(), strict=True))

    def self_attacking(self) -> list[bool]:
        """For each argument, whether it attacks itself."""
        mask = [False] * self.n
        for i, j in zip(self.src, self.dst, strict=True):
            if i == j:
                mask[i] = True
        return mask

    def attack_arrays(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The attacks as two numpy int64 arrays (attackers, attacked), sharing this storage."""
        import numpy as np

        return (np.frombuffer(self.src, dtype=np.int64) if len(self.src) else
                np.zeros(0, dtype=np.int64),
                np.frombuffer(self.dst, dtype=np.int64) if len(self.dst) else
                np.zeros(0, dtype=np.int64))

    def index(self, name: str) -> int:
        """The id of the argument labelled `name` (KeyError if none)."""
        if self._lookup is None:
            self._lookup = {nm: i for i, nm in enumerate(self.names)}
        return self._lookup[name]

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"ArgumentationFramework(n={self.n}, attacks={self.num_attacks})"
