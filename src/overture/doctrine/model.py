"""The doctrine file format as pydantic models (schema version 1).

A doctrine holds sources, quotes, the vocabulary scenarios may use, rules with conditions,
exceptions, preferences and preference policies, views, tests and competing hypotheses.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=80)]
#: A conclusion literal: an identifier, optionally negated with `~` (e.g. `~accept_talks`).
LiteralText = Annotated[
    str, StringConstraints(pattern=r"^~?[A-Za-z_][A-Za-z0-9_]*$", max_length=81)
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]

SourceKind = Literal["speaker", "exposition", "analysis"]
Mode = Literal["deal", "conveying", "imposition"]
Initiator = Literal["leader", "counterparty", "domestic_figure"]
Rating = Literal["CC", "C", "N", "I", "II"]

MODES: tuple[str, ...] = ("deal", "conveying", "imposition")
INITIATORS: tuple[str, ...] = ("leader", "counterparty", "domestic_figure")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """A document the doctrine draws on."""

    id: Id
    title: Text
    publisher: Text
    date: dt.date = Field(description="Publication date.")
    date_basis: str | None = Field(None, description="How the date was established, if inferred.")
    kind: SourceKind = Field(
        description="speaker: the actor's own words; exposition: a sympathetic account of them; "
        "analysis: an outside reading."
    )
    speaker: str | None = Field(None, description="Whose position the source states or reports.")
    location: Text = Field(description="Where the text lives: a file path or a URL.")


class Citation(_Model):
    """What a source cites for a quotation (footnote, speech, audience, date)."""

    note: str | None = Field(None, description="The source's own reference, e.g. '(4)'.")
    speech: str | None = None
    audience: str | None = None
    date: dt.date | None = None


class Quote(_Model):
    """A short verbatim quotation (a sentence or two) from one source."""

    id: Id
    source: Id
    text: Annotated[str, StringConstraints(min_length=1, max_length=1200)]
    cited: Citation | None = None
    said_by: str | None = Field(None, description="Who speaks in the quoted words.")


class Term(_Model):
    """A vocabulary item with a plain-English description (topic, mode, initiator)."""

    id: Id
    description: Text


class Flag(_Model):
    """A boolean fact or counterparty attribute, with its default."""

    id: Id
    description: Text
    default: bool = False


class Counterparty(_Model):
    """A government talks may be held with, with values for the declared attributes."""

    id: Id
    name: Text
    description: str | None = None
    attributes: dict[Id, bool] = Field(default_factory=dict)


class Conditions(_Model):
    """When a rule applies: every given condition must hold (lists mean 'any of these')."""

    counterparty: list[Id] | None = Field(None, description="Any of these counterparties.")
    attributes: dict[Id, bool] = Field(
        default_factory=dict, description="Counterparty attributes and the value each must have."
    )
    topics_any: list[Id] = Field(default_factory=list, description="At least one of these topics.")
    topics_all: list[Id] = Field(default_factory=list, description="All of these topics.")
    topics_none: list[Id] = Field(default_factory=list, description="None of these topics.")
    mode: list[Mode] | None = Field(None, description="Any of these modes.")
    initiated_by: list[Initiator] | None = Field(None, description="Any of these initiators.")
    facts: dict[Id, bool] = Field(default_factory=dict, description="Facts and required values.")
    holds: list[LiteralText] = Field(
        default_factory=list, description="Conclusions of other rules that must be established."
    )


class _Statement(_Model):
    """What rules and exceptions share: provenance, dates, quotes and a gloss."""

    id: Id
    when: Conditions = Field(default_factory=Conditions)
    source: Id
    kind: SourceKind | None = Field(None, description="Defaults to the source's kind.")
    speaker: str | None = Field(None, description="Defaults to the source's speaker.")
    stated: dt.date = Field(description="In force for scenarios dated on or after this date.")
    until: dt.date | None = Field(None, description="No longer in force from this date.")
    date_basis: str | None = Field(None, description="Where the statement date comes from.")
    quotes: list[Id] = Field(min_length=1)
    gloss: Text
    element: str | None = Field(None, description="Design element covered, e.g. 'A4'.")


class Rule(_Statement):
    """`when` conditions lead to `then` (strictly, or defeasibly: presumptively)."""

    then: LiteralText
    strict: bool = False


class Exception_(_Statement):
    """An undercutter: when its conditions hold, the named rules do not apply."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Exception")

    undercuts: list[Id] = Field(min_length=1)


