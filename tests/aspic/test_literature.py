"""Worked examples of the ASPIC+ literature, each reproducing the published outcome."""

from __future__ import annotations

from overture.aspic import (
    AttackGraph,
    Comparison,
    Link,
    Ordering,
    build_arguments,
    parse_literal,
    parse_theory,
    strictly_weaker,
)
from overture.aspic.evaluation import evaluate
from overture.aspic.rationality import IssueKind, check_postulates, check_theory, transpose

L = parse_literal

# Modgil & Prakken 2013 ("A general account of argumentation with preferences", AIJ 195),
# running example of Sec. 3: Rs = {t, q -> ¬p}, Rd = {~s => t; r => q; a => p},
# Kp = {a, r, ¬r, ~s}. The paper's weak negation "~s" is the atom `ns` here, with s a
# contrary of it; its classical negation ¬ is written ~. Extension (d): ~d => s; extension
# (e): the strict undercutter r -> ¬d3. Preferences: d2 < d3, ¬r <' r, ~s <' ¬r.
MP2013 = """
premise: a, r, ~r, ns;
[d1] ns => t;
[d2] r => q;
[d3] a => p;
[s1] t, q -> ~p;
s ^ ns;
"""
MP2013_D = "premise: nd; [d4] nd => s; d ^ nd;"
MP2013_E = "[s2] r -> ~[d3];"
MP2013_PREFS = "d2 < d3; ~r < r; ns < ~r;"


def _by_text(args):  # type: ignore[no-untyped-def]
    return {str(a).split(": ", 1)[1]: a for a in args}


def _one(args, conclusion: str, rule: str | None = None):  # type: ignore[no-untyped-def]
    found = [a for a in args.for_conclusion(L(conclusion))
             if rule is None or (a.top_rule is not None and a.top_rule.name == rule)]
    assert len(found) == 1, found
    return found[0]


def test_mp2013_running_example_arguments_and_attacks() -> None:
    theory = parse_theory(MP2013)
    args = build_arguments(theory)
    assert len(args) == 8  # A', A, B1, B1', B2, B2', B, C
    b = _one(args, "~p")
    assert b.premises == {L("ns"), L("r")}
    assert b.defeasible_rules == {"d1", "d2"} == b.last_defeasible_rules
    assert len(b.sub_arguments()) == 5
    g = AttackGraph(args, Ordering())
    a, c = _one(args, "p"), _one(args, "~r")
    b2, b2p = _one(args, "r"), _one(args, "q")
    kinds = {(x.attacker, x.on): x.kind.value for lst in g.direct for x in lst}
    assert kinds[(b.id, a.id)] == "rebut"  # B rebuts A
    assert kinds[(c.id, b2.id)] == "undermine"  # C undermines B2 (and so B2', B)
    assert kinds[(b2.id, c.id)] == "undermine"  # B2 undermines C
    assert not any(x.attacker == a.id for x in g.attacks_on(b.id))  # A does not attack B
    assert not g.attacks_on(c.id) or all(x.attacker != b.id for x in g.attacks_on(c.id))
    assert c.id in {x.attacker for x in g.attacks_on(b2p.id)}


def test_mp2013_contrary_undermining_and_undercut() -> None:
    theory = parse_theory(MP2013 + MP2013_D + MP2013_E + MP2013_PREFS)
    args = build_arguments(theory)
    g = AttackGraph(args, Ordering())  # last-link elitist
    d2 = _one(args, "s")
    e = _one(args, "~[d3]")
    a, b, b1 = _one(args, "p"), _one(args, "~p"), _one(args, "ns")
    b1p, b2, c = _one(args, "t"), _one(args, "r"), _one(args, "~r")
    b2p = _one(args, "q")
    # D2 contrary-undermines B, B1 and B1', whatever the preferences (ns < ~r is irrelevant)
    for target in (b, b1, b1p):
        assert d2.id in g.defeaters[target.id]
    assert {x.reason.value for x in g.attacks_on(b.id) if x.attacker == d2.id} == {"contrary"}
    # E undercuts A (undercuts always succeed)
    assert e.id in g.defeaters[a.id]
    # Defeats under last-link elitist, as in the paper: B does not defeat A (d2 < d3),
    # C does not defeat B or B2' (¬r <' r), B2 defeats C.
    assert b.id not in g.defeaters[a.id]
    assert c.id not in g.defeaters[b.id] and c.id not in g.defeaters[b2p.id]
    assert b2.id in g.defeaters[c.id]


