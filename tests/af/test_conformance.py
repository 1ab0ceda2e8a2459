"""Conformance with the reference solutions of the ASPARTIX test suite in ../shared/iccma/.

`solutions/NAME.EE-σ` lists every σ-extension by argument names; `NAME.SE-GR` / `NAME.SE-ID`
hold the grounded / ideal extension; `NAME.D3` the grounded, stable and preferred lists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from overture.af import ArgumentationFramework, Semantics, Solver, is_extension
from overture.af.iccma_io import read_af

Names = frozenset[str]


def _groups(text: str) -> list[str]:
    """The top-level bracketed groups of `text`, e.g. '[[a],[b]],[[c]]' -> two groups."""
    groups, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                groups.append(text[start : i + 1])
    return groups


def _extension_list(group: str) -> set[Names]:
    """'[[a,b],[]]' -> {{a, b}, {}}; '[]' -> no extension."""
    inner = group.strip()[1:-1]
    return {
        frozenset(x for x in m.split(",") if x.strip())
        for m in re.findall(r"\[([^\[\]]*)\]", inner)
    }


def _single(group: str) -> Names:
    """'[a,b]' -> {a, b}."""
    inner = group.strip()[1:-1]
    return frozenset(x.strip() for x in inner.split(",") if x.strip())


def _names(af: ArgumentationFramework, ext: frozenset[int]) -> Names:
    return frozenset(af.names[a] for a in ext)


def _cases(iccma: Path, pattern: str) -> list[Path]:
    return sorted((iccma / "conformance" / "solutions").glob(pattern))


SOLUTIONS = Path(__file__).resolve().parents[2].parent / "shared/iccma/conformance/solutions"
EE_FILES = sorted(SOLUTIONS.glob("*.EE-*")) if SOLUTIONS.is_dir() else []
SE_FILES = sorted(SOLUTIONS.glob("*.SE-*")) if SOLUTIONS.is_dir() else []
D3_FILES = sorted(SOLUTIONS.glob("*.D3")) if SOLUTIONS.is_dir() else []


def _instance(iccma_dir: Path, solution: Path) -> ArgumentationFramework:
    name = solution.name.rsplit(".", 1)[0]
    return read_af(iccma_dir / "conformance" / "apx" / f"{name}.apx")


def test_solution_files_present(iccma_dir: Path) -> None:
    assert len(_cases(iccma_dir, "*.EE-*")) >= 80
    assert len(_cases(iccma_dir, "*.SE-*")) >= 30


@pytest.mark.parametrize("solution", EE_FILES, ids=lambda p: p.name)
def test_enumeration_matches_reference(iccma_dir: Path, solution: Path) -> None:
    af = _instance(iccma_dir, solution)
    sem = Semantics(solution.suffix.split("-", 1)[1])
    expected = _extension_list(solution.read_text())
    with Solver(af, sem) as solver:
        found = [_names(af, e) for e in solver.enumerate()]
        assert len(found) == len(set(found))
        assert set(found) == expected
        assert solver.count() == len(expected)
        # Acceptance of every argument agrees with the listed extensions.
        for a, name in enumerate(af.names):
            ok, cert = solver.credulous(a)
            assert ok == any(name in e for e in expected)
            assert cert is None or _names(af, cert) in expected
            ok, cert = solver.skeptical(a)
            assert ok == all(name in e for e in expected)
            assert cert is None or (_names(af, cert) in expected and name not in _names(af, cert))


@pytest.mark.parametrize("solution", SE_FILES, ids=lambda p: p.name)
def test_unique_extension_matches_reference(iccma_dir: Path, solution: Path) -> None:
    af = _instance(iccma_dir, solution)
    sem = Semantics(solution.suffix.split("-", 1)[1])
    expected = _single(solution.read_text())
    one = Solver(af, sem).some()
    assert one is not None and _names(af, one) == expected
    assert is_extension(af, one, sem)


@pytest.mark.parametrize("solution", D3_FILES, ids=lambda p: p.name)
def test_d3_answers(iccma_dir: Path, solution: Path) -> None:
    af = _instance(iccma_dir, solution)
    grounded, stable, preferred = _groups(solution.read_text())
    for group, sem in ((grounded, "GR"), (stable, "ST"), (preferred, "PR")):
        with Solver(af, sem) as solver:
            assert {_names(af, e) for e in solver.enumerate()} == _extension_list(group)


def test_real_world_graph_certificates(iccma_dir: Path) -> None:
    """The 80-argument-per-node real graph without reference: answers are self-consistent."""
    af = read_af(iccma_dir / "conformance/apx/huston_merge_2015-12.gml.80.apx")
    assert Solver(af, Semantics.ST).some() is None
    for sem in (Semantics.PR, Semantics.SST, Semantics.ID):
        with Solver(af, sem, timeout=60) as solver:
            one = solver.some()
            assert one is not None and is_extension(af, one, sem)
            for a in range(0, af.n, max(1, af.n // 4)):
                ok, cert = solver.credulous(a)
                assert (cert is None) if not ok else (a in cert and is_extension(af, cert, sem))
                ok, cert = solver.skeptical(a)
                assert (cert is None) if ok else (a not in cert and is_extension(af, cert, sem))
