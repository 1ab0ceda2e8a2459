"""Migrate a version-1 doctrine file to version 2, keeping its text (comments, order, layout).

Version 2 reads every version-1 file as it is; migrating names what changed: the version
number, and the one `question` as the list of `actions` (the first is the default).
"""

from __future__ import annotations

import difflib
import re

from overture.doctrine.loader import parse_doctrine
from overture.doctrine.yamlpos import parse_text
from overture.errors import InputError

_VERSION = re.compile(r"^(schema_version\s*:\s*)1(\s*(#.*)?)$", re.M)
_QUESTION = re.compile(r"^question\s*:\s*([A-Za-z_][A-Za-z0-9_]*)(\s*(#.*)?)$", re.M)
_AFTER = re.compile(r"^(ordering|sources)\s*:", re.M)


def migrate_text(text: str, label: str = "<doctrine>") -> str:
    """The version-2 text of a version-1 doctrine (InputError if it is not one)."""
    data = parse_text(text, label).data
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        version = data.get("schema_version") if isinstance(data, dict) else None
        raise InputError(f"not a version-1 doctrine (schema_version {version!r})")
    parse_doctrine(text, label)  # it must load as it is before it is migrated
    out, count = _VERSION.subn(r"\g<1>2\g<2>", text, count=1)
    if count != 1:
        raise InputError("schema_version is not written on a line of its own; edit it by hand")
    question = data.get("question", "accept_talks")
    if _QUESTION.search(out):
        out = _QUESTION.sub(lambda m: f"actions: [{m.group(1)}]{m.group(2)}", out, count=1)
    elif "actions" not in data:
        at = _AFTER.search(out)
        line = f"actions: [{question}]\n"
        out = out[: at.start()] + line + out[at.start():] if at else out + "\n" + line
    parse_doctrine(out, label)  # and load the same after
    return out


def diff(before: str, after: str, name: str) -> str:
    """A unified diff of the migration."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        f"{name} (version 1)", f"{name} (version 2)"))
