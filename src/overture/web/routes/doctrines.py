"""Doctrine endpoints: list and read doctrines (sources, quotes, rules, views), a quote in its
source context, and uploads of new doctrines (bearer token).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import PlainTextResponse

from overture.analysis.events import shipped_log
from overture.doctrine import (
    Doctrine,
    Exception_,
    Quote,
    Rule,
    Scenario,
    Source,
    View,
    doctrine_scenarios,
    load_scenario,
)
from overture.errors import FieldErrors, InputError, OvertureError
from overture.web.auth import require_writer
from overture.web.doctrine_models import (
    DateRange,
    DoctrineCheck,
    DoctrineDetail,
    DoctrineList,
    DoctrineSummary,
    DoctrineUploaded,
    LocatedProblem,
    NamedScenario,
    QuoteAdded,
    QuoteContext,
    QuoteFromSelection,
    TestOutcome,
)
from overture.web.models import responses
from overture.web.quote_context import context_of, source_path
from overture.web.registry import DoctrineRegistry
from overture.web.state import state_of
from overture.web.uploads import read_text_body

router = APIRouter(prefix="/api/doctrines", tags=["doctrines"])

NOT_FOUND = responses(404)


def registry(request: Request) -> DoctrineRegistry:
    """The app's doctrine registry."""
    reg = state_of(request).doctrines
    assert isinstance(reg, DoctrineRegistry)
    return reg


Registry = Annotated[DoctrineRegistry, Depends(registry)]


def summary(doctrine: Doctrine, shipped: bool) -> DoctrineSummary:
    return DoctrineSummary(
        id=doctrine.id,
        title=doctrine.title,
        description=doctrine.description,
        actor=doctrine.actor,
        shipped=shipped,
        sources=len(doctrine.sources),
        quotes=len(doctrine.quotes),
        rules=len(doctrine.rules) + len(doctrine.exceptions),
    )


def date_range(doctrine: Doctrine) -> DateRange:
    """From a year before the first statement to a year after the last dated item."""
    stated = [s.stated for s in doctrine.statements_by_id.values()]
    dated = stated + [s.date for s in doctrine.sources] + [t.scenario.date for t in doctrine.tests]
    first = min(stated) if stated else min(dated)
    last = max(dated)
    return DateRange(first=dt.date(first.year - 1, 1, 1), last=dt.date(last.year + 1, 12, 31))


def default_scenario(doctrine: Doctrine) -> Scenario:
    """The page's opening scenario: the example with the richest argument graph (most attacks,
    then most arguments) when verdicts are available, else the first example, else one built
    from the first id of each vocabulary."""
    if doctrine.tests:
        return _showcase(doctrine)
    return Scenario(
        counterparty=doctrine.counterparties[0].id,
        topics=[doctrine.topics[0].id],
        mode=doctrine.modes[0].id,
        date=date_range(doctrine).last,
        view=doctrine.views[0].id,
    )


_SHOWCASE: dict[str, tuple[Doctrine, Scenario]] = {}


def _showcase(doctrine: Doctrine) -> Scenario:
    found = _SHOWCASE.get(doctrine.id)
    if found is not None and found[0] is doctrine:
        return found[1]
    best = doctrine.tests[0].scenario
    from overture.verdict import evaluate

    score = (-1, -1)
    for test in doctrine.tests[:50]:
        try:
            ev = evaluate(test.scenario, doctrine)
        except OvertureError:
            continue
        mine = (len(ev.attacks), len(ev.arguments))
        if mine > score:
            best, score = test.scenario, mine
    _SHOWCASE[doctrine.id] = (doctrine, best)
    return best


def example_scenarios(d: Doctrine) -> list[NamedScenario]:
    """The doctrine's example scenario files, loaded, by the names the CLI uses (cached)."""
    cached = _EXAMPLES.get(d.id)
    if cached is not None and cached[0] is d:
        return cached[1]
    out = []
    for name, path in doctrine_scenarios(d).items():
        try:
            out.append(NamedScenario(name=name, scenario=load_scenario(path, d)))
        except OvertureError:  # an example that no longer loads is `check`'s to report
            continue
    _EXAMPLES[d.id] = (d, out)
    return out


_EXAMPLES: dict[str, tuple[Doctrine, list[NamedScenario]]] = {}


@router.get("", summary="List doctrines")
def list_doctrines(reg: Registry) -> DoctrineList:
    """Every shipped and uploaded doctrine, with counts of sources, quotes and rules."""
    out = [summary(reg.get(name), reg.is_shipped(name)) for name in reg.names()]
    return DoctrineList(default=reg.default, doctrines=out)


