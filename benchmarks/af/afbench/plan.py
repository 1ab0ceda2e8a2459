"""The benchmark plan: which instances (generated or ICCMA 2023) and which tasks, for the quick
and the full mode, plus the deterministic choice of query arguments.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from afbench import checker as ck
from afbench import generators as gen
from afbench.iccma_io import read_af


@dataclass(frozen=True)
class Planned:
    """An instance to run: `build` makes (n, edges) lazily; `group` is the reporting family;
    `target` marks the 2,000-argument ER instances of the issue's speed target. `series` and
    `level` order instances by difficulty: after a time-out at some level, a solver is
    skipped on the same series at that level and above (budget rule of the harness)."""

    name: str
    group: str
    build: Callable[[], gen.Instance]
    series: str
    level: float
    target: bool = False
    hard: bool = False


TARGET_PS = (0.001, 0.002, 0.003, 0.005)
HARD_P = 0.01


def _er(n: int, p: float, seed: int, series: str, level: float, **kw: bool) -> Planned:
    name = f"er_n{n}_p{p:g}_s{seed}"
    return Planned(name, f"ER n={n} p={p:g}", lambda: gen.make_er(n, p, seed), series, level, **kw)


def _grid(side: int, seed: int) -> Planned:
    return Planned(
        f"grid_{side}x{side}_s{seed}",
        f"grid {side}x{side}",
        lambda: gen.make_grid(side, seed),
        "grid",
        side,
    )


def _ba(n: int, seed: int) -> Planned:
    return Planned(f"ba_n{n}_m2_s{seed}", f"BA n={n} m=2", lambda: gen.make_ba(n, 2, seed), "ba", n)


def _iccma(path: Path) -> Planned:
    def build() -> gen.Instance:
        n, edges = read_af(path)
        return gen.Instance(path.stem, "ICCMA 2023", n, edges)

    family = path.stem.split("_")[0]
    series = family if family == "admbuster" else path.stem
    return Planned(path.stem, f"ICCMA {path.stem}", build, series, _size_of(path))


def _size_of(path: Path) -> float:
    with path.open(encoding="ascii") as fh:
        for line in fh:
            if line.startswith("p af"):
                return float(line.split()[2])
    return 0.0


ICCMA_QUICK = ("admbuster_1000.af", "admbuster_10000.af", "a1210993_20150717_0403.gml.80.af")
ICCMA_FULL = (
    "admbuster_1000.af",
    "admbuster_8000.af",
    "admbuster_10000.af",
    "admbuster_50000.af",
    "a1210993_20150717_0403.gml.80.af",
    "st_890_86_9_572.af",
)


def plan(quick: bool, iccma_dir: Path | None, seeds: int | None = None) -> list[Planned]:
    """Instances in run order (small and easy first)."""
    k = seeds if seeds is not None else (1 if quick else 2)
    out: list[Planned] = [_er(100, 0.05, s, "er100", 0) for s in range(1, k + 1)]
    out += [_grid(10, 1), _ba(100, 1)]
    if not quick:
        out += [_grid(32, 1), _ba(1000, 1), _er(1000, 0.003, 1, "er-deg3", 1000)]
    for p in TARGET_PS:
        out += [_er(2000, p, s, "er2000", p, target=True) for s in range(1, k + 1)]
    out += [_grid(100, 1), _ba(10_000, 1), _er(10_000, 0.0003, 1, "er-deg3", 10_000)]
    if not quick:
        out += [_grid(316, 1), _ba(100_000, 1), _er(100_000, 0.00003, 1, "er-deg3", 100_000)]
    if iccma_dir is not None and iccma_dir.is_dir():
        for f in ICCMA_QUICK if quick else ICCMA_FULL:
            if (iccma_dir / f).exists():
                out.append(_iccma(iccma_dir / f))
    if not quick:
        out.append(_er(2000, HARD_P, 1, "er2000", HARD_P, hard=True))
    return out


def pick_query(name: str, g: ck.Graph, grounded: frozenset[int]) -> int:
    """A reproducible query: an argument left undecided by the grounded labelling when there
    is one (the informative case for DC/DS), else any argument; seeded by the name."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    gmask = g.mask(grounded)
    undecided = ~gmask & ~ck.defeated_by(g, gmask)
    pool = np.nonzero(undecided)[0]
    if pool.size == 0:
        pool = np.arange(g.n)
    return int(rng.choice(pool))
