"""The two sides of a joint answer, each as one judged scenario: what a reader looks at first.

`side_evaluations` picks, for each side, the scenario that shows the answer (the goal once a
joint overture is reached, the move waiting in the stalemate's cycle, or the blocked goal) and
evaluates it, with the rules that the answer turns on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from overture.analysis.joint import (
    GOAL,
    JointResult,
    Overture,
    SideJudge,
    State,
    _Search,
)
from overture.analysis.joint_file import JointLike, resolve_joint
from overture.jsontext import JsonText
from overture.verdict import Evaluation, evaluate

Role = Literal["accepts", "waits", "blocked", "permits"]


@dataclass(frozen=True)
class SideEvaluation(JsonText):
    """One side's judged scenario in a joint answer.

    `role`: "accepts" (its goal on the first joint overture, after the moves), "waits" (a goal
    or move of the stalemate's cycle, at the start); with no cycle, on the blocked candidate
    with the fewest blocking rules, "blocked" (its goal, else a move, that is blocked: a move
    the other side waits for first)
    or "permits" (its goal, permitted, when nothing of this side is blocked). `node` is a move
    id or `goal`; `rules` are the rules the answer turns on (its reasons, the rules its cycle
    edges wait on, its blockers)."""

    side: str
    doctrine: str
    role: Role
    node: str
    action: str
    overture: Overture
    facts: dict[str, bool]
    evaluation: Evaluation
    rules: tuple[str, ...]
    waits_for: str | None = None

    @property
    def caption(self) -> str:
        what = "its goal" if self.node == GOAL else f"its move {self.node}"
        if self.role == "accepts":
            return f"{self.side} permits {what} ({self.action}) after the moves"
        if self.role == "permits":
            return f"{self.side} permits {what} ({self.action})"
        if self.role == "waits":
            return f"{self.side}: {what} ({self.action}) waits for {self.waits_for}"
        return f"{self.side}: {what} ({self.action}) is blocked"

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "doctrine": self.doctrine, "role": self.role,
                "node": self.node, "action": self.action, "scenario": self.overture.to_dict(),
                "facts": self.facts, "verdict": self.evaluation.verdict.value,
                "rules": list(self.rules), "waits_for": self.waits_for,
                "caption": self.caption}


def side_evaluations(joint: JointLike, result: JointResult) -> tuple[SideEvaluation, ...]:
    """Each side's judged scenario for `result` (computed by `joint` on `joint`), in side order;
    empty when the search was cut short and found nothing."""
    st = resolve_joint(joint)
    judges = {s.id: SideJudge(st, s.id, result.date, result.semantics) for s in st.spec.sides}
    search = _Search(st, judges, result.searched.max_moves, 0, None)
    start = State(frozenset(), (frozenset(), frozenset()))
    picks: list[tuple[str, str, Role, Overture, State, tuple[str, ...], str | None]] = []
    if result.joint:
        first = result.joint[0]
        state = start
        for step in first.steps:
            moves = [search.moves[m] for m in step.moves]
            state = search.apply(state, search.step_effects(moves), step.moves)
        for side in search.order:
            rules = tuple(dict.fromkeys(b.rule for b in first.reasons[side]))
            picks.append((side, GOAL, "accepts", first.overture, state, rules, None))
    elif result.stalemate is not None and result.stalemate.cycle and result.stalemate.cycle_on:
        cycle = result.stalemate.cycle
        for side in search.order:
            mine = [e for e in cycle if e.side == side]
            if not mine:
                continue
            node = mine[0].action
            rules = tuple(dict.fromkeys(e.rule for e in mine if e.action == node and e.rule))
            picks.append((side, node, "waits", result.stalemate.cycle_on, start, rules,
                          mine[0].waits_for))
    elif result.stalemate is not None and result.stalemate.blocked:
        # the nearest miss: the candidate with the fewest blocking rules; on it, each side's
        # blocked goal, else its first blocked move, else its goal (permitted)
        cand = min(result.stalemate.blocked, key=lambda c: len(c.blocking))
        for side in search.order:
            rules = tuple(dict.fromkeys(b.rule for b in cand.blocking if b.side == side))
            if cand.goals[side] != "permitted":
                picks.append((side, GOAL, "blocked", cand.overture, start, rules, None))
                continue
            refused = [m for m in cand.moves if len(m.moves) == 1
                       and search.moves[m.moves[0]].side == side and not m.permitted[side]]
            # first a move the other side waits for, then one a rule of this side stands
            # against, before one nothing permits
            awaited = {w.waits_for for w in cand.waits if w.by == side}
            refused.sort(key=lambda m: (m.moves[0] not in awaited,
                                        not any(b.side == side for b in m.blocking)))
            check = refused[0] if refused else None
            if check is not None:
                rules = tuple(dict.fromkeys(b.rule for b in check.blocking if b.side == side))
                picks.append((side, check.moves[0], "blocked", cand.overture, start, rules,
                              None))
            else:
                picks.append((side, GOAL, "permits", cand.overture, start, (), None))
    out: list[SideEvaluation] = []
    for side, node, role, o, state, rules, waits_for in picks:
        action = st.goal_action(side) if node == GOAL else search.moves[node].action
        facts = search.facts_of(state, side)
        scenario = judges[side].scenario(o, facts, action)
        ev = evaluate(scenario, st.doctrines[side], result.semantics)
        out.append(SideEvaluation(side, st.doctrines[side].id, role, node, action, o,
                                  dict(sorted(facts)), ev, rules, waits_for))
    return tuple(out)

