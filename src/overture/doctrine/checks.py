"""Consistency checks of a doctrine beyond its schema: ids, references, dates, cycles, dead rules.

Each problem carries the path of the offending value in the file, so the loader can point at
its line and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from overture.doctrine.doctrine import Doctrine, Statement
from overture.doctrine.model import (
    INITIATORS_V1,
    MODES_V1,
    SOURCE_KINDS,
    Conditions,
    Exception_,
    Scenario,
)
from overture.doctrine.policies import PreferenceModel

PathKey = tuple[str | int, ...]
SCENARIO_FIELDS = frozenset(Scenario.model_fields)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a doctrine: where (path in the file) and what."""

    path: PathKey
    message: str
    at_key: bool = False  # point at the mapping key named by the last path element


def _dupes(items: Iterable[tuple[PathKey, str]], what: str) -> list[Problem]:
    seen: dict[str, PathKey] = {}
    out: list[Problem] = []
    for path, ident in items:
        if ident in seen:
            out.append(Problem(path, f"duplicate {what} id {ident!r}"))
        else:
            seen[ident] = path
    return out


def _unknown(
    path: PathKey, kind: str, wanted: str, known: Iterable[str], at_key: bool = False
) -> Problem:
    listing = ", ".join(sorted(known)) or "(none declared)"
    return Problem(path, f"unknown {kind} {wanted!r}; known {kind}s: {listing}", at_key)


def _atom(literal: str) -> str:
    return literal[1:] if literal.startswith("~") else literal


def problems(doctrine: Doctrine) -> list[Problem]:
    """Every problem found in the doctrine, in file order as far as possible."""
    d = doctrine
    out: list[Problem] = []
    out += _dupes(((("sources", i, "id"), s.id) for i, s in enumerate(d.sources)), "source")
    out += _dupes(((("quotes", i, "id"), q.id) for i, q in enumerate(d.quotes)), "quote")
    out += _dupes(
        ((("counterparties", i, "id"), c.id) for i, c in enumerate(d.counterparties)),
        "counterparty",
    )
    out += _dupes(
        ((("counterparty_attributes", i, "id"), a.id)
         for i, a in enumerate(d.counterparty_attributes)),
        "attribute",
    )
    out += _dupes(((("topics", i, "id"), t.id) for i, t in enumerate(d.topics)), "topic")
    out += _dupes(((("modes", i, "id"), t.id) for i, t in enumerate(d.modes)), "mode")
    out += _dupes(((("initiators", i, "id"), t.id) for i, t in enumerate(d.initiators)), "initiator")
    out += _dupes(((("facts", i, "id"), f.id) for i, f in enumerate(d.facts)), "fact")
    out += _dupes(
        [*((("rules", i, "id"), r.id) for i, r in enumerate(d.rules)),
         *((("exceptions", i, "id"), x.id) for i, x in enumerate(d.exceptions))],
        "rule/exception",
    )
    out += _dupes(((("policies", i, "id"), p.id) for i, p in enumerate(d.policies)), "policy")
    out += _dupes(((("views", i, "id"), v.id) for i, v in enumerate(d.views)), "view")
    out += _dupes(((("tests", i, "id"), t.id) for i, t in enumerate(d.tests)), "test")
    out += _dupes(((("hypotheses", i, "id"), h.id) for i, h in enumerate(d.hypotheses)), "hypothesis")
    out += _dupes(((("evidence", i, "id"), e.id) for i, e in enumerate(d.evidence)), "evidence")

    out += _dupes(((("dimensions", i, "id"), x.id) for i, x in enumerate(d.dimensions)),
                  "dimension")
    out += _dupes(((("actions", i), a) for i, a in enumerate(d.actions)), "action")
    if d.schema_version == 1:
        out += _version1_problems(d)
    out += _vocabulary_problems(d)
    for i, q in enumerate(d.quotes):
        if q.source not in d.sources_by_id:
            out.append(_unknown(("quotes", i, "source"), "source", q.source, d.sources_by_id))
    for i, c in enumerate(d.counterparties):
        for name in c.attributes:
            if name not in d.attributes_by_id:
                out.append(_unknown(("counterparties", i, "attributes", name), "attribute",
                                    name, d.attributes_by_id, at_key=True))
    names_facts = set(d.facts_by_id)
    names_attrs = set(d.attributes_by_id)
    for name in names_facts & names_attrs:
        out.append(Problem(("facts",), f"{name!r} is both a fact and a counterparty attribute"))

    concluded: set[str] = {r.then for r in d.rules}
    for i, r in enumerate(d.rules):
        out += _statement_problems(d, ("rules", i), r)
    for i, x in enumerate(d.exceptions):
        out += _statement_problems(d, ("exceptions", i), x)
    for i, r in enumerate(d.rules):
        atom = _atom(r.then)
        if atom in names_facts or atom in names_attrs:
            out.append(Problem(("rules", i, "then"),
                               f"rule concludes {r.then!r}, but {atom!r} is a scenario "
                               "fact or attribute, which rules may not conclude"))
    for i, x in enumerate(d.exceptions):
        for j, target in enumerate(x.undercuts):
            rules_by_id = {r.id: r for r in d.rules}
            if target in d.statements_by_id and target not in rules_by_id:
                out.append(Problem(("exceptions", i, "undercuts", j),
                                   f"{target!r} is an exception; exceptions undercut rules only"))
            elif target not in rules_by_id:
                out.append(_unknown(("exceptions", i, "undercuts", j), "rule", target,
                                    rules_by_id))
            elif rules_by_id[target].strict:
                out.append(Problem(("exceptions", i, "undercuts", j),
                                   f"rule {target!r} is strict; strict rules cannot be undercut"))
    atoms = {_atom(c) for c in concluded}
    if not d.actions and d.question not in atoms:
        out.append(Problem(("question",),
                           f"no rule concludes the question {d.question!r} or its negation"))
    for i, action in enumerate(d.actions):
        if action not in atoms:
            out.append(Problem(("actions", i),
                               f"no rule concludes the action {action!r} or its negation"))
    out += _dead_rules(d, concluded)
    out += _preference_problems(d)
    out += _view_problems(d)
    out += _test_problems(d)
    out += _evidence_problems(d)
    return out


