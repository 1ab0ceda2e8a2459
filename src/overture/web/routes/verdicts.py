"""Verdict endpoints: evaluate a scenario, explain its verdict, say what blocks another verdict.

Each call runs on the worker pool under the server's time limit; scenarios naming ids the
doctrine does not declare are 422s that point at the field and list the known ids.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from overture.doctrine import Doctrine, Scenario, resolve_scenario
from overture.errors import FieldErrors
from overture.render.aspic_graph import drawn_arguments, graph_from_verdict
from overture.render.svg import to_svg
from overture.verdict import Evaluation, Explanation, WhyNot, evaluate, explain, why_not
from overture.web.doctrine_models import DrawnGraph, EvaluateRequest, GraphRequest, WhyNotRequest
from overture.web.models import responses
from overture.web.registry import DoctrineRegistry
from overture.web.state import state_of

router = APIRouter(prefix="/api", tags=["verdicts"])

ERRORS = responses(404, 413, 422, 503)


def checked(request: Request, name: str, scenario: Scenario) -> tuple[Doctrine, Scenario]:
    """The named doctrine and the scenario, resolved as everywhere (`overture.doctrine.resolve`);
    unknown ids are answered per field under `body.scenario`."""
    reg = state_of(request).doctrines
    assert isinstance(reg, DoctrineRegistry)
    doctrine = reg.get(name)
    try:
        return doctrine, resolve_scenario(scenario, doctrine)
    except FieldErrors as exc:
        raise exc.under("body.scenario") from None


def _json(model: BaseModel) -> bytes:
    return model.model_dump_json().encode()


@router.post("/evaluate", summary="Judge a scenario", responses=ERRORS, response_model=Evaluation)
async def evaluate_scenario(body: EvaluateRequest, request: Request) -> Response:
    """The verdict (`permitted`, `forbidden`, `contested`, `undecided`), the topics in scope,
    the reasons for and against with their quotes, what was defeated and why, and the whole
    argument graph (arguments with status, attacks with kind and success)."""
    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    # Serialised in the worker too, so the event loop only moves bytes.
    data = await state_of(request).runner.run(
        "the evaluation", lambda _d: _json(evaluate(scenario, doctrine, body.semantics))
    )
    return Response(data, media_type="application/json")


@router.post("/explain", summary="Explain a verdict", responses=ERRORS, response_model=Explanation)
async def explain_scenario(body: EvaluateRequest, request: Request) -> Response:
    """The winning line of argument with its quotes, each attack on it and why it fails."""
    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    data = await state_of(request).runner.run(
        "the explanation", lambda _d: _json(explain(scenario, doctrine, body.semantics))
    )
    return Response(data, media_type="application/json")


@router.post("/why-not", summary="What blocks another verdict", responses=ERRORS)
async def why_not_scenario(body: WhyNotRequest, request: Request) -> WhyNot:
    """The arguments standing in the way of `target`, the defeats of its support, and the
    rules that would support it but whose conditions are unmet."""
    doctrine, scenario = checked(request, body.doctrine, body.scenario)
    return await state_of(request).runner.run(
        "the why-not analysis",
        lambda _d: why_not(scenario, doctrine, body.semantics, target=body.target),
    )


@router.post("/graph", summary="Draw a judged scenario", responses=ERRORS)
async def graph_scenario(body: GraphRequest, request: Request) -> DrawnGraph:
    """The scenario's argument map (or attack graph) as SVG, laid out once, on the server: the
    page shows it as `overture export --format svg` writes it."""
    doctrine, scenario = checked(request, body.doctrine, body.scenario)

    def draw(_d: object) -> DrawnGraph:
        ev = evaluate(scenario, doctrine, body.semantics)
        graph = graph_from_verdict(ev, style=body.style, include_scenario=body.premises,
                                   hide_defeated=not body.defeated)
        folded = 0 if body.defeated else (len(drawn_arguments(ev, body.premises))
                                          - len(drawn_arguments(ev, body.premises, True)))
        return DrawnGraph(style=body.style, svg=to_svg(graph), verdict=ev.verdict.value,
                          nodes=len(graph.nodes), edges=len(graph.edges), folded=folded)

    return await state_of(request).runner.run("the graph", draw)
