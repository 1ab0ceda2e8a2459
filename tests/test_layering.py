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