def _statement_problems(d: Doctrine, at: PathKey, st: Statement) -> list[Problem]:
    out: list[Problem] = []
    source = d.sources_by_id.get(st.source)
    if source is None:
        out.append(_unknown((*at, "source"), "source", st.source, d.sources_by_id))
    for j, qid in enumerate(st.quotes):
        quote = d.quotes_by_id.get(qid)
        if quote is None:
            out.append(Problem((*at, "quotes", j),
                               f"{st.id!r} cites quote {qid!r}, which the doctrine does not "
                               f"declare; known quotes: {', '.join(sorted(d.quotes_by_id))}"))
        elif quote.source != st.source:
            out.append(Problem((*at, "quotes", j),
                               f"quote {qid!r} comes from source {quote.source!r}, not from "
                               f"{st.id!r}'s source {st.source!r}"))
    if source is not None and st.stated > source.date:
        out.append(Problem((*at, "stated"),
                           f"stated {st.stated} is after its source {source.id!r} was "
                           f"published ({source.date})"))
    if st.until is not None and st.until <= st.stated:
        out.append(Problem((*at, "until"),
                           f"{st.id!r} can never fire: in force from {st.stated} "
                           f"but ends {st.until}"))
    out += _condition_problems(d, (*at, "when"), st.id, st.when)
    only_if = getattr(st, "only_if", None)
    if only_if is not None:
        out += _condition_problems(d, (*at, "only_if"), st.id, only_if)
        if only_if.holds:
            out.append(Problem((*at, "only_if", "holds"),
                               "only_if takes scenario conditions only (facts, topics, mode, "
                               "counterparty, dimensions ...), not `holds`"))
        if only_if == Conditions():
            out.append(Problem((*at, "only_if"), "only_if names no condition"))
        if getattr(st, "strict", False):
            out.append(Problem((*at, "only_if"), "a strict rule cannot have only_if conditions"))
    return out


