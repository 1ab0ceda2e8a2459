"""Read and write AFs in the ICCMA 2023 (`p af N`), ICCMA 2017 APX and TGF formats.

Readers stream large files in chunks and name the file, line and column of any malformed input.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum

from overture.af.framework import ArgumentationFramework
from overture.errors import InputError, LimitExceeded, SourceLocation

TYPE_CHECKING = False  # typing and numpy stay unimported on small files (ICCMA start-up)
if TYPE_CHECKING:
    from os import PathLike
    from typing import IO

    import numpy as np
    import numpy.typing as npt

#: Largest number of arguments a file may declare (guards against hostile headers).
MAX_ARGUMENTS = 100_000_000
#: What building a framework costs per argument, measured (its name as a Python string and the
#: CSR rows): a header is checked against the memory budget before anything is allocated.
BYTES_PER_ARGUMENT = 240  # measured: 10^7 isolated arguments took 2.3 GB RSS (DC-GR)
#: The memory a framework read from a file may take (bytes); the header's argument count is
#: refused past it. Set OVERTURE_AF_MEMORY (bytes) to change it.
MEMORY_BUDGET = int(os.environ.get("OVERTURE_AF_MEMORY", str(2 << 30)))
_CHUNK = 1 << 24  # bytes per chunk when streaming ICCMA 2023 files
#: Blocks of attack lines from this size are parsed with numpy (smaller ones in pure Python,
#: which on small files is faster than importing numpy at all).
NUMPY_BLOCK = 1 << 19
_MAX_LINE = 1 << 20  # no sensible attack line is longer


class AFFormat(StrEnum):
    """A file format for argumentation frameworks."""

    I23 = "i23"  # ICCMA 2023: `p af N`, then `i j` lines (1-based), `#` comment lines
    APX = "apx"  # ICCMA 2017 / ASPARTIX: `arg(a).` and `att(a,b).`
    TGF = "tgf"  # Trivial Graph Format: argument lines, `#`, then `a b` attack lines

    @classmethod
    def parse(cls, text: str) -> AFFormat:
        """The format named by `text` ("i23", "af", "iccma23", "apx", "tgf"); `InputError` else."""
        key = text.strip().lower().lstrip(".")
        key = {"af": "i23", "iccma": "i23", "iccma23": "i23", "iccma2023": "i23"}.get(key, key)
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(f.value for f in cls)
            raise InputError(f"unknown AF format {text!r}; valid formats: {valid}") from None


_SUFFIXES = {".af": AFFormat.I23, ".i23": AFFormat.I23, ".apx": AFFormat.APX, ".tgf": AFFormat.TGF}


def detect_format(path: str | PathLike[str], head: bytes = b"") -> AFFormat:
    """The format of a file: from its suffix, else from its first bytes `head`."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    for raw in head.splitlines():
        line = raw.strip()
        if not line or (line.startswith((b"#", b"%")) and line != b"#"):
            continue
        if line.startswith(b"p "):
            return AFFormat.I23
        if line.startswith((b"arg(", b"att(", b"arg ", b"att ")):
            return AFFormat.APX
        return AFFormat.TGF
    return AFFormat.I23


def read_af(path: str | PathLike[str], fmt: AFFormat | str | None = None) -> ArgumentationFramework:
    """Read an AF file, detecting the format from the suffix or content unless `fmt` is given.

    Raises `InputError` naming the file and line (and column) on malformed input or a missing
    file, and `LimitExceeded` when a header declares more than `MAX_ARGUMENTS` arguments.
    `-` reads standard input (streamed, so bounded like a file by the header checks).
    """
    p = os.fspath(path)  # os.path, not pathlib: the ICCMA path's start-up is timed
    label = str(path)
    if label == "-":
        stream = sys.stdin.buffer
        if fmt is None:
            head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
            kind = detect_format("", head)
        else:
            kind = fmt if isinstance(fmt, AFFormat) else AFFormat.parse(fmt)
        return _READERS[kind](stream, "<stdin>")
    try:
        handle = open(p, "rb")  # noqa: SIM115 - closed by the `with` below
    except FileNotFoundError:
        raise InputError("no such file", SourceLocation(label)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not an AF file", SourceLocation(label)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", SourceLocation(label)) from None
    with handle:
        if fmt is None:
            head = handle.read(4096)
            handle.seek(0)
            kind = detect_format(p, head)
        else:
            kind = fmt if isinstance(fmt, AFFormat) else AFFormat.parse(fmt)
        return _READERS[kind](handle, label)


