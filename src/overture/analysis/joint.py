"""Two sides: the overtures both doctrines permit, the moves that lead there, or a stalemate.

`joint` searches every overture of a joint file's vocabulary and every order of moves up to a
bound (exhaustive breadth-first search, memoised per side on the judged scenario), and when no
overture is jointly acceptable returns a certificate: what blocks each side on every candidate
and the wait-for cycle between the sides' moves, each edge with its rule and quote.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from overture.af import Semantics
from overture.analysis.joint_file import JointLike, JointSetting, Move, resolve_joint
from overture.aspic.evaluation import evaluate as aspic_evaluate
from overture.doctrine import Doctrine, Scenario
from overture.doctrine.compile import compile_scenario
from overture.errors import InputError, LimitExceeded, ShouldStop, check_stop
from overture.jsontext import JsonText
from overture.verdict import Reason, Verdict
from overture.verdict.evaluate import build_evaluation
from overture.verdict.judge import (
    Judgement,
    ordering_of,
    parse_semantics,
    theory_key,
    verdict_of,
)

Facts = frozenset[tuple[str, bool]]
GOAL = "goal"  # the node id of a side's goal in the wait-for graph


@dataclass(frozen=True)
class Overture(JsonText):
    """One overture searched: its topics, its mode and its dimension values."""

    topics: tuple[str, ...]
    mode: str
    dimensions: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"topics": list(self.topics), "mode": self.mode, **dict(self.dimensions)}

    def describe(self) -> str:
        dims = ", ".join(v for _k, v in self.dimensions)
        return f"{' + '.join(self.topics)} ({self.mode}{', ' + dims if dims else ''})"


@dataclass(frozen=True)
class Step(JsonText):
    """One step of a move sequence: a single move, or a mutual step of one move per side."""

    moves: tuple[str, ...]

    @property
    def mutual(self) -> bool:
        return len(self.moves) > 1

    def to_dict(self) -> dict[str, Any]:
        return {"moves": list(self.moves), "mutual": self.mutual}


@dataclass(frozen=True)
class Blocker(JsonText):
    """A rule of one side that stands against an action (with its first quote)."""

    side: str
    rule: str
    gloss: str
    quote: str | None
    quote_id: str | None
    source: str
    date: dt.date
    unmet: bool = False  # the contrary of a rule whose `only_if` conditions fail

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "rule": self.rule, "gloss": self.gloss, "quote": self.quote,
                "quote_id": self.quote_id, "source": self.source,
                "date": self.date.isoformat(), "unmet": self.unmet}


@dataclass(frozen=True)
class WaitEdge(JsonText):
    """Side `side`'s `action` (a move id, or `goal`) is blocked, and would be permitted once
    the other side's move `waits_for` were taken first: `rule` is what that move clears."""

    side: str
    action: str
    waits_for: str
    by: str  # the side whose move is waited for
    rule: str
    quote: str | None
    cleared: bool  # True: `rule` blocked and no longer applies; False: `rule` newly permits

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "action": self.action, "waits_for": self.waits_for,
                "by": self.by, "rule": self.rule, "quote": self.quote, "cleared": self.cleared}


@dataclass(frozen=True)
class MoveCheck(JsonText):
    """A move (or a mutual step) tried at the start of a candidate: is it permitted, and if not,
    what blocks it."""

    moves: tuple[str, ...]
    permitted: dict[str, bool]
    blocking: tuple[Blocker, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"moves": list(self.moves), "mutual": len(self.moves) > 1,
                "permitted": self.permitted, "blocking": [b.to_dict() for b in self.blocking]}


@dataclass(frozen=True)
class Candidate(JsonText):
    """A candidate overture that is not jointly acceptable within the bound, and why."""

    overture: Overture
    goals: dict[str, str]  # side -> verdict of its goal at the start
    blocking: tuple[Blocker, ...]  # of the goals at the start
    moves: tuple[MoveCheck, ...]
    waits: tuple[WaitEdge, ...]
    reached: int  # states reached from the start within the bound

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.overture.to_dict(), "goals": self.goals,
                "blocking": [b.to_dict() for b in self.blocking],
                "moves": [m.to_dict() for m in self.moves],
                "waits": [w.to_dict() for w in self.waits], "reached": self.reached}