@router.get("/{name}", summary="Read a whole doctrine", responses=NOT_FOUND)
def read_doctrine(name: str, reg: Registry) -> DoctrineDetail:
    """Sources, quotes, vocabulary, rules, exceptions, preferences, views and examples."""
    d = reg.get(name)
    return DoctrineDetail(
        id=d.id,
        title=d.title,
        description=d.description,
        actor=d.actor,
        question=d.question,
        shipped=reg.is_shipped(name),
        sources=d.sources,
        quotes=d.quotes,
        counterparties=d.counterparties,
        counterparty_attributes=d.counterparty_attributes,
        topics=d.topics,
        modes=d.modes,
        initiators=d.initiators,
        default_initiator=d.initiator_default,
        actions=d.action_ids,
        dimensions=d.dimensions,
        world=d.world,
        facts=d.facts,
        rules=d.rules,
        exceptions=d.exceptions,
        preferences=d.preferences,
        policies=d.policies,
        views=d.views,
        scenarios=example_scenarios(d),
        examples=d.tests,
        hypotheses=len(d.hypotheses),
        has_events=shipped_log(d) is not None,
        dates=date_range(d),
        default_scenario=default_scenario(d),
    )


@router.get("/{name}/sources", summary="A doctrine's sources", responses=NOT_FOUND)
def read_sources(name: str, reg: Registry) -> list[Source]:
    """The documents the doctrine rests on: title, publisher, date, kind, speaker, location."""
    return reg.get(name).sources


@router.get("/{name}/quotes", summary="A doctrine's quotes", responses=NOT_FOUND)
def read_quotes(
    name: str,
    reg: Registry,
    source: Annotated[str | None, Query(description="Only quotes from this source.")] = None,
) -> list[Quote]:
    """The quotations, each with its source and what the source cites for it."""
    d = reg.get(name)
    if source is not None and source not in d.sources_by_id:
        raise InputError(f"unknown source {source!r}; known sources: {', '.join(d.sources_by_id)}")
    return [q for q in d.quotes if source is None or q.source == source]


@router.get("/{name}/rules", summary="A doctrine's rules and exceptions", responses=NOT_FOUND)
def read_rules(name: str, reg: Registry) -> list[Rule | Exception_]:
    """Rules (conditions → conclusion) and exceptions (undercutters), with dates and quotes."""
    d = reg.get(name)
    return [*d.rules, *d.exceptions]


@router.get("/{name}/views", summary="A doctrine's views", responses=NOT_FOUND)
def read_views(name: str, reg: Registry) -> list[View]:
    """Named subsets of sources (e.g. `all`, `official`, `analyst`)."""
    return reg.get(name).views


@router.get(
    "/{name}/quotes/{quote_id}/context",
    summary="A quote in the context of its source",
    responses=NOT_FOUND,
)
def quote_context(name: str, quote_id: str, reg: Registry, request: Request) -> QuoteContext:
    """The quote located in its source's text (when the server can read that text) with the
    surrounding words; otherwise the quote alone and a note saying why."""
    d = reg.get(name)
    q = d.quotes_by_id.get(quote_id)
    if q is None:
        raise HTTPException(404, f"doctrine {name!r} has no quote {quote_id!r}")
    source = d.sources_by_id[q.source]
    base = QuoteContext(quote_id=q.id, text=q.text, cited=q.cited, source=source, found=False)
    settings = state_of(request).settings
    path = source_path(d, source, settings.source_dirs)
    if path is None and settings.corpus_store is not None:
        found = _from_corpus(settings.corpus_store, source, q.id, q.text)
        if found is not None:
            start, before, passage, after = found
            return base.model_copy(
                update={
                    "found": True,
                    "before": before,
                    "passage": passage,
                    "after": after,
                    "start": start,
                    "note": "from the corpus store",
                }
            )
    if path is None:
        return base.model_copy(
            update={"note": f"source text not available here ({source.location})"}
        )
    text = path.read_text(encoding="utf-8", errors="replace")
    located = context_of(text, q.text)
    if located is None:
        return base.model_copy(
            update={"note": "the quote was not found verbatim in the source text"}
        )
    start, before, passage, after = located
    return base.model_copy(
        update={"found": True, "before": before, "passage": passage, "after": after, "start": start}
    )


def _from_corpus(
    store_path: Path, source: Source, quote_id: str, text: str, width: int = 500
) -> tuple[int, str, str, str] | None:
    """The quote located by the corpus's provenance check in the stored document of its
    source (matched by file name, then title), with `width` characters around it."""
    from overture.corpus import CorpusStore, verify_quotes

    store = CorpusStore.open(store_path)
    try:
        for ref in (Path(source.location).name, source.title):
            try:
                (check,) = verify_quotes(store, [(quote_id, ref, text)])
            except OvertureError:
                continue
            if (
                check.found
                and check.document_id
                and check.start is not None
                and check.end is not None
            ):
                doc = store.document(check.document_id).text
                lo, hi = max(0, check.start - width), min(len(doc), check.end + width)
                return (
                    check.start,
                    doc[lo : check.start],
                    doc[check.start : check.end],
                    doc[check.end : hi],
                )
    finally:
        store.close()
    return None


