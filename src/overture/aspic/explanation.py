"""Dialectical explanations: the arguments for a literal, their structure, and their attackers.

`explain(evaluation, literal)` returns a tree: each argument with its sub-arguments, each attack
on it (and why it succeeds or fails), and, under a successful attack whose attacker is not
accepted, the attacks on that attacker in turn (cut at `depth` and on repeated arguments).
"""

from __future__ import annotations

from dataclasses import dataclass

from overture.af import Label
from overture.aspic.arguments import Argument
from overture.aspic.attacks import Attack
from overture.aspic.evaluation import Mode, TheoryEvaluation
from overture.aspic.language import Literal, parse_literal


@dataclass(frozen=True, eq=False)
class AttackNode:
    """An attack and, if it succeeded and its attacker is not `in`, the attacks on the attacker."""

    attack: Attack
    attacker: Argument
    attacker_label: Label
    replies: tuple[AttackNode, ...] = ()
    truncated: bool = False  # replies exist beyond the depth limit


@dataclass(frozen=True, eq=False, repr=False)
class ArgumentNode:
    """An argument with its label, its direct sub-arguments, and the attacks on it."""

    argument: Argument
    label: Label
    subs: tuple[ArgumentNode, ...]
    attacks: tuple[AttackNode, ...]


@dataclass(frozen=True)
class LiteralExplanation:
    """Why `literal` is (not) justified: its status and a tree per argument concluding it."""

    literal: Literal
    status: str  # "justified", "floating", "credulous" or "not justified"
    arguments: tuple[ArgumentNode, ...]


def explain(evaluation: TheoryEvaluation, literal: Literal | str, depth: int = 2) -> LiteralExplanation:
    """Build the explanation tree for `literal` (attack replies nested `depth` levels)."""
    lit = literal if isinstance(literal, Literal) else parse_literal(literal)
    ev = evaluation
    if ev.justified(lit, Mode.SKEPTICAL):
        status = "justified"
    elif ev.justified(lit, Mode.FLOATING):
        status = "floating"
    elif ev.justified(lit, Mode.CREDULOUS):
        status = "credulous"
    else:
        status = "not justified"

    def attacks_on(arg: Argument, level: int, seen: frozenset[int]) -> tuple[AttackNode, ...]:
        nodes = []
        for att in ev.attacks(arg):
            attacker = ev.arguments[att.attacker]
            label = ev.label(attacker)
            open_ = att.defeat and label is not Label.IN and att.attacker not in seen
            if open_ and level < depth:
                replies = attacks_on(attacker, level + 1, seen | {att.attacker})
                nodes.append(AttackNode(att, attacker, label, replies))
            else:
                nodes.append(AttackNode(att, attacker, label, (), open_ and bool(ev.attacks(
                    attacker))))
        return tuple(nodes)

    def structure(arg: Argument) -> ArgumentNode:
        nodes: dict[int, ArgumentNode] = {}
        for i in sorted(arg.sub_arguments()):  # ids are topological: sub-arguments first
            a = ev.arguments[i]
            attacks = attacks_on(a, 0, frozenset({i})) if i == arg.id else ()
            nodes[i] = ArgumentNode(a, ev.label(a), tuple(nodes[s] for s in a.subs), attacks)
        return nodes[arg.id]

    trees = [structure(arg) for arg in ev.arguments_for(lit)]
    return LiteralExplanation(lit, status, tuple(trees))
