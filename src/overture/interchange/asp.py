"""An independent check of acceptance: abstract frameworks solved by clingo with an ASP encoding.

Used to confirm Overture's own SAT-based answers on exported ICCMA files. The encodings follow
the guess-and-check style of ASPARTIX (Egly, Gaggl & Woltran 2010, "Answer-set programming
encodings for argumentation frameworks", Argument & Computation 1(2)), written afresh here:

- grounded: the least model of a positive program (an argument is in when all its attackers
  are defeated by in-arguments), no guessing;
- complete: guess in/out, forbid conflicts, require every in-argument to be defended and every
  defended argument to be in;
- stable: complete, plus every out-argument attacked by an in-argument;
- preferred: subset-maximal complete extensions, enumerated with clingo's domain heuristic in
  `domRec` enumeration mode (Gebser, Kaminski & Schaub 2013 style maximality by heuristics).

clingo is an optional dependency (installed with the `dev` extra); `ClingoAcceptance` raises
`InputError` when it is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from overture.af import ArgumentationFramework
from overture.errors import InputError, LimitExceeded

AspSemantics = Literal["grounded", "complete", "preferred", "stable"]
SEMANTICS: tuple[AspSemantics, ...] = ("grounded", "complete", "preferred", "stable")

GROUNDED = """
g_in(X) :- arg(X), g_def(Y) : att(Y,X).
g_def(X) :- att(Y,X), g_in(Y).
in(X) :- g_in(X).
#show in/1.
"""

COMPLETE = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- att(Y,X), in(Y).
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
:- out(X), not undefended(X).
#show in/1.
"""

STABLE = """
:- out(X), not defeated(X).
"""

PREFERRED_HEURISTIC = """
#heuristic in(X) : arg(X). [1, true]
"""


def facts(af: ArgumentationFramework) -> str:
    """The framework as ASP facts `arg(1..n)` and `att(i,j)` over ICCMA's 1-based numbers."""
    parts = [f"arg(1..{af.n})." if af.n else ""]
    parts.extend(f"att({a + 1},{b + 1})." for a, b in af.attacks())
    return "\n".join(parts) + "\n"


def encoding(semantics: AspSemantics) -> str:
    """The ASP program (without facts) whose answer sets are the `semantics` extensions."""
    if semantics == "grounded":
        return GROUNDED
    if semantics == "complete":
        return COMPLETE
    if semantics == "stable":
        return COMPLETE + STABLE
    if semantics == "preferred":
        return COMPLETE + PREFERRED_HEURISTIC
    raise InputError(f"unknown semantics {semantics!r} (expected one of {', '.join(SEMANTICS)})")


def _clingo() -> Any:
    try:
        import clingo
    except ImportError as exc:  # pragma: no cover - clingo ships with the dev extra
        raise InputError(
            "the clingo check needs the `clingo` package (pip install clingo)"
        ) from exc
    return clingo


class ClingoAcceptance:
    """Extensions and acceptance of one framework under one semantics, solved by clingo.

    >>> af = ArgumentationFramework.from_edges(2, [(0, 1)])
    >>> ClingoAcceptance(af, "grounded").credulous(0)
    True
    """

    def __init__(
        self, af: ArgumentationFramework, semantics: AspSemantics, max_extensions: int = 100_000
    ) -> None:
        self.af = af
        self.semantics = semantics
        self.max_extensions = max_extensions
        self._program = facts(af) + encoding(semantics)

    def _control(self, models: int) -> Any:
        clingo = _clingo()
        args = [str(models), "--warn=none"]
        if self.semantics == "preferred":
            args += ["--heuristic=Domain", "--enum-mode=domRec"]
        # clasp's informational messages (e.g. "domRec ignored" when every atom is decided by
        # grounding) are not errors; keep them off the user's stderr.
        ctl = clingo.Control(args, logger=lambda _code, _message: None)
        ctl.add("base", [], self._program)
        ctl.ground([("base", [])])
        return ctl

    def extensions(self) -> Iterator[frozenset[int]]:
        """Every extension, as sets of 0-based argument ids."""
        ctl = self._control(0)
        count = 0
        with ctl.solve(yield_=True) as handle:
            for model in handle:
                count += 1
                if count > self.max_extensions:
                    raise LimitExceeded(
                        f"more than {self.max_extensions} {self.semantics} extensions"
                    )
                yield frozenset(
                    int(sym.arguments[0].number) - 1
                    for sym in model.symbols(shown=True)
                    if sym.name == "in"
                )

    def _exists(self, argument: int, inside: bool) -> bool:
        """Is there a complete (or stable) extension that contains / omits `argument`?"""
        clingo = _clingo()
        ctl = self._control(1)
        atom = clingo.Function("in", [clingo.Number(argument + 1)])
        return bool(ctl.solve(assumptions=[(atom, inside)]).satisfiable)

    def _check(self, argument: int) -> None:
        if not 0 <= argument < self.af.n:
            raise InputError(f"argument {argument + 1} outside 1..{self.af.n}")

    def credulous(self, argument: int) -> bool:
        """Does some extension contain `argument` (0-based)?"""
        self._check(argument)
        if self.semantics == "grounded":
            return argument in next(self.extensions())
        if self.semantics == "preferred":
            # every admissible set extends to a preferred one: credulous PR = credulous CO
            return ClingoAcceptance(self.af, "complete")._exists(argument, True)
        return self._exists(argument, True)

    def skeptical(self, argument: int) -> bool:
        """Does every extension contain `argument` (0-based)? (Vacuously true with none.)"""
        self._check(argument)
        if self.semantics in ("grounded", "complete"):
            # the grounded extension is the least complete extension
            grounded = next(ClingoAcceptance(self.af, "grounded").extensions())
            return argument in grounded
        if self.semantics == "stable":
            return not self._exists(argument, False)
        return all(argument in ext for ext in self.extensions())
