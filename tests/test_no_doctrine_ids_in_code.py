"""No module outside `doctrines/` names an id of a shipped doctrine (they are data, not code)."""

from __future__ import annotations

import re
from pathlib import Path

import overture
from overture.doctrine import list_shipped_doctrines

ROOT = Path(overture.__file__).parent


def test_shipped_doctrine_ids_live_only_in_their_folder() -> None:
    ids = list_shipped_doctrines()
    assert ids
    pattern = re.compile("|".join(re.escape(i) for i in ids + [i.replace("-", "_") for i in ids]))
    found = []
    for path in ROOT.rglob("*"):
        if path.suffix not in (".py", ".js", ".html", ".css") or "doctrines" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