def _condition_problems(d: Doctrine, at: PathKey, sid: str, c: Conditions) -> list[Problem]:
    out: list[Problem] = []
    never = f"{sid!r} can never fire: "
    if c.counterparty is not None:
        if not c.counterparty:
            out.append(Problem((*at, "counterparty"), never + "empty list of counterparties"))
        for j, cp in enumerate(c.counterparty):
            if cp not in d.counterparties_by_id:
                out.append(_unknown((*at, "counterparty", j), "counterparty", cp,
                                    d.counterparties_by_id))
    for name in c.attributes:
        if name not in d.attributes_by_id:
            out.append(_unknown((*at, "attributes", name), "attribute", name, d.attributes_by_id,
                                at_key=True))
    topics = set(d.topic_ids)
    for key in ("topics_any", "topics_all", "topics_none"):
        for j, t in enumerate(getattr(c, key)):
            if t not in topics:
                out.append(_unknown((*at, key, j), "topic", t, topics))
    both = (set(c.topics_all) | set()) & set(c.topics_none)
    if both:
        out.append(Problem((*at, "topics_none"),
                           never + f"topics {sorted(both)} are both required and excluded"))
    if c.topics_any and set(c.topics_any) <= set(c.topics_none):
        out.append(Problem((*at, "topics_any"),
                           never + "every topic in topics_any is also in topics_none"))
    modes = {m.id for m in d.modes}
    if c.mode is not None:
        if not c.mode:
            out.append(Problem((*at, "mode"), never + "empty list of modes"))
        for j, m in enumerate(c.mode):
            if m not in modes:
                out.append(_unknown((*at, "mode", j), "mode", m, modes))
    initiators = {i.id for i in d.initiators}
    if c.initiated_by is not None:
        if not c.initiated_by:
            out.append(Problem((*at, "initiated_by"), never + "empty list of initiators"))
        for j, who in enumerate(c.initiated_by):
            if who not in initiators:
                out.append(_unknown((*at, "initiated_by", j), "initiator", who, initiators))
    for name in c.facts:
        if name not in d.facts_by_id:
            out.append(_unknown((*at, "facts", name), "fact", name, d.facts_by_id, at_key=True))
    for name, values in c.dimensions.items():
        dim = d.dimensions_by_id.get(name)
        if dim is None:
            known = sorted(d.dimensions_by_id)
            out.append(Problem((*at, name),
                               f"unknown condition or dimension {name!r}; known dimensions: "
                               f"{', '.join(known) or '(none declared)'}; conditions: "
                               + ", ".join(k for k in Conditions.model_fields if k != "dimensions"),
                               True))
            continue
        if not values:
            out.append(Problem((*at, name), never + f"empty list of {name} values", True))
        declared = [v.id for v in dim.values]
        for j, v in enumerate(values):
            if v not in declared:
                out.append(_unknown((*at, name, j), f"{name} value", v, declared))
    if c.attributes and all(name in d.attributes_by_id for name in c.attributes):
        candidates = c.counterparty or [cp.id for cp in d.counterparties]
        fitting = [
            cp for cp in candidates
            if cp in d.counterparties_by_id
            and all(d.attribute_values(cp)[k] == v for k, v in c.attributes.items())
        ]
        if candidates and not fitting:
            out.append(Problem((*at, "attributes"),
                               never + "no declared counterparty has these attributes"))
    return out


def _version1_problems(d: Doctrine) -> list[Problem]:
    """Version 1 had fixed modes and initiators and none of version 2's sections."""
    out: list[Problem] = []
    hint = "; declare schema_version: 2 (see `overture migrate`) for any vocabulary"
    for i, m in enumerate(d.modes):
        if m.id not in MODES_V1:
            out.append(Problem(("modes", i, "id"), f"unknown mode {m.id!r}; version 1 "
                               f"scenarios use: {', '.join(MODES_V1)}{hint}"))
    for i, who in enumerate(d.initiators):
        if who.id not in INITIATORS_V1:
            out.append(Problem(("initiators", i, "id"), f"unknown initiator {who.id!r}; version 1 "
                               f"scenarios use: {', '.join(INITIATORS_V1)}{hint}"))
    for key in ("actions", "dimensions", "world", "default_initiator"):
        if getattr(d, key):
            out.append(Problem((key,), f"{key!r} needs schema_version: 2", True))
    return out