@dataclass(frozen=True)
class Stalemate(JsonText):
    """No overture is jointly acceptable: the wait-for cycle (on the first candidate that has
    one) and every candidate with what blocks it."""

    cycle: tuple[WaitEdge, ...]
    cycle_on: Overture | None
    blocked: tuple[Candidate, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"cycle": [e.to_dict() for e in self.cycle],
                "cycle_on": self.cycle_on.to_dict() if self.cycle_on else None,
                "blocked": [c.to_dict() for c in self.blocked]}


@dataclass(frozen=True)
class JointOverture(JsonText):
    """A jointly acceptable overture, the shortest sequence of steps that leads there, and each
    side's reasons for its goal there (and for each move it takes)."""

    overture: Overture
    steps: tuple[Step, ...]
    reasons: dict[str, tuple[Blocker, ...]]  # side -> reasons for its goal (same shape)
    move_reasons: dict[str, tuple[Blocker, ...]]  # move id -> reasons for it when taken

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.overture.to_dict(), "moves": [s.to_dict() for s in self.steps],
                "reasons": {k: [b.to_dict() for b in v] for k, v in self.reasons.items()},
                "move_reasons": {k: [b.to_dict() for b in v]
                                 for k, v in self.move_reasons.items()}}


@dataclass(frozen=True)
class Change(JsonText):
    """One concession: a rule set aside, an exception granted or a fact made to hold, on one
    side, with the rule (and quote) it overrides."""

    side: str
    kind: str  # "set_aside" | "exception" | "fact"
    target: str  # a rule id, an exception id, or a fact id
    value: bool | None
    overrides: str  # the blocking rule it overrides
    quote: str | None
    facts: tuple[tuple[str, bool], ...] = ()  # the facts it sets (exception, fact)

    def key(self) -> tuple[str, str, str]:
        return (self.side, self.kind, self.target)

    def describe(self) -> str:
        if self.kind == "set_aside":
            return f"{self.side}: set aside {self.target}"
        if self.kind == "exception":
            return f"{self.side}: grant the exception {self.target}"
        return f"{self.side}: make {self.target} {str(self.value).lower()}"

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "kind": self.kind, "target": self.target,
                "value": self.value, "overrides": self.overrides, "quote": self.quote,
                "facts": dict(self.facts), "description": self.describe()}


@dataclass(frozen=True)
class Concession(JsonText):
    """A smallest set of changes after which some overture is jointly acceptable."""

    changes: tuple[Change, ...]
    example: JointOverture

    def to_dict(self) -> dict[str, Any]:
        return {"changes": [c.to_dict() for c in self.changes], "example": self.example.to_dict()}


@dataclass(frozen=True)
class Searched(JsonText):
    """What the search covered."""

    overtures: int  # overtures whose search ran to the end
    states: int
    judged: int
    max_moves: int
    concession_sets: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"overtures": self.overtures, "states": self.states, "judged": self.judged,
                "max_moves": self.max_moves, "concession_sets": self.concession_sets}


@dataclass(frozen=True)
class JointResult(JsonText):
    """The answer of `joint`: the jointly acceptable overtures, or a stalemate certificate."""

    joint_id: str
    date: dt.date
    sides: dict[str, str]  # side -> doctrine id
    goals: dict[str, str]  # side -> goal action
    goal_topics: tuple[str, ...]
    semantics: str
    joint: tuple[JointOverture, ...]
    stalemate: Stalemate | None
    searched: Searched
    exact: bool
    concessions: tuple[Concession, ...] | None = None
    concessions_exact: bool | None = None

    def __repr__(self) -> str:
        what = (f"{len(self.joint)} joint overture(s)" if self.joint
                else "stalemate" if self.stalemate is not None else "nothing found")
        return (f"<JointResult {self.joint_id} {self.date}: {what}"
                f"{'' if self.exact else ' (cut short)'}>")

    def _repr_html_(self) -> str:
        # notebook HTML, drawn by the render layer through the package root (always loaded)
        return str(sys.modules["overture"].notebook_html(self))

    def to_dict(self) -> dict[str, Any]:
        return {
            "joint_id": self.joint_id, "date": self.date.isoformat(), "sides": self.sides,
            "goals": self.goals, "goal_topics": list(self.goal_topics),
            "semantics": self.semantics,
            "joint": [j.to_dict() for j in self.joint],
            "stalemate": self.stalemate.to_dict() if self.stalemate else None,
            "searched": self.searched.to_dict(), "exact": self.exact,
            "concessions": (None if self.concessions is None
                            else [c.to_dict() for c in self.concessions]),
            "concessions_exact": self.concessions_exact,
        }


