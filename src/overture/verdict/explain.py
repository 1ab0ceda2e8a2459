"""Dialectical explanations: the winning line of argument, each attack on it and why it fails;
and `why_not`: what stands in the way of another verdict.

Both read an `Evaluation` (computed here if not given) and return typed pydantic objects.
"""

from __future__ import annotations

from typing import Literal as TypingLiteral

from pydantic import BaseModel, ConfigDict

from overture.af import Label
from overture.aspic import Literal
from overture.doctrine.compile import in_force
from overture.doctrine.doctrine import Doctrine, Statement
from overture.doctrine.model import Scenario
from overture.verdict.evaluate import (
    DoctrineLike,
    ScenarioLike,
    attack_reason,
    describe_literal,
    evaluate,
    rank_reasons,
    reason_of,
    resolve_doctrine,
    statement_of_argument,
)
from overture.verdict.model import ArgumentView, Evaluation, Reason, Verdict

MAX_DEPTH = 3


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Challenge(_Out):
    """An attack on a line of argument: who attacks, where, and how it ends."""

    attacker: ArgumentView
    kind: str
    on: str  # the conclusion attacked (the line's own or a sub-argument's)
    outcome: TypingLiteral["fails", "answered", "succeeds", "unresolved"]
    why: str
    answered_by: Line | None = None


class Line(_Out):
    """An argument with the scenario facts and sub-arguments it rests on, and its challenges."""

    argument: ArgumentView
    premises: list[str]
    subs: list[Line]
    challenges: list[Challenge]


class Explanation(_Out):
    """Why the verdict is what it is, as a dialectical tree."""

    verdict: Verdict
    summary: str
    question: str
    winning_side: TypingLiteral["for", "against"] | None
    winning: list[Line]
    opposing: list[Line]
    evaluation: Evaluation


class Obstacle(_Out):
    """An argument standing in the way of a verdict, and what it rests on."""

    argument: ArgumentView
    rests_on: list[str]
    undercut_by: list[str]  # exceptions of the doctrine that would undercut its rules
    reason: Reason | None


class MissingSupport(_Out):
    """A rule that would support the wanted conclusion but does not apply, and why."""

    reason: Reason
    unmet: list[str]


class WhyNot(_Out):
    """What stands in the way of `target` for this scenario."""

    target: Verdict
    current: Verdict
    already: bool
    message: str
    obstacles: list[Obstacle]
    defeated_support: list[str]  # summaries of the defeats of arguments for the wanted side
    missing_support: list[MissingSupport]


def _view(ev: Evaluation, arg_id: int) -> ArgumentView:
    return ev.arguments[arg_id]


def _line(ev: Evaluation, arg_id: int, depth: int, seen: frozenset[int]) -> Line:
    aev = ev.aspic
    args = aev.arguments
    labels = aev.labels
    a = args[arg_id]
    premises: list[str] = []
    subs: list[Line] = []
    doctrine = ev.compiled.doctrine
    for s in a.subs:
        sub = args[s]
        if sub.top_rule is None:
            premises.append(describe_literal(doctrine, sub.conclusion))
        else:
            subs.append(_line(ev, s, depth, seen | {arg_id}))
    challenges: list[Challenge] = []
    seen_attackers: set[tuple[str | None, bool, Label]] = set()
    for atk in aev.graph.direct[arg_id]:
        why, detail = attack_reason(ev.compiled, atk, atk.defeat)
        text = f"{why}: {detail}" if detail else why
        attacker = atk.attacker
        key = (ev.arguments[attacker].rule_id, atk.defeat, labels[attacker])
        if key in seen_attackers:
            continue
        seen_attackers.add(key)
        if not atk.defeat:
            challenges.append(Challenge(attacker=_view(ev, attacker), kind=atk.kind.value,
                                        on=str(a.conclusion), outcome="fails", why=text))
            continue
        if labels[attacker] is Label.OUT:
            defender = next(
                (x for x in aev.graph.attacks_on(attacker, defeats_only=True)
                 if labels[x.attacker] is Label.IN),
                None,
            )
            answered: Line | None = None
            dwhy = ""
            if defender is not None:
                dwhy_short, ddetail = attack_reason(ev.compiled, defender, True)
                by = ev.arguments[defender.attacker].rule_id or ev.arguments[defender.attacker].id
                dwhy = f"by {by}: {ddetail or dwhy_short}"
                if depth < MAX_DEPTH and defender.attacker not in seen:
                    answered = _line(ev, defender.attacker, depth + 1, seen | {arg_id})
            challenges.append(Challenge(
                attacker=_view(ev, attacker), kind=atk.kind.value, on=str(a.conclusion),
                outcome="answered", why=f"the attacker is itself defeated {dwhy}" if dwhy
                else "the attacker is itself defeated", answered_by=answered))
        elif labels[attacker] is Label.IN:
            challenges.append(Challenge(attacker=_view(ev, attacker), kind=atk.kind.value,
                                        on=str(a.conclusion), outcome="succeeds", why=text))
        else:
            challenges.append(Challenge(attacker=_view(ev, attacker), kind=atk.kind.value,
                                        on=str(a.conclusion), outcome="unresolved", why=text))
    return Line(argument=_view(ev, arg_id), premises=premises, subs=subs, challenges=challenges)


