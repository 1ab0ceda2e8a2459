"""Dialectical explanations: the winning line of argument, each attack on it and why it fails;
and `why_not`: what stands in the way of another verdict.

Both read an `Evaluation` (computed here if not given) and return typed pydantic objects.
"""

from __future__ import annotations

import sys
from typing import Literal as TypingLiteral

from pydantic import BaseModel, ConfigDict

from overture.af import Label
from overture.aspic import Literal
from overture.aspic.attacks import Attack
from overture.doctrine.compile import in_force
from overture.doctrine.doctrine import Doctrine, Statement
from overture.doctrine.model import Conditions, Scenario
from overture.doctrine.resolve import DoctrineLike, ScenarioLike
from overture.errors import InputError
from overture.verdict.evaluate import (
    attack_reason,
    describe_literal,
    evaluate,
    rank_reasons,
    reason_of,
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
    outcome: TypingLiteral["fails", "answered", "self-defended", "succeeds", "unresolved"]
    why: str
    answered_by: Line | None = None  # the defending line, expanded up to MAX_DEPTH
    answered_by_argument: str | None = None  # the argument whose defeat answers the attack


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

    def __repr__(self) -> str:
        return (f"<Explanation {self.verdict.value}: {len(self.winning)} winning, "
                f"{len(self.opposing)} opposing lines>")

    def _repr_html_(self) -> str:
        # notebook HTML, drawn by the render layer through the package root (always loaded)
        return str(sys.modules["overture"].notebook_html(self))


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


def _line(ev: Evaluation, arg_id: int, depth: int, path: frozenset[int]) -> Line:
    """The line of argument `arg_id`: its premises, sub-lines and every direct attack on it.

    `path` holds the arguments above this line in the tree; a defence is never taken from it
    (see `Settling.defender`), so no line is shown as defended by one it defends in turn.
    """
    aev = ev.aspic
    args = aev.arguments
    labels = aev.labels
    a = args[arg_id]
    here = path | {arg_id}
    premises: list[str] = []
    subs: list[Line] = []
    doctrine = ev.compiled.doctrine
    for s in a.subs:
        sub = args[s]
        if sub.top_rule is None:
            premises.append(describe_literal(doctrine, sub.conclusion, ev.compiled.fact_origins))
        else:
            subs.append(_line(ev, s, depth, here))
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
        on = str(a.conclusion)
        view = _view(ev, attacker)
        if not atk.defeat:
            challenges.append(Challenge(attacker=view, kind=atk.kind.value, on=on,
                                        outcome="fails", why=text))
        elif labels[attacker] is Label.IN:
            challenges.append(Challenge(attacker=view, kind=atk.kind.value, on=on,
                                        outcome="succeeds", why=text))
        elif labels[attacker] is Label.OUT:
            challenges.append(_answer(ev, atk, depth, here))
        else:
            challenges.append(Challenge(attacker=view, kind=atk.kind.value, on=on,
                                        outcome="unresolved", why=text))
    return Line(argument=_view(ev, arg_id), premises=premises, subs=subs, challenges=challenges)


def _answer(ev: Evaluation, atk: Attack, depth: int, path: frozenset[int]) -> Challenge:
    """A defeat on the line by an argument that is itself defeated: who answers it, and why."""
    settling = ev.settling
    on = str(ev.aspic.arguments[atk.target].conclusion)
    view = _view(ev, atk.attacker)
    defence = settling.defender(atk.attacker, path)
    if defence is not None:
        short, detail = attack_reason(ev.compiled, defence, True)
        by = ev.arguments[defence.attacker]
        answered = (_line(ev, defence.attacker, depth + 1, path) if depth < MAX_DEPTH else None)
        return Challenge(attacker=view, kind=atk.kind.value, on=on, outcome="answered",
                         why=f"the attacker is itself defeated by {by.rule_id or by.id}: "
                             f"{detail or short}",
                         answered_by=answered, answered_by_argument=by.id)
    own = settling.self_defended(atk.attacker, path)
    if own is not None:
        short, detail = attack_reason(ev.compiled, own, True)
        by = ev.arguments[own.attacker]
        return Challenge(attacker=view, kind=atk.kind.value, on=on, outcome="self-defended",
                         why=f"the line defends itself: {by.rule_id or by.id} defeats the "
                             f"attacker ({detail or short}); admissible under "
                             f"{ev.semantics}, never needed under grounded semantics",
                         answered_by_argument=by.id)
    return Challenge(attacker=view, kind=atk.kind.value, on=on, outcome="answered",
                     why="the attacker is defeated in every extension, by different arguments")


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
    *,
    view: str | None = None,
) -> Explanation:
    """The dialectical explanation of a scenario's verdict (or of an existing Evaluation)."""
    ev = (scenario if isinstance(scenario, Evaluation)
          else evaluate(scenario, doctrine, semantics, view=view))
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


