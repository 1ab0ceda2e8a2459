"""Minimal ICCMA 2023 `.af` reading and writing for the benchmark (1-based ids in files).

Independent of `overture.af` on purpose, so the harness does not trust the code it measures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from afbench.generators import Edges


def write_af(path: Path, n: int, edges: Edges, comment: str = "") -> None:
    """Write `p af n` and one `i j` line per attack (ids shifted to 1-based)."""
    one = edges + 1
    body = "\n".join(f"{a} {b}" for a, b in one.tolist())
    head = (f"# {comment}\n" if comment else "") + f"p af {n}\n"
    path.write_text(head + body + ("\n" if body else ""), encoding="ascii")


def read_af(path: Path) -> tuple[int, Edges]:
    """Read an ICCMA 2023 AF: returns n and 0-based (m, 2) edges (duplicates removed)."""
    n = -1
    pairs: list[str] = []
    with path.open("r", encoding="ascii") as fh:
        for line in fh:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if s.startswith("p"):
                parts = s.split()
                if len(parts) != 3 or parts[1] != "af":
                    raise ValueError(f"{path}: bad header {s!r}")
                n = int(parts[2])
                continue
            pairs.append(s)
    if n < 0:
        raise ValueError(f"{path}: missing 'p af N' header")
    if not pairs:
        return n, np.zeros((0, 2), dtype=np.int64)
    flat = np.array(" ".join(pairs).split(), dtype=np.int64)
    if flat.shape[0] % 2:
        raise ValueError(f"{path}: attack line without two ids")
    edges = flat.reshape(-1, 2) - 1
    if edges.min() < 0 or edges.max() >= n:
        raise ValueError(f"{path}: attack endpoint outside 1..{n}")
    codes = np.unique(edges[:, 0] * n + edges[:, 1])
    return n, np.stack([codes // n, codes % n], axis=1).astype(np.int64)
