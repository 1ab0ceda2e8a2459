"""Analysis endpoints: what-if, minimal counterfactuals, timeline, views and hypotheses.

Thin over `overture.analysis`; every call runs on the worker pool under the time limit. The
router list depends on which analyses the installed library offers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from overture.errors import FieldErrors
from overture.web import jobs
from overture.web.analysis_models import (
    BacktestOut,
    BacktestRequest,
    CounterfactualReportOut,
    CounterfactualRequest,
    HypothesesOut,
    JointListOut,
    JointOut,
    JointRequest,
    TimelineOut,
    TimelineRequest,
    ViewsOut,
    WhatIfOut,
    WhatIfRequest,
)
from overture.web.doctrine_models import EvaluateRequest
from overture.web.isolated import run_in_child
from overture.web.models import responses
from overture.web.registry import DoctrineRegistry
from overture.web.routes.verdicts import checked
from overture.web.state import state_of

ERRORS = responses(404, 413, 422, 503)

router = APIRouter(prefix="/api", tags=["analysis"])


def _change_value(variable: str, value: bool | str) -> Any:
    if variable == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


@router.post("/what-if", summary="Verdict before and after changes", responses=ERRORS)
async def what_if(body: WhatIfRequest, request: Request) -> WhatIfOut:
    """Apply the changes to the scenario and compare the two verdicts and argument statuses."""
    from overture.analysis import what_if as run

    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    try:
        changes = {k: _change_value(k, v) for k, v in body.changes.items()}
    except ValueError:
        raise FieldErrors([("body.changes.date", "expected an ISO date (YYYY-MM-DD)")]) from None
    result = await state_of(request).runner.run(
        "the what-if analysis",
        lambda _d: run(scenario, doctrine, body.semantics, changes=changes),
    )
    return WhatIfOut.model_validate(result.to_dict())


@router.post("/counterfactual", summary="Minimal changes that flip the verdict", responses=ERRORS)
async def counterfactual(body: CounterfactualRequest, request: Request) -> CounterfactualReportOut:
    """Every minimal set of at most `max_changes` edits (facts, mode, topics, counterparty, date,
    view, initiator) giving the target verdict, ranked by size, with the rules that make it
    work."""
    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    data = await run_in_child(request, jobs.counterfactual, "the counterfactual search",
                           scenario=scenario, doctrine=doctrine, target=body.target,
                           max_changes=body.max_changes, variables=body.variables,
                           semantics=body.semantics)
    return CounterfactualReportOut.model_validate(data)


@router.post("/timeline", summary="The verdict over time", responses=ERRORS)
async def timeline(body: TimelineRequest, request: Request) -> TimelineOut:
    """The scenario's verdict at the start of the span and at every date a statement enters
    into force, with the statements that entered and whether the verdict moved."""
    from overture.analysis import timeline as run

    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    from overture.render.timeline_svg import timeline_chart

    def work(d: Any) -> dict[str, Any]:
        result = run(scenario, doctrine, body.semantics, start=body.start, end=body.end,
                     should_stop=d.expired)
        return {**result.to_dict(), "chart_svg": timeline_chart(result, current=scenario.date)}

    return TimelineOut.model_validate(await state_of(request).runner.run("the timeline", work))


@router.post("/views", summary="Verdicts under each view", responses=ERRORS)
async def views(body: EvaluateRequest, request: Request) -> ViewsOut:
    """The verdict under every view of the doctrine side by side, and the rules that differ."""
    from overture.analysis import compare_views

    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    result = await state_of(request).runner.run(
        "the view comparison",
        lambda d: compare_views(scenario, doctrine, body.semantics, should_stop=d.expired),
    )
    return ViewsOut.model_validate(result.to_dict())


@router.post("/backtest", summary="Score a doctrine against what the actor then did",
             responses=ERRORS, response_model=BacktestOut)
async def backtest(body: BacktestRequest, request: Request) -> JSONResponse:
    """Each event judged as of its date with only the statements made before it; verdicts
    against outcomes, accuracy, coverage and a Brier score beside three baselines, and for each
    miss the rules that decided it and the smallest changes that would have flipped it. The
    body of the answer is `overture backtest --json`'s."""
    import json

    from overture.analysis.events import log_from_located, read_log, shipped_log
    from overture.doctrine.yamlpos import parse_text

    reg = state_of(request).doctrines
    assert isinstance(reg, DoctrineRegistry)
    doctrine = reg.get(body.doctrine)
    if body.events is not None:
        log = log_from_located(parse_text(json.dumps(body.events), "body.events"))
    else:
        path = shipped_log(doctrine)
        if path is None:
            raise FieldErrors([("body.events", f"the doctrine {body.doctrine!r} has no log of "
                                               "its own: send one in `events`")])
        log = read_log(path)[0]
    data = await run_in_child(request, jobs.backtest_log, "the backtest", log=log,
                           doctrine=doctrine, semantics=body.semantics, views=body.views,
                           all_views=body.all_views)
    return JSONResponse(data)