#: The OpenAPI request body of the endpoints that take a doctrine's text (YAML or JSON).
_TEXT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


def check_text(text: str, semantics: str = "grounded") -> DoctrineCheck:
    """Check a doctrine text as `overture check` does: located problems, else its tests."""
    from overture.doctrine.loader import doctrine_from_located, located_problems
    from overture.doctrine.yamlpos import parse_text
    from overture.verdict.checking import run_tests

    try:
        located = parse_text(text, "<editor>")
        found = located_problems(located)
        if found:
            return DoctrineCheck(ok=False, problems=[
                LocatedProblem(line=loc.line, column=loc.column, message=msg)
                for loc, msg in found], tests=[])
        doctrine = doctrine_from_located(located)
        results = run_tests(doctrine, semantics)
    except OvertureError as exc:
        where = exc.location
        return DoctrineCheck(ok=False, problems=[LocatedProblem(
            line=where.line if where else None, column=where.column if where else None,
            message=exc.message)], tests=[])
    tests = [TestOutcome(id=t.id, expected=t.expected.value, actual=t.actual.value, ok=t.ok,
                         summary=t.summary) for t in results]
    return DoctrineCheck(ok=all(t.ok for t in tests), id=doctrine.id, problems=[],
                         tests=tests)


@router.post("/check", summary="Check a doctrine text", responses=responses(400, 413, 503),
             openapi_extra=_TEXT_BODY)
async def check_doctrine_text(request: Request, semantics: str = "grounded") -> DoctrineCheck:
    """Every problem of the text at its line and column, or, when it has none, the results
    of its test scenarios; nothing is stored (what the workbench's editor shows as you type)."""
    text = await read_text_body(request)
    return await state_of(request).runner.run(
        "checking the doctrine", lambda _deadline: check_text(text, semantics))


@router.post("/{name}/quote", summary="A quote from a selected passage",
             responses=responses(404, 413, 422))
def quote_from_selection(name: str, body: QuoteFromSelection, reg: Registry,
                         request: Request) -> QuoteAdded:
    """Check that the passage stands in the source's text (up to whitespace and quote-mark
    variants) and add it, in the source's own words, as a quote of the doctrine text, cited by
    `rule`; nothing is stored (the editor checks and saves)."""
    from overture.doctrine.edit import add_quote
    from overture.web.quote_context import pattern_of

    d = reg.get(name)
    source = d.sources_by_id.get(body.source)
    if source is None:
        raise FieldErrors([("source", f"the doctrine has no source {body.source!r}")])
    path = source_path(d, source, state_of(request).settings.source_dirs)
    if path is None:
        raise FieldErrors([("source", f"the text of source {body.source!r} is not on this "
                                      "server: a quote can be verified only against it")])
    raw = path.read_text(encoding="utf-8", errors="replace")
    match = pattern_of(body.text.strip()).search(raw)
    if match is None:
        raise FieldErrors([("text", f"the passage is not in the text of {body.source!r} "
                                    "(a quote is verbatim: select it in the source)")])
    words = " ".join(raw[match.start():match.end()].split())
    try:
        text = add_quote(body.yaml if body.yaml is not None else reg.text(name),
                         quote_id=body.id, source=body.source, quote_text=words,
                         said_by=body.said_by, rule=body.rule)
    except InputError as exc:
        field = "rule" if exc.message.startswith("no rule") else "id"
        raise FieldErrors([(field, exc.message)]) from None
    return QuoteAdded(yaml=text, quote=words, start=match.start(), end=match.end())


@router.get("/{name}/source", summary="A doctrine's file",
            responses={**NOT_FOUND, 200: {"description": "The doctrine's YAML file.", "content": {
                "application/yaml": {"schema": {"type": "string"}}}}},
            response_class=PlainTextResponse)
def read_doctrine_source(name: str, reg: Registry) -> PlainTextResponse:
    """The doctrine as written: a shipped doctrine's YAML file, an upload as it was sent."""
    return PlainTextResponse(reg.text(name), media_type="application/yaml")


@router.post(
    "/upload",
    summary="Upload a doctrine (token)",
    status_code=201,
    dependencies=[Depends(require_writer)],
    responses=responses(400, 401, 403, 409, 413, 422, 503),
    openapi_extra=_TEXT_BODY,
)
async def upload_doctrine(
    request: Request,
    reg: Registry,
    replace: Annotated[bool, Query(description="Replace an uploaded doctrine of that id.")] = False,
) -> DoctrineUploaded:
    """Check a doctrine (YAML or JSON body) fully and make it available by its `id`."""
    text = await read_text_body(request)
    doctrine, created = await state_of(request).runner.run(
        "checking the doctrine", lambda _deadline: reg.add(text, replace=replace)
    )
    return DoctrineUploaded(id=doctrine.id, created=created, summary=summary(doctrine, False))