# --- judging one side -----------------------------------------------------------------------


def blockers_of(side: str, reasons: Iterable[Reason]) -> tuple[Blocker, ...]:
    """Reasons of an evaluation as blockers (or supports) of one side."""
    out: list[Blocker] = []
    for r in reasons:
        q = r.quotes[0] if r.quotes else None
        out.append(Blocker(side, r.rule_id, r.gloss, q.text if q else None, q.id if q else None,
                           r.source, r.date, r.unmet))
    return tuple(out)


class SideJudge:
    """One side's verdicts and reasons on (overture, facts, action): each scenario compiled
    once, each distinct compiled theory solved once and explained once."""

    def __init__(self, setting: JointSetting, side: str, date: dt.date,
                 semantics: str | Semantics, doctrine: Doctrine | None = None, base_facts: Facts = frozenset(),
                 *, reuse: SideJudge | None = None, dropped: frozenset[str] = frozenset()
                 ) -> None:
        """`reuse`: a judge of the same side and facts whose doctrine differs from this one only
        by the rules `dropped`; a scenario in which none of them applied there is not judged
        again (setting aside a rule that does not apply changes nothing)."""
        self.side = side
        self._reuse = reuse if reuse is not None and not base_facts else None
        self._dropped = dropped
        spec = setting.side(side)
        self.doctrine = doctrine or setting.doctrines[side]
        self.counterparty = spec.counterparty
        self.view = spec.view or "all"
        self.initiated_by = spec.initiated_by
        self.date = date
        self.semantics = parse_semantics(semantics)
        self.base = dict(base_facts)
        self._ordering = ordering_of(self.doctrine)
        self._keys: dict[tuple[Overture, Facts, str], tuple[Any, ...]] = {}
        self._verdicts: dict[tuple[Any, ...], Verdict] = {}
        self._reasons: dict[tuple[Any, ...], tuple[tuple[Blocker, ...], tuple[Blocker, ...]]] = {}
        self._judgements: dict[tuple[Any, ...], Judgement] = {}
        self._statements: dict[tuple[Any, ...], frozenset[str]] = {}
        self.judged = 0

    def scenario(self, o: Overture, facts: Facts, action: str) -> Scenario:
        merged = {**self.base, **dict(facts)}
        s = Scenario(counterparty=self.counterparty, topics=list(o.topics), mode=o.mode,
                     date=self.date, view=self.view, initiated_by=self.initiated_by,
                     facts=merged, dimensions=dict(o.dimensions), action=action)
        return self.doctrine.completed(s)

    def _theory(self, o: Overture, facts: Facts, action: str) -> tuple[Any, ...]:
        key = (o, facts, action)
        got = self._keys.get(key)
        if got is None:
            base = self._reuse
            if base is not None:
                base_key = base._theory(o, facts, action)
                if not (base._statements[base_key] & self._dropped):
                    self._adopt(base, base_key)
                    got = self._keys[key] = base_key
                    return got
            scenario = self.scenario(o, facts, action)
            compiled = compile_scenario(self.doctrine, scenario)
            got = self._keys[key] = theory_key(compiled.theory, compiled.question)
            if got not in self._verdicts:
                self.judged += 1
                aev = aspic_evaluate(compiled.theory, self.semantics, self._ordering)
                verdict = self._verdicts[got] = verdict_of(aev, compiled.question)
                self._judgements[got] = Judgement(self.doctrine, scenario, self.semantics,
                                                  compiled, aev, verdict)
                self._statements[got] = frozenset(
                    o_.statement.id for o_ in compiled.origins.values())
        return got

    def _adopt(self, base: SideJudge, key: tuple[Any, ...]) -> None:
        """Take over what `base` knows of one theory (it is the same theory here)."""
        if key not in self._verdicts:
            self._verdicts[key] = base._verdicts[key]
            self._judgements[key] = base._judgements[key]
            self._statements[key] = base._statements[key]

    def verdict(self, o: Overture, facts: Facts, action: str) -> Verdict:
        return self._verdicts[self._theory(o, facts, action)]

    def permitted(self, o: Overture, facts: Facts, action: str) -> bool:
        return self.verdict(o, facts, action) is Verdict.PERMITTED

    def _explained(self, o: Overture, facts: Facts, action: str
                   ) -> tuple[tuple[Blocker, ...], tuple[Blocker, ...]]:
        key = self._theory(o, facts, action)
        got = self._reasons.get(key)
        if got is None:
            ev = build_evaluation(self._judgements[key], [])
            got = self._reasons[key] = (blockers_of(self.side, ev.reasons_for),
                                        blockers_of(self.side, ev.reasons_against))
        return got

    def blocking(self, o: Overture, facts: Facts, action: str) -> tuple[Blocker, ...]:
        """What stands against `action` (empty when permitted, or when nothing permits it)."""
        if self.permitted(o, facts, action):
            return ()
        return self._explained(o, facts, action)[1]

    def supporting(self, o: Overture, facts: Facts, action: str) -> tuple[Blocker, ...]:
        """The reasons for `action`."""
        return self._explained(o, facts, action)[0]