@router.post("/joint", summary="Overtures both sides accept, or a stalemate certificate",
             responses=ERRORS, response_model=JointOut)
async def joint_search(body: JointRequest, request: Request) -> JSONResponse:
    """Search a joint file's overtures and move orders as of `date` for overtures both
    doctrines permit; when there is none within the bound, the certificate: each candidate's
    blocking rules per side and the wait-for cycle, each edge with its rule and quote. The body
    of the answer is `overture joint --json`'s."""
    from overture.analysis.joint_file import list_shipped_joints, resolve_joint

    if (body.joint is None) == (body.spec is None):
        raise FieldErrors([("body.joint", "give either `joint` (a shipped id) or `spec`")])
    if body.joint is not None and body.joint not in list_shipped_joints():
        raise FieldErrors([("body.joint", f"unknown joint file {body.joint!r}; shipped: "
                                          f"{', '.join(list_shipped_joints())}")])
    reg = state_of(request).doctrines
    assert isinstance(reg, DoctrineRegistry)
    setting = resolve_joint(body.joint if body.joint is not None else body.spec or {}, reg.get,
                            "body.spec")
    data = await run_in_child(request, jobs.joint_search, "the joint search", setting=setting,
                           date=body.date, graphs=body.graphs, max_moves=body.max_moves,
                           goal_topics=body.topics, semantics=body.semantics,
                           concessions=body.concessions, max_concessions=body.max_concessions)
    return JSONResponse(data)


@router.get("/joints", summary="The shipped joint files", responses=responses(503),
            response_model=JointListOut)
async def joints(request: Request) -> JointListOut:
    """Each shipped joint file: its id, title and sides (doctrine, and how it names the other)."""
    from overture.analysis.joint_file import list_shipped_joints, resolve_joint

    reg = state_of(request).doctrines
    assert isinstance(reg, DoctrineRegistry)

    def listing(_d: Any) -> JointListOut:
        out = []
        for name in list_shipped_joints():
            st = resolve_joint(name, reg.get)
            out.append({"id": name, "title": st.spec.title or name,
                        "sides": [{"id": s.id, "doctrine": st.doctrines[s.id].id,
                                   "counterparty": s.counterparty} for s in st.spec.sides]})
        return JointListOut(joints=out)

    return await state_of(request).runner.run("the joint listing", listing)


hypotheses_router = APIRouter(prefix="/api/doctrines", tags=["analysis"])


@hypotheses_router.get(
    "/{name}/hypotheses", summary="Competing hypotheses matrix", responses=responses(404, 422, 503)
)
async def hypotheses(name: str, request: Request, as_of: dt.date | None = None) -> HypothesesOut:
    """The analysis of competing hypotheses: evidence × hypotheses ratings, inconsistency
    scores and ranking, each item's diagnosticity and which items the ranking is sensitive to.
    `as_of`: only the evidence said on or before that date."""
    from overture.analysis import analyse, hypotheses_of

    reg = state_of(request).doctrines
    assert isinstance(reg, DoctrineRegistry)
    doctrine = reg.get(name)
    result = await state_of(request).runner.run(
        "the hypotheses analysis", lambda _d: analyse(hypotheses_of(doctrine, as_of=as_of))
    )
    return HypothesesOut.model_validate(result.to_dict())


