"""Every explanation is a claim about the computed defeat relation and extension: test the claims.

For generated doctrines under several semantics, each "defeated by" of `evaluate`, each answer
and defence of `explain` and each defeat `why_not` cites must hold in the framework actually
computed; under grounded semantics the defeater named first is the one that enters the grounded
extension earliest (rounds of the fixpoint iteration, recomputed here by brute force), and no
defence is circular. Plus the two regressions: an odd cycle is undecided, not contested; an
undercut beside a mutual rebuttal is what settles the defeat.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from overture.aspic.attacks import AttackKind
from overture.doctrine import Doctrine, Scenario, problems
from overture.errors import OvertureError
from overture.render.aspic_graph import graph_from_verdict
from overture.verdict import Evaluation, Line, Verdict, evaluate, explain, why_not

SEMANTICS = ["grounded", "preferred", "stable", "ideal", "complete", "semi-stable"]
LITERALS = ["accept_talks", "~accept_talks", "m1", "~m1", "m2", "~m2", "m3"]


def tiny(rules: list[dict[str, Any]], exceptions: list[dict[str, Any]] | None = None,
         prefs: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A one-source doctrine around the given rules, exceptions and preferences."""
    base = {"source": "s1", "stated": "2001-01-01", "quotes": ["q1"]}
    return {
        "schema_version": 1, "id": "tiny", "title": "tiny",
        "sources": [{"id": "s1", "title": "S1", "publisher": "P", "date": "2001-01-01",
                     "kind": "speaker", "speaker": "X", "location": "s1.txt"}],
        "quotes": [{"id": "q1", "source": "s1", "text": "one"}],
        "counterparties": [{"id": "c1", "name": "c1"}],
        "topics": [{"id": "t1", "description": "t1"}],
        "modes": [{"id": "deal", "description": "deal"}],
        "initiators": [{"id": "counterparty", "description": "counterparty"}],
        "facts": [{"id": "f1", "description": "f1"}, {"id": "f2", "description": "f2"}],
        "rules": [{**base, "gloss": r["id"], **r} for r in rules],
        "exceptions": [{**base, "gloss": x["id"], **x} for x in exceptions or []],
        "preferences": list(prefs or []),
        "views": [{"id": "all", "title": "All", "sources": ["s1"]}],
    }


SCENARIO = {"counterparty": "c1", "topics": ["t1"], "mode": "deal", "date": "2005-01-01"}


@st.composite
def doctrines(draw: Any) -> dict[str, Any]:
    """Rules on a few literals, resting on facts or on other rules' conclusions, exceptions
    that may rest on derived literals too (so cycles of undercuts arise), and preferences."""
    n = draw(st.integers(1, 6))
    rules = []
    for i in range(n):
        when: dict[str, Any] = {}
        if draw(st.booleans()):
            when["facts"] = draw(st.dictionaries(st.sampled_from(["f1", "f2"]), st.booleans(),
                                                 max_size=1))
        if i and draw(st.integers(0, 2)) == 0:
            when["holds"] = [draw(st.sampled_from([r["then"] for r in rules]))]
            if "accept_talks" in when["holds"][0]:
                del when["holds"]
        then = draw(st.sampled_from(LITERALS)) if i else draw(
            st.sampled_from(["accept_talks", "~accept_talks"]))
        rules.append({"id": f"r{i}", "when": when, "then": then,
                      "strict": draw(st.integers(0, 7)) == 0})
    defeasible = [r["id"] for r in rules if not r["strict"]]
    exceptions = []
    for k in range(draw(st.integers(0, 3)) if defeasible else 0):
        when = {}
        if draw(st.booleans()):
            derived = [r["then"] for r in rules if "accept_talks" not in r["then"]]
            if derived:
                when["holds"] = [draw(st.sampled_from(derived))]
        else:
            when["facts"] = {draw(st.sampled_from(["f1", "f2"])): draw(st.booleans())}
        exceptions.append({"id": f"x{k}", "when": when,
                           "undercuts": [draw(st.sampled_from(defeasible))]})
    prefs = []
    for _ in range(draw(st.integers(0, 3)) if len(defeasible) > 1 else 0):
        a, b = draw(st.sampled_from(defeasible)), draw(st.sampled_from(defeasible))
        if a != b:
            prefs.append({"stronger": a, "weaker": b})
    return tiny(rules, exceptions, prefs)


