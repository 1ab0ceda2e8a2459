"""Translate an Overture theory into python-argumentation (py_arg) and evaluate it there."""

from __future__ import annotations

from typing import Any

from overture.aspic import Comparison, Link, Literal, Ordering, Theory


def _name(lit: Literal) -> str:
    body = lit.rule_name if lit.rule_name is not None else lit.atom
    return ("-" if lit.negated else "") + body


def py_arg_grounded(theory: Theory, ordering: Ordering) -> set[str]:
    """py_arg's grounded conclusions (its LastLink/WeakestLink x Elitist/Democratic orders)."""
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.aspic_classes.argumentation_system import ArgumentationSystem
    from py_arg.aspic_classes.argumentation_theory import ArgumentationTheory
    from py_arg.aspic_classes.defeasible_rule import DefeasibleRule
    from py_arg.aspic_classes.literal import Literal as PLiteral
    from py_arg.aspic_classes.orderings.argument_orderings import last_link_ordering as ll
    from py_arg.aspic_classes.orderings.argument_orderings import weakest_link_ordering as wl
    from py_arg.aspic_classes.orderings.preference_preorder import PreferencePreorder
    from py_arg.aspic_classes.strict_rule import StrictRule

    lits = {x for x in theory.language() if x.rule_name is None}
    lits |= {x.negate() for x in lits}
    language = {_name(x): PLiteral(_name(x)) for x in lits}
    contr: dict[str, set[Any]] = {_name(x): {language[_name(x.negate())]} for x in lits}
    for c, t in theory.contraries:
        contr[_name(t)].add(language[_name(c)])
    for r in theory.defeasible_rules:
        language[r.name] = PLiteral(r.name, True)
        language["-" + r.name] = PLiteral("-" + r.name, True)
    strict, defeasible, made = [], [], {}
    for r in theory.rules:
        ants = {language[_name(a)] for a in r.antecedents}
        head = language[_name(r.consequent)]
        if r.strict:
            strict.append(StrictRule(r.name, ants, head))
        else:
            made[r.name] = DefeasibleRule(r.name, ants, head)
            defeasible.append(made[r.name])
    order = theory.rule_order
    pairs = [(made[x], made[y]) for x in order.items for y in order.items
             if order.strictly_less(x, y)]
    system = ArgumentationSystem(language, contr, strict, defeasible, PreferencePreorder(pairs))
    porder = theory.premise_order
    ppairs = [(language[_name(x)], language[_name(y)]) for x in porder.items
              for y in porder.items if porder.strictly_less(x, y)]
    at = ArgumentationTheory(system, [language[_name(x)] for x in sorted(theory.axioms)],
                             [language[_name(x)] for x in sorted(theory.premises)],
                             PreferencePreorder(ppairs))
    cls = {
        (Link.LAST, Comparison.ELITIST): ll.LastLinkElitistOrdering,
        (Link.LAST, Comparison.DEMOCRATIC): ll.LastLinkDemocraticOrdering,
        (Link.WEAKEST, Comparison.ELITIST): wl.WeakestLinkElitistOrdering,
        (Link.WEAKEST, Comparison.DEMOCRATIC): wl.WeakestLinkDemocraticOrdering,
    }[(ordering.link, ordering.comparison)]
    af = at.create_abstract_argumentation_framework(
        "bench", cls(system.rule_preferences, at.ordinary_premise_preferences))
    return {str(a.conclusion) for a in get_grounded_extension(af)}


def ours_grounded(theory: Theory, ordering: Ordering) -> set[str]:
    from overture.aspic import evaluate

    return {_name(x) for x in evaluate(theory, "grounded", ordering).justified_conclusions()}