def _vocabulary_problems(d: Doctrine) -> list[Problem]:
    """Dimensions, the default initiator, fact implications and the world timeline."""
    out: list[Problem] = []
    reserved = set(Conditions.model_fields) | {"date", "view", "action", "stated_only", "id",
                                                "description"}
    for i, dim in enumerate(d.dimensions):
        if dim.id in reserved:
            out.append(Problem(("dimensions", i, "id"),
                               f"{dim.id!r} is a scenario field or condition, not a dimension name"))
        out += _dupes(((("dimensions", i, "values", j, "id"), v.id)
                       for j, v in enumerate(dim.values)), f"{dim.id} value")
        if dim.default not in [v.id for v in dim.values]:
            out.append(_unknown(("dimensions", i, "default"), f"{dim.id} value", dim.default,
                                [v.id for v in dim.values]))
    initiators = [x.id for x in d.initiators]
    if d.default_initiator is not None and d.default_initiator not in initiators:
        out.append(_unknown(("default_initiator",), "initiator", d.default_initiator, initiators))
    for i, f in enumerate(d.facts):
        for j, g in enumerate(f.implies):
            if g not in d.facts_by_id:
                out.append(_unknown(("facts", i, "implies", j), "fact", g, d.facts_by_id))
            elif g == f.id:
                out.append(Problem(("facts", i, "implies", j), f"{f.id!r} implies itself"))
    graph = {f.id: set(f.implies) for f in d.facts}
    for i, f in enumerate(d.facts):  # an implication cycle would make the facts one fact
        seen, todo = set(), list(graph[f.id])
        while todo:
            g = todo.pop()
            if g == f.id:
                out.append(Problem(("facts", i, "implies"),
                                   f"{f.id!r} implies itself through other facts"))
                break
            if g not in seen and g in graph:
                seen.add(g)
                todo.extend(graph[g])
    spans: dict[str, list[tuple[int, object, object]]] = {}
    for i, e in enumerate(d.world):
        if e.fact not in d.facts_by_id:
            out.append(_unknown(("world", i, "fact"), "fact", e.fact, d.facts_by_id))
        if e.until is not None and e.until <= e.from_:
            out.append(Problem(("world", i, "until"),
                               f"ends {e.until}, not after it starts ({e.from_})"))
        for j, a, b in spans.get(e.fact, []):
            if (b is None or e.from_ < b) and (e.until is None or a < e.until):  # type: ignore[operator]
                out.append(Problem(("world", i, "from"),
                                   f"world entry for {e.fact!r} overlaps entry {j} "
                                   f"({a} to {b or 'open'})"))
        spans.setdefault(e.fact, []).append((i, e.from_, e.until))
    return out


def _dead_rules(d: Doctrine, concluded: set[str]) -> list[Problem]:
    """Rules whose `holds` conditions can never be established (missing or circular support)."""
    out: list[Problem] = []
    for section, items in (("rules", d.rules), ("exceptions", d.exceptions)):
        for i, st in enumerate(items):
            for j, lit in enumerate(st.when.holds):
                if lit not in concluded:
                    out.append(Problem((section, i, "when", "holds", j),
                                       f"{st.id!r} can never fire: no rule concludes {lit!r}"))
    # Fixpoint: a rule can fire if each `holds` literal is concluded by a rule that can fire.
    fire: set[str] = set()
    established: set[str] = set()
    changed = True
    while changed:
        changed = False
        for r in d.rules:
            if r.id not in fire and all(lit in established for lit in r.when.holds):
                fire.add(r.id)
                established.add(r.then)
                changed = True
    for i, r in enumerate(d.rules):
        if r.id not in fire and all(lit in concluded for lit in r.when.holds):
            out.append(Problem(("rules", i, "when", "holds"),
                               f"{r.id!r} can never fire: its conditions depend on its own "
                               "conclusion (circular support)"))
    for i, x in enumerate(d.exceptions):
        if all(lit in concluded for lit in x.when.holds) and not all(
            lit in established for lit in x.when.holds
        ):
            out.append(Problem(("exceptions", i, "when", "holds"),
                               f"{x.id!r} can never fire: its conditions rest on rules that "
                               "can never fire"))
    return out


