"""The ICCMA 2023 solver interface (`overture af -p DS-PR -f file.af -a 3`): flags and output.

Kept free of Typer and Rich so that `overture.cli.entry` can answer a competition harness
after importing only the AF engine; `overture af` (Typer) uses the same functions.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from overture.af import ArgumentationFramework
from overture.af.answer import answer_task, formats_line, problems_line
from overture.af.iccma_io import AFFormat, read_af
from overture.errors import InputError, LimitExceeded, OvertureError

TYPE_CHECKING = False  # typing and pathlib stay unimported: this path's start-up is timed
if TYPE_CHECKING:
    from os import PathLike
    from typing import TextIO

#: Options of the ICCMA interface that take a value, by every spelling, and the flags.
_VALUED = {
    "-p": "problem",
    "--problem": "problem",
    "-f": "file",
    "--file": "file",
    "-a": "argument",
    "--argument": "argument",
    "-fo": "format",
    "--format": "format",
    "--timeout": "timeout",
}
_FLAGS = {"--problems": "problems", "--formats": "formats"}


def load(path: str | PathLike[str], fmt: str | None) -> ArgumentationFramework:
    """Read an AF file (format from `fmt`, else from the file name and contents)."""
    return read_af(path, None if fmt is None else AFFormat.parse(fmt))


def argument_index(af: ArgumentationFramework, name: str) -> int:
    """The index of the argument called `name` (InputError if there is none)."""
    try:
        return af.index(name)
    except KeyError:
        raise InputError(f"no argument named {name!r} in the framework") from None


def iccma_answer(
    af: ArgumentationFramework, problem: str, query: int | None, timeout: float | None = None
) -> list[str]:
    """The output lines of ICCMA 2023 problem `problem` (e.g. "DS-PR") on `af`."""
    try:
        return answer_task(af, problem, query, timeout=timeout).iccma_lines(af)
    except InputError as exc:
        if "needs a query argument" in exc.message:
            raise InputError(f"{exc.message} (-a)") from None
        raise


def answer_lines(
    problem: str, file: str | PathLike[str], query: str | None, fmt: str | None, timeout: float | None
) -> list[str]:
    """Read `file` and answer `problem` on it (OvertureError on bad input)."""
    af = load(file, fmt)
    index = None if query is None else argument_index(af, query)
    return iccma_answer(af, problem, index, timeout)


def parse_fast(argv: Sequence[str]) -> dict[str, str] | None:
    """The options of a plain ICCMA call (`-p X -f F [-a A] [-fo F] [--timeout S]`, or
    `--problems` / `--formats`), or None when `argv` is anything else (help, a subcommand, a
    malformed call): those are left to the full command line, which explains itself."""
    opts: dict[str, str] = {}
    i = 0
    while i < len(argv):
        token = argv[i]
        if token in _FLAGS:
            opts[_FLAGS[token]] = "1"
            i += 1
        elif token in _VALUED and i + 1 < len(argv):
            opts[_VALUED[token]] = argv[i + 1]
            i += 2
        else:
            return None
    if "timeout" in opts:
        try:
            float(opts["timeout"])
        except ValueError:
            return None
    if not {"problem", "file"} <= opts.keys() and not opts.keys() & set(_FLAGS.values()):
        return None
    return opts


@contextmanager
def whole_call_limit(seconds: float | None) -> Iterator[None]:
    """Bound the whole call (reading, building, solving) by `seconds` of wall time: the solver
    stops at its own limit; an alarm stops reading and building, which the solver does not see
    (main thread, POSIX; elsewhere only the solver is bounded)."""
    if seconds is None or seconds <= 0 or not hasattr(signal, "setitimer") or (
            threading.current_thread() is not threading.main_thread()):
        yield
        return

    def late(_signum: int, _frame: object) -> None:
        raise LimitExceeded("time limit reached")

    previous = signal.signal(signal.SIGALRM, late)
    signal.setitimer(signal.ITIMER_REAL, seconds + 0.05)  # the solver's own limit comes first
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_fast(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int | None:
    """Answer a plain ICCMA call and return the exit code, or None if `argv` is not one."""
    opts = parse_fast(argv)
    if opts is None:
        return None
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    if "problems" in opts:
        print(problems_line(), file=out)
        return 0
    if "formats" in opts:
        print(formats_line(), file=out)
        return 0
    timeout = float(opts["timeout"]) if "timeout" in opts else None
    try:
        with whole_call_limit(timeout):
            lines = answer_lines(
                opts["problem"], opts["file"], opts.get("argument"), opts.get("format"),
                timeout,
            )
    except OvertureError as exc:
        print(f"error: {exc}", file=err)
        return 2
    out.write("".join(line + "\n" for line in lines))
    return 0
