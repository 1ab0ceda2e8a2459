"""The doctrine file format as pydantic models (schema version 2; version 1 files still load).

A doctrine holds sources, quotes, the vocabulary scenarios may use (counterparties, topics,
modes, initiators, dimensions, facts: all declared, none fixed), the actions it judges, a dated
world, rules with conditions, exceptions, preferences and preference policies, views, tests and
competing hypotheses.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SCHEMA_VERSION = 2
#: Versions this Overture reads (version 1: fixed modes and initiators, one `question`).
SCHEMA_VERSIONS = (1, 2)

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=80)]
#: A conclusion literal: an identifier, optionally negated with `~` (e.g. `~accept_talks`).
LiteralText = Annotated[
    str, StringConstraints(pattern=r"^~?[A-Za-z_][A-Za-z0-9_]*$", max_length=81)
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]

SourceKind = Literal["speaker", "agreement", "exposition", "report", "analysis"]
Rating = Literal["CC", "C", "N", "I", "II"]
Reading = Literal["stated", "inferred"]

#: The source kinds in their default rank: the actor's own words first, outside readings last.
SOURCE_KINDS: tuple[str, ...] = ("speaker", "agreement", "exposition", "report", "analysis")
#: Version 1's fixed vocabularies (version 2 doctrines declare their own).
MODES_V1: tuple[str, ...] = ("deal", "conveying", "imposition")
INITIATORS_V1: tuple[str, ...] = ("leader", "counterparty", "domestic_figure")


def _fold_dimensions(data: Any, fields: set[str], into: str = "dimensions") -> Any:
    """Move keys that are not fields of the model into its `dimensions` mapping, so that a
    declared dimension is written like a field (`channel: indirect`)."""
    if not isinstance(data, dict):
        return data
    extra = {k: v for k, v in data.items() if k not in fields}
    if not extra:
        return data
    kept = {k: v for k, v in data.items() if k in fields}
    given = kept.get(into)
    merged = dict(given) if isinstance(given, dict) else {}
    merged.update(extra)
    kept[into] = merged
    return kept


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
        description="speaker: the actor's own words; agreement: a text the actor's government "
        "agreed to; exposition: a sympathetic account of the speaker's words; report: a news "
        "report quoting the speaker verbatim; analysis: an outside reading."
    )
    speaker: str | None = Field(None, description="Whose position the source states or reports.")
    actor: str | None = Field(None, description="The state or body the speaker speaks for "
                              "(defaults to the doctrine's actor).")
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
    """A boolean fact or counterparty attribute, with its default; a fact may imply others
    (strictly: whenever it is true, so are they)."""

    id: Id
    description: Text
    default: bool = False
    implies: list[Id] = Field(default_factory=list, description="Facts true whenever this is.")


class Dimension(_Model):
    """A scenario dimension the doctrine declares (e.g. `channel`: direct | indirect)."""

    id: Id
    description: Text
    values: list[Term] = Field(min_length=2)
    default: Id


class WorldEntry(_Model):
    """A fact's value over a span of dates, with the source that records it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fact: Id
    value: bool
    from_: dt.date = Field(alias="from", description="First day the value holds.")
    until: dt.date | None = Field(None, description="First day it no longer holds.")
    source: Text = Field(description="A source id of the doctrine, or a public record: title, "
                         "publisher and date.")
    note: str | None = None


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
    mode: list[Id] | None = Field(None, description="Any of these modes.")
    initiated_by: list[Id] | None = Field(None, description="Any of these initiators.")
    facts: dict[Id, bool] = Field(default_factory=dict, description="Facts and required values.")
    holds: list[LiteralText] = Field(
        default_factory=list, description="Conclusions of other rules that must be established."
    )
    dimensions: dict[Id, list[Id]] = Field(
        default_factory=dict, description="Declared dimensions and the values any of which "
        "must hold; written like fields (`channel: [indirect]`).")

    @model_validator(mode="before")
    @classmethod
    def _dimensions_as_fields(cls, data: Any) -> Any:
        return _fold_dimensions(data, set(cls.model_fields))


class _Statement(_Model):
    """What rules and exceptions share: provenance, dates, quotes and a gloss."""

    id: Id
    when: Conditions = Field(default_factory=Conditions)
    source: Id
    kind: SourceKind | None = Field(None, description="Defaults to the source's kind.")
    speaker: str | None = Field(None, description="Defaults to the source's speaker.")
    actor: str | None = Field(None, description="Whom the speaker speaks for; defaults to the "
                              "source's actor, then the doctrine's.")
    stated: dt.date = Field(description="In force for scenarios dated on or after this date.")
    until: dt.date | None = Field(None, description="No longer in force from this date.")
    date_basis: str | None = Field(None, description="Where the statement date comes from.")
    reading: Reading = Field("stated", description="stated: the source says it; inferred: the "
                             "analyst's reading of what it implies.")
    quotes: list[Id] = Field(min_length=1)
    gloss: Text
    element: str | None = Field(None, description="Design element covered, e.g. 'A4'.")