class Preference(_Model):
    """An explicit preference: rule `stronger` prevails over rule `weaker` when they conflict."""

    stronger: Id
    weaker: Id
    reason: str | None = None


class Policy(_Model):
    """A rule that generates preferences from the rules' provenance.

    `later_statement`: of two rules by the same speaker, the later-stated prevails.
    `source_rank`: rules from a kind earlier in `order` prevail over later kinds.
    Policies apply in the order listed; explicit preferences come first.
    """

    id: Id
    kind: Literal["later_statement", "source_rank"]
    order: list[SourceKind] | None = None
    description: str | None = None


class View(_Model):
    """A named subset of the sources: only their rules take part in an evaluation."""

    id: Id
    title: Text
    description: str | None = None
    sources: list[Id] = Field(min_length=1)


class Scenario(BaseModel):
    """An overture to judge: with whom, on what topics, in what mode, when, under which view.

    The format is fixed so that outside tools can produce scenarios (YAML or JSON). Facts not
    given take the doctrine's defaults. `id` and `description` are optional labels.
    """

    model_config = ConfigDict(extra="forbid")

    counterparty: Id
    topics: list[Id] = Field(min_length=1, max_length=200)
    mode: Mode
    date: dt.date
    view: Id = "all"
    initiated_by: Initiator = "counterparty"
    facts: dict[Id, bool] = Field(default_factory=dict)
    id: str | None = None
    description: str | None = None


class TestCase(_Model):
    """A scenario with the verdict the doctrine must give and the quote that justifies it."""

    id: Id
    description: Text
    scenario: Scenario
    expect: Literal["permitted", "forbidden", "contested", "undecided"]
    because: Id = Field(description="The quote that justifies the expected verdict.")
    scope: list[Id] | None = Field(None, description="Expected topics on which talks are permitted.")


class Hypothesis(_Model):
    """A reading of the actor's intent, to be weighed against the evidence."""

    id: Id
    title: Text
    description: str | None = None


class Evidence(_Model):
    """A quote used as evidence, rated against each hypothesis (CC, C, N, I, II)."""

    id: Id
    quote: Id
    credibility: Literal["high", "medium", "low"] = "medium"
    relevance: Literal["high", "medium", "low"] = "medium"
    ratings: dict[Id, Rating] = Field(default_factory=dict)
    note: str | None = Field(None, description="What the item shows, in a line (optional).")
    notes: dict[Id, Text] = Field(
        default_factory=dict,
        description="Why each rating was given, by hypothesis id: one line each (optional).",
    )


class DoctrineBase(_Model):
    """The fields of a doctrine file (schema version 1); `Doctrine` adds lookups and checks."""

    schema_version: Literal[1]
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    title: Text
    description: str | None = None
    actor: str | None = None
    question: Id = Field(
        "accept_talks",
        description="The literal judged: permitted if it is justified, forbidden if its "
        "negation is.",
    )
    ordering: Literal["last_link", "weakest_link"] = "last_link"
    sources: list[Source] = Field(min_length=1)
    quotes: list[Quote] = Field(min_length=1)
    counterparty_attributes: list[Flag] = Field(default_factory=list)
    counterparties: list[Counterparty] = Field(min_length=1)
    topics: list[Term] = Field(min_length=1)
    modes: list[Term] = Field(min_length=1)
    initiators: list[Term] = Field(min_length=1)
    facts: list[Flag] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
    exceptions: list[Exception_] = Field(default_factory=list)
    preferences: list[Preference] = Field(default_factory=list)
    policies: list[Policy] = Field(default_factory=list)
    views: list[View] = Field(min_length=1)
    tests: list[TestCase] = Field(default_factory=list)
    hypotheses: list[Hypothesis] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


def doctrine_json_schema() -> dict[str, Any]:
    """The JSON Schema of the doctrine file format."""
    schema = DoctrineBase.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Overture doctrine (schema version 1)"
    return schema