# --- the search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """Moves taken so far and the facts they set on each side (in side order)."""

    taken: frozenset[str]
    facts: tuple[Facts, Facts]


def _with(facts: Facts, sets: dict[str, bool]) -> Facts:
    d = dict(facts)
    d.update(sets)
    return frozenset(d.items())


@dataclass
class _Search:
    setting: JointSetting
    judges: dict[str, SideJudge]
    max_moves: int
    max_evaluations: int
    should_stop: ShouldStop | None
    states: int = 0

    def __post_init__(self) -> None:
        self.order = [s.id for s in self.setting.spec.sides]
        self.moves = {m.id: m for m in self.setting.spec.moves}
        self._already = sum(j.judged for j in self.judges.values())

    @property
    def judged(self) -> int:
        """Theories solved by this search (judges may be shared with earlier searches)."""
        return sum(j.judged for j in self.judges.values()) - self._already

    def _tick(self) -> None:
        check_stop(self.should_stop, "the joint search")
        if self.judged > self.max_evaluations:
            raise LimitExceeded(
                f"the joint search judged more than {self.max_evaluations} scenarios; raise "
                "the limit, lower --max-moves or narrow the overtures")

    def facts_of(self, state: State, side: str) -> Facts:
        return state.facts[self.order.index(side)]

    def goal_ok(self, o: Overture, state: State) -> bool:
        return all(self.judges[s].permitted(o, self.facts_of(state, s),
                                            self.setting.goal_action(s)) for s in self.order)

    def apply(self, state: State, effects: dict[str, dict[str, bool]], taken: Iterable[str]) -> State:
        facts = tuple(_with(state.facts[i], effects.get(s, {})) for i, s in enumerate(self.order))
        return State(state.taken | frozenset(taken), (facts[0], facts[1]))

    def judged_with(self, state: State, m: Move, partner: Move | None = None) -> Facts:
        """The facts `m` is judged with: its side's in `state`, plus, in a mutual step, the
        mutual effects of the other side's move `partner`."""
        facts = self.facts_of(state, m.side)
        return facts if partner is None else _with(facts, partner.mutual or {})

    def step_effects(self, moves: Sequence[Move]) -> dict[str, dict[str, bool]]:
        """The facts a step sets on each side: a single move's `sets` on the other side, or
        each move's `mutual` effects in a mutual step."""
        mutual = len(moves) > 1
        return {self.setting.other(m.side): (m.mutual or {}) if mutual else m.sets
                for m in moves}

    def single_ok(self, o: Overture, state: State, m: Move) -> bool:
        return self.judges[m.side].permitted(o, self.judged_with(state, m), m.action)

    def mutual_ok(self, o: Overture, state: State, a: Move, b: Move) -> dict[str, bool]:
        """Each side's move judged in the state plus the other move's mutual effects."""
        return {mine.side: self.judges[mine.side].permitted(
                    o, self.judged_with(state, mine, theirs), mine.action)
                for mine, theirs in ((a, b), (b, a))}

    def mutual_pairs(self, taken: frozenset[str]) -> list[tuple[Move, Move]]:
        first, second = self.order
        a_moves = [m for m in self.setting.spec.moves
                   if m.side == first and m.mutual is not None and m.id not in taken]
        b_moves = [m for m in self.setting.spec.moves
                   if m.side == second and m.mutual is not None and m.id not in taken]
        return [(a, b) for a in a_moves for b in b_moves]

    def successors(self, o: Overture, state: State, used: int) -> list[tuple[Step, State, int]]:
        out: list[tuple[Step, State, int]] = []
        if used + 1 <= self.max_moves:
            for m in self.setting.spec.moves:
                if m.id in state.taken:
                    continue
                self._tick()
                if self.single_ok(o, state, m):
                    out.append((Step((m.id,)), self.apply(state, self.step_effects([m]), [m.id]),
                                used + 1))
        if used + 2 <= self.max_moves:
            for a, b in self.mutual_pairs(state.taken):
                self._tick()
                ok = self.mutual_ok(o, state, a, b)
                if all(ok.values()):
                    out.append((Step((a.id, b.id)),
                                self.apply(state, self.step_effects([a, b]), [a.id, b.id]),
                                used + 2))
        return out

    def search(self, o: Overture) -> tuple[list[Step] | None, State | None, int]:
        """The shortest step sequence (fewest moves) to a state where both goals hold."""
        start = State(frozenset(), (frozenset(), frozenset()))
        buckets: list[list[tuple[State, list[Step]]]] = [[] for _ in range(self.max_moves + 1)]
        buckets[0].append((start, []))
        seen = {start}
        reached = 0
        for used in range(self.max_moves + 1):
            for state, path in buckets[used]:
                reached += 1
                self.states += 1
                self._tick()
                if self.goal_ok(o, state):
                    return path, state, reached
                for step, nxt, n in self.successors(o, state, used):
                    if nxt not in seen:
                        seen.add(nxt)
                        buckets[n].append((nxt, [*path, step]))
        return None, None, reached


