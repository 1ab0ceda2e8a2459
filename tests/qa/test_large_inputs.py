"""Large inputs at their limits stay near-linear in memory (issue 18's reproducers): an AIF file
of 199k I-nodes and an ASPIC+ theory of 100k isolated premises, each in a fresh process whose
peak resident set is measured (before the sparse sets: 5.3 GB and about 1.5 GB)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="peak memory is read from /proc (Linux)")

# The peak is read from /proc/self/status (VmHWM: this process image's own high-water mark);
# getrusage's ru_maxrss would also count the forked test worker's memory before the exec.
SCRIPT = """
import sys
from overture.cli.entry import main
sys.argv = ["overture", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open("/proc/self/status", encoding="ascii") as fh:
    kib = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
print("PEAK", kib, code, file=sys.stderr)
"""


def _peak_mib(args: list[str], cwd: Path) -> tuple[float, str, str]:
    out = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True,
                         text=True, cwd=cwd, timeout=300, check=False)
    line = next(x for x in out.stderr.splitlines() if x.startswith("PEAK"))
    _, kib, code = line.split()
    return int(kib) / 1024, code, out.stdout


def test_an_aif_file_at_the_node_limit_is_read_and_solved_in_bounded_memory(
        tmp_path: Path) -> None:
    nodes = [{"nodeID": str(i), "text": f"claim number {i}", "type": "I"}
             for i in range(199_000)]
    p = tmp_path / "big.json"
    p.write_text(json.dumps({"nodes": nodes, "edges": []}), encoding="utf-8")
    mib, code, out = _peak_mib(["import", str(p), "-s", "grounded"], tmp_path)
    assert code == "0"
    assert "claim_number_198999" in out
    assert mib < 900, f"{mib:.0f} MiB"


def test_a_theory_of_many_isolated_premises_is_evaluated_in_bounded_memory(
        tmp_path: Path) -> None:
    n = 100_000
    p = tmp_path / "t.aspic"
    p.write_text("premise: " + ", ".join(f"p{i}" for i in range(n)) + ";\n"
                 "[r1] p1, p2 => q;\n", encoding="utf-8")
    mib, code, out = _peak_mib(["aspic", str(p), "-s", "grounded", "--json"], tmp_path)
    assert code == "0"
    assert len(json.loads(out)["arguments"]) == n + 1
    assert mib < 600, f"{mib:.0f} MiB"


def test_a_theory_file_past_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from overture.aspic import syntax
    from overture.cli.main import app

    p = tmp_path / "big.aspic"
    p.write_text("premise: " + ", ".join(f"p{i}" for i in range(1000)) + ";\n",
                 encoding="utf-8")
    old = syntax.MAX_THEORY_BYTES
    syntax.MAX_THEORY_BYTES = 1000
    try:
        r = CliRunner().invoke(app, ["aspic", str(p)])
    finally:
        syntax.MAX_THEORY_BYTES = old
    assert r.exit_code == 2 and str(p) in r.output and "limit of 1,000 bytes" in r.output