def parse_af(
    text: str | bytes, fmt: AFFormat | str, *, name: str = "<input>"
) -> ArgumentationFramework:
    """Parse AF text in format `fmt`; errors name `name` as the file."""
    kind = fmt if isinstance(fmt, AFFormat) else AFFormat.parse(fmt)
    data = text.encode() if isinstance(text, str) else text
    return _READERS[kind](io.BytesIO(data), name)


# -- ICCMA 2023 ---------------------------------------------------------------------------------

_COMMENT = re.compile(rb"(?m)^[ \t]*#[^\n]*")


def _read_i23(handle: IO[bytes], label: str) -> ArgumentationFramework:
    lineno = 0
    n: int | None = None
    rest = b""
    # Header: the first line that is neither blank nor a comment.
    while n is None:
        raw = handle.readline(1 << 20)
        if not raw:
            raise InputError("missing 'p af N' header", SourceLocation(label, max(lineno, 1)))
        lineno += 1
        line = raw.strip()
        if not line or line.startswith(b"#"):
            continue
        n = _header(line, label, lineno)
    parts: list[npt.NDArray[np.int64] | list[int]] = []
    first_line = lineno + 1
    while True:
        block = handle.read(_CHUNK)
        data = rest + block
        if not block:
            rest = b""
        else:
            cut = data.rfind(b"\n")
            if cut < 0:
                if len(data) > _MAX_LINE:
                    raise InputError(
                        f"line longer than {_MAX_LINE} bytes", SourceLocation(label, first_line, 1)
                    )
                rest = data
                continue
            data, rest = data[: cut + 1], data[cut + 1 :]
        if data:
            parts.append(_attack_block(data, n, label, first_line))
            first_line += data.count(b"\n")
        if not block:
            break
    if all(isinstance(part, list) for part in parts):
        flat = [v - 1 for part in parts for v in part]
        return ArgumentationFramework.from_edges(n, list(zip(flat[0::2], flat[1::2], strict=True)))
    import numpy as np

    edges = np.concatenate([np.asarray(part, dtype=np.int64) for part in parts])
    return ArgumentationFramework.from_edges(n, edges.reshape(-1, 2) - 1)


def _header(line: bytes, label: str, lineno: int) -> int:
    tokens = line.split()
    if len(tokens) != 3 or tokens[0] != b"p" or tokens[1] != b"af":
        shown = line.decode("utf-8", "replace")[:60]
        raise InputError(
            f"expected header 'p af N', found {shown!r}", SourceLocation(label, lineno, 1)
        )
    if not tokens[2].isdigit():
        raise InputError(
            f"argument count must be a non-negative integer, not {tokens[2].decode('utf-8', 'replace')!r}",
            SourceLocation(label, lineno, line.index(tokens[2], 4) + 1),
        )
    n = int(tokens[2])
    if n > MAX_ARGUMENTS:
        raise LimitExceeded(
            f"header declares {n} arguments; the limit is {MAX_ARGUMENTS}",
            SourceLocation(label, lineno),
        )
    if n * BYTES_PER_ARGUMENT > MEMORY_BUDGET:
        raise LimitExceeded(
            f"header declares {n} arguments, about {n * BYTES_PER_ARGUMENT / 2**30:.1f} GiB to "
            f"build; the memory budget is {MEMORY_BUDGET / 2**30:.1f} GiB "
            f"(at most {MEMORY_BUDGET // BYTES_PER_ARGUMENT} arguments; OVERTURE_AF_MEMORY sets it)",
            SourceLocation(label, lineno),
        )
    return n


def _attack_block(
    data: bytes, n: int, label: str, first_line: int
) -> npt.NDArray[np.int64] | list[int]:
    """Parse complete lines of `i j` attacks (flat: i1 j1 i2 j2 ...); on any problem, find the
    line and raise."""
    if len(data) < NUMPY_BLOCK:
        return _attack_lines(data, n, label, first_line)
    import numpy as np

    body = _COMMENT.sub(b"", data) if b"#" in data else data
    buf = np.frombuffer(body, dtype=np.uint8)
    digit = (buf - np.uint8(48)) < 10
    newline = buf == 10
    blank = (buf == 32) | (buf == 9) | (buf == 13)
    if np.count_nonzero(digit | newline | blank) != buf.shape[0]:
        _slow_block(data, n, label, first_line)
    previous = np.empty_like(digit)
    if digit.shape[0]:
        previous[0] = False
        previous[1:] = digit[:-1]
    starts = np.flatnonzero(digit & ~previous)
    if starts.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    # Token k lies on line `line_of[k]`; attacks are two tokens on one line, one per line.
    line_of = np.searchsorted(np.flatnonzero(newline), starts)
    if (
        starts.shape[0] % 2
        or (line_of[0::2] != line_of[1::2]).any()
        or (line_of[2::2] <= line_of[1:-1:2]).any()
    ):
        _slow_block(data, n, label, first_line)
    values = np.array(body.split(), dtype=np.int64)
    if values.min() < 1 or values.max() > n:
        _slow_block(data, n, label, first_line)
    return values