def overtures_of(setting: JointSetting, goal_topics: Sequence[str]) -> list[Overture]:
    """Every overture of the joint file's vocabulary that includes `goal_topics`: topic sets of
    up to `max_topics` (fewest first), each mode, each combination of dimension values."""
    space = setting.spec.overtures
    need = set(goal_topics)
    dims = sorted(space.dimensions.items())
    dim_values = [[(k, v) for v in vals] for k, vals in dims]
    out: list[Overture] = []
    for size in range(1, space.max_topics + 1):
        for topics in itertools.combinations(space.topics, size):
            if not need <= set(topics):
                continue
            for mode in space.modes:
                for combo in itertools.product(*dim_values):
                    out.append(Overture(tuple(topics), mode, tuple(combo)))
    return out


def _joint_overture(s: _Search, o: Overture, steps: list[Step], state: State) -> JointOverture:
    reasons = {side: s.judges[side].supporting(o, s.facts_of(state, side),
                                               s.setting.goal_action(side)) for side in s.order}
    move_reasons: dict[str, tuple[Blocker, ...]] = {}
    cur = State(frozenset(), (frozenset(), frozenset()))
    for step in steps:
        moves = [s.moves[m] for m in step.moves]
        for m in moves:
            partner = next((x for x in moves if x is not m), None)
            move_reasons[m.id] = s.judges[m.side].supporting(o, s.judged_with(cur, m, partner),
                                                             m.action)
        cur = s.apply(cur, s.step_effects(moves), step.moves)
    return JointOverture(o, tuple(steps), reasons, move_reasons)


