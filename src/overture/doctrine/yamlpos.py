"""Read YAML (or JSON) into plain Python data while remembering where every value came from.

Composes the node graph with PyYAML's safe loader, rejects aliases, duplicate keys and oversized
input, and returns the data plus a map from each value's path to its `SourceLocation`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from overture.errors import InputError, LimitExceeded, SourceLocation

#: Largest input accepted, in bytes (a doctrine is a few hundred kilobytes at most).
MAX_BYTES = 4_000_000
#: Most YAML nodes accepted in one document (bounds memory and time on hostile input).
MAX_NODES = 500_000
#: Deepest nesting accepted.
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]


class Located:
    """Data read from a YAML/JSON text plus the location of every value, keyed by its path."""

    def __init__(self, data: Any, marks: dict[PathKey, SourceLocation], label: str) -> None:
        self.data = data
        self.marks = marks
        self.label = label

    def where(self, path: PathKey) -> SourceLocation:
        """The location of the value at `path`, or of its nearest located ancestor."""
        key = tuple(path)
        while key:
            found = self.marks.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return self.marks.get((), SourceLocation(self.label, 1, 1))

    def key_where(self, path: PathKey) -> SourceLocation:
        """The location of the mapping *key* at `path` (falls back to the value's location)."""
        found = self.marks.get(("<key>", *path))
        return found if found is not None else self.where(path)


def _loc(label: str, node: Node) -> SourceLocation:
    return SourceLocation(label, node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, label: str) -> None:
        self.label = label
        self.marks: dict[PathKey, SourceLocation] = {}
        self.count = 0
        self.constructor = SafeConstructor()

    def build(self, node: Node, path: PathKey, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise LimitExceeded(
                f"input has more than {MAX_NODES} YAML nodes", _loc(self.label, node)
            )
        if depth > MAX_DEPTH:
            raise LimitExceeded(f"input nests deeper than {MAX_DEPTH} levels", _loc(self.label, node))
        self.marks[path] = _loc(self.label, node)
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise InputError("mapping keys must be plain names", _loc(self.label, key_node))
                key = str(self.constructor.construct_scalar(key_node))
                if key == "<<":
                    raise InputError("YAML merge keys (<<) are not supported", _loc(self.label, key_node))
                if key in out:
                    raise InputError(f"duplicate key {key!r}", _loc(self.label, key_node))
                self.marks[("<key>", *path, key)] = _loc(self.label, key_node)
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            try:
                return self.constructor.construct_object(node, deep=True)
            except yaml.YAMLError as exc:
                raise InputError(f"cannot read value: {exc}", _loc(self.label, node)) from exc
        raise InputError("unsupported YAML node", _loc(self.label, node))  # pragma: no cover


class _NoAliasComposer(yaml.SafeLoader):
    """A safe loader whose composer refuses aliases outright (no 'billion laughs')."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise InputError(
                "YAML aliases (*name) are not allowed in Overture files",
                SourceLocation(self.name, event.start_mark.line + 1, event.start_mark.column + 1),
            )
        node: Node | None = super().compose_node(parent, index)
        return node


def parse_text(text: str, label: str) -> Located:
    """Parse YAML (JSON is YAML) text; `label` names it in error locations."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise LimitExceeded(
            f"input is larger than {MAX_BYTES // 1_000_000} MB", SourceLocation(label, None, None)
        )
    loader = _NoAliasComposer(text)
    loader.name = label
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (
            SourceLocation(label, mark.line + 1, mark.column + 1)
            if mark is not None
            else SourceLocation(label)
        )
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(f"malformed YAML: {problem}", where) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", SourceLocation(label)) from exc
    finally:
        loader.dispose()
    if node is None:
        raise InputError("the file is empty", SourceLocation(label, 1, 1))
    builder = _Builder(label)
    data = builder.build(node, (), 0)
    return Located(data, builder.marks, label)


def read_file(path: str | Path) -> Located:
    """Read and parse a YAML/JSON file, with size bound and clear errors for unreadable files."""
    p = Path(path)
    label = str(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", SourceLocation(label)) from exc
    if p.is_dir():
        raise InputError("is a directory, not a file", SourceLocation(label))
    if size > MAX_BYTES:
        raise LimitExceeded(
            f"file is {size} bytes; the limit is {MAX_BYTES} bytes", SourceLocation(label)
        )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", SourceLocation(label)) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", SourceLocation(label)) from exc
    return parse_text(text, label)


def pydantic_errors_to_message(
    errors: Sequence[Mapping[str, Any]], located: Located, prefix: PathKey = ()
) -> tuple[str, SourceLocation]:
    """Turn pydantic's error list into one message (first error located, the rest counted)."""
    ranked = sorted(errors, key=lambda e: 0 if e.get("type") == "extra_forbidden" else 1)
    first = ranked[0]
    loc = tuple(x for x in first.get("loc", ()) if isinstance(x, str | int))
    # pydantic appends the union member / tag name to loc for some errors; drop unknown tails.
    path: PathKey = (*prefix, *loc)
    where_path = path
    msg = str(first.get("msg", "invalid value"))
    kind = str(first.get("type", ""))
    field = ".".join(str(x) for x in loc) or "document"
    if kind == "extra_forbidden":
        message = f"unknown field {loc[-1]!r} in {'.'.join(str(x) for x in loc[:-1]) or 'document'}"
        where = located.key_where(where_path)
    elif kind == "missing":
        parent = ".".join(str(x) for x in loc[:-1])
        message = f"missing required field {loc[-1]!r}" + (f" in {parent}" if parent else "")
        where = located.where(where_path[:-1])
    else:
        value = first.get("input")
        shown = f" (got {value!r})" if isinstance(value, str | int | float | bool) else ""
        message = f"{field}: {msg}{shown}"
        where = located.where(where_path)
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return message, where