def _attack_lines(data: bytes, n: int, label: str, first_line: int) -> list[int]:
    """`_attack_block` in pure Python, line by line."""
    values: list[int] = []
    for raw in data.split(b"\n"):
        tokens = raw.split()
        if not tokens or tokens[0].startswith(b"#"):
            continue
        if len(tokens) != 2 or not (tokens[0].isdigit() and tokens[1].isdigit()):
            _slow_block(data, n, label, first_line)
        i, j = int(tokens[0]), int(tokens[1])
        if not (1 <= i <= n and 1 <= j <= n):
            _slow_block(data, n, label, first_line)
        values.append(i)
        values.append(j)
    return values


def _slow_block(data: bytes, n: int, label: str, first_line: int) -> None:
    """Check `data` line by line and raise `InputError` at the first bad line."""
    for offset, raw in enumerate(data.split(b"\n")):
        lineno = first_line + offset
        line = raw.rstrip(b"\r")
        stripped = line.strip()
        if not stripped or stripped.startswith(b"#"):
            continue
        text = line.decode("utf-8", "replace")
        tokens = stripped.split()
        if len(tokens) != 2:
            raise InputError(
                f"expected an attack 'i j', found {text.strip()[:60]!r}",
                SourceLocation(label, lineno, 1),
            )
        col = 0
        for tok in tokens:
            col = line.index(tok, col)
            if not tok.isdigit():
                raise InputError(
                    f"expected an argument number, found {tok.decode('utf-8', 'replace')[:30]!r}",
                    SourceLocation(label, lineno, col + 1),
                )
            if not 1 <= int(tok) <= n:
                raise InputError(
                    f"argument {int(tok)} out of range 1..{n}",
                    SourceLocation(label, lineno, col + 1),
                )
            col += len(tok)
    raise AssertionError("malformed block without a bad line")  # pragma: no cover


# -- APX ----------------------------------------------------------------------------------------

_NAME = r"\s*([A-Za-z0-9_][^,()\s]*|\"[^\"]*\")\s*"
_STATEMENT = re.compile(rf"\s*(arg|att)\s*\({_NAME}(?:,{_NAME})?\)\s*\.")
_SPACE = re.compile(r"\s*(?:%.*)?$")


def _read_apx(handle: IO[bytes], label: str) -> ArgumentationFramework:
    names: dict[str, int] = {}
    attacks: list[tuple[str, int, int, int]] = []
    for lineno, raw in enumerate(_text_lines(handle, label), start=1):
        pos = 0
        line = raw.rstrip("\r\n")
        while not _SPACE.match(line, pos):
            m = _STATEMENT.match(line, pos)
            if m is None:
                col = len(line) - len(line[pos:].lstrip()) + 1
                raise InputError(
                    f"expected 'arg(a).' or 'att(a,b).', found {line[pos:].strip()[:40]!r}",
                    SourceLocation(label, lineno, col),
                )
            kind, first, second = m.group(1), m.group(2), m.group(3)
            if kind == "arg":
                if second is not None:
                    raise InputError(
                        "arg/1 takes one argument name", SourceLocation(label, lineno, pos + 1)
                    )
                names.setdefault(first, len(names))
            else:
                if second is None:
                    raise InputError(
                        "att/2 takes two argument names", SourceLocation(label, lineno, pos + 1)
                    )
                attacks.append((f"{first}\0{second}", lineno, m.start(2) + 1, m.start(3) + 1))
            if len(names) > MAX_ARGUMENTS:
                raise LimitExceeded(
                    f"more than {MAX_ARGUMENTS} arguments", SourceLocation(label, lineno)
                )
            pos = m.end()
    return _build(names, attacks, label)


