"""The one exceptions module: errors that name the place where the input went wrong.

Every layer raises `OvertureError` (or a subclass); each class carries the exit code the CLI
ends with and the HTTP status the API answers with, so the faces never choose for themselves.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # `typing` and `dataclasses` stay unimported: the ICCMA path is timed
if TYPE_CHECKING:
    from typing import Any


class SourceLocation:
    """A place in an input: file name (or other label), 1-based line and column.

    Immutable, compared and hashed by its three fields.
    """

    __slots__ = ("column", "line", "path")
    path: str | None
    line: int | None
    column: int | None

    def __init__(
        self, path: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"SourceLocation is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"SourceLocation is immutable (cannot delete {name!r})")

    def _key(self) -> tuple[str | None, int | None, int | None]:
        return (self.path, self.line, self.column)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceLocation):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"SourceLocation(path={self.path!r}, line={self.line!r}, column={self.column!r})"

    def __reduce__(self) -> tuple[type[SourceLocation], tuple[str | None, int | None, int | None]]:
        return (SourceLocation, self._key())

    def __str__(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


def utf8_error_at(raw: bytes, exc: UnicodeDecodeError, label: str | None) -> SourceLocation:
    """The line and column (1-based, in characters) of the first byte that is not UTF-8."""
    before = raw[: exc.start]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", "replace")) + 1
    return SourceLocation(label, line, column)


def decode_utf8(raw: bytes, label: str | None) -> str:
    """`raw` as UTF-8 text; an InputError naming the line and column of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                         utf8_error_at(raw, exc, label)) from None


class OvertureError(Exception):
    """Bad input or an impossible request, with the place it comes from when known."""

    #: Exit code of the `overture` command for this error.
    exit_code: int = 2
    #: HTTP status the API answers with.
    http_status: int = 422
    #: Short machine-readable code in the API's error body.
    code: str = "invalid_input"

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its fields, whatever a subclass's constructor takes: an error raised in
        # a worker process comes back whole.
        return (_rebuild_error, (type(self), self.args, dict(self.__dict__)))


def _rebuild_error(cls: type[OvertureError], args: tuple[Any, ...],
                   state: dict[str, Any]) -> OvertureError:
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class InputError(OvertureError):
    """A file, flag or request body that cannot be read as what it claims to be."""


class FieldErrors(InputError):
    """Input with several wrong fields, one message each (`topics.1: unknown topic ...`).

    `fields` holds (path, message) pairs; paths are dotted, relative to the input checked
    (the API prefixes them with where that input sits in the request body).
    """

    MAX_FIELDS = 100

    def __init__(self, fields: list[tuple[str, str]], location: SourceLocation | None = None,
                 total: int | None = None) -> None:
        self.total = len(fields) if total is None else total
        shown = "; ".join(f"{f}: {m}" if f else m for f, m in fields[:5])
        more = f" (and {self.total - 5} more)" if self.total > 5 else ""
        super().__init__(shown + more, location)
        self.fields = fields[: self.MAX_FIELDS]

    def under(self, prefix: str) -> FieldErrors:
        """The same errors with every path placed under `prefix` (e.g. `body.scenario`)."""
        return FieldErrors([(f"{prefix}.{f}" if f else prefix, m) for f, m in self.fields],
                           self.location, self.total)


class LimitExceeded(OvertureError):
    """An input or a computation that exceeds a configured bound (size, arguments, time)."""

    code = "limit_exceeded"


class Cancelled(LimitExceeded):
    """A computation stopped because its caller gave up on it (its time limit passed)."""

    http_status = 503
    code = "time_limit"


#: A cooperative stop signal: long computations call it between steps and stop when it is true.
ShouldStop = Callable[[], bool]


def check_stop(should_stop: ShouldStop | None, what: str = "the computation") -> None:
    """Raise `Cancelled` if `should_stop` says so (a no-op without one)."""
    if should_stop is not None and should_stop():
        raise Cancelled(f"{what} was stopped: its time limit was reached")


class Unavailable(OvertureError):
    """A request that could not be served in time or for lack of a free worker (HTTP 503)."""

    http_status = 503

    def __init__(self, reason: str, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.code = reason
        self.reason = reason
        self.detail = detail
        self.retry_after = retry_after


class ComputationFailed(OvertureError):
    """A computation that ended abnormally (e.g. its worker process died): not the input's fault."""

    exit_code = 1
    http_status = 500
    code = "computation_failed"