facts = st.dictionaries(st.sampled_from(["f1", "f2"]), st.booleans())


def brute_rounds(n: int, defeaters: list[frozenset[int]]) -> dict[int, int]:
    """Round at which each argument enters the grounded extension: iterate Dung's F from ∅."""
    current: set[int] = set()
    rounds: dict[int, int] = {}
    step = 0
    while True:
        hit = {b for b in range(n) if defeaters[b] & current}
        following = {a for a in range(n) if all(d in hit for d in defeaters[a])}
        if following == current:
            return rounds
        for a in following - current:
            rounds[a] = step
        current = following
        step += 1


def check_claims(ev: Evaluation) -> None:
    aev = ev.aspic
    n = aev.af.n
    defeaters = aev.graph.defeaters
    grounded = aev.semantics.value == "GR"
    rounds = brute_rounds(n, defeaters)
    in_every = frozenset.intersection(*aev.extensions) if aev.extensions else frozenset()
    in_some = frozenset().union(*aev.extensions) if aev.extensions else frozenset()
    index = {a.name: a.id for a in aev.arguments}

    # evaluate: every "defeated by" is a defeat by an argument of the extension(s)
    for df in ev.defeated:
        lost, by = index[df.argument], index[df.defeated_by_argument]
        assert by in defeaters[lost], df
        assert by in in_some, df
        assert by in in_every or not (defeaters[lost] & in_every), df
        if grounded:  # the settling defeater enters the grounded extension first
            assert by in rounds
            assert rounds[by] == min(rounds[d] for d in defeaters[lost] if d in rounds), df
        direct = [x for x in aev.graph.attacks_on(lost, defeats_only=True) if x.attacker == by]
        assert direct, df
        if df.why == "exception":
            assert any(x.kind is AttackKind.UNDERCUT for x in direct), df
        for other in df.also_defeated_by:
            assert index[other] in defeaters[lost] and index[other] in in_some, df
        statement = ev.argument(df.defeated_by_argument).rule_id
        assert df.defeated_by == statement

    # explain: answers and defences hold, and no defence comes from the path above it
    def walk(line: Line, path: frozenset[int]) -> None:
        me = index[line.argument.id]
        here = path | {me}
        for sub in line.subs:
            walk(sub, here)
        for c in line.challenges:
            attacker = index[c.attacker.id]
            attacks = [x for x in aev.graph.direct[me] if x.attacker == attacker]
            assert attacks, c
            if c.outcome == "fails":
                assert any(not x.defeat for x in attacks)
                continue
            if c.outcome in ("succeeds", "answered", "self-defended"):
                assert any(x.defeat for x in attacks), c
            if c.outcome == "succeeds":
                assert attacker in in_every
            if c.outcome == "answered" and c.answered_by_argument is not None:
                d = index[c.answered_by_argument]
                assert d in defeaters[attacker] and d in in_every, c
                assert d not in here, c  # never circular
                if grounded and me in rounds:  # a line of the grounded extension
                    assert rounds[d] < rounds[me], c
                if c.answered_by is not None:
                    assert c.answered_by.argument.id == c.answered_by_argument
                    walk(c.answered_by, here)
            if c.outcome == "self-defended":
                assert not grounded
                d = index[c.answered_by_argument or ""]
                assert d in here and d in defeaters[attacker] and d in in_every

    ex = explain(ev)
    for line in [*ex.winning, *ex.opposing]:
        walk(line, frozenset())

    # the map's captioned edges between arguments: a succeeding one is a defeat of the
    # computed relation and says why as the evaluation does; a failing one is an attack that
    # is not a defeat
    whys = {(df.defeated_by_argument, df.argument): df.why for df in ev.defeated}
    for folded in (False, True):
        for e in graph_from_verdict(ev, hide_defeated=folded, include_scenario=True).edges:
            if not e.caption or e.source not in index or e.target not in index:
                continue
            by, lost = index[e.source], index[e.target]
            if e.succeeds:
                assert by in defeaters[lost], e
                if (e.source, e.target) in whys:
                    assert e.caption == whys[(e.source, e.target)], e
                else:
                    assert e.caption == next(x.why for x in ev.attacks if x.succeeds and
                                             (x.attacker, x.target) == (e.source, e.target)), e
            else:
                assert any(x.attacker == by and not x.defeat for x in aev.graph.direct[lost]), e
                assert e.caption == next(x.why for x in ev.attacks if not x.succeeds and
                                         (x.attacker, x.target) == (e.source, e.target)), e
                assert e.caption.startswith("fails"), e
    full = graph_from_verdict(ev, include_scenario=True)
    pairs = {(e.source, e.target) for e in full.edges if e.caption and e.succeeds}
    for df in ev.defeated:  # each settled defeat is on the unfolded map, or a sub's is
        assert (df.defeated_by_argument, df.argument) in pairs or df.on is not None, df

    # why-not cites the same defeats as the evaluation
    for target in Verdict:
        wn = why_not(ev, target=target)
        cited = {df.rule_id: df.defeated_by for df in ev.defeated}
        for text in wn.defeated_support:
            rule, _, rest = text.partition(" is defeated by ")
            assert cited.get(rule) == rest.split(" (")[0], text


