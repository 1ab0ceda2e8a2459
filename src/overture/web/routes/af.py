"""ICCMA solving over HTTP: upload a framework file as the body, get the task's answer.

Accepts the ICCMA 2023 (`p af N`), ICCMA 2017 APX and TGF formats; the solve runs in a child
process (`overture.web.isolated`) under the server's time limit and memory ceiling.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from overture.af import Semantics
from overture.af.iccma_io import detect_format
from overture.errors import InputError
from overture.web import jobs
from overture.web.isolated import run_in_child
from overture.web.jobs import TaskError
from overture.web.models import AFSolveResult, responses
from overture.web.uploads import read_text_body

router = APIRouter(prefix="/api/af", tags=["af"])

PROBLEMS = ("SE", "EE", "CE", "DC", "DS")


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
    data = await run_in_child(request, jobs.solve, f"{problem}-{semantics.value}", text=text,
                              fmt=fmt, problem=problem, semantics=semantics.value, arg=arg,
                              limit=limit)
    return AFSolveResult.model_validate(data)


