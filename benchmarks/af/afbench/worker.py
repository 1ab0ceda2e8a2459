"""One timed solver call in its own process: `python -m afbench.worker SOLVER TASK FILE [Q]`.

Reads the `.af` file (untimed), imports the solver (untimed), then times building the
solver's framework plus solving, and prints one JSON line: answer, certificate, seconds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from afbench.iccma_io import read_af
from afbench.solvers import ADAPTERS, Unsupported


def main(argv: list[str]) -> int:
    solver, task, file = argv[0], argv[1], Path(argv[2])
    q = int(argv[3]) if len(argv) > 3 else None
    n, edges = read_af(file)
    try:
        adapter = ADAPTERS[solver](task)
        t0, c0 = time.perf_counter(), time.process_time()
        ans = adapter(n, edges, q)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
    except Unsupported as exc:
        print(json.dumps({"status": "unsupported", "reason": str(exc)}))
        return 0
    except SystemExit as exc:  # pygarg calls sys.exit on some inputs
        print(json.dumps({"status": "error", "reason": f"sys.exit({exc.code})"}))
        return 0
    ext = None if ans.extension is None else sorted(ans.extension)
    print(
        json.dumps(
            {"status": "ok", "seconds": dt, "cpu": dc, "decision": ans.decision, "extension": ext}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
