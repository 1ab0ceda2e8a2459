"""Theory conditions for the rationality postulates: checks, transposition, contraposition."""

from __future__ import annotations

from overture.aspic import evaluate, parse_literal, parse_theory
from overture.aspic.rationality import (
    IssueKind,
    check_postulates,
    check_theory,
    contrapose,
    strict_closure,
    strict_derivations,
    transpose,
)

L = parse_literal
MARRIED = "[f1] -> wr; [f2] -> go; [r1] wr => m; [r2] go => b; [s1] m -> hw; [s2] b -> ~hw;"


def test_transposition_adds_exactly_the_missing_rules() -> None:
    t = transpose(parse_theory("[s1] a, b -> c; [r1] => a; [r2] => b;"))
    strict = {(frozenset(r.antecedents), r.consequent) for r in t.strict_rules}
    assert strict == {
        (frozenset({L("a"), L("b")}), L("c")),
        (frozenset({L("~c"), L("b")}), L("~a")),
        (frozenset({L("a"), L("~c")}), L("~b")),
    }
    assert check_theory(t) == []


def test_contraposition_closes_chains_of_strict_rules() -> None:
    t = contrapose(parse_theory("[s1] a -> b; [s2] b -> c; [r1] => a;"))
    assert check_theory(t) == []  # contraposition implies transposition
    derived = strict_derivations(t)
    assert frozenset({L("a")}) in derived[L("c")]
    heads = {(frozenset(r.antecedents), r.consequent) for r in t.strict_rules}
    assert (frozenset({L("~c")}), L("~a")) in heads  # from {a} |- c
    ev = evaluate(contrapose(parse_theory(MARRIED)), "grounded")
    assert ev.justified_conclusions() == {L("wr"), L("go")}
    assert check_postulates(ev) == []


def test_inconsistent_axioms_are_reported_with_the_literals() -> None:
    t = parse_theory("axiom: a, b; [s1] a -> c; [s2] b -> ~c;")
    assert strict_closure(t.axioms, t) == {L("a"), L("b"), L("c"), L("~c")}
    issues = [i for i in check_theory(t) if i.kind is IssueKind.INCONSISTENT_AXIOMS]
    assert len(issues) == 1 and set(issues[0].literals) == {L("c"), L("~c")}


def test_contraries_of_axioms_and_strict_consequents_are_reported() -> None:
    t = parse_theory("axiom: a; premise: p; [s1] p -> q; x ^ a; y ^ q; z ^ p;")
    kinds = [(i.kind, i.literals) for i in check_theory(t)
             if i.kind is IssueKind.CONTRARY_OF_FIRM]
    assert kinds == [(IssueKind.CONTRARY_OF_FIRM, (L("x"), L("a"))),
                     (IssueKind.CONTRARY_OF_FIRM, (L("y"), L("q")))]
    assert "s1" in next(i for i in check_theory(t) if L("q") in i.literals).rules
