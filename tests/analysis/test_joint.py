"""The joint search over two doctrines: the shipped pair as the record shows it, every claim of
a stalemate certificate checked against the verdicts themselves, and random pairs of small
doctrines against a brute-force search over all overtures and move orders."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from overture import joint
from overture.analysis.joint import JointResult, Overture, WaitEdge
from overture.analysis.joint_file import JointSetting, parse_joint, resolve_joint
from overture.cli.main import app
from overture.doctrine import Doctrine, Scenario, parse_doctrine
from overture.errors import InputError, OvertureError
from overture.verdict import Verdict, evaluate
from overture.verdict.judge import judge

PAIR = "iran-us+us-iran"
runner = CliRunner()


def _verdict(setting: JointSetting, side: str, o: Overture, facts: dict[str, bool],
             action: str, date: dt.date) -> Verdict:
    spec = setting.side(side)
    d = setting.doctrines[side]
    s = d.completed(Scenario(counterparty=spec.counterparty, topics=list(o.topics), mode=o.mode,
                             date=date, view=spec.view or "all", facts=facts,
                             dimensions=dict(o.dimensions), action=action))
    return judge(d, s).verdict


def _against(setting: JointSetting, side: str, o: Overture, facts: dict[str, bool],
             action: str, date: dt.date) -> set[str]:
    spec = setting.side(side)
    d = setting.doctrines[side]
    s = d.completed(Scenario(counterparty=spec.counterparty, topics=list(o.topics), mode=o.mode,
                             date=date, view=spec.view or "all", facts=facts,
                             dimensions=dict(o.dimensions), action=action))
    return {r.rule_id for r in evaluate(s, d).reasons_against}


def check_certificate(setting: JointSetting, result: JointResult) -> None:
    """Every claim of the certificate holds in the verdicts computed afresh."""
    assert result.stalemate is not None
    moves = {m.id: m for m in setting.spec.moves}
    for c in result.stalemate.blocked:
        o = c.overture
        for side, verdict in c.goals.items():
            assert _verdict(setting, side, o, {}, setting.goal_action(side),
                            result.date).value == verdict
        assert not all(v == "permitted" for v in c.goals.values())
        for b in c.blocking:
            assert b.rule in _against(setting, b.side, o, {}, setting.goal_action(b.side),
                                      result.date)
        for e in c.waits:
            check_edge(setting, result.date, o, e, moves)
    cyc = result.stalemate.cycle
    for a, b in zip(cyc, [*cyc[1:], *cyc[:1]], strict=True):
        assert (a.by, a.waits_for) == (b.side, b.action)
    for e in cyc:
        assert result.stalemate.cycle_on is not None
        check_edge(setting, result.date, result.stalemate.cycle_on, e, moves)


def check_edge(setting: JointSetting, date: dt.date, o: Overture, e: WaitEdge,
               moves: dict[str, Any]) -> None:
    action = (setting.goal_action(e.side) if e.action == "goal" else moves[e.action].action)
    other = moves[e.waits_for]
    assert other.side == e.by != e.side
    assert _verdict(setting, e.side, o, {}, action, date) is not Verdict.PERMITTED
    after = dict(other.sets)
    assert _verdict(setting, e.side, o, after, action, date) is Verdict.PERMITTED
    if e.cleared:
        assert e.rule in _against(setting, e.side, o, {}, action, date)
        assert e.rule not in _against(setting, e.side, o, after, action, date)


# --- the shipped pair, as the record shows it ---------------------------------------------


def test_2013_interim_deal_is_jointly_acceptable_by_reciprocal_steps() -> None:
    r = joint(PAIR, "2013-11-24")
    assert r.exact and r.stalemate is None
    nuclear = [j for j in r.joint if "nuclear" in j.overture.topics]
    assert nuclear
    first = nuclear[0]
    assert [s.moves for s in first.steps] == [("iran_initial_steps", "us_lifts_sanctions")]
    assert first.steps[0].mutual
    assert "j2013_interim_deal" in {b.rule for b in first.reasons["iran"]}
    assert "u2_reciprocal_relief" in {b.rule for b in first.move_reasons["us_lifts_sanctions"]}


def test_2021_stalemate_cycle_runs_through_sanctions_and_compliance() -> None:
    setting = resolve_joint(PAIR)
    r = joint(setting, "2021-03-01")
    assert r.exact and not r.joint and r.stalemate is not None
    cycle = {(e.side, e.action, e.waits_for) for e in r.stalemate.cycle}
    assert cycle == {("iran", "iran_returns_to_compliance", "us_lifts_sanctions"),
                     ("us", "us_lifts_sanctions", "iran_returns_to_compliance")}
    for e in r.stalemate.cycle:
        d = setting.doctrines[e.side]
        rule = d.statements_by_id[e.rule]
        assert e.quote in {d.quotes_by_id[q].text for q in rule.quotes}
    check_certificate(setting, r)


def test_2025_no_joint_overture_touches_enrichment_and_both_red_lines_are_named() -> None:
    setting = resolve_joint(PAIR)
    r = joint(setting, "2025-06-01")
    assert r.joint and all("enrichment" not in j.overture.topics for j in r.joint)
    red = joint(setting, "2025-06-01", goal_topics=["enrichment"])
    assert not red.joint and red.stalemate is not None
    for c in red.stalemate.blocked:
        us_rules = {b.rule for b in c.blocking if b.side == "us"}
        assert "u6_red_line" in us_rules
        halt = next(m for m in c.moves if m.moves == ("iran_ends_enrichment",))
        assert not halt.permitted["iran"]
        assert "d7_enrichment_continues" in {b.rule for b in halt.blocking}
    check_certificate(setting, red)


def test_concessions_are_minimal_and_work() -> None:
    setting = resolve_joint(PAIR)
    r = joint(setting, "2025-06-01", goal_topics=["enrichment"], concessions=True)
    assert r.concessions and r.concessions_exact
    described = {c.changes[0].describe() for c in r.concessions}
    assert "us: set aside u6_red_line" in described
    for c in r.concessions:
        assert len(c.changes) == 1
        assert c.changes[0].quote
        assert "enrichment" in c.example.overture.topics


def test_cli_and_json() -> None:
    res = runner.invoke(app, ["joint", PAIR, "--date", "2021-03-01", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["joint"] == [] and data["exact"] is True
    assert {e["waits_for"] for e in data["stalemate"]["cycle"]} == {
        "us_lifts_sanctions", "iran_returns_to_compliance"}
    assert {"overtures", "states", "judged"} <= set(data["searched"])
    res = runner.invoke(app, ["joint", PAIR, "--date", "2013-11-24"])
    assert res.exit_code == 0 and "jointly acceptable" in res.stdout
    res = runner.invoke(app, ["joint", "--list"])
    assert PAIR in res.stdout
    res = runner.invoke(app, ["schema", "joint"])
    assert json.loads(res.stdout)["title"] == "Overture joint file"


def test_a_search_cut_short_claims_no_stalemate() -> None:
    r = joint(PAIR, "2021-03-01", max_evaluations=5)
    assert not r.exact and r.stalemate is None and not r.joint
    assert r.searched.overtures < 40


def test_bad_joint_files_are_located() -> None:
    good = resolve_joint(PAIR)
    text = json.dumps({**good.spec.model_dump(mode="json"),
                       "moves": [{"id": "m", "side": "us", "action": "fly"}]}, indent=1)
    with pytest.raises(InputError) as exc:
        parse_joint(text, "j.json")
    assert "unknown action of doctrine us-iran 'fly'" in exc.value.message
    assert exc.value.location is not None and exc.value.location.line > 1
    with pytest.raises(OvertureError):
        joint(PAIR, "2021-02-30")
    with pytest.raises(InputError):
        joint(PAIR, "2021-03-01", goal_topics=["trade"])
    res = runner.invoke(app, ["joint", "no-such-joint"])
    assert res.exit_code != 0 and "no shipped joint file" in res.output


# --- random pairs against brute force -----------------------------------------------------

FACTS = ["f1", "f2", "f3"]


def small_doctrine(did: str, rules: list[dict[str, Any]]) -> Doctrine:
    data = {
        "schema_version": 2, "id": did, "title": did, "actions": ["goal", "move"],
        "sources": [{"id": "s1", "title": "S1", "publisher": "P", "date": "2004-12-31",
                     "kind": "speaker", "speaker": "X", "location": "s1.txt"}],
        "quotes": [{"id": "q1", "source": "s1", "text": "one"}],
        "counterparties": [{"id": "other", "name": "other"}],
        "topics": [{"id": "t1", "description": "t1"}, {"id": "t2", "description": "t2"}],
        "modes": [{"id": "deal", "description": "deal"}],
        "initiators": [{"id": "counterparty", "description": "counterparty"}],
        "dimensions": [{"id": "channel", "description": "c", "default": "direct",
                        "values": [{"id": "direct", "description": "d"},
                                   {"id": "indirect", "description": "i"}]}],
        "facts": [{"id": f, "description": f} for f in FACTS],
        "rules": [{"source": "s1", "quotes": ["q1"], "gloss": r["id"], **r} for r in rules],
        "policies": [{"id": "later", "kind": "later_statement"}],
        "views": [{"id": "all", "title": "All", "sources": ["s1"]}],
    }
    return parse_doctrine(json.dumps(data), f"{did}.json")


@st.composite
def rule_sets(draw: Any) -> list[dict[str, Any]]:
    """A goal and a move that often wait on facts the other side's moves set, and a few
    random rules for or against either."""
    fact = st.sampled_from(FACTS)
    out: list[dict[str, Any]] = []
    goal: dict[str, Any] = {"id": "r0", "when": {}, "then": "goal", "stated": "2001-01-01"}
    if draw(st.integers(0, 3)):
        goal["only_if"] = {"facts": {draw(fact): True}}
    move: dict[str, Any] = {"id": "r1", "when": {}, "then": "move", "stated": "2001-01-01"}
    if draw(st.booleans()):
        move["only_if"] = {"facts": {draw(fact): True}}
    out += [goal, move]
    for i in range(2, 2 + draw(st.integers(0, 3))):
        when: dict[str, Any] = {}
        if draw(st.integers(0, 3)):
            when["facts"] = draw(st.dictionaries(fact, st.booleans(), min_size=1, max_size=2))
        if draw(st.integers(0, 3)) == 0:
            when["topics_any"] = [draw(st.sampled_from(["t1", "t2"]))]
        if draw(st.integers(0, 3)) == 0:
            when["channel"] = [draw(st.sampled_from(["direct", "indirect"]))]
        then = draw(st.sampled_from(["goal", "~goal", "move", "~move"]))
        out.append({"id": f"r{i}", "when": when, "then": then,
                    "stated": f"200{draw(st.integers(1, 4))}-01-01"})
    return out


@st.composite
def pairs(draw: Any) -> tuple[dict[str, Any], dict[str, Doctrine]]:
    docs = {"a": small_doctrine("a", draw(rule_sets())), "b": small_doctrine("b", draw(rule_sets()))}
    moves = []
    for side in ("a", "b"):
        for k in range(draw(st.integers(1, 2))):
            sets = draw(st.dictionaries(st.sampled_from(FACTS), st.just(True) | st.booleans(),
                                        min_size=1, max_size=2))
            mutual = (draw(st.dictionaries(st.sampled_from(FACTS), st.just(True) | st.booleans(),
                                           min_size=1, max_size=2))
                      if draw(st.integers(0, 3)) else None)
            moves.append({"id": f"{side}{k}", "side": side, "action": "move", "sets": sets,
                          **({"mutual": mutual} if mutual is not None else {})})
    spec = {"id": "a+b", "sides": [{"id": "a", "doctrine": "a", "counterparty": "other"},
                                   {"id": "b", "doctrine": "b", "counterparty": "other"}],
            "moves": moves,
            "overtures": {"topics": ["t1", "t2"], "max_topics": 2, "modes": ["deal"],
                          "dimensions": {"channel": ["direct", "indirect"]}},
            "max_moves": draw(st.integers(1, 4))}
    return spec, docs


def fewest_moves(setting: JointSetting, date: dt.date, o: Overture) -> int | None:
    """The fewest moves after which both goals hold on `o`: every order of steps tried, each
    verdict judged afresh (None: no order within the bound)."""
    spec = setting.spec
    other = {"a": "b", "b": "a"}
    best: int | None = None

    def ok(side: str, facts: dict[str, bool], action: str) -> bool:
        return _verdict(setting, side, o, facts, action, date) is Verdict.PERMITTED

    def walk(taken: frozenset[str], facts: dict[str, dict[str, bool]], used: int) -> None:
        nonlocal best
        if all(ok(s, facts[s], setting.goal_action(s)) for s in ("a", "b")):
            best = used if best is None else min(best, used)
            return
        for m in spec.moves:
            if m.id not in taken and used + 1 <= spec.max_moves and ok(
                    m.side, facts[m.side], m.action):
                nf = {s: dict(v) for s, v in facts.items()}
                nf[other[m.side]].update(m.sets)
                walk(taken | {m.id}, nf, used + 1)
        for x, y in itertools.product(spec.moves, spec.moves):
            if (x.side, y.side) != ("a", "b") or x.mutual is None or y.mutual is None:
                continue
            if x.id in taken or y.id in taken or used + 2 > spec.max_moves:
                continue
            if ok("a", {**facts["a"], **y.mutual}, x.action) and ok(
                    "b", {**facts["b"], **x.mutual}, y.action):
                nf = {s: dict(v) for s, v in facts.items()}
                nf["b"].update(x.mutual)
                nf["a"].update(y.mutual)
                walk(taken | {x.id, y.id}, nf, used + 2)

    walk(frozenset(), {"a": {}, "b": {}}, 0)
    return best


def brute(setting: JointSetting, date: dt.date) -> dict[Overture, int]:
    """Every overture of the vocabulary with the fewest moves that make it jointly acceptable."""
    out: dict[Overture, int] = {}
    for n in (1, 2):
        for ts in itertools.combinations(setting.spec.overtures.topics, n):
            for ch in ("direct", "indirect"):
                o = Overture(tuple(ts), "deal", (("channel", ch),))
                got = fewest_moves(setting, date, o)
                if got is not None:
                    out[o] = got
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_random_pairs_agree_with_brute_force(pair: tuple[dict[str, Any], dict[str, Doctrine]]) -> None:
    spec, docs = pair
    setting = resolve_joint(spec, docs.__getitem__)
    date = dt.date(2005, 1, 1)
    r = joint(setting, date)
    expected = brute(setting, date)
    assert r.exact
    got = {j.overture: sum(len(s.moves) for s in j.steps) for j in r.joint}
    assert got == expected
    if not expected:
        check_certificate(setting, r)
