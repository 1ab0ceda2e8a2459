"""Explanation trees: sub-arguments, attacks with reasons, and replies to the attackers."""

from __future__ import annotations

from overture.af import Label
from overture.aspic import evaluate, explain, parse_theory


def test_reinstatement_is_explained_by_the_reply() -> None:
    ev = evaluate(parse_theory("premise: a, b, c; [r1] a => x; [r2] b => ~x; [r3] c => ~[r2];"))
    ex = explain(ev, "x")
    assert ex.status == "justified"
    [node] = ex.arguments
    assert node.label is Label.IN and [s.argument.conclusion.atom for s in node.subs] == ["a"]
    [rebuttal] = node.attacks
    assert rebuttal.attack.kind.value == "rebut" and rebuttal.attacker_label is Label.OUT
    kinds = {r.attack.kind.value: r.attack.reason.value for r in rebuttal.replies}
    assert kinds == {"rebut": "not-weaker", "undercut": "undercut"}


def test_status_levels_and_missing_literal() -> None:
    nixon = parse_theory("axiom: n; [r1] n => p; [r2] n => ~p; [r3] p => w; [r4] ~p => w;")
    pr = evaluate(nixon, "preferred")
    assert explain(pr, "w").status == "floating"
    assert explain(pr, "p").status == "credulous"
    assert explain(evaluate(nixon), "p").status == "not justified"
    assert explain(pr, "zzz").arguments == ()


def test_deep_arguments_explain_without_recursion_errors() -> None:
    lines = ["premise: x0;"] + [f"[r{i}] x{i - 1} => x{i};" for i in range(1, 2500)]
    ev = evaluate(parse_theory("\n".join(lines)))
    [node] = explain(ev, "x2499").arguments
    depth = 0
    while node.subs:
        node = node.subs[0]
        depth += 1
    assert depth == 2499
