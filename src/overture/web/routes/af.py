"""ICCMA solving over HTTP: upload a framework file as the body, get the task's answer.

Accepts the ICCMA 2023 (`p af N`), ICCMA 2017 APX and TGF formats; the solve runs in a worker
under the server's time limit, and the SAT solver is interrupted when the budget is spent.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from overture.af import ArgumentationFramework, Semantics
from overture.af.answer import solve_task
from overture.af.iccma_io import detect_format, parse_af
from overture.errors import ComputationFailed, InputError, LimitExceeded, Unavailable
from overture.web.limits import Deadline
from overture.web.models import AFSolveResult, responses
from overture.web.state import state_of
from overture.web.uploads import read_text_body

router = APIRouter(prefix="/api/af", tags=["af"])

PROBLEMS = ("SE", "EE", "CE", "DC", "DS")


class TaskError(InputError):
    """A bad query parameter, named so the error body points at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _task(task: str) -> tuple[str, str]:
    problem, _, sem = task.strip().upper().partition("-")
    if problem not in PROBLEMS or not sem:
        raise TaskError(
            "query.task",
            f"unknown task {task!r}; write PROBLEM-SEMANTICS with PROBLEM one of "
            f"{', '.join(PROBLEMS)} (e.g. DC-PR, SE-GR, EE-ST)",
        )
    return problem, sem


@router.post(
    "/solve",
    summary="Solve an ICCMA task on an uploaded framework",
    responses=responses(400, 413, 422, 503),
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The framework file (ICCMA 2023 `p af N`, APX or TGF).",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    },
)
async def solve(
    request: Request,
    task: Annotated[str, Query(description="ICCMA task, e.g. `DC-PR`, `SE-GR`, `EE-ST`.")],
    arg: Annotated[
        str | None, Query(description="The queried argument's name (DC and DS tasks).")
    ] = None,
    format: Annotated[
        Literal["auto", "i23", "apx", "tgf"], Query(description="File format.")
    ] = "auto",
    limit: Annotated[
        int, Query(ge=1, le=100_000, description="EE: stop after this many extensions.")
    ] = 1000,
) -> AFSolveResult:
    """Parse the body as an abstract framework and answer the task like an ICCMA solver."""
    problem, sem_text = _task(task)
    try:
        semantics = Semantics.parse(sem_text)
    except InputError as exc:
        raise TaskError("query.task", exc.message) from None
    if problem in ("DC", "DS") and arg is None:
        raise TaskError("query.arg", f"task {problem} needs the queried argument: ?arg=NAME")
    text = await read_text_body(request)
    fmt = detect_format("upload", text[:4096].encode()) if format == "auto" else format
    job = SolveJob(
        text=text, fmt=fmt, problem=problem, semantics=semantics.value, arg=arg, limit=limit,
        memory=state_of(request).settings.max_request_memory_bytes,
    )
    return await state_of(request).runner.run(
        f"{problem}-{semantics.value}", lambda deadline: run_isolated(job, deadline)
    )


@dataclass(frozen=True)
class SolveJob:
    """Everything a child process needs to answer one task (picklable)."""

    text: str
    fmt: str
    problem: str
    semantics: str
    arg: str | None
    limit: int
    memory: int | None = None  # bytes the child may add to its address space (None: no ceiling)


def _context() -> multiprocessing.context.BaseContext:
    """A fork server with the solver preloaded: children start in milliseconds, and fork from
    a single-threaded process (never from the threaded web server). Where there is no fork
    server (Windows), fresh interpreters are spawned instead."""
    try:
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    assert isinstance(ctx, multiprocessing.context.ForkServerContext)
    ctx.set_forkserver_preload(["overture.web.routes.af"])
    return ctx


