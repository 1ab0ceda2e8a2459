"""One heavy request's computation in a child process: a memory ceiling, and a kill at the deadline.

A thread cannot be made to give its memory back or to stop inside a SAT call; a process can. The
ICCMA solve, counterfactual, backtest and joint routes run their work here, so a request past its
memory ceiling is answered 503 `memory_limit` and one past its deadline is killed, its memory
returned, while the server goes on answering others.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from overture.errors import ComputationFailed, OvertureError, Unavailable
from overture.web.limits import Deadline
from overture.web.state import state_of

if TYPE_CHECKING:
    from fastapi import Request

#: Modules the fork server imports once, so that children start warm.
PRELOAD = ["overture.web.jobs"]


@dataclass(frozen=True)
class Job:
    """Everything a child needs (picklable): `fn` is a module-level function called as
    `fn(deadline, **kwargs)`, returning a picklable answer; `what` names it in messages;
    `memory` is the bytes the child may add to its address space (None: no ceiling)."""

    fn: Callable[..., Any]
    what: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    memory: int | None = None


def _context() -> multiprocessing.context.BaseContext:
    """A fork server with the engine preloaded: children start in milliseconds and fork from
    a single-threaded process (never from the threaded web server). Where there is no fork
    server (Windows), fresh interpreters are spawned instead."""
    try:
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    assert isinstance(ctx, multiprocessing.context.ForkServerContext)
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


async def run_in_child(request: Request, fn: Callable[..., Any], what: str,
                       **kwargs: Any) -> Any:
    """Run `fn(deadline, **kwargs)` in a child process, under the server's runner (its time
    limit and admission) and its memory ceiling for one request."""
    state = state_of(request)
    job = Job(fn, what, kwargs, memory=state.settings.max_request_memory_bytes)
    return await state.runner.run(what, lambda d: run_isolated(job, d))


def _ceiling_message(job: Job) -> str:
    return (f"{job.what} needs more than the memory ceiling of "
            f"{(job.memory or 0) / 2**20:.0f} MiB per request")


def run_isolated(job: Job, deadline: Deadline) -> Any:
    """Run `job` in a fresh child process, killed when `deadline` passes or is stopped.

    The child's answer comes back by pipe; an `OvertureError` it raised is raised here again
    (a MemoryError under the ceiling, or a child that died at it, as 503 `memory_limit`)."""
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
                "time_limit", f"{job.what} did not finish within the time limit of "
                f"{deadline.seconds:g} s")
        kind, payload = receiver.recv()
    except EOFError:
        child.join(2)
        code = child.exitcode
        if deadline.expired():
            raise Unavailable(
                "time_limit", f"{job.what} did not finish within the time limit of "
                f"{deadline.seconds:g} s") from None
        if job.memory is not None and code not in (0, None):
            # native code (the SAT solver) aborts when an allocation fails under the cap
            raise Unavailable("memory_limit", _ceiling_message(job)) from None
        raise ComputationFailed(f"the worker process died (exit code {code})") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "ok":
        return payload
    if kind == "memory":
        raise Unavailable("memory_limit", _ceiling_message(job))
    if kind == "raise":
        try:
            exc = pickle.loads(payload)
        except Exception:  # an error that cannot be rebuilt is reported by its text
            exc = None
        if isinstance(exc, OvertureError):
            raise exc
        raise ComputationFailed(f"{job.what} failed with an error that could not be read back")
    raise ComputationFailed(str(payload))


def _child(job: Job, budget: float, conn: Connection) -> None:
    """Child process body: send ("ok", answer), or the error that stopped it."""
    try:
        if job.memory is not None:
            _cap_memory(job.memory)
        conn.send(("ok", job.fn(Deadline(budget), **job.kwargs)))
    except MemoryError:
        conn.send(("memory", None))
    except SystemError as exc:
        # under the address-space cap, C code whose allocation failed can surface as
        # "error return without exception set": the ceiling, not a bug of the request
        conn.send(("memory", None) if job.memory is not None else
                  ("error", f"{type(exc).__name__}: {exc}"))
    except OvertureError as exc:
        try:
            conn.send(("raise", pickle.dumps(exc)))
        except Exception:  # unpicklable: send its text
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
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
