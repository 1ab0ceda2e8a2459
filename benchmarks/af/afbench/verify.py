"""Judging answers: each certificate checked on its own (afbench.checker), then decisions
compared across solvers. A wrong answer is reported as `WRONG: ...`, a disagreement that no
certificate settles as `DISAGREE: ...`.
"""

from __future__ import annotations

from collections.abc import Sequence

from afbench import checker as ck
from afbench.harness import Run


class InstanceChecker:
    """Caches the per-instance facts (graph, grounded extension, SAT checks)."""

    def __init__(self, g: ck.Graph, sat_timeout: float) -> None:
        self.g = g
        self.sat_timeout = sat_timeout
        self._grounded: frozenset[int] | None = None
        self._maximal: dict[frozenset[int], bool | None] = {}
        self._cred: dict[int, bool | None] = {}
        self._has_stable: bool | None = None
        self._has_stable_done = False

    @property
    def grounded(self) -> frozenset[int]:
        if self._grounded is None:
            self._grounded = ck.grounded(self.g)
        return self._grounded

    def maximal(self, ext: frozenset[int]) -> bool | None:
        if ext not in self._maximal:
            self._maximal[ext] = ck.is_maximal_admissible(
                self.g, self.g.mask(ext), self.sat_timeout
            )
        return self._maximal[ext]

    def credulous(self, q: int) -> bool | None:
        if q not in self._cred:
            self._cred[q] = ck.credulous_admissible(self.g, q, self.sat_timeout)
        return self._cred[q]

    def has_stable(self) -> bool | None:
        if not self._has_stable_done:
            self._has_stable = ck.has_stable(self.g, self.sat_timeout)
            self._has_stable_done = True
        return self._has_stable

    def preferred(self, ext: frozenset[int]) -> tuple[bool | None, str]:
        if not ck.admissible(self.g, self.g.mask(ext)):
            return False, "certificate is not admissible"
        mx = self.maximal(ext)
        if mx is None:
            return None, "admissible; maximality not settled within the checker's limit"
        return mx, "" if mx else "certificate is admissible but not maximal (not preferred)"

    def judge(self, run: Run) -> str:
        """Verdict for one ok run, from its own certificate and the checker only."""
        g, ext, q = self.g, run.extension, run.query
        try:
            if ext is not None:
                g.mask(ext)
        except ValueError as exc:
            return f"WRONG: {exc}"
        task = run.task
        if task == "SE-GR":
            if ext == self.grounded:
                return "verified"
            got = ext or frozenset()
            return (
                f"WRONG: not the grounded extension ({len(self.grounded - got)} missing, "
                f"{len(got - self.grounded)} extra)"
            )
        if task == "SE-ST":
            if ext is None:
                hs = self.has_stable()
                if hs is None:
                    return "consistent (NO; existence not settled in time)"
                return "WRONG: answered NO but a stable extension exists" if hs else "verified"
            return "verified" if ck.stable(g, g.mask(ext)) else "WRONG: not a stable extension"
        if task == "SE-PR":
            if ext is None:
                return "WRONG: answered NO but every AF has a preferred extension"
            ok, why = self.preferred(ext)
            return "verified" if ok else (f"WRONG: {why}" if ok is False else f"consistent ({why})")
        assert q is not None
        if task == "DC-CO":
            if run.decision:
                if ext is not None:
                    if q not in ext:
                        return "WRONG: YES certificate does not contain the query"
                    if not ck.complete(g, g.mask(ext)):
                        return "WRONG: YES certificate is not a complete extension"
                    return "verified"
                cr = self.credulous(q)
                if cr is False:
                    return "WRONG: YES but the query is in no admissible set"
                return "verified (no certificate given; SAT check agrees)" if cr else "consistent"
            cr = self.credulous(q)
            if cr is None:
                return "consistent (NO; not settled in time)"
            return "WRONG: NO but the query is in a complete extension" if cr else "verified"
        if task == "DS-PR":
            if run.decision is False:
                if ext is None:
                    return "consistent (NO without a certificate)"
                if q in ext:
                    return "WRONG: NO certificate contains the query"
                ok, why = self.preferred(ext)
                return (
                    "verified"
                    if ok
                    else (f"WRONG: {why}" if ok is False else f"consistent ({why})")
                )
            if q in self.grounded:
                return "verified"
            cr = self.credulous(q)
            if cr is False:
                return "WRONG: YES but the query is in no preferred extension"
            return "consistent (YES; cross-checked only)"
        return "consistent"


def cross_check(runs: Sequence[Run]) -> None:
    """Compare decisions of ok runs on one (instance, task); mark wrong/disagreeing runs."""
    ok = [r for r in runs if r.status == "ok"]
    if not ok:
        return
    task = ok[0].task
    if task.startswith("SE"):
        if task in ("SE-ST",):
            yes = [r for r in ok if r.extension is not None and r.verdict == "verified"]
            for r in ok:
                if r.extension is None and yes and not r.verdict.startswith("WRONG"):
                    r.verdict = f"WRONG: NO but {yes[0].solver} found a verified stable extension"
        return
    verified = {r.decision for r in ok if r.verdict.startswith("verified")}
    if len(verified) > 1:
        for r in ok:
            r.verdict = "DISAGREE: contradictory 'verified' answers (checker bug?)"
        return
    if verified:
        truth = next(iter(verified))
        for r in ok:
            if r.decision != truth and not r.verdict.startswith("WRONG"):
                who = next(x.solver for x in ok if x.verdict.startswith("verified"))
                r.verdict = f"WRONG: answered {_yn(r.decision)}, {who} has a verified {_yn(truth)}"
        return
    if len({r.decision for r in ok}) > 1:
        for r in ok:
            if not r.verdict.startswith("WRONG"):
                r.verdict = "DISAGREE: " + ", ".join(f"{x.solver}={_yn(x.decision)}" for x in ok)


def _yn(b: bool | None) -> str:
    return "YES" if b else "NO"
