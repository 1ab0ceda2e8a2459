"""overture.aspic stays below doctrines and interfaces: no YAML, HTTP or doctrine imports."""

from __future__ import annotations

import subprocess
import sys


def test_aspic_imports_nothing_above_it() -> None:
    code = (
        "import sys, overture.aspic, overture.aspic.rationality, overture.aspic.syntax;"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('yaml', 'httpx', 'fastapi', 'uvicorn', 'pydantic', 'typer', 'rich') "
        "or m.startswith(('overture.doctrine', 'overture.verdict', 'overture.cli', "
        "'overture.web', 'overture.interchange', 'overture.corpus', 'overture.render'))];"
        "print(','.join(sorted(bad)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