def _top_lines(ev: Evaluation, lit: Literal, prefer_live: bool = True) -> list[Line]:
    aev = ev.aspic
    ids = aev.arguments.by_conclusion.get(lit, [])
    live = [i for i in ids if aev.labels[i] is not Label.OUT]
    chosen = live if (live and prefer_live) else ids
    # one line per doctrine rule (instances of the same rule say the same thing)
    by_rule: dict[str | None, int] = {}
    for i in chosen:
        by_rule.setdefault(ev.arguments[i].rule_id, i)
    order: dict[str | None, int] = {r.rule_id: k for k, r in enumerate(
        rank_reasons(ev.compiled.doctrine, [reason_of(ev.compiled.doctrine, st) for st in (
            ev.compiled.doctrine.statements_by_id[rid] for rid in by_rule if rid is not None)]))}
    ranked = sorted(by_rule.items(), key=lambda kv: order.get(kv[0], len(order)))
    return [_line(ev, i, 0, frozenset()) for _, i in ranked]


def explain(
    scenario: ScenarioLike | Evaluation,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
) -> Explanation:
    """The dialectical explanation of a scenario's verdict (or of an existing Evaluation)."""
    ev = scenario if isinstance(scenario, Evaluation) else evaluate(scenario, doctrine, semantics)
    q = ev.compiled.question
    pro = _top_lines(ev, q)
    con = _top_lines(ev, q.negate())
    side: TypingLiteral["for", "against"] | None
    if ev.verdict is Verdict.PERMITTED:
        side, winning, opposing = "for", pro, con
    elif ev.verdict is Verdict.FORBIDDEN:
        side, winning, opposing = "against", con, pro
    else:
        side, winning, opposing = None, pro, con
    return Explanation(verdict=ev.verdict, summary=ev.summary, question=ev.question,
                       winning_side=side, winning=winning, opposing=opposing, evaluation=ev)


# -- why not ------------------------------------------------------------------------------


def unmet_conditions(doctrine: Doctrine, st: Statement, scenario: Scenario) -> list[str]:
    """Why a rule does not apply to the scenario, in plain words (empty if it applies)."""
    out: list[str] = []
    if scenario.date < st.stated:
        out.append(f"not stated until {st.stated} (scenario dated {scenario.date})")
    if st.until is not None and scenario.date >= st.until:
        out.append(f"no longer in force from {st.until}")
    if st.source not in doctrine.views_by_id[scenario.view].sources:
        out.append(f"its source {st.source} is not in view {scenario.view!r}")
    c = st.when
    if c.counterparty is not None and scenario.counterparty not in c.counterparty:
        out.append(f"counterparty must be one of {', '.join(c.counterparty)}")
    attrs = doctrine.attribute_values(scenario.counterparty)
    for name, want in c.attributes.items():
        if attrs.get(name) != want:
            out.append(f"the counterparty must {'' if want else 'not '}have {name}")
    topics = set(scenario.topics)
    if c.topics_any and not topics & set(c.topics_any):
        out.append(f"one of the topics {', '.join(c.topics_any)} must be on the table")
    for t in c.topics_all:
        if t not in topics:
            out.append(f"topic {t} must be on the table")
    for t in c.topics_none:
        if t in topics:
            out.append(f"topic {t} must not be on the table")
    if c.mode is not None and scenario.mode not in c.mode:
        out.append(f"mode must be {' or '.join(c.mode)}")
    if c.initiated_by is not None and scenario.initiated_by not in c.initiated_by:
        out.append(f"talks must be initiated by {' or '.join(c.initiated_by)}")
    facts = doctrine.fact_values(scenario)
    for name, want in c.facts.items():
        if facts.get(name) != want:
            out.append(f"{name} must be {'true' if want else 'false'}")
    return out


