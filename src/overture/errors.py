"""Errors that name the place where the input went wrong.

Every layer raises `OvertureError` (or a subclass) for bad input; interfaces print it as
`file:line:column: message` and exit with code 2 instead of showing a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    """A place in an input: file name (or other label), 1-based line and column."""

    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class OvertureError(Exception):
    """Bad input or an impossible request, with the place it comes from when known."""

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class InputError(OvertureError):
    """A file, flag or request body that cannot be read as what it claims to be."""


class LimitExceeded(OvertureError):
    """An input or a computation that exceeds a configured bound (size, arguments, time)."""