def parse_verdict(value: Verdict | str) -> Verdict:
    """A Verdict from its name (InputError listing the four verdicts)."""
    try:
        return Verdict(value)
    except ValueError:
        known = ", ".join(v.value for v in Verdict)
        raise InputError(f"unknown verdict {value!r}; expected one of {known}") from None


def unmet_conditions(doctrine: Doctrine, st: Statement, scenario: Scenario) -> list[str]:
    """Why a rule does not apply to the scenario, in plain words (empty if it applies)."""
    out: list[str] = []
    if scenario.date < st.stated:
        out.append(f"not stated until {st.stated} (scenario dated {scenario.date})")
    if st.until is not None and scenario.date >= st.until:
        out.append(f"no longer in force from {st.until}")
    if not doctrine.in_view(st, doctrine.views_by_id[scenario.view]):
        out.append(f"it is not in view {scenario.view!r}")
    if scenario.stated_only and st.reading == "inferred":
        out.append("it is an inferred reading, left out (stated rules only)")
    out += _unmet(doctrine, st.when, scenario)
    return out


def _unmet(doctrine: Doctrine, c: Conditions, scenario: Scenario) -> list[str]:
    out: list[str] = []
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
    if c.initiated_by is not None and doctrine.initiator_of(scenario) not in c.initiated_by:
        out.append(f"talks must be initiated by {' or '.join(c.initiated_by)}")
    facts = doctrine.fact_values(scenario)
    for name, want in c.facts.items():
        if facts.get(name) != want:
            out.append(f"{name} must be {'true' if want else 'false'}")
    dims = doctrine.dimension_values(scenario)
    for name, values in c.dimensions.items():
        if dims.get(name) not in values:
            out.append(f"the {name} must be {' or '.join(values)}")
    return out


def _rests_on(ev: Evaluation, arg_id: int) -> list[str]:
    aev = ev.aspic
    d = ev.compiled.doctrine
    out: list[str] = []
    for s in sorted(aev.arguments[arg_id].sub_arguments()):
        sub = aev.arguments[s]
        if sub.top_rule is None:
            text = describe_literal(d, sub.conclusion, ev.compiled.fact_origins)
            if text not in out:
                out.append(text)
    return out


def why_not(
    scenario: ScenarioLike | Evaluation,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    target: Verdict | str,
    view: str | None = None,
) -> WhyNot:
    """What stands in the way of `target` (a Verdict) for this scenario (or Evaluation)."""
    want = parse_verdict(target)
    ev = (scenario if isinstance(scenario, Evaluation)
          else evaluate(scenario, doctrine, semantics, view=view))
    d = ev.compiled.doctrine
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
            arg_view = ev.arguments[i]
            if arg_view.rule_id in seen_rules:
                continue
            seen_rules.add(arg_view.rule_id)
            rules_used = {
                st.id for k in aev.arguments[i].sub_arguments()
                if (st := statement_of_argument(ev.compiled, aev, k)) is not None
            }
            under = sorted({x for r in rules_used for x in undercutters.get(r, [])})
            st = d.statements_by_id.get(arg_view.rule_id) if arg_view.rule_id else None
            obstacles.append(Obstacle(argument=arg_view, rests_on=_rests_on(ev, i),
                                      undercut_by=under,
                                      reason=reason_of(d, st) if st is not None else None))
    defeated: list[str] = []
    missing: list[MissingSupport] = []
    if wanted is not None:
        for df in ev.defeated:
            if df.conclusion == str(wanted):
                defeated.append(f"{df.rule_id} is defeated by {df.defeated_by} ({df.why}"
                                + (f": {df.detail}" if df.detail else "") + ")")
        applied = {v.rule_id for v in ev.arguments if v.rule_id and v.conclusion == str(wanted)}
        for r in d.rules:
            if r.then != str(wanted) or r.id in applied:
                continue
            unmet = unmet_conditions(d, r, s)
            if not unmet and r.only_if is not None:
                unmet = [f"a necessary condition fails: {x}" for x in _unmet(d, r.only_if, s)]
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
