"""Reading source files safely: size limit before reading, binary and encoding checks.

Every failure is an `InputError` or `LimitExceeded` naming the file (and line:column for bad UTF-8).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from overture.errors import InputError, LimitExceeded, SourceLocation

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest source file accepted by default (20 MiB); a speech or article is far smaller."""

_SNIFF_BYTES = 8192
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_TEXT_SUFFIXES = {".txt", ".text", ""}


@dataclass(frozen=True)
class RawSource:
    """A source file's decoded text, its format and the hash of its bytes."""

    path: Path
    text: str
    format: str  # "text" | "markdown" | "html"
    size: int
    file_sha256: str


def detect_format(path: Path, head: str) -> str:
    """Return "html", "markdown" or "text" from the file suffix, sniffing HTML in text files."""
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    start = head.lstrip()[:512].lower()
    if start.startswith(("<!doctype html", "<html")) or (
        start.startswith("<") and "<body" in head[:4096].lower()
    ):
        return "html"
    return "text"


def _utf8_error_location(data: bytes, offset: int, where: str) -> SourceLocation:
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return SourceLocation(where, line, column)


def read_source(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawSource:
    """Read one source file as UTF-8 text, refusing huge, binary or badly encoded files.

    The size is checked on the open file handle before any byte is read, and the read itself is
    capped, so a file that grows (or a device posing as a file) cannot exhaust memory.
    """
    where = SourceLocation(str(path))
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except FileNotFoundError:
        raise InputError("file not found (it may have been moved or deleted)", where) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", where) from None
    except PermissionError:
        raise InputError("permission denied", where) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", where) from None
    try:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file", where)
        if info.st_size > max_bytes:
            raise LimitExceeded(
                f"file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes "
                "(raise it with --max-bytes if this really is one document)",
                where,
            )
        # Read what fstat promised plus one byte, so a file that grows is noticed without
        # allocating a buffer of the whole limit for every small file.
        data = handle.read(min(info.st_size, max_bytes) + 1)
        if len(data) > info.st_size:
            data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where) from None
    finally:
        handle.close()
    if len(data) > max_bytes:
        raise LimitExceeded(f"file grew past the limit of {max_bytes:,} bytes while read", where)
    return decode_source(data, path)


def decode_source(data: bytes, path: Path, where: str | None = None) -> RawSource:
    """Check and decode a source's bytes: no NUL bytes, UTF-8 (a BOM is dropped), not empty.

    `path` gives the name (its suffix says the format); `where` is what errors name, the path
    itself by default (e.g. "<stdin>" for bytes that never were a file).
    """
    label = str(path) if where is None else where
    loc = SourceLocation(label)
    if b"\x00" in data:
        raise InputError(
            "looks like a binary file (it contains NUL bytes); sources must be UTF-8 text, "
            "Markdown or HTML",
            loc,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} cannot start or continue a "
            "character); convert the file to UTF-8",
            _utf8_error_location(data, exc.start, label),
        ) from None
    if not text.strip():
        raise InputError("file is empty", loc)
    return RawSource(
        path=path,
        text=text,
        format=detect_format(path, text[:_SNIFF_BYTES]),
        size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
    )