def _waits(s: _Search, o: Overture, start: State) -> list[WaitEdge]:
    """Wait-for edges at the start: a blocked goal or move of one side, permitted once a move
    of the other side is taken first."""
    edges: list[WaitEdge] = []
    for side in s.order:
        judge_ = s.judges[side]
        facts = s.facts_of(start, side)
        nodes: list[tuple[str, str]] = [(GOAL, s.setting.goal_action(side))]
        nodes += [(m.id, m.action) for m in s.setting.spec.moves if m.side == side]
        other = s.setting.other(side)
        for node, action in nodes:
            if judge_.permitted(o, facts, action):
                continue
            before = judge_.blocking(o, facts, action)
            for m in s.setting.spec.moves:
                if m.side != other:
                    continue
                s._tick()
                after_facts = _with(facts, m.sets)
                if not judge_.permitted(o, after_facts, action):
                    continue
                after = {b.rule for b in judge_.blocking(o, after_facts, action)}
                cleared = [b for b in before if b.rule not in after]
                if cleared:
                    edges.append(WaitEdge(side, node, m.id, other, cleared[0].rule,
                                          cleared[0].quote, True))
                else:
                    new = judge_.supporting(o, after_facts, action)
                    first = new[0] if new else None
                    edges.append(WaitEdge(side, node, m.id, other,
                                          first.rule if first else "", first.quote if first else None,
                                          False))
    return edges


def shortest_cycle(edges: Sequence[WaitEdge]) -> list[WaitEdge]:
    """A shortest cycle of the wait-for graph (nodes: `side:action`), or [] if there is none."""
    def node(side: str, action: str) -> str:
        return f"{side}:{action}"

    succ: dict[str, list[WaitEdge]] = {}
    for e in edges:
        succ.setdefault(node(e.side, e.action), []).append(e)
    best: list[WaitEdge] = []
    for root in sorted(succ):
        # breadth-first from root back to root
        frontier: list[tuple[str, list[WaitEdge]]] = [(root, [])]
        seen = {root}
        found: list[WaitEdge] | None = None
        while frontier and found is None:
            nxt: list[tuple[str, list[WaitEdge]]] = []
            for n, path in frontier:
                for e in succ.get(n, []):
                    target = node(e.by, e.waits_for)
                    if target == root:
                        found = [*path, e]
                        break
                    if target not in seen:
                        seen.add(target)
                        nxt.append((target, [*path, e]))
                if found is not None:
                    break
            frontier = nxt
        if found is not None and (not best or len(found) < len(best)):
            best = found
    return best


def _candidate(s: _Search, o: Overture, reached: int) -> Candidate:
    start = State(frozenset(), (frozenset(), frozenset()))
    goals: dict[str, str] = {}
    blocking: list[Blocker] = []
    for side in s.order:
        action = s.setting.goal_action(side)
        facts = s.facts_of(start, side)
        goals[side] = s.judges[side].verdict(o, facts, action).value
        blocking += s.judges[side].blocking(o, facts, action)
    checks: list[MoveCheck] = []
    for m in s.setting.spec.moves:
        facts = s.facts_of(start, m.side)
        alone = s.judges[m.side].permitted(o, facts, m.action)
        checks.append(MoveCheck((m.id,), {m.side: alone},
                                s.judges[m.side].blocking(o, facts, m.action)))
    for a, b in s.mutual_pairs(frozenset()):
        ok = s.mutual_ok(o, start, a, b)
        blocks: list[Blocker] = []
        for mine, theirs in ((a, b), (b, a)):
            blocks += s.judges[mine.side].blocking(o, s.judged_with(start, mine, theirs),
                                                   mine.action)
        checks.append(MoveCheck((a.id, b.id), ok, tuple(blocks)))
    return Candidate(o, goals, tuple(blocking), tuple(checks), tuple(_waits(s, o, start)),
                     reached)


# --- concessions ---------------------------------------------------------------------------