def test_mp2013_orderings_elitist_democratic_last_weakest() -> None:
    theory = parse_theory(MP2013 + MP2013_PREFS)
    args = build_arguments(theory)
    a, b, b2, c = _one(args, "p"), _one(args, "~p"), _one(args, "r"), _one(args, "~r")
    ll_eli = Ordering(Link.LAST, Comparison.ELITIST)
    ll_dem = Ordering(Link.LAST, Comparison.DEMOCRATIC)
    wl_eli = Ordering(Link.WEAKEST, Comparison.ELITIST)
    wl_dem = Ordering(Link.WEAKEST, Comparison.DEMOCRATIC)
    # {d1, d2} <Eli {d3} because d2 < d3; not democratically since d1 is not below d3
    assert strictly_weaker(b, a, ll_eli).weaker
    assert strictly_weaker(b, a, ll_eli).pairs == (("d2", "d3"),)
    assert not strictly_weaker(b, a, ll_dem).weaker
    assert not strictly_weaker(b, a, wl_eli).weaker  # premises {~s, r} not below {a}
    assert not strictly_weaker(b, a, wl_dem).weaker
    for order in (ll_eli, ll_dem, wl_eli, wl_dem):
        assert strictly_weaker(c, b2, order).weaker  # ¬r <' r
    # Outcome: under last-link elitist B's rebuttal of A fails, so p is justified; under
    # last-link democratic B defeats A and only ¬p is justified.
    eli = evaluate(theory, "grounded", ll_eli)
    assert eli.justified("p") and eli.justified("~p")
    dem = evaluate(theory, "grounded", ll_dem)
    assert not dem.justified("p") and dem.justified("~p")
    # ... and the example is not closed under transposition, which check_theory reports.
    assert [i.rules for i in check_theory(theory)] == [("s1",)]


# Modgil & Prakken 2014 tutorial ("The ASPIC+ framework for structured argumentation: a
# tutorial", Argument & Computation 5(1)): the snoring professor in the library. Last-link
# denies access (d3 < d2 decides), weakest-link allows it (d1 < d3 and Snores <' Professor).
SNORES = """
premise: snores, professor;
[d1] snores => misbehaves;
[d2] misbehaves => access_denied;
[d3] professor => access_allowed;
access_denied <> access_allowed;
d1 < d2; d1 < d3; d3 < d2;
snores < professor;
"""


def test_tutorial_snoring_professor_last_vs_weakest_link() -> None:
    theory = parse_theory(SNORES)
    for comparison in Comparison:
        last = evaluate(theory, "grounded", Ordering(Link.LAST, comparison))
        assert last.justified("access_denied") and not last.justified("access_allowed")
    weakest = evaluate(theory, "grounded", Ordering(Link.WEAKEST, Comparison.ELITIST))
    assert weakest.justified("access_allowed") and not weakest.justified("access_denied")
    # Democratically {d1, d2} is not below {d3} (d2 is above d3): the two arguments then
    # defeat each other and neither conclusion is justified.
    dem = evaluate(theory, "grounded", Ordering(Link.WEAKEST, Comparison.DEMOCRATIC))
    assert not dem.justified("access_allowed") and not dem.justified("access_denied")
    last = evaluate(theory, "grounded", Ordering(Link.LAST))
    allowed = last.arguments_for("access_allowed")[0]
    [lost] = last.attacks(allowed)
    assert lost.defeat and lost.reason.value == "stronger"
    assert lost.comparison is not None and ("d3", "d2") in lost.comparison.pairs


# Caminada & Amgoud 2007 ("On the evaluation of argument-based systems", AIJ 171), the married/bachelor example:
# wr (wears a ring), go (goes out late), m (married), b (bachelor), hw (has a wife).
MARRIED = """
[f1] -> wr;
[f2] -> go;
[r1] wr => m;
[r2] go => b;
[s1] m -> hw;
[s2] b -> ~hw;
"""


