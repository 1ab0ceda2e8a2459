"""Read YAML (or JSON) into plain Python data while remembering where every value came from.

Composes the node graph with PyYAML's safe loader, rejects aliases, duplicate keys and oversized
input, and returns the data plus a map from each value's path to its `SourceLocation`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from overture.errors import InputError, LimitExceeded, SourceLocation, decode_utf8

#: Largest input accepted, in bytes (a doctrine is a few hundred kilobytes at most).
MAX_BYTES = 4_000_000
#: Most YAML nodes accepted in one document (bounds memory and time on hostile input).
MAX_NODES = 200_000
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


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


def _at(label: str, mark: Any) -> SourceLocation:
    return SourceLocation(label, mark.line + 1, mark.column + 1)


class _Frame:
    """An open mapping or sequence while events stream in."""

    __slots__ = ("container", "key", "key_mark", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: PathKey) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_mark: Any = None


class _Builder:
    """Builds plain data from the parser's event stream, iteratively (no recursion), with
    bounds on nodes and depth, no aliases, no merge keys, no duplicate keys."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.marks: dict[PathKey, SourceLocation] = {}
        self.count = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = SafeConstructor()

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(  # type: ignore[no-untyped-call]
                ScalarNode, event.value, event.implicit
            )
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise InputError(f"cannot read value: {problem}", _at(self.label, event.start_mark)) from exc
        except (ValueError, OverflowError) as exc:
            # PyYAML's resolver takes e.g. 2015-13-45 for a timestamp, then fails to build it.
            raise InputError(f"cannot read value {event.value!r}: {exc}",
                             _at(self.label, event.start_mark)) from exc

    def run(self, events: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        done = False
        for event in events:
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentStartEvent,
                                  yaml.DocumentEndEvent, yaml.StreamEndEvent)):
                if isinstance(event, yaml.DocumentStartEvent) and done:
                    raise InputError("expected a single document",
                                     _at(self.label, event.start_mark))
                continue
            where = _at(self.label, event.start_mark)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError("YAML anchors and aliases (&name, *name) are not allowed in "
                                 "Overture files", where)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                if not stack:
                    root, done = frame.container, True
                continue
            top = stack[-1] if stack else None
            # a mapping waiting for its key
            if top is not None and isinstance(top.container, dict) and top.key is None:
                if not isinstance(event, yaml.ScalarEvent):
                    raise InputError("mapping keys must be plain names", where)
                key = str(event.value)
                if key == "<<":
                    raise InputError("YAML merge keys (<<) are not supported", where)
                if key in top.container:
                    raise InputError(f"duplicate key {key!r}", where)
                top.key, top.key_mark = key, event.start_mark
                self.marks[("<key>", *top.path, key)] = where
                continue
            self.count += 1
            if self.count > MAX_NODES:
                raise LimitExceeded(f"input has more than {MAX_NODES} YAML nodes", where)
            if top is None:
                path: PathKey = ()
            elif isinstance(top.container, dict):
                assert top.key is not None
                path = (*top.path, top.key)
            else:
                path = (*top.path, len(top.container))
            self.marks[path] = where
            value: Any
            if isinstance(event, yaml.ScalarEvent):
                value = self.scalar(event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise LimitExceeded(f"input nests deeper than {MAX_DEPTH} levels", where)
                value = {} if isinstance(event, yaml.MappingStartEvent) else []
            else:  # pragma: no cover - no other event kinds exist
                raise InputError("unsupported YAML construct", where)
            if top is None:
                root, done = value, isinstance(event, yaml.ScalarEvent)
            elif isinstance(top.container, dict):
                assert top.key is not None
                top.container[top.key] = value
                top.key = None
            else:
                top.container.append(value)
            if isinstance(value, (dict, list)) and not isinstance(event, yaml.ScalarEvent):
                stack.append(_Frame(value, path))
        return root


def _events(text: str, label: str) -> Any:
    loader = _LOADER(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _at(label, mark) if mark is not None else SourceLocation(label)
        problem = exc.problem or exc.context or "malformed YAML"
        if "nesting depth" in problem:
            # PyYAML >= 6.0.3 stops runaway nesting in its scanner, ahead of our own check.
            raise LimitExceeded(f"input nests deeper than {MAX_DEPTH} levels", where) from exc
        raise InputError(f"malformed YAML: {problem}", where) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", SourceLocation(label)) from exc
    finally:
        loader.dispose()


# JSON writes a character beyond the BMP as a UTF-16 surrogate pair (`\ud83d\ude00`, Python's
# json.dumps does so by default); YAML has no surrogates but spells it `\U0001f600`.
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _join_surrogates(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return f"{match.group(1)}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def parse_text(text: str, label: str) -> Located:
    """Parse YAML (JSON is YAML) text; `label` names it in error locations."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise LimitExceeded(
            f"input is larger than {MAX_BYTES // 1_000_000} MB", SourceLocation(label, None, None)
        )
    if "\\u" in text:
        text = _SURROGATE_PAIR.sub(_join_surrogates, text)
    builder = _Builder(label)
    data = builder.run(_events(text, label))
    if data is None and not builder.marks:
        raise InputError("the file is empty", SourceLocation(label, 1, 1))
    return Located(data, builder.marks, label)


def read_file(path: str | Path) -> Located:
    """Read and parse a YAML/JSON file, with size bound and clear errors for unreadable files."""
    return parse_text(read_text_file(path), str(path))


def decode_bytes(raw: bytes, label: str) -> str:
    """Bytes read from a file or a stream as text: bounded, UTF-8 only."""
    if len(raw) > MAX_BYTES:
        raise LimitExceeded(f"input is larger than the limit of {MAX_BYTES} bytes",
                            SourceLocation(label))
    return decode_utf8(raw, label)


def read_stdin_text(label: str = "<stdin>") -> str:
    """Standard input as text: bounded by `MAX_BYTES`, UTF-8 only (located errors)."""
    import sys

    return decode_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), label)


def read_text_file(path: str | Path) -> str:
    """A text file's content, with size bound and clear errors for unreadable files."""
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
        # Read at most one byte past the limit: devices and pipes (/dev/zero) report size 0.
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", SourceLocation(label)) from exc
    if len(raw) > MAX_BYTES:
        raise LimitExceeded(f"file is larger than the limit of {MAX_BYTES} bytes",
                            SourceLocation(label))
    return decode_bytes(raw, label)


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