def run_isolated(job: SolveJob, deadline: Deadline) -> AFSolveResult:
    """Solve `job` in a fresh child process, killed when the deadline passes.

    A SAT call may hold the GIL for its whole duration, so a thread cannot be relied on to
    stop it; a process can always be killed. The child's answer or error comes back by pipe.
    """
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(  # type: ignore[attr-defined]
        target=_child, args=(job, deadline.remaining(), sender), daemon=True
    )
    child.start()
    sender.close()
    deadline.on_stop(child.kill)
    try:
        if not receiver.poll(deadline.remaining()):
            raise Unavailable(
                "time_limit",
                f"{job.problem}-{job.semantics} did not finish within the time limit "
                f"of {deadline.seconds:g} s",
            )
        kind, payload = receiver.recv()
    except EOFError:
        child.join(2)
        code = child.exitcode
        if job.memory is not None and code not in (0, None):
            # The solver's C++ core aborts when an allocation fails under the address-space cap.
            raise LimitExceeded(
                f"the solver stopped (exit code {code}) at the memory ceiling of "
                f"{job.memory / 2**20:.0f} MiB per request"
            ) from None
        raise ComputationFailed(f"the solver process died (exit code {code})") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "ok":
        return AFSolveResult.model_validate(payload)
    if kind == "input":
        field, message = payload
        raise TaskError(field, message) if field else InputError(message)
    if kind == "limit":
        raise LimitExceeded(payload)
    raise ComputationFailed(str(payload))


def _child(job: SolveJob, budget: float, conn: Connection) -> None:
    """Child process body: solve and send ("ok", result) or an error tuple."""
    try:
        if job.memory is not None:
            _cap_memory(job.memory)
        deadline = Deadline(budget)
        started = time.perf_counter()
        af = parse_af(job.text, job.fmt, name="<upload>")
        result = _answer(
            af, job.problem, Semantics.parse(job.semantics), job.arg, job.limit, deadline, started
        )
        conn.send(("ok", result.model_dump(mode="json")))
    except TaskError as exc:
        conn.send(("input", (exc.field, exc.message)))
    except LimitExceeded as exc:
        conn.send(("limit", str(exc)))
    except InputError as exc:
        conn.send(("input", (None, str(exc))))
    except Unavailable as exc:
        conn.send(("limit", exc.detail))
    except MemoryError:
        conn.send(("limit", f"{job.problem}-{job.semantics} needs more than the memory ceiling "
                            f"of {(job.memory or 0) / 2**20:.0f} MiB per request"))
    except Exception as exc:  # reported to the parent, which logs it as a 500
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _cap_memory(extra: int) -> None:
    """Limit the child's address space to what it uses now plus `extra` bytes (Linux)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
        now = pages * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (now + extra, now + extra))
    except (OSError, ValueError, ImportError):  # no /proc or no rlimits: no ceiling here
        pass


def _names(af: ArgumentationFramework, ext: frozenset[int] | None) -> list[str] | None:
    if ext is None:
        return None
    return [af.names[i] for i in sorted(ext)]


def _answer(
    af: ArgumentationFramework,
    problem: str,
    semantics: Semantics,
    arg: str | None,
    limit: int,
    deadline: Deadline,
    started: float,
) -> AFSolveResult:
    base: dict[str, Any] = {
        "task": f"{problem}-{semantics.value}",
        "semantics": semantics.full_name,
        "arguments": af.n,
        "attacks": af.num_attacks,
    }
    index = None
    if arg is not None:
        try:
            index = af.index(arg)
        except KeyError:
            raise TaskError(
                "query.arg", f"argument {arg!r} is not in the framework (names are {_sample(af)})"
            ) from None
    try:
        got = solve_task(af, problem, semantics, index, timeout=deadline.remaining(), limit=limit,
                         on_solver=lambda solver: deadline.on_stop(solver.interrupt))
        if problem == "EE":
            found = [_names(af, e) or [] for e in got.extensions or ()]
            answer = "[" + ",".join("[" + ",".join(e) + "]" for e in found) + "]"
            result = AFSolveResult(**base, extensions=found, count=len(found),
                                   truncated=got.truncated, answer=answer, seconds=0.0)
        elif problem == "CE":
            result = AFSolveResult(**base, count=got.count, answer=str(got.count), seconds=0.0)
        elif problem == "SE":
            result = AFSolveResult(**base, extension=_names(af, got.extension),
                                   answer="\n".join(got.iccma_lines(af)), seconds=0.0)
        else:
            result = AFSolveResult(**base, argument=arg, accepted=got.accepted,
                                   extension=_names(af, got.extension),
                                   answer="\n".join(got.iccma_lines(af)), seconds=0.0)
    except LimitExceeded:
        if deadline.expired():
            raise Unavailable(
                "time_limit",
                f"{base['task']} did not finish within the time limit of {deadline.seconds:g} s",
            ) from None
        raise
    return result.model_copy(update={"seconds": round(time.perf_counter() - started, 6)})


def _sample(af: ArgumentationFramework) -> str:
    names = af.names
    shown = ", ".join(names[:5])
    return shown + (", ..." if len(names) > 5 else "") if names else "(none)"
