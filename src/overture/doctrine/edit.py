"""Edits of a doctrine's YAML text that leave the rest of the file as written (comments, order,
layout): add a quote under `quotes:` and cite it from a rule or exception.

The workbench uses it to turn a passage selected in a source into a quote; the result is
checked like any other text (`overture check`), this module only places the lines.
"""

from __future__ import annotations

import json
import re

from overture.errors import InputError

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _section(lines: list[str], key: str) -> tuple[int, int]:
    """(first line after `key:`, end) of a top-level section (InputError if absent)."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{key}:\s*(#.*)?$", line)),
                 None)
    if start is None:
        raise InputError(f"the doctrine has no top-level `{key}:` section to add to")
    end = next((i for i in range(start + 1, len(lines))
                if re.match(r"^[A-Za-z_]", lines[i])), len(lines))
    return start + 1, end


def _entry_indent(lines: list[str], start: int, end: int) -> str:
    for i in range(start, end):
        m = re.match(r"^(\s*)- ", lines[i])
        if m:
            return m.group(1)
    return "  "


def add_quote(text: str, *, quote_id: str, source: str, quote_text: str,
              said_by: str | None = None, rule: str | None = None) -> str:
    """`text` with a quote `quote_id` (from `source`, saying `quote_text`) added first under
    `quotes:` and, with `rule`, cited by that rule or exception (its `quotes:` list)."""
    if not _ID.match(quote_id):
        raise InputError(f"quote id {quote_id!r} must be lower case letters, digits and _")
    if not quote_text.strip():
        raise InputError("the quote is empty: select a passage of the source")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start, end = _section(lines, "quotes")
    if any(re.match(rf"^\s*- id:\s*{re.escape(quote_id)}\s*(#.*)?$", lines[i])
           for i in range(start, end)):
        raise InputError(f"the doctrine already has a quote {quote_id!r}; choose another id")
    ind = _entry_indent(lines, start, end)
    entry = [f"{ind}- id: {quote_id}\n", f"{ind}  source: {source}\n"]
    if said_by:
        entry.append(f"{ind}  said_by: {json.dumps(said_by, ensure_ascii=False)}\n")
    entry.append(f"{ind}  text: {json.dumps(' '.join(quote_text.split()), ensure_ascii=False)}\n")
    lines[start:start] = entry
    if rule is not None:
        _cite(lines, rule, quote_id)
    return "".join(lines)


def _cite(lines: list[str], rule: str, quote_id: str) -> None:
    """Add `quote_id` to the `quotes:` of rule (or exception) `rule`, in place."""
    spans = []
    for key in ("rules", "exceptions"):
        try:
            spans.append(_section(lines, key))
        except InputError:
            continue
    head = next((i for s, e in spans for i in range(s, e)
                 if re.match(rf"^\s*- id:\s*{re.escape(rule)}\s*(#.*)?$", lines[i])), None)
    if head is None:
        raise InputError(f"no rule or exception {rule!r} to attach the quote to")
    ind = re.match(r"^(\s*)- ", lines[head]).group(1)  # type: ignore[union-attr]
    body = ind + "  "
    stop = head + 1
    while stop < len(lines) and (lines[stop].startswith(body) or not lines[stop].strip()):
        stop += 1
    for i in range(head + 1, stop):
        m = re.match(rf"^{body}quotes:\s*\[(.*)\]\s*(#.*)?$", lines[i].rstrip("\n"))
        if m:
            items = [x.strip() for x in m.group(1).split(",") if x.strip()]
            lines[i] = f"{body}quotes: [{', '.join([*items, quote_id])}]\n"
            return
        if re.match(rf"^{body}quotes:\s*(#.*)?$", lines[i]):
            j = i + 1
            while j < stop and re.match(rf"^{body}\s+- ", lines[j]):
                j += 1
            item = re.match(r"^(\s*)- ", lines[i + 1]) if i + 1 < stop else None
            lines.insert(j, f"{item.group(1) if item else body + '  '}- {quote_id}\n")
            return
    lines.insert(head + 1, f"{body}quotes: [{quote_id}]\n")