def _preference_problems(d: Doctrine) -> list[Problem]:
    out: list[Problem] = []
    for i, p in enumerate(d.preferences):
        for key in ("stronger", "weaker"):
            rid = getattr(p, key)
            st = d.statements_by_id.get(rid)
            if st is None:
                out.append(_unknown(("preferences", i, key), "rule", rid, d.statements_by_id))
            elif isinstance(st, Exception_):
                out.append(Problem(("preferences", i, key),
                                   f"{rid!r} is an exception; preferences order rules"))
            elif st.strict:
                out.append(Problem(("preferences", i, key),
                                   f"{rid!r} is strict; preferences order defeasible rules"))
        if p.stronger == p.weaker:
            out.append(Problem(("preferences", i), f"{p.stronger!r} is preferred to itself"))
    speakers = {s for s in (*(x.speaker for x in d.sources),
                            *(st.speaker for st in d.statements_by_id.values())) if s}
    for i, pol in enumerate(d.policies):
        if pol.kind in ("source_rank", "speaker_rank") and not pol.order:
            what = "source kinds" if pol.kind == "source_rank" else "speakers"
            out.append(Problem(("policies", i, "order"),
                               f"a {pol.kind} policy needs an 'order' of {what}"))
        if pol.kind in ("later_statement", "specificity") and pol.order:
            out.append(Problem(("policies", i, "order"), f"a {pol.kind} policy takes no 'order'"))
        if pol.scope != "same_speaker" and pol.kind != "later_statement":
            out.append(Problem(("policies", i, "scope"),
                               "'scope' belongs to a later_statement policy"))
        for j, item in enumerate(pol.order or []):
            if pol.kind == "source_rank" and item not in SOURCE_KINDS:
                out.append(_unknown(("policies", i, "order", j), "source kind", item, SOURCE_KINDS))
            if pol.kind == "speaker_rank" and item not in speakers:
                out.append(_unknown(("policies", i, "order", j), "speaker", item, speakers))
    if out:
        return out
    explicit = list(d.preferences)
    cycle = PreferenceModel(d).cycle()
    if cycle is not None:
        steps = " > ".join([cycle[0].stronger, *(e.weaker for e in cycle)])
        reasons = ", ".join(sorted({e.reason for e in cycle}))
        first_explicit = next(
            (i for i, p in enumerate(explicit)
             if any(p.stronger == e.stronger and p.weaker == e.weaker for e in cycle)),
            None,
        )
        at: PathKey = ("preferences", first_explicit) if first_explicit is not None else ("policies",)
        out.append(Problem(at, f"preference cycle: {steps} (from: {reasons})"))
    return out


def _view_problems(d: Doctrine) -> list[Problem]:
    out: list[Problem] = []
    if "all" not in d.views_by_id:
        out.append(Problem(("views",), "the doctrine must declare a view 'all' (the default)"))
    speakers = {s for s in (*(x.speaker for x in d.sources),
                            *(st.speaker for st in d.statements_by_id.values())) if s}
    for i, v in enumerate(d.views):
        if not (v.sources or v.kinds or v.said_by):
            out.append(Problem(("views", i), f"view {v.id!r} selects nothing: give sources, "
                               "kinds or said_by"))
        for j, sid in enumerate(v.sources):
            if sid not in d.sources_by_id:
                out.append(_unknown(("views", i, "sources", j), "source", sid, d.sources_by_id))
        for j, who in enumerate(v.said_by):
            if who not in speakers:
                out.append(_unknown(("views", i, "said_by", j), "speaker", who, speakers))
    return out


def _test_problems(d: Doctrine) -> list[Problem]:
    out: list[Problem] = []
    for i, t in enumerate(d.tests):
        for path, message in d.scenario_problems(t.scenario):
            at_key = path[0] == "facts" or str(path[0]) in d.dimensions_by_id or (
                len(path) == 1 and path[0] not in SCENARIO_FIELDS)
            out.append(Problem(("tests", i, "scenario", *path), message, at_key))
        if t.because not in d.quotes_by_id:
            out.append(_unknown(("tests", i, "because"), "quote", t.because, d.quotes_by_id))
        for j, topic in enumerate(t.scope or []):
            if topic not in t.scenario.topics:
                out.append(Problem(("tests", i, "scope", j),
                                   f"scope topic {topic!r} is not among the scenario's topics"))
    return out


def _evidence_problems(d: Doctrine) -> list[Problem]:
    out: list[Problem] = []
    hyps = {h.id for h in d.hypotheses}
    for i, e in enumerate(d.evidence):
        if e.quote not in d.quotes_by_id:
            out.append(_unknown(("evidence", i, "quote"), "quote", e.quote, d.quotes_by_id))
        for h in e.ratings:
            if h not in hyps:
                out.append(_unknown(("evidence", i, "ratings", h), "hypothesis", h, hyps,
                                    at_key=True))
        for h in e.notes:
            if h not in hyps:
                out.append(_unknown(("evidence", i, "notes", h), "hypothesis", h, hyps,
                                    at_key=True))
            elif h not in e.ratings:
                out.append(Problem(("evidence", i, "notes", h),
                                   f"a note on hypothesis {h!r}, which the item does not rate",
                                   True))
    return out