def _concession_options(setting: JointSetting, blocked: Sequence[Candidate]) -> list[Change]:
    """Every single change that overrides a rule blocking some candidate: set it aside, grant
    an exception that undercuts it, or make a fact hold that it needs (or lifts its condition)."""
    seen: dict[tuple[str, str, str], Change] = {}
    blockers: dict[tuple[str, str], Blocker] = {}
    for c in blocked:
        for b in [*c.blocking, *(b for m in c.moves for b in m.blocking)]:
            blockers.setdefault((b.side, b.rule), b)
    for (side, rule_id), b in blockers.items():
        d = setting.doctrines[side]
        st = d.statements_by_id.get(rule_id)
        if st is None:
            continue
        opts: list[Change] = [Change(side, "set_aside", rule_id, None, rule_id, b.quote)]
        if b.unmet:
            needed = getattr(st, "only_if", None)
            for f, v in (needed.facts.items() if needed is not None else []):
                opts.append(Change(side, "fact", f, v, rule_id, b.quote, ((f, v),)))
        else:
            for f, v in st.when.facts.items():
                opts.append(Change(side, "fact", f, not v, rule_id, b.quote, ((f, not v),)))
        for x in d.exceptions:
            if rule_id in x.undercuts and x.when.facts:
                q = d.quotes_by_id[x.quotes[0]].text if x.quotes else None
                opts.append(Change(side, "exception", x.id, None, rule_id, q,
                                   tuple(sorted(x.when.facts.items()))))
        for ch in opts:
            seen.setdefault(ch.key(), ch)
    return list(seen.values())


def _variant(setting: JointSetting, plain: SideJudge, changes: Sequence[Change]) -> SideJudge:
    """A judge of `plain`'s side with `changes` applied (rules set aside, facts made to hold);
    it reuses `plain`'s verdicts wherever the rules set aside did not apply."""
    if not changes:
        return plain
    d = setting.doctrines[plain.side]
    dropped = frozenset(c.target for c in changes if c.kind == "set_aside")
    if dropped:
        cut = d.model_copy(update={"rules": [r for r in d.rules if r.id not in dropped]})
        cut._path = d.path
        d = cut
    facts = frozenset(dict(f for c in changes for f in c.facts).items())
    return SideJudge(setting, plain.side, plain.date, plain.semantics, d, facts,
                     reuse=plain, dropped=dropped)


def _concessions(setting: JointSetting, plain: dict[str, SideJudge], overtures: Sequence[Overture],
                 max_moves: int, blocked: Sequence[Candidate], max_size: int,
                 max_evaluations: int, should_stop: ShouldStop | None
                 ) -> tuple[list[Concession], bool, int]:
    """The smallest change sets (up to `max_size`) after which some overture of `overtures` is
    jointly acceptable; `plain` are the unchanged sides' judges of the search that failed."""
    options = _concession_options(setting, blocked)
    found: list[Concession] = []
    tried = 0
    budget = max_evaluations
    variants: dict[tuple[str, frozenset[tuple[str, str, str]]], SideJudge] = {}
    for size in range(1, max_size + 1):
        for combo in itertools.combinations(options, size):
            keys = {c.key() for c in combo}
            if len(keys) < size or any({c.key() for c in f.changes} <= keys for f in found):
                continue
            # two values for one fact of one side contradict each other
            facts = [(c.side, f) for c in combo for f, _v in c.facts]
            if len(facts) != len(set(facts)):
                continue
            check_stop(should_stop, "the concession search")
            judges: dict[str, SideJudge] = {}
            for side, base in plain.items():
                mine = [c for c in combo if c.side == side]
                vkey = (side, frozenset(c.key() for c in mine))
                if vkey not in variants and len(variants) >= 256:
                    variants.clear()
                judges[side] = variants.setdefault(vkey, _variant(setting, base, mine))
            s = _Search(setting, judges, max_moves, budget, should_stop)
            tried += 1
            try:
                for o in overtures:
                    steps, state, _n = s.search(o)
                    if steps is not None and state is not None:
                        found.append(Concession(tuple(combo), _joint_overture(s, o, steps, state)))
                        break
            except LimitExceeded:
                return found, False, tried
            budget -= s.judged
            if budget <= 0:
                return found, False, tried
    return found, True, tried