def _rests_on(ev: Evaluation, arg_id: int) -> list[str]:
    aev = ev.aspic
    d = ev.compiled.doctrine
    out: list[str] = []
    for s in sorted(aev.arguments[arg_id].sub_arguments()):
        sub = aev.arguments[s]
        if sub.top_rule is None:
            text = describe_literal(d, sub.conclusion)
            if text not in out:
                out.append(text)
    return out


def why_not(
    scenario: ScenarioLike | Evaluation,
    target: Verdict | str,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
) -> WhyNot:
    """What stands in the way of `target` (a Verdict) for this scenario."""
    want = Verdict(target)
    ev = scenario if isinstance(scenario, Evaluation) else evaluate(scenario, doctrine, semantics)
    d = ev.compiled.doctrine if isinstance(scenario, Evaluation) else resolve_doctrine(doctrine)
    s = ev.compiled.scenario
    aev = ev.aspic
    q = ev.compiled.question
    if ev.verdict is want:
        return WhyNot(target=want, current=ev.verdict, already=True,
                      message=f"the verdict is already {want.value}", obstacles=[],
                      defeated_support=[], missing_support=[])
    if want is Verdict.PERMITTED:
        blockers, wanted = [q.negate()], q
    elif want is Verdict.FORBIDDEN:
        blockers, wanted = [q], q.negate()
    elif want is Verdict.UNDECIDED:
        blockers, wanted = [q, q.negate()], None
    else:  # contested: the side with nothing defensible is what is missing
        blockers, wanted = [], (q if ev.verdict is Verdict.FORBIDDEN else q.negate())
        if ev.verdict is Verdict.UNDECIDED:
            wanted = q
    obstacles: list[Obstacle] = []
    undercutters: dict[str, list[str]] = {}
    for x in d.exceptions:
        for t in x.undercuts:
            undercutters.setdefault(t, []).append(x.id)
    seen_rules: set[str | None] = set()
    for lit in blockers:
        for i in aev.arguments.by_conclusion.get(lit, []):
            if aev.labels[i] is Label.OUT:
                continue
            view = ev.arguments[i]
            if view.rule_id in seen_rules:
                continue
            seen_rules.add(view.rule_id)
            rules_used = {
                st.id for k in aev.arguments[i].sub_arguments()
                if (st := statement_of_argument(ev.compiled, aev, k)) is not None
            }
            under = sorted({x for r in rules_used for x in undercutters.get(r, [])})
            st = d.statements_by_id.get(view.rule_id) if view.rule_id else None
            obstacles.append(Obstacle(argument=view, rests_on=_rests_on(ev, i),
                                      undercut_by=under,
                                      reason=reason_of(d, st) if st is not None else None))
    defeated: list[str] = []
    missing: list[MissingSupport] = []
    if wanted is not None:
        for df in ev.defeated:
            if df.conclusion == str(wanted):
                defeated.append(f"{df.rule_id} is defeated by {df.defeated_by} ({df.why}"
                                + (f": {df.detail}" if df.detail else "") + ")")
        applied = {v.rule_id for v in ev.arguments if v.rule_id}
        for r in d.rules:
            if r.then != str(wanted) or r.id in applied:
                continue
            unmet = unmet_conditions(d, r, s)
            if not unmet and not in_force(r, s.date):
                unmet = ["not in force on the scenario's date"]
            if not unmet:
                unmet = [f"its conditions rest on {', '.join(r.when.holds)}, not established"]
            missing.append(MissingSupport(reason=reason_of(d, r), unmet=unmet))
    parts = []
    if obstacles:
        parts.append(f"{len(obstacles)} argument(s) stand against it")
    if defeated:
        parts.append(f"{len(defeated)} supporting argument(s) are defeated")
    if missing:
        parts.append(f"{len(missing)} supporting rule(s) do not apply")
    message = (f"{want.value} is blocked: " + "; ".join(parts)) if parts else (
        f"nothing in the doctrine leads to {want.value} here")
    return WhyNot(target=want, current=ev.verdict, already=False, message=message,
                  obstacles=obstacles, defeated_support=defeated, missing_support=missing)


Challenge.model_rebuild()
Line.model_rebuild()