def _build(
    names: dict[str, int], attacks: list[tuple[str, int, int, int]], label: str
) -> ArgumentationFramework:
    pairs: list[tuple[int, int]] = []
    for key, lineno, col1, col2 in attacks:
        first, second = key.split("\0")
        ends = []
        for nm, col in ((first, col1), (second, col2)):
            idx = names.get(nm)
            if idx is None:
                raise InputError(
                    f"attack mentions undeclared argument {nm!r}",
                    SourceLocation(label, lineno, col),
                )
            ends.append(idx)
        pairs.append((ends[0], ends[1]))
    return ArgumentationFramework.from_edges(len(names), pairs, names=list(names))


def _text_lines(handle: IO[bytes], label: str) -> Iterator[str]:
    for lineno, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                "not UTF-8 text", SourceLocation(label, lineno, exc.start + 1)
            ) from None


# -- TGF ----------------------------------------------------------------------------------------


def _read_tgf(handle: IO[bytes], label: str) -> ArgumentationFramework:
    names: dict[str, int] = {}
    attacks: list[tuple[str, int, int, int]] = []
    in_edges = False
    for lineno, raw in enumerate(_text_lines(handle, label), start=1):
        line = raw.rstrip("\r\n")
        tokens = line.split()
        if not tokens:
            continue
        if not in_edges:
            if tokens[0] == "#":
                if len(tokens) != 1:
                    raise InputError(
                        "the separator line must hold '#' alone", SourceLocation(label, lineno, 1)
                    )
                in_edges = True
                continue
            if tokens[0] in names:
                raise InputError(
                    f"argument {tokens[0]!r} declared twice", SourceLocation(label, lineno, 1)
                )
            names[tokens[0]] = len(names)
            if len(names) > MAX_ARGUMENTS:
                raise LimitExceeded(
                    f"more than {MAX_ARGUMENTS} arguments", SourceLocation(label, lineno)
                )
        else:
            if len(tokens) < 2:
                raise InputError(
                    f"expected an attack 'a b', found {line.strip()[:40]!r}",
                    SourceLocation(label, lineno, 1),
                )
            col = line.index(tokens[0])
            col2 = line.index(tokens[1], col + len(tokens[0]))
            attacks.append((f"{tokens[0]}\0{tokens[1]}", lineno, col + 1, col2 + 1))
    return _build(names, attacks, label)


_READERS = {AFFormat.I23: _read_i23, AFFormat.APX: _read_apx, AFFormat.TGF: _read_tgf}


# -- writers ------------------------------------------------------------------------------------


def _default_names(af: ArgumentationFramework) -> bool:
    return all(name == str(i + 1) for i, name in enumerate(af.names))


def format_lines(af: ArgumentationFramework, fmt: AFFormat | str) -> Iterable[str]:
    """The lines (with newlines) of `af` written in format `fmt`."""
    kind = fmt if isinstance(fmt, AFFormat) else AFFormat.parse(fmt)
    src, dst = af.src.tolist(), af.dst.tolist()
    if kind == AFFormat.I23:
        yield f"p af {af.n}\n"
        if not _default_names(af):  # keep the names, as comments, in argument order
            yield from (f"# {name}\n" for name in af.names)
        yield from (f"{i + 1} {j + 1}\n" for i, j in zip(src, dst, strict=True))
        return
    names = af.names
    for name in names:
        if kind == AFFormat.TGF and (not name or any(ch.isspace() for ch in name)):
            raise InputError(f"argument name {name!r} cannot be written in TGF")
        if kind == AFFormat.APX and not re.fullmatch(r"[A-Za-z0-9_][^,()\s]*", name):
            raise InputError(f"argument name {name!r} cannot be written in APX")
    if kind == AFFormat.APX:
        yield from (f"arg({name}).\n" for name in names)
        yield from (f"att({names[i]},{names[j]}).\n" for i, j in zip(src, dst, strict=True))
    else:
        yield from (f"{name}\n" for name in names)
        yield "#\n"
        yield from (f"{names[i]} {names[j]}\n" for i, j in zip(src, dst, strict=True))


def format_af(af: ArgumentationFramework, fmt: AFFormat | str) -> str:
    """`af` written in format `fmt`, as one string."""
    return "".join(format_lines(af, fmt))


def write_af(
    af: ArgumentationFramework, path: str | PathLike[str], fmt: AFFormat | str | None = None
) -> None:
    """Write `af` to `path` in `fmt` (default: from the suffix, ICCMA 2023 if unknown)."""
    kind = detect_format(path) if fmt is None else fmt
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(format_lines(af, kind))
