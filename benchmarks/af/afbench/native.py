"""The native peer: µ-toksia (Niskanen & Järvisalo, KR 2020; C++ with Glucose) built from
the sources in ../shared/peers/, run as a whole process on APX copies of the instances.

Its ICCMA 2019 interface reads APX only and prints `[a1,a3]` / `YES` / `NO` (no certificates
for decisions); both are converted here, untimed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from afbench.harness import REPO, Run, _tail, run_process

PEER_SOURCES = REPO.parent / "shared" / "peers" / "mu-toksia"


def build(workdir: Path) -> tuple[Path | None, str]:
    """Build µ-toksia into `workdir`: (binary, "") or (None, why it was skipped)."""
    if not PEER_SOURCES.is_dir():
        return None, f"no native solver sources at {PEER_SOURCES}"
    if shutil.which("g++") is None or shutil.which("make") is None:
        return None, "no C++ compiler (g++) or make on this machine"
    if not Path("/usr/include/zlib.h").exists():
        return None, "zlib headers missing (apt-get install zlib1g-dev)"
    target = workdir / "mu-toksia"
    shutil.copytree(PEER_SOURCES, target, ignore=shutil.ignore_patterns("build", "*.o"))
    done = subprocess.run(["make", "-C", str(target), "-j2"], capture_output=True, text=True,
                          timeout=600)
    binary = target / "mu-toksia-built"
    if done.returncode != 0 or not binary.exists():
        return None, "build failed: " + _tail(done.stderr or done.stdout)
    return binary, ""


def to_apx(n: int, edges: list[tuple[int, int]] | object, out: Path) -> None:
    """Write the instance in APX with names a1..an (0-based ids shifted)."""
    pairs = edges.tolist() if hasattr(edges, "tolist") else edges
    with out.open("w", encoding="ascii") as fh:
        fh.writelines(f"arg(a{i + 1}).\n" for i in range(n))
        fh.writelines(f"att(a{i + 1},a{j + 1}).\n" for i, j in pairs)


def parse(task: str, text: str) -> tuple[bool | None, frozenset[int] | None]:
    """µ-toksia's output -> (decision, 0-based extension). ValueError if malformed."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise ValueError("empty output")
    if task.startswith("SE"):
        if lines[0] == "NO":
            return None, None
        body = lines[0]
        if not (body.startswith("[") and body.endswith("]")):
            raise ValueError(f"expected [a1,...], got {body[:40]!r}")
        names = [x for x in body[1:-1].split(",") if x]
        return None, frozenset(int(x[1:]) - 1 for x in names)
    if lines[0] not in ("YES", "NO"):
        raise ValueError(f"expected YES/NO, got {lines[0][:40]!r}")
    return lines[0] == "YES", None


def run(binary: Path, task: str, instance: str, apx: Path, query: int | None,
        timeout: float) -> Run:
    """One whole-process call of the native solver."""
    cmd = [str(binary), "-p", task, "-fo", "apx", "-f", str(apx)]
    if query is not None:
        cmd += ["-a", f"a{query + 1}"]
    return run_process("native", task, instance, query, cmd, timeout, parse)
