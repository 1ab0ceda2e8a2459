"""Argdown export of a doctrine: statements, arguments with premise-conclusion structure, relations.

Statements are defined once (`[title]: text`), titled by the literal they stand for
(`[accept_talks]`, `[~accept_talks]`, `[topic.nuclear]`), with contradictions (`><`). Each rule
is an argument `<rule_id>: gloss “quote” (speaker, date; source)` with its provenance as data,
its premise-conclusion structure (conditions as premises, `----`, the conclusion), and explicit
relations to other arguments: support (`+>`) when its conclusion is another's premise, attack
(`->`) when it contradicts another's conclusion or premise, undercut (`_>`) for exceptions.
Preferences are data (`prevails_over`). Free text is cleaned of Argdown's markup characters.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping

from overture.aspic import Literal
from overture.doctrine import Doctrine, Statement, in_force, view_plan
from overture.doctrine.model import Exception_
from overture.doctrine.policies import generate_preferences
from overture.interchange.provenance import (
    condition_groups,
    group_literal,
    literal_text,
    quote_date,
    speaker_of_quote,
    statement_conclusion,
)
from overture.verdict import Evaluation

_MARKUP = str.maketrans(
    {
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "<": "‹",
        ">": "›",
        "_": " ",
        "*": "∗",
        "#": "№",
        "@": "(at)",
        '"': "”",
        "\\": "/",
    }
)


def argdown_text(text: str) -> str:
    """Text safe inside an Argdown element: one line, no markup, no comment openers."""
    one_line = " ".join(text.split())
    cleaned = one_line.translate(_MARKUP)
    return re.sub(r"/(?=[/*])", "/ ", cleaned)


def _title(text: str) -> str:
    """A statement or argument title: no brackets or angle brackets, one line."""
    return " ".join(text.split()).translate({ord(c): "_" for c in "[]<>{}"})


_DATA_MARKUP = str.maketrans({'"': "”", "{": "(", "}": ")", "[": "(", "]": ")", "\\": "/"})


def _data_value(text: str) -> str:
    """A double-quoted YAML string for Argdown data: no quotes, braces, brackets or newlines."""
    return " ".join(text.split()).translate(_DATA_MARKUP)


def _data(values: Mapping[str, str | None]) -> str:
    items = [f'{k}: "{_data_value(v)}"' for k, v in values.items() if v]
    return " {" + ", ".join(items) + "}" if items else ""


def _statements(doctrine: Doctrine, view: str | None, as_of: dt.date | None) -> list[Statement]:
    if view is not None:
        chosen = list(view_plan(doctrine, view).statements)
    else:
        chosen = [*doctrine.rules, *doctrine.exceptions]
    return [s for s in chosen if as_of is None or in_force(s, as_of)]


def doctrine_to_argdown(
    doctrine: Doctrine,
    view: str | None = None,
    as_of: dt.date | None = None,
    statuses: Mapping[str, str] | None = None,
    comment: str | None = None,
) -> str:
    """The Argdown document of a doctrine (optionally one view, as of one date).

    `statuses` (rule id -> in/out/undec) adds each argument's status as data, for an
    evaluated scenario; `comment` is a line placed as an Argdown comment under the front matter.
    """
    statements = _statements(doctrine, view, as_of)
    present = {s.id for s in statements}
    premises: dict[str, list[tuple[Literal, str]]] = {}
    conclusion: dict[str, Literal] = {}
    texts: dict[Literal, str] = {}
    for st in statements:
        items: list[tuple[Literal, str]] = []
        for group in condition_groups(doctrine, st):
            lit = group.options[0] if len(group.options) == 1 else group_literal(st, group)
            text = group.text if len(group.options) > 1 else literal_text(doctrine, lit)
            texts.setdefault(lit, text)
            items.append((lit, text))
        premises[st.id] = items
        if not isinstance(st, Exception_):
            concl = statement_conclusion(st)
            conclusion[st.id] = concl
            texts.setdefault(concl, literal_text(doctrine, concl))

    def stitle(lit: Literal) -> str:
        return _title(str(lit))

    prevails: dict[str, list[str]] = {}
    rule_ids = [s.id for s in statements if not isinstance(s, Exception_)]
    pairs = (
        view_plan(doctrine, view).preferences
        if view is not None
        else generate_preferences(doctrine)
    )
    for p in pairs:
        if p.stronger in rule_ids and p.weaker in rule_ids:
            prevails.setdefault(p.stronger, []).append(p.weaker)

    out: list[str] = ["==="]
    out.append(f"title: {json.dumps(doctrine.title, ensure_ascii=False)}")
    if doctrine.actor:
        out.append(f"author: {json.dumps(doctrine.actor, ensure_ascii=False)}")
    out.append("===")
    out.append("")
    header = f"Exported by Overture from doctrine {doctrine.id}"
    if view:
        header += f", view {view}"
    if as_of:
        header += f", statements in force on {as_of.isoformat()}"
    out.append(f"// {argdown_text(header)}.")
    if comment:
        out.append(f"// {argdown_text(comment)}")
    out.append("")
    out.append("# Statements")
    out.append("")
    for lit in sorted(texts, key=lambda x: (x.atom.split(".")[0], str(x))):
        out.append(f"[{stitle(lit)}]: {argdown_text(texts[lit])}.")
        if not lit.negated and lit.negate() in texts:
            out.append(f"  >< [{stitle(lit.negate())}]")
        out.append("")

    by_source: dict[str, list[Statement]] = {}
    for st in statements:
        by_source.setdefault(st.source, []).append(st)
    for source_id, members in by_source.items():
        source = doctrine.sources_by_id[source_id]
        out.append(
            f"# {argdown_text(source.title)} ({argdown_text(source.publisher)}, "
            f"{source.date.isoformat()})"
        )
        out.append("")
        for st in members:
            quotes = []
            for qid in st.quotes:
                q = doctrine.quote(qid)
                quotes.append(
                    f"“{argdown_text(q.text)}” ({argdown_text(speaker_of_quote(doctrine, qid))}, "
                    f"{quote_date(doctrine, qid).isoformat()})"
                )
            data: dict[str, str | None] = {
                "source": st.source,
                "kind": doctrine.kind_of(st),
                "speaker": doctrine.speaker_of(st),
                "stated": st.stated.isoformat(),
                "element": st.element,
                "prevails_over": ", ".join(prevails.get(st.id, [])) or None,
                "status": (statuses or {}).get(st.id),
            }
            gloss = argdown_text(st.gloss)
            out.append(f"<{_title(st.id)}>: {gloss} {' '.join(quotes)}{_data(data)}".rstrip())
            relations: list[str] = []
            mine = conclusion.get(st.id)
            if isinstance(st, Exception_):
                relations.extend(f"  _> <{_title(t)}>" for t in st.undercuts if t in present)
            else:
                assert mine is not None
                if not premises[st.id]:  # no conditions, so no premise-conclusion structure
                    relations.append(f"  +> [{stitle(mine)}]")
                for other in statements:
                    if other.id == st.id:
                        continue
                    their_premises = {lit for lit, _ in premises[other.id]}
                    theirs = conclusion.get(other.id)
                    if mine in their_premises:
                        relations.append(f"  +> <{_title(other.id)}>")
                    if mine.negate() in their_premises or theirs == mine.negate():
                        relations.append(f"  -> <{_title(other.id)}>")
            out.extend(relations)
            out.append("")
            if premises[st.id]:
                out.append(f"<{_title(st.id)}>")
                out.append("")
                for k, (lit, _text) in enumerate(premises[st.id], start=1):
                    out.append(f"({k}) [{stitle(lit)}]")
                out.append("----")
                n = len(premises[st.id]) + 1
                if isinstance(st, Exception_):
                    targets = ", ".join(t for t in st.undercuts if t in present) or "its rules"
                    out.append(
                        f"({n}) [{_title(st.id)} applies]: {argdown_text(targets)} do not apply."
                    )
                else:
                    out.append(f"({n}) [{stitle(conclusion[st.id])}]")
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def evaluation_to_argdown(evaluation: Evaluation) -> str:
    """The Argdown document of a judged scenario: the doctrine's view as of the scenario's date,
    each argument's status (in/out/undec, its best argument) as data, the verdict as a comment."""
    best: dict[str, str] = {}
    rank = {"in": 0, "undec": 1, "out": 2}
    for arg in evaluation.arguments:
        if arg.rule_id is not None:
            prev = best.get(arg.rule_id)
            if prev is None or rank[arg.status] < rank[prev]:
                best[arg.rule_id] = arg.status
    s = evaluation.scenario
    comment = (
        f"Scenario: {s.get('counterparty')}, topics {', '.join(s.get('topics', []))}, "
        f"mode {s.get('mode')}, {evaluation.date.isoformat()}, view {evaluation.view}, "
        f"{evaluation.semantics} semantics. Verdict: {evaluation.verdict.value}. "
        f"{evaluation.summary}"
    )
    return doctrine_to_argdown(
        evaluation.compiled.doctrine,
        view=evaluation.view,
        as_of=evaluation.date,
        statuses=best,
        comment=comment,
    )
