"""Argument construction: termination on cycles, shared sub-arguments, the size bound."""

from __future__ import annotations

import pytest

from overture.aspic import Origin, build_arguments, evaluate, parse_literal, parse_theory
from overture.errors import LimitExceeded

L = parse_literal


def test_cyclic_rules_terminate_without_circular_arguments() -> None:
    t = parse_theory("premise: p; [r1] p => q; [r2] q => p; [s1] q -> r; [s2] r -> q;")
    args = build_arguments(t)
    # p (premise), q from p, r from q; p from q and q from r would repeat a conclusion below.
    assert sorted(str(a.conclusion) for a in args) == ["p", "q", "r"]
    for a in args:
        below = {args[s].conclusion for s in a.sub_arguments() if s != a.id}
        assert a.conclusion not in below
    ev = evaluate(t)
    assert ev.justified_conclusions() == {L("p"), L("q"), L("r")}


def test_cycle_without_grounding_yields_nothing() -> None:
    t = parse_theory("[r1] p => q; [r2] q => p;")
    assert len(build_arguments(t)) == 0
    assert evaluate(t).justified_conclusions() == frozenset()


def test_sub_arguments_are_shared_and_properties_computed() -> None:
    t = parse_theory("axiom: a; premise: b; [r1] a => c; [s1] c, b -> d; [r2] d => e;")
    args = build_arguments(t)
    e = args.for_conclusion(L("e"))[0]
    d = args.for_conclusion(L("d"))[0]
    assert d.id in e.subs  # the argument for d is reused, not copied
    assert e.premises == {L("b")} and e.axioms == {L("a")}
    assert e.defeasible_rules == {"r1", "r2"} and e.last_defeasible_rules == {"r2"}
    assert d.last_defeasible_rules == {"r1"} and d.origin is Origin.STRICT
    assert not e.strict and not e.firm
    a = args.for_conclusion(L("a"))[0]
    assert a.strict and a.firm and a.origin is Origin.AXIOM
    assert e.sub_arguments() == {x.id for x in args}
    assert e.depth == 3


def test_argument_bound_gives_clear_error() -> None:
    # each layer doubles the number of arguments: x_i has two rules from x_{i-1}
    lines = ["premise: x0;"]
    for i in range(1, 25):
        lines.append(f"[a{i}] x{i - 1} => x{i}; [b{i}] x{i - 1} => x{i};")
    t = parse_theory("\n".join(lines))
    with pytest.raises(LimitExceeded, match="more than 1000 arguments"):
        build_arguments(t, max_arguments=1000)
    with pytest.raises(LimitExceeded):
        evaluate(t, max_arguments=1000)


def test_all_combinations_of_sub_arguments() -> None:
    t = parse_theory("premise: a1, a2; [p1] a1 => b; [p2] a2 => b; [q1] a1 => c; [q2] a2 => c;"
                     "[s] b, c -> d;")
    assert len(build_arguments(t).for_conclusion(L("d"))) == 4


def test_deep_chains_do_not_recurse() -> None:
    lines = ["premise: x0;"] + [f"[r{i}] x{i - 1} => x{i};" for i in range(1, 3000)]
    ev = evaluate(parse_theory("\n".join(lines) + "[u] => ~x1500;"))
    top = ev.arguments_for("x2999")[0]
    assert len(top.sub_arguments()) == 3000 and top.depth == 2999
    [defeat] = ev.defeaters(top)  # the rebuttal of x1500, inherited by every super-argument
    assert str(ev.arguments[defeat.on].conclusion) == "x1500"
    assert not ev.justified("x2999") and ev.justified("x1499")