def test_caminada_amgoud_married_bachelor_needs_transposition() -> None:
    theory = parse_theory(MARRIED)
    ev = evaluate(theory, "grounded")
    # Without transposition the grounded extension concludes both hw and ¬hw.
    assert ev.justified_conclusions() == {L(x) for x in ("wr", "go", "m", "b", "hw", "~hw")}
    violated = {v.postulate for v in check_postulates(ev)}
    assert violated == {"direct consistency", "indirect consistency"}
    issues = check_theory(theory)
    assert {i.kind for i in issues} == {IssueKind.NOT_TRANSPOSED}
    assert {i.rules for i in issues} == {("s1",), ("s2",)}
    # Closing the strict rules under transposition (¬hw -> ¬m, hw -> ¬b) restores consistency:
    # only wr and go remain justified.
    closed = transpose(theory)
    assert check_theory(closed) == []
    ev2 = evaluate(closed, "grounded")
    assert ev2.justified_conclusions() == {L("wr"), L("go")}
    assert check_postulates(ev2) == []
    for sem in ("preferred", "stable", "complete"):
        ev3 = evaluate(closed, sem)
        assert check_postulates(ev3) == []
        assert ev3.justified_conclusions() == {L("wr"), L("go")}


def test_caminada_amgoud_unrestricted_rebut_breaks_closure() -> None:
    # With unrestricted rebut the arguments for hw and ¬hw rebut each other on their strict
    # conclusions; m and b stay justified but hw does not: closure under strict rules fails
    # (Caminada & Amgoud 2007, Sec. 4).
    ev = evaluate(parse_theory(MARRIED), "grounded", restricted_rebut=False)
    assert ev.justified_conclusions() == {L(x) for x in ("wr", "go", "m", "b")}
    assert {v.postulate for v in check_postulates(ev)} == {"strict closure", "indirect consistency"}


def test_undercuts_always_succeed() -> None:
    # M&P 2013, defeat: undercutting is preference-independent, even by a weaker rule.
    ev = evaluate(parse_theory("premise: a, c; [r1] a => b; [u] c => ~[r1]; u < r1;"))
    assert not ev.justified("b") and ev.justified("~[r1]")
    [att] = ev.defeaters(ev.arguments_for("b")[0])
    assert att.kind.value == "undercut" and att.reason.value == "undercut"


def test_contrary_attacks_ignore_preferences_contradictories_do_not() -> None:
    # M&P 2013, defeat: an attack by a contrary succeeds whatever the preference; an attack by
    # a contradictory succeeds only if the attacker is not strictly weaker.
    contrary = evaluate(parse_theory("premise: x, y; x ^ y; x < y;"))
    assert contrary.justified("x") and not contrary.justified("y")
    contradictory = evaluate(parse_theory("premise: x, y; x <> y; x < y;"))
    assert contradictory.justified("y") and not contradictory.justified("x")


def test_restricted_rebut_only_on_defeasible_top_rules() -> None:
    # Restricted rebut (M&P 2013) cannot rebut b, a strict conclusion; unrestricted
    # rebut (Caminada, Modgil & Oren 2014) can, and the two arguments then defeat each other.
    theory = parse_theory("[d1] => a; [s1] a -> b; [d2] => ~b;")
    restricted = evaluate(theory)
    assert restricted.justified("b") and not restricted.justified("~b")
    unrestricted = evaluate(theory, restricted_rebut=False)
    assert not unrestricted.justified("b") and not unrestricted.justified("~b")
    assert unrestricted.justified("b", "credulous") is False  # grounded: one extension
    pr = evaluate(theory, "preferred", restricted_rebut=False)
    assert pr.justified("b", "credulous") and pr.justified("~b", "credulous")
    assert not pr.justified("b") and pr.justified("a")


def test_contrary_of_a_strict_consequent_breaks_consistency() -> None:
    # Modgil & Prakken 2013 require "well formed" theories: a contrary may not target a strict
    # rule's consequent. Here x is a contrary of q, which only a strict rule concludes: no
    # attack on q is possible, so both x and q are justified and consistency fails.
    theory = parse_theory("premise: p; [s1] p -> q; [d1] => x; x ^ q;")
    ev = evaluate(theory)
    assert ev.justified("x") and ev.justified("q")
    assert {v.postulate for v in check_postulates(ev)} >= {"direct consistency"}
    [issue] = [i for i in check_theory(theory) if i.kind is IssueKind.CONTRARY_OF_FIRM]
    assert issue.rules == ("s1",) and "contrary of q" in issue.message
