"""What the exporters say about a doctrine's pieces: condition literals in words, quotes as locutions.

Shared by the AIF and Argdown writers and the reports, so that a condition or a quote reads the
same in every format. Condition literals follow `overture.doctrine.compile`'s naming.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from overture.aspic import Literal
from overture.doctrine import Doctrine, Statement
from overture.doctrine.compile import (
    conclusion_literal,
    counterparty_literal,
    flag_literal,
    initiator_literal,
    mode_literal,
    topic_literal,
)
from overture.doctrine.model import Conditions, Exception_
from overture.interchange.aif import Locution

#: Prefix of the literals that stand for an "any of" condition (one strict rule per option).
GROUP_PREFIX = "any."


def humanize(identifier: str) -> str:
    """`accept_talks` -> `accept talks`; `~x` -> `not x`."""
    if identifier.startswith("~"):
        return "not " + humanize(identifier[1:])
    return identifier.replace("_", " ").replace(".", " ").strip()


@dataclass(frozen=True)
class ConditionGroup:
    """One condition of a rule: the literals that satisfy it (any one suffices) and its text."""

    key: str
    options: tuple[Literal, ...]
    text: str


def literal_text(doctrine: Doctrine, lit: Literal) -> str:
    """A plain-English sentence for a literal of a compiled doctrine theory."""
    atom = lit.atom
    name = lit.rule_name
    if name is not None:
        return f"rule {name} does not apply" if lit.negated else f"rule {name} applies"
    if atom.startswith("counterparty."):
        cp = doctrine.counterparties_by_id.get(atom.split(".", 1)[1])
        who = cp.name if cp else atom.split(".", 1)[1]
        return f"The counterparty is not {who}" if lit.negated else f"The counterparty is {who}"
    if atom.startswith("topic."):
        topic = atom.split(".", 1)[1]
        return (
            f"The talks do not touch {humanize(topic)}"
            if lit.negated
            else f"The talks touch {humanize(topic)}"
        )
    if atom.startswith("mode."):
        return f"The mode is {'not ' if lit.negated else ''}{humanize(atom.split('.', 1)[1])}"
    if atom.startswith("initiated_by."):
        who = humanize(atom.split(".", 1)[1])
        return f"The talks are {'not ' if lit.negated else ''}initiated by the {who}"
    flag = doctrine.facts_by_id.get(atom) or doctrine.attributes_by_id.get(atom)
    if flag is not None:
        desc = flag.description.rstrip(".")
        if not lit.negated:
            return desc
        return "It is not the case that " + desc[:1].lower() + desc[1:]
    return humanize(str(lit))


def condition_groups(doctrine: Doctrine, statement: Statement) -> list[ConditionGroup]:
    """The conditions of a rule or exception, in compile order, each with its options."""
    c: Conditions = statement.when
    out: list[ConditionGroup] = []

    def add(key: str, options: list[Literal], text: str) -> None:
        out.append(ConditionGroup(key, tuple(options), text))

    if c.counterparty is not None:
        names = [
            doctrine.counterparties_by_id[x].name if x in doctrine.counterparties_by_id else x
            for x in c.counterparty
        ]
        text = names[0] if len(names) == 1 else "one of " + ", ".join(names)
        add(
            "counterparty",
            [counterparty_literal(x) for x in c.counterparty],
            f"The counterparty is {text}",
        )
    for name, want in c.attributes.items():
        lit = flag_literal(name, want)
        add(f"attribute.{name}", [lit], literal_text(doctrine, lit))
    if c.topics_any:
        shown = ", ".join(humanize(t) for t in c.topics_any)
        text = (
            f"The talks touch {shown}"
            if len(c.topics_any) == 1
            else f"The talks touch at least one of {shown}"
        )
        add("topics_any", [topic_literal(t) for t in c.topics_any], text)
    for t in c.topics_all:
        add(f"topic.{t}", [topic_literal(t)], f"The talks touch {humanize(t)}")
    for t in c.topics_none:
        add(f"no_topic.{t}", [topic_literal(t, False)], f"The talks do not touch {humanize(t)}")
    if c.mode is not None:
        add("mode", [mode_literal(m) for m in c.mode], "The mode is " + " or ".join(c.mode))
    if c.initiated_by is not None:
        who = " or ".join(f"the {humanize(x)}" for x in c.initiated_by)
        add(
            "initiated_by",
            [initiator_literal(x) for x in c.initiated_by],
            f"The talks are initiated by {who}",
        )
    for name, want in c.facts.items():
        lit = flag_literal(name, want)
        add(f"fact.{name}", [lit], literal_text(doctrine, lit))
    for text in c.holds:
        lit = conclusion_literal(text)
        add(f"holds.{text}", [lit], humanize(text))
    return out


def group_literal(statement: Statement, group: ConditionGroup) -> Literal:
    """The literal standing for an "any of" condition of `statement`."""
    return Literal(f"{GROUP_PREFIX}{statement.id}.{group.key}")


def statement_conclusion(statement: Statement, target: str | None = None) -> Literal:
    """What a statement concludes: a rule's `then`, or `~[target]` for an exception."""
    if isinstance(statement, Exception_):
        return Literal(f"[{target or statement.undercuts[0]}]", True)
    return conclusion_literal(statement.then)


def speaker_of_quote(doctrine: Doctrine, quote_id: str) -> str:
    """Who speaks in a quote: its `said_by`, else the source's speaker, else its publisher."""
    quote = doctrine.quote(quote_id)
    source = doctrine.sources_by_id[quote.source]
    return quote.said_by or source.speaker or source.publisher


def quote_date(doctrine: Doctrine, quote_id: str) -> dt.date:
    """The date of a quote: what the source cites for it, else the source's date."""
    quote = doctrine.quote(quote_id)
    if quote.cited is not None and quote.cited.date is not None:
        return quote.cited.date
    return doctrine.sources_by_id[quote.source].date


def citation(doctrine: Doctrine, quote_id: str) -> str:
    """A short citation: source title, publisher, date, and the speech it cites if any."""
    quote = doctrine.quote(quote_id)
    source = doctrine.sources_by_id[quote.source]
    parts = [f"{source.title} ({source.publisher}, {source.date.isoformat()})"]
    if quote.cited is not None:
        cited = [x for x in (quote.cited.speech, quote.cited.audience) if x]
        if quote.cited.date is not None:
            cited.append(quote.cited.date.isoformat())
        if quote.cited.note:
            cited.append(f"note {quote.cited.note}")
        if cited:
            parts.append("citing " + ", ".join(cited))
    return "; ".join(parts)


def locutions(doctrine: Doctrine, statement: Statement) -> list[Locution]:
    """The quotes a statement rests on, as AIF locutions (speaker, words, date, source)."""
    out = []
    for qid in statement.quotes:
        quote = doctrine.quote(qid)
        source = doctrine.sources_by_id[quote.source]
        out.append(
            Locution(
                speaker=speaker_of_quote(doctrine, qid),
                text=" ".join(quote.text.split()),
                date=quote_date(doctrine, qid),
                source=f"{source.title} ({source.publisher}, {source.date.isoformat()})",
            )
        )
    return out