class Rule(_Statement):
    """`when` conditions lead to `then` (strictly, or defeasibly: presumptively)."""

    then: LiteralText
    strict: bool = False
    only_if: Conditions | None = Field(
        None, description="Necessary conditions: where `when` holds and these fail, the "
        "contrary of `then` follows (\"no talks unless ...\"). Scenario conditions only.")


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

    `later_statement`: of two rules by the same speaker (`scope: same_actor`: of the same
    actor), the later-stated prevails.
    `source_rank`: rules from a kind earlier in `order` prevail over later kinds.
    `speaker_rank`: rules of a speaker earlier in `order` prevail (the leader over officials).
    `specificity`: of two rules, the one whose conditions strictly include the other's prevails.
    Policies apply in the order listed; explicit preferences come first.
    """

    id: Id
    kind: Literal["later_statement", "source_rank", "speaker_rank", "specificity"]
    order: list[str] | None = None
    scope: Literal["same_speaker", "same_actor"] = "same_speaker"
    description: str | None = None


class View(_Model):
    """A named selection of statements: only theirs take part in an evaluation.

    A statement is in the view when it matches every criterion given: its source among
    `sources`, its kind among `kinds`, its speaker among `said_by` (so one source's quotes can
    feed two views). At least one criterion is required.
    """

    id: Id
    title: Text
    description: str | None = None
    sources: list[Id] = Field(default_factory=list)
    kinds: list[SourceKind] = Field(default_factory=list)
    said_by: list[str] = Field(default_factory=list)


class Scenario(BaseModel):
    """An overture to judge: with whom, on what topics, in what mode, when, under which view.

    The format is fixed so that outside tools can produce scenarios (YAML or JSON). Facts not
    given take the doctrine's defaults. `id` and `description` are optional labels.
    """

    model_config = ConfigDict(extra="forbid")

    counterparty: Id
    topics: list[Id] = Field(min_length=1, max_length=200)
    mode: Id
    date: dt.date
    view: Id = "all"
    initiated_by: Id | None = Field(None, description="Default: the doctrine's default initiator.")
    facts: dict[Id, bool] = Field(
        default_factory=dict, description="Overrides the doctrine's world as of the date.")
    dimensions: dict[Id, Id] = Field(
        default_factory=dict, description="Values of declared dimensions; written like fields "
        "(`channel: indirect`); a dimension not given takes its default.")
    action: Id | None = Field(None, description="The action judged (default: the doctrine's first).")
    stated_only: bool = Field(False, description="Leave the rules marked `reading: inferred` out.")
    id: str | None = None
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _dimensions_as_fields(cls, data: Any) -> Any:
        return _fold_dimensions(data, set(cls.model_fields))


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

    schema_version: Literal[1, 2]
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    title: Text
    description: str | None = None
    actor: str | None = None
    question: Id = Field(
        "accept_talks",
        description="Version 1: the one literal judged (version 2: `actions`).",
    )
    actions: list[Id] = Field(
        default_factory=list,
        description="The literals the doctrine judges, the first the default: each permitted if "
        "it is justified, forbidden if its negation is (default: [question]).",
    )
    ordering: Literal["last_link", "weakest_link"] = "last_link"
    sources: list[Source] = Field(min_length=1)
    quotes: list[Quote] = Field(min_length=1)
    counterparty_attributes: list[Flag] = Field(default_factory=list)
    counterparties: list[Counterparty] = Field(min_length=1)
    topics: list[Term] = Field(min_length=1)
    modes: list[Term] = Field(min_length=1)
    initiators: list[Term] = Field(min_length=1)
    default_initiator: Id | None = Field(
        None, description="Initiator of scenarios that name none (default: `counterparty` if "
        "declared, else the first initiator).")
    dimensions: list[Dimension] = Field(default_factory=list)
    facts: list[Flag] = Field(default_factory=list)
    world: list[WorldEntry] = Field(
        default_factory=list, description="Fact values over time; a scenario's facts default "
        "to the world as of its date.")
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
    schema["title"] = f"Overture doctrine (schema version {SCHEMA_VERSION})"
    return schema