# --- the entry point -----------------------------------------------------------------------


def joint(
    setting: JointLike,
    date: dt.date | str | None = None,
    *,
    max_moves: int | None = None,
    goal_topics: Sequence[str] | None = None,
    semantics: str = "grounded",
    concessions: bool = False,
    max_concessions: int = 1,
    max_evaluations: int = 200_000,
    should_stop: ShouldStop | None = None,
) -> JointResult:
    """Search a joint file's overtures and move orders, as of `date`, for overtures both sides
    permit; when there is none within `max_moves` moves, return the stalemate certificate.

    `setting` is a `JointSetting`, a shipped joint id (`overture joint --list`), a file path
    or a mapping. `goal_topics` (default: the file's goal) are topics every overture counted must
    include. With `concessions`, also the smallest sets (up to `max_concessions` changes) of
    rules set aside, exceptions granted or facts made to hold after which some overture is
    jointly acceptable. Exact within the bound; `exact` is False only when `max_evaluations`
    cut it short, and then the overtures found so far are returned and no stalemate is claimed.
    """
    st = resolve_joint(setting)
    when = _date(date)
    moves_bound = st.spec.max_moves if max_moves is None else max_moves
    if not 0 <= moves_bound <= 8:
        raise InputError(f"max_moves must be between 0 and 8, got {moves_bound}")
    topics = tuple(st.spec.goal.topics if goal_topics is None else goal_topics)
    unknown = [t for t in topics if t not in st.spec.overtures.topics]
    if unknown:
        raise InputError(f"unknown goal topic(s) {', '.join(unknown)}; the overtures searched "
                         f"have: {', '.join(st.spec.overtures.topics)}")
    if len(topics) > st.spec.overtures.max_topics:
        raise InputError(f"{len(topics)} goal topics, but overtures have at most "
                         f"{st.spec.overtures.max_topics} topics")
    sem = parse_semantics(semantics).full_name
    judges = {s.id: SideJudge(st, s.id, when, semantics) for s in st.spec.sides}
    search = _Search(st, judges, moves_bound, max_evaluations, should_stop)
    overtures = overtures_of(st, topics)
    found: list[JointOverture] = []
    misses: list[tuple[Overture, int]] = []
    exact = True
    try:
        for o in overtures:
            steps, state, reached = search.search(o)
            if steps is not None and state is not None:
                found.append(_joint_overture(search, o, steps, state))
            else:
                misses.append((o, reached))
    except LimitExceeded:
        exact = False
    stalemate = None
    if not found and exact:  # a stalemate is claimed only when every overture was searched
        blocked = [_candidate(search, o, n) for o, n in misses]
        cycle: list[WaitEdge] = []
        cycle_on = None
        for c in blocked:
            cyc = shortest_cycle(c.waits)
            if cyc and (not cycle or len(cyc) < len(cycle)):
                cycle, cycle_on = cyc, c.overture
        stalemate = Stalemate(tuple(cycle), cycle_on, tuple(blocked))
    conc: list[Concession] | None = None
    conc_exact: bool | None = None
    tried = 0
    if concessions and stalemate is not None:
        conc, conc_exact, tried = _concessions(
            st, judges, overtures, moves_bound, stalemate.blocked, max_concessions,
            max_evaluations, should_stop)
    return JointResult(
        joint_id=st.spec.id, date=when,
        sides={s.id: st.doctrines[s.id].id for s in st.spec.sides},
        goals={s.id: st.goal_action(s.id) for s in st.spec.sides}, goal_topics=topics,
        semantics=sem, joint=tuple(found), stalemate=stalemate,
        searched=Searched(len(found) + len(misses), search.states, search.judged, moves_bound,
                          tried),
        exact=exact, concessions=None if conc is None else tuple(conc),
        concessions_exact=conc_exact,
    )


def _date(date: dt.date | str | None) -> dt.date:
    if date is None:
        return dt.date.today()
    if isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        raise InputError(f"date: expected an ISO date (YYYY-MM-DD), got {date!r}") from None
