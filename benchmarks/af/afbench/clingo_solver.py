"""The clingo baseline: the benchmark's own ASP encodings (see encodings/README.md) run
through clingo's Python API, one fresh `clingo.Control` per call.
"""

from __future__ import annotations

from pathlib import Path

import clingo

from afbench.generators import Edges

ENCODINGS = Path(__file__).resolve().parent / "encodings"


def _program(*names: str) -> str:
    return "\n".join((ENCODINGS / f"{name}.lp").read_text(encoding="utf-8") for name in names)


def facts(n: int, edges: Edges) -> str:
    """ASPARTIX-style facts with ICCMA (1-based) ids."""
    one = edges + 1
    return f"arg(1..{n}).\n" + "".join(f"att({a},{b})." for a, b in one.tolist())


def _first_model(n: int, edges: Edges, program: str, args: list[str]) -> frozenset[int] | None:
    """Ground and solve; the `in/1` atoms (0-based ids) of the first answer set, or None."""
    ctl = clingo.Control([*args, "--models=1", "--warn=none"])
    ctl.add("base", [], program + "\n" + facts(n, edges))
    ctl.ground([("base", [])])
    found: frozenset[int] | None = None
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            found = frozenset(
                s.arguments[0].number - 1 for s in model.symbols(shown=True) if s.name == "in"
            )
            break
    return found


def grounded(n: int, edges: Edges) -> frozenset[int]:
    ext = _first_model(n, edges, _program("grounded"), [])
    assert ext is not None, "a Horn program always has an answer set"
    return ext


def some_stable(n: int, edges: Edges) -> frozenset[int] | None:
    return _first_model(n, edges, _program("stable"), [])


def some_preferred(n: int, edges: Edges) -> frozenset[int]:
    ext = _first_model(
        n, edges, _program("admissible", "preferred_heuristic"), ["--heuristic=Domain"]
    )
    assert ext is not None, "the empty set is admissible"
    return ext


def skeptical_preferred(n: int, edges: Edges, q: int) -> tuple[bool, frozenset[int] | None]:
    """DS-PR by enumerating the preferred extensions (clingo's `--enum-mode=domRec` with the
    domain heuristic yields exactly the subset-maximal admissible sets) until one lacks q."""
    ctl = clingo.Control(["--heuristic=Domain", "--enum-mode=domRec", "--models=0", "--warn=none"])
    ctl.add("base", [], _program("admissible", "preferred_heuristic") + "\n" + facts(n, edges))
    ctl.ground([("base", [])])
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            ext = frozenset(
                s.arguments[0].number - 1 for s in model.symbols(shown=True) if s.name == "in"
            )
            if q not in ext:
                return False, ext
    return True, None


def skeptical_preferred_saturation(
    n: int, edges: Edges, q: int
) -> tuple[bool, frozenset[int] | None]:
    """DS-PR in one call with the saturation encoding plus `:- in(q).` (Egly et al. 2010).
    Textbook, but far slower than `skeptical_preferred` on the benchmark's random AFs."""
    prog = _program("admissible", "preferred_saturation") + f"\n:- in({q + 1}).\n"
    ext = _first_model(n, edges, prog, [])
    return (ext is None, ext)


def credulous_complete(n: int, edges: Edges, q: int) -> tuple[bool, frozenset[int] | None]:
    """DC-CO: YES and a complete extension containing q, or NO."""
    prog = _program("admissible", "complete") + f"\n:- not in({q + 1}).\n"
    ext = _first_model(n, edges, prog, [])
    return (ext is not None, ext)
