"""The layering holds for every layer: no module imports a layer above its own.

Static check over every import statement in `src/overture` (function-local imports included),
plus a run-time check that the lower layers load without the interface libraries.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import overture

ROOT = Path(overture.__file__).parent

#: Each layer's rank: a module may import only layers of a lower rank (and its own).
RANK = {
    "errors": 0, "doctrines": 0, "jsontext": 0,
    "af": 1, "corpus": 1,
    "aspic": 2,
    "doctrine": 3,
    "verdict": 4,
    "analysis": 5,
    "render": 6,
    "interchange": 7,
    "web": 8,
    "cli": 9,
    "__main__": 10,
}
#: The package root only re-exports (lazily) and holds `__version__`; anything may read it.
ROOT_MODULE = "overture"


def _layer(path: Path) -> str:
    rel = path.relative_to(ROOT).parts
    return rel[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
    return [(line, m) for line, m in out if m == ROOT_MODULE or m.startswith(ROOT_MODULE + ".")]


def test_every_package_is_ranked() -> None:
    found = {_layer(p) for p in ROOT.rglob("*.py")} - {"__init__"}
    assert found <= RANK.keys(), f"unranked layers: {sorted(found - RANK.keys())}"


def test_no_import_runs_upward() -> None:
    upward: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        layer = _layer(path)
        if layer == "__init__":
            continue
        for line, module in _imports(path):
            if module == ROOT_MODULE:
                continue
            target = module.split(".")[1]
            if target != layer and RANK[target] >= RANK[layer]:
                upward.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {module}")
    assert not upward, "\n".join(upward)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_graph() -> dict[str, set[str]]:
    """Module -> the modules it imports (anywhere in its body), resolved to files."""
    modules = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        out: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    out.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
        graph[name] = {m for m in out if m in modules and m != name}
    return graph


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A shortest import path from `start` back to itself (breadth first), or None."""
    parent: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt: list[str] = []
        for m in frontier:
            for t in sorted(graph[m]):
                if t == start:
                    path = [m]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if t not in parent:
                    parent[t] = m
                    nxt.append(t)
        frontier = nxt
    return None


def test_no_module_imports_itself_round_a_circle() -> None:
    # within a layer too, function-local imports included: a circle means two modules that
    # cannot be read (or loaded) one before the other
    graph = _module_graph()
    circles = {" -> ".join(c) for m in graph if (c := _cycle_through(graph, m)) is not None}
    assert not circles, "\n".join(sorted(circles))


def test_the_circle_check_sees_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert _cycle_through(graph, "a") == ["a", "b", "c", "a"]
    assert _cycle_through(graph, "d") is None


def test_lower_layers_load_without_interface_libraries() -> None:
    code = (
        "import sys, overture.af, overture.aspic, overture.aspic.rationality, overture.aspic.syntax;"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('yaml', 'httpx', 'fastapi', 'uvicorn', 'pydantic', 'typer', 'rich') "
        "or m.startswith(('overture.doctrine', 'overture.verdict', 'overture.cli', "
        "'overture.web', 'overture.interchange', 'overture.corpus', 'overture.render', "
        "'overture.analysis'))];"
        "print(','.join(sorted(bad)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_verdict_layer_loads_without_interfaces() -> None:
    code = (
        "import sys, overture.verdict, overture.analysis;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('fastapi', 'uvicorn', 'typer', 'rich') "
        "or m.startswith(('overture.cli', 'overture.web', 'overture.interchange', "
        "'overture.render'))];"
        "print(','.join(sorted(bad)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
