"""Output files of the analyses (charts, sweep rows): checked before the work starts, and any
failure to write reported as an input error naming the path, never an OSError traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from overture.errors import InputError, SourceLocation

T = TypeVar("T")


def prepare_output(path: str | Path, suffixes: Iterable[str], what: str) -> Path:
    """Check that `path` has one of `suffixes` and can be written (its folder is created if
    missing); raise InputError naming the path otherwise. Writes nothing to `path` itself."""
    out = Path(path)
    allowed = tuple(suffixes)
    if out.suffix.lower() not in allowed:
        names = " or ".join(allowed)
        raise InputError(f"{what} must end in {names}, got {out.name!r}", SourceLocation(str(out)))
    where = SourceLocation(str(out))
    if out.is_dir():
        raise InputError(f"{what} is a directory, not a file", where)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder of the {what}: {exc.strerror or exc}",
                         where) from exc
    if not os.access(out.parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise InputError(f"cannot write the {what}: permission denied", where)
    return out


def write_guarded(path: Path, what: str, write: Callable[[], T]) -> T:
    """Run `write` (which writes `path`), turning an OSError into an InputError."""
    try:
        return write()
    except OSError as exc:
        raise InputError(f"cannot write the {what}: {exc.strerror or exc}",
                         SourceLocation(str(path))) from exc
