"""Downloads of what the workbench shows: the judged scenario as AIF, Argdown, ICCMA, DOT or
SVG, or its whole report as HTML or Markdown, as `overture export` and `overture report`
write them.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from overture.web import jobs
from overture.web.doctrine_models import EvaluateRequest
from overture.web.isolated import run_in_child
from overture.web.models import responses
from overture.web.routes.verdicts import checked

router = APIRouter(prefix="/api", tags=["verdicts"])

_SUFFIX = {"aif": "json", "argdown": "argdown", "iccma": "af", "dot": "dot", "svg": "svg",
           "html": "html", "md": "md"}


@router.post("/export", summary="Download a judged scenario or its report",
             responses={**responses(404, 413, 422, 503), 200: {
                 "description": "The file, named in `Content-Disposition`.",
                 "content": {kind: {"schema": {"type": "string"}}
                             for kind in sorted(set(jobs.DOWNLOADS.values()))}}},
             response_class=Response)
async def export_scenario(
    body: EvaluateRequest,
    request: Request,
    format: Annotated[
        Literal["aif", "argdown", "iccma", "dot", "svg", "html", "md"],
        Query(description="aif, argdown, iccma, dot or svg (the judged graph), or html / md "
                          "(the whole report: verdict, reasons, graph, timeline, views, "
                          "counterfactuals)."),
    ],
    style: Annotated[Literal["map", "attacks"], Query(
        description="For dot and svg: the argument map or the attack graph.")] = "map",
) -> Response:
    """The file, with a `Content-Disposition` naming it after the scenario."""
    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    label = re.sub(r"[^A-Za-z0-9_.-]+", "_", scenario.id or "")[:80].strip("._") or \
        f"{doctrine.id}-{scenario.date.isoformat()}"
    text = await run_in_child(request, jobs.download, "the export", scenario=scenario,
                              doctrine=doctrine, fmt=format, semantics=body.semantics,
                              style=style, label=label)
    name = f"{label}.{_SUFFIX[format]}"
    return Response(text, media_type=jobs.DOWNLOADS[format] + "; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
