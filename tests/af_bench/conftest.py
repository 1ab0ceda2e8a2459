"""Makes the benchmark's `afbench` package (benchmarks/af/afbench) and this folder's
brute-force reference (`afbench_brute`) importable in these tests."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parents[1] / "benchmarks" / "af"
for p in (BENCH, HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))
