"""The text syntax: statements, error locations, and printing back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.aspic import (
    Literal,
    PreferenceCycleError,
    Theory,
    format_theory,
    parse_literal,
    parse_theory,
    undercut,
)
from overture.errors import InputError

L = parse_literal


def test_statements() -> None:
    t = parse_theory(
        """
        # a comment
        axiom: a;                 premise: p, q;   # two statements on one line
        [r1] p, q => r;
        [s1] a -> b;
        [r2] => ~r;
        [u1] b => ~[r1];
        x ^ y, z;
        m <> n;
        r1 < r2 <= u1;
        p < q;
        """
    )
    assert t.axioms == {L("a")} and t.premises == {L("p"), L("q")}
    assert [r.name for r in t.rules] == ["r1", "s1", "r2", "u1"]
    r1 = t.rule("r1")
    assert r1.antecedents == (L("p"), L("q")) and r1.consequent == L("r") and not r1.strict
    assert t.rule("s1").strict and t.rule("r2").antecedents == ()
    assert t.rule("u1").consequent == undercut("r1") == Literal("[r1]", True)
    assert t.contraries == {(L("x"), L("y")), (L("x"), L("z")), (L("m"), L("n")),
                            (L("n"), L("m"))}
    assert t.is_contrary(L("x"), L("y")) and not t.is_contrary(L("m"), L("n"))
    assert t.rule_preferences == {("r1", "r2")} and t.rule_weak_preferences == {("r2", "u1")}
    assert t.premise_preferences == {(L("p"), L("q"))}
    assert t.rule_order.strictly_less("r1", "u1")  # transitive closure of r1 < r2 <= u1
    # the strict part of a preorder: r2 <= u1 without u1 <= r2 makes r2 < u1
    assert t.rule_order.strictly_less("r2", "u1")


def test_unnamed_rules_get_fresh_names() -> None:
    t = parse_theory("a -> b; [_r1] b => c; => d;")
    assert [r.name for r in t.rules] == ["_r2", "_r1", "_r3"]


@pytest.mark.parametrize(
    ("text", "line", "column", "needle"),
    [
        ("[r1] p => q;\n[r1] q => r;", 2, 2, "already defined"),
        ("premise: p\n[r1] p => q;", 2, 1, "expected ';'"),
        ("[r1] p =>;", 1, 10, "expected a literal"),
        ("p;", 1, 1, "bare literal"),
        ("[r1] p => q;\n  r1 < r9;", 2, 8, "neither a defeasible rule"),
        ("[s] a -> b;\n[r] => c;\ns < r;", 3, 1, "strict rule"),
        ("axiom: a; premise: a;", 1, 20, "both an axiom"),
        ("[r1] p => q $;", 1, 13, "unexpected character"),
        ("[r1] ~~p => q;", 1, 7, "double negation"),
        ("[r1] => a; [r2] => b;\nr1 < r2;\nr2 < r1;", 3, 1, "cycle"),
    ],
)
def test_errors_name_line_and_column(text: str, line: int, column: int, needle: str) -> None:
    with pytest.raises(InputError) as info:
        parse_theory(text, "t.aspic")
    err = info.value
    assert err.location is not None
    assert (err.location.path, err.location.line, err.location.column) == ("t.aspic", line, column)
    assert needle in err.message


def test_preference_cycles() -> None:
    with pytest.raises(PreferenceCycleError) as info:
        Theory.make([], premises=["a", "b", "c"],
                    premise_preferences=[("a", "b"), ("b", "c"), ("c", "a")])
    assert "cycle" in str(info.value) and len(info.value.cycle) == 4
    # a non-strict cycle is an equivalence, not an error
    t = parse_theory("[r1] => a; [r2] => b; r1 <= r2; r2 <= r1;")
    assert t.rule_order.equivalent("r1", "r2") and not t.rule_order.strictly_less("r1", "r2")


def test_theory_validation() -> None:
    from overture.aspic import InferenceRule

    with pytest.raises(InputError, match="duplicate rule"):
        Theory.make([InferenceRule("r", (), L("a")), InferenceRule("r", (), L("b"))])
    with pytest.raises(InputError, match="unknown rule"):
        Theory.make([InferenceRule("r", (), L("a"))], rule_preferences=[("r", "x")])
    with pytest.raises(InputError, match="not a literal"):
        L("p q")


_PIECES = ["[r1]", "[r2]", "p", "~q", "a", "->", "=>", ",", ";", ":", "axiom", "premise",
           "<", "<=", "^", "<>", "~[r1]", "#c\n", "\n", " ", "r1", "r2", "$", "[", "]", "~"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_any_input_parses_or_fails_with_a_location(pieces: list[str]) -> None:
    text = " ".join(pieces)
    try:
        theory = parse_theory(text, "fuzz.aspic")
    except InputError as exc:
        assert exc.location is not None and exc.location.path == "fuzz.aspic"
        assert exc.location.line is not None and exc.location.line >= 1
    else:
        assert parse_theory(format_theory(theory)).rules == theory.rules
