"""Doctrines and judged scenarios as AIF: a doctrine's structure as one theory, with quotes and speakers.

No scenario is needed: each rule's conditions become literals named as
`overture.doctrine.compile` names scenario facts; an "any of" condition becomes a literal
`any.<rule>.<condition>` reached by one strict rule per option. Exceptions conclude `~[rule]`.
Adding a scenario's facts as axioms to this theory gives the same justified conclusions as
compiling the scenario (for the rules in force in the scenario's view and date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from overture.aspic import InferenceRule, Literal, Theory
from overture.aspic.evaluation import Mode, TheoryEvaluation
from overture.doctrine import Doctrine, Statement, in_force, view_plan
from overture.doctrine.model import Exception_
from overture.doctrine.policies import PreferencePair, generate_preferences
from overture.interchange.aif import AifAnnotations, AifJson, Locution, theory_to_aif
from overture.interchange.provenance import (
    condition_groups,
    group_literal,
    literal_text,
    locutions,
    statement_conclusion,
)
from overture.verdict import Evaluation


@dataclass(frozen=True)
class DoctrineTheory:
    """A doctrine as a theory, plus what each ASPIC+ rule and literal stands for."""

    doctrine: Doctrine
    theory: Theory
    statements: dict[str, Statement]  # ASPIC+ rule name -> doctrine rule/exception
    group_text: dict[Literal, str]  # "any of" literals -> their condition in words
    preferences: dict[tuple[str, str], PreferencePair]  # (weaker, stronger) -> why
    view: str | None
    as_of: dt.date | None


def _selected(doctrine: Doctrine, view: str | None, as_of: dt.date | None) -> list[Statement]:
    if view is not None:
        statements = list(view_plan(doctrine, view).statements)
    else:
        statements = [*doctrine.rules, *doctrine.exceptions]
    if as_of is not None:
        statements = [s for s in statements if in_force(s, as_of)]
    return statements


def doctrine_theory(
    doctrine: Doctrine, view: str | None = None, as_of: dt.date | None = None
) -> DoctrineTheory:
    """The theory of a doctrine's rules, exceptions and preferences (no premises or axioms).

    `view` keeps only that view's sources; `as_of` keeps only statements in force on that date.
    """
    statements = _selected(doctrine, view, as_of)
    rules: list[InferenceRule] = []
    origin: dict[str, Statement] = {}
    groups_text: dict[Literal, str] = {}
    present_rules = {s.id for s in statements if not isinstance(s, Exception_)}
    for st in statements:
        antecedents: list[Literal] = []
        for group in condition_groups(doctrine, st):
            if len(group.options) == 1:
                antecedents.append(group.options[0])
                continue
            glit = group_literal(st, group)
            groups_text[glit] = group.text
            antecedents.append(glit)
            for j, option in enumerate(group.options):
                name = f"{glit.atom}.{j + 1}"
                rules.append(InferenceRule(name, (option,), glit, strict=True))
        if isinstance(st, Exception_):
            targets = [t for t in st.undercuts if t in present_rules]
            for target in targets:
                name = st.id if len(targets) == 1 else f"{st.id}.{target}"
                rules.append(InferenceRule(name, tuple(antecedents), statement_conclusion(st, target)))
                origin[name] = st
        else:
            rules.append(InferenceRule(st.id, tuple(antecedents), statement_conclusion(st), st.strict))
            origin[st.id] = st
    defeasible = {r.name for r in rules if not r.strict and r.name in present_rules}
    if view is not None:
        pairs = view_plan(doctrine, view).preferences
    else:
        pairs = tuple(generate_preferences(doctrine))
    prefs = {
        (p.weaker, p.stronger): p
        for p in pairs
        if p.weaker in defeasible and p.stronger in defeasible
    }
    theory = Theory(rules=tuple(rules), rule_preferences=frozenset(prefs))
    return DoctrineTheory(doctrine, theory, origin, groups_text, prefs, view, as_of)


def with_axioms(theory: Theory, axioms: Iterable[Literal]) -> Theory:
    """A copy of `theory` with `axioms` added to its axioms (e.g. a scenario's facts)."""
    return Theory(
        rules=theory.rules,
        axioms=theory.axioms | frozenset(axioms),
        premises=theory.premises,
        contraries=theory.contraries,
        rule_preferences=theory.rule_preferences,
        premise_preferences=theory.premise_preferences,
        rule_weak_preferences=theory.rule_weak_preferences,
        premise_weak_preferences=theory.premise_weak_preferences,
    )


def _rule_locutions(doctrine: Doctrine, origin: dict[str, Statement]) -> dict[str, list[Locution]]:
    return {name: locutions(doctrine, st) for name, st in origin.items()}


def doctrine_to_aif(
    doctrine: Doctrine, view: str | None = None, as_of: dt.date | None = None
) -> AifJson:
    """The AIF document of a doctrine: conditions and conclusions as I-nodes, rules and
    exceptions as RA-nodes (text = gloss, timestamp = statement date), quotes as L-nodes with
    their speaker and date, conflicts as CA-nodes, preferences as PA-nodes (text = reason)."""
    dt_ = doctrine_theory(doctrine, view, as_of)
    texts: dict[Literal, str] = {}
    for lit in dt_.theory.language():
        texts[lit] = dt_.group_text.get(lit) or literal_text(doctrine, lit)
    rule_text: dict[str, str] = {}
    rule_dates: dict[str, dt.date] = {}
    for rule in dt_.theory.rules:
        st = dt_.statements.get(rule.name)
        if st is not None:
            rule_text[rule.name] = st.gloss
            rule_dates[rule.name] = st.stated
        else:
            rule_text[rule.name] = (
                f"{texts[rule.antecedents[0]]}: so {texts[rule.consequent].lower()}"
            )
    reasons = {
        key: p.reason + (f" ({p.note})" if p.note else "") for key, p in dt_.preferences.items()
    }
    notes = AifAnnotations(
        literal_text=texts,
        rule_text=rule_text,
        rule_dates=rule_dates,
        rule_locutions=_rule_locutions(doctrine, dt_.statements),
        preference_reasons=reasons,
        default_date=min((s.date for s in doctrine.sources), default=None),
        extra={
            "overture": {
                "kind": "doctrine",
                "doctrine": doctrine.id,
                "title": doctrine.title,
                "question": doctrine.question,
                "view": view,
                "as_of": as_of.isoformat() if as_of else None,
            }
        },
    )
    document = theory_to_aif(dt_.theory, notes)
    # The doctrine alone asserts nothing: conditions are not premises until a scenario says so.
    for node in document["nodes"]:
        if node["type"] == "I":
            node["premise"] = "none"
    return document


def _literal_status(aev: TheoryEvaluation, lit: Literal) -> str | None:
    if not aev.arguments.by_conclusion.get(lit):
        return None
    if aev.justified(lit, Mode.SKEPTICAL):
        return "justified"
    if aev.justified(lit, Mode.CREDULOUS):
        return "defensible"
    return "overruled"


def evaluation_to_aif(evaluation: Evaluation) -> AifJson:
    """The AIF document of a judged scenario: the compiled theory (scenario facts as axiom
    I-nodes), each I-node's `status` (justified / defensible / overruled), each RA-node's
    `status` (in / undec / out: the best label of an argument it tops), the quotes behind every
    rule, and the verdict in the document's `overture` block."""
    compiled = evaluation.compiled
    aev = evaluation.aspic
    doctrine = compiled.doctrine
    theory = compiled.theory
    texts = {lit: literal_text(doctrine, lit) for lit in theory.language()}
    statuses = {
        lit: status
        for lit in theory.language()
        if (status := _literal_status(aev, lit)) is not None
    }
    best: dict[str, str] = {}
    rank = {"in": 0, "undec": 1, "out": 2}
    for arg in aev.arguments:
        if arg.top_rule is not None:
            label = aev.label(arg.id).name.lower()
            prev = best.get(arg.top_rule.name)
            if prev is None or rank[label] < rank[prev]:
                best[arg.top_rule.name] = label
    origins = {name: o.statement for name, o in compiled.origins.items()}
    reasons = {
        key: p.reason + (f" ({p.note})" if p.note else "")
        for key, p in compiled.preference_reasons.items()
    }
    notes = AifAnnotations(
        literal_text=texts,
        rule_text={name: st.gloss for name, st in origins.items()},
        rule_dates={name: st.stated for name, st in origins.items()},
        rule_locutions=_rule_locutions(doctrine, origins),
        literal_status=statuses,
        rule_status=best,
        preference_reasons=reasons,
        default_date=evaluation.date,
        extra={
            "overture": {
                "kind": "scenario",
                "doctrine": evaluation.doctrine,
                "scenario": evaluation.scenario,
                "semantics": evaluation.semantics,
                "question": evaluation.question,
                "verdict": evaluation.verdict.value,
                "summary": evaluation.summary,
                "scope": evaluation.scope,
            }
        },
    )
    return theory_to_aif(theory, notes)
