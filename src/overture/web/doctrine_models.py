"""Request and response models of the doctrine endpoints, built on the doctrine file's models.

Responses reuse `overture.doctrine`'s pydantic types, so the OpenAPI schema documents the same
fields as the doctrine file format; scenarios in requests forbid unknown fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from overture.doctrine import (
    Citation,
    Counterparty,
    Dimension,
    Exception_,
    Flag,
    Policy,
    Preference,
    Quote,
    Rule,
    Scenario,
    Source,
    Term,
    TestCase,
    View,
    WorldEntry,
)
from overture.doctrines import DEFAULT_DOCTRINE
from overture.verdict import Verdict
from overture.web.models import Strict


class DoctrineSummary(BaseModel):
    """One doctrine in the list."""

    id: str
    title: str
    description: str | None = None
    actor: str | None = None
    shipped: bool
    sources: int
    quotes: int
    rules: int


class DoctrineList(BaseModel):
    """The doctrines this server knows, and the one the page opens first."""

    default: str
    doctrines: list[DoctrineSummary]


class DateRange(BaseModel):
    """The span of dates worth exploring (statement dates with a year's margin)."""

    first: dt.date
    last: dt.date


class NamedScenario(BaseModel):
    """An example scenario shipped beside a doctrine, under the name the CLI knows it by
    (`overture evaluate -d DOCTRINE NAME`, `overture scenarios`)."""

    name: str
    scenario: Scenario


class DoctrineDetail(BaseModel):
    """A whole doctrine: evidence, vocabulary, rules, views, examples and a starting scenario."""

    id: str
    title: str
    description: str | None = None
    actor: str | None = None
    question: str
    shipped: bool
    sources: list[Source]
    quotes: list[Quote]
    counterparties: list[Counterparty]
    counterparty_attributes: list[Flag]
    topics: list[Term]
    modes: list[Term]
    initiators: list[Term]
    default_initiator: str = Field(description="The initiator of a scenario that names none.")
    actions: list[str] = Field(description="The actions the doctrine judges, the default first.")
    dimensions: list[Dimension]
    world: list[WorldEntry] = Field(description="Fact values over time, with their sources.")
    facts: list[Flag]
    rules: list[Rule]
    exceptions: list[Exception_]
    preferences: list[Preference]
    policies: list[Policy]
    views: list[View]
    scenarios: list[NamedScenario] = Field(
        default_factory=list,
        description="The example scenarios beside the doctrine, named as `overture scenarios` "
                    "lists them.")
    examples: list[TestCase] = Field(description="The doctrine's test scenarios.")
    hypotheses: int = Field(description="Number of competing hypotheses declared.")
    has_events: bool = Field(False, description="Whether an event log ships beside the doctrine (`POST /api/backtest`).")
    dates: DateRange
    default_scenario: Scenario


class QuoteContext(BaseModel):
    """A quote located in the text of its source, with the words around it."""

    quote_id: str
    text: str = Field(description="The quote as the doctrine gives it.")
    cited: Citation | None = None
    source: Source
    found: bool = Field(description="Whether the quote was found in the source text.")
    before: str = ""
    passage: str = Field(default="", description="The quote as it reads in the source.")
    after: str = ""
    start: int | None = Field(default=None, description="Character offset in the source text.")
    note: str | None = None


class DoctrineUploaded(BaseModel):
    """Result of an upload."""

    id: str
    created: bool
    summary: DoctrineSummary


class EvaluateRequest(Strict):
    """A scenario to judge against a doctrine."""

    doctrine: str = Field(default=DEFAULT_DOCTRINE, description="Name of a shipped or uploaded doctrine.")
    scenario: Scenario
    semantics: str = Field(
        default="grounded",
        description="Semantics: grounded, preferred, stable, semi-stable, stage, ideal, complete.",
    )

    @field_validator("semantics")
    @classmethod
    def _known_semantics(cls, value: str) -> str:
        from overture.af import Semantics
        from overture.errors import OvertureError

        try:
            return Semantics.parse(value).full_name
        except OvertureError as exc:
            raise ValueError(exc.message) from None


class GraphRequest(EvaluateRequest):
    """A scenario whose judged graph is wanted, drawn by the server's one layout."""

    style: Literal["map", "attacks"] = Field(
        "map", description="`map`: statements, support, conflicts and exceptions (the argument "
                           "map); `attacks`: every attack between arguments.")
    premises: bool = Field(False, description="Also draw the scenario's own facts.")
    defeated: bool = Field(True, description="Also draw the arguments that are out (false: "
                                             "the lines the verdict overrides are folded).")


class DrawnGraph(BaseModel):
    """A judged scenario's graph as SVG (laid out on the server), with its arguments."""

    style: str
    svg: str = Field(description="The graph: `g.node[data-id]` per argument or statement, "
                                 "`g.edge[data-kind]` per support or attack.")
    verdict: str
    nodes: int
    edges: int
    folded: int = Field(0, description="Arguments left out because they are out (`defeated`).")


class WhyNotRequest(EvaluateRequest):
    """A scenario and the verdict whose obstacles are wanted."""

    target: Verdict = Field(description="The verdict asked about.")


class LocatedProblem(BaseModel):
    """One problem of a doctrine text, where it is (1-based line and column when known)."""

    line: int | None
    column: int | None
    message: str


class TestOutcome(BaseModel):
    """One of the doctrine's test scenarios, run."""

    id: str
    expected: str
    actual: str
    ok: bool
    summary: str


class DoctrineCheck(BaseModel):
    """What `overture check` says of a doctrine text: its problems at their lines, else the
    results of its tests."""

    ok: bool
    id: str | None = Field(None, description="The doctrine's id, when it parses.")
    problems: list[LocatedProblem]
    tests: list[TestOutcome]


class QuoteFromSelection(BaseModel):
    """A passage selected in a source, to become a quote of the doctrine text."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="The source the passage was selected in.")
    text: str = Field(min_length=1, max_length=1200, description="The selected passage.")
    id: str = Field(description="The new quote's id.")
    rule: str | None = Field(None, description="A rule or exception that should cite it.")
    said_by: str | None = None
    yaml: str | None = Field(None, max_length=5_000_000,
                             description="The doctrine text to add it to (default: the "
                                         "doctrine's own file).")


class QuoteAdded(BaseModel):
    """The doctrine text with the quote added, and where the passage stands in its source."""

    yaml: str
    quote: str = Field(description="The quote as stored: the source's own words.")
    start: int = Field(description="Offset of the passage in the source text (characters).")
    end: int