@settings(max_examples=150, deadline=None)
@given(doctrines(), facts, st.sampled_from(SEMANTICS))
def test_every_explanation_holds_in_the_computed_framework(
        data: dict[str, Any], fs: dict[str, bool], semantics: str) -> None:
    try:
        d = Doctrine.model_validate(data)
    except ValueError:
        return
    if problems(d):
        return
    try:
        ev = evaluate({**SCENARIO, "facts": fs}, d, semantics)
    except OvertureError:
        return
    check_claims(ev)


def test_an_odd_cycle_is_undecided_not_contested() -> None:
    """Three arguments undercut each other in a ring: the only preferred extension is empty."""
    odd = tiny(
        rules=[{"id": "r1", "then": "m1"}, {"id": "r2", "then": "m2"}, {"id": "r3", "then": "m3"},
               {"id": "yes", "when": {"holds": ["m1"]}, "then": "accept_talks"},
               {"id": "no", "when": {"holds": ["m2"]}, "then": "~accept_talks"}],
        exceptions=[{"id": "x1", "when": {"holds": ["m1"]}, "undercuts": ["r2"]},
                    {"id": "x2", "when": {"holds": ["m2"]}, "undercuts": ["r3"]},
                    {"id": "x3", "when": {"holds": ["m3"]}, "undercuts": ["r1"]}],
    )
    d = Doctrine.model_validate(odd)
    assert not problems(d)
    for semantics in ("grounded", "preferred", "ideal"):
        ev = evaluate(SCENARIO, d, semantics)
        assert ev.verdict is Verdict.UNDECIDED, semantics
        check_claims(ev)


def test_the_undercut_settles_a_defeat_beside_a_mutual_rebuttal() -> None:
    """A default refusal undercut by an exception and rebutted by an unordered rule for talks:
    the undercut decides, and the winning line is defended by the exception, not by itself."""
    mutual = tiny(
        rules=[{"id": "default_no", "then": "~accept_talks"},
               {"id": "yes", "when": {"facts": {"f1": True}}, "then": "accept_talks"}],
        exceptions=[{"id": "x", "when": {"facts": {"f1": True}}, "undercuts": ["default_no"]}],
    )
    d = Doctrine.model_validate(mutual)
    ev = evaluate({**SCENARIO, "facts": {"f1": True}}, d)
    assert ev.verdict is Verdict.PERMITTED
    (df,) = [x for x in ev.defeated if x.rule_id == "default_no"]
    assert (df.defeated_by, df.why) == ("x", "exception")
    assert [ev.argument(a).rule_id for a in df.also_defeated_by] == ["yes"]
    assert "x" in [r.rule_id for r in ev.reasons_for]
    ex = explain(ev)
    (line,) = [x for x in ex.winning if x.argument.rule_id == "yes"]
    (challenge,) = [c for c in line.challenges if c.attacker.rule_id == "default_no"]
    assert challenge.outcome == "answered"
    assert challenge.answered_by is not None and challenge.answered_by.argument.rule_id == "x"
    wn = why_not(ev, target="forbidden")
    assert any(s.startswith("default_no is defeated by x (exception") for s in wn.defeated_support)
    check_claims(ev)


def test_dates_and_semantics_of_the_generated_scenario_are_valid() -> None:
    """The fixed scenario of this module is valid for every generated doctrine's vocabulary."""
    d = Doctrine.model_validate(tiny([{"id": "r0", "then": "accept_talks"}]))
    s = Scenario.model_validate(SCENARIO)
    d.check_scenario(s)
    assert s.date == dt.date(2005, 1, 1)
