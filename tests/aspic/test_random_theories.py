"""Property tests on random small theories: python-argumentation agreement and rationality."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from overture.aspic import (
    Comparison,
    InferenceRule,
    Link,
    Literal,
    Ordering,
    Theory,
    format_theory,
    parse_theory,
    undercut,
)
from overture.aspic.evaluation import Mode, evaluate
from overture.aspic.rationality import (
    check_postulates,
    conflicts,
    contrapose,
    strict_closure,
    transpose,
)

ATOMS = ("a", "b", "c", "d", "e")
ORDERINGS = [Ordering(link, cmp) for link in Link for cmp in Comparison]


@st.composite
def theories(
    draw: st.DrawFn, contraries: bool = True, undercutters: bool = True, max_rules: int = 6
) -> Theory:
    lit = st.builds(Literal, st.sampled_from(ATOMS), st.booleans())
    n = draw(st.integers(1, max_rules))
    rules: list[InferenceRule] = []
    seen: set[tuple[frozenset[Literal], Literal]] = set()
    for i in range(n):
        ants = tuple(dict.fromkeys(draw(st.lists(lit, max_size=2))))
        head = draw(lit)
        is_strict = draw(st.booleans())
        earlier = [r.name for r in rules if not r.strict]
        if undercutters and earlier and draw(st.integers(0, 4)) == 0:
            head = undercut(draw(st.sampled_from(earlier)))
        key = (frozenset(ants), head)
        if key in seen or head in ants:
            continue
        seen.add(key)
        rules.append(InferenceRule(f"r{i}", ants, head, strict=is_strict))
    kb = draw(st.lists(lit, max_size=4, unique=True))
    split = draw(st.integers(0, len(kb)))
    axioms, premises = kb[:split], kb[split:]
    defeasible = [r.name for r in rules if not r.strict]
    # Preferences consistent with a random ranking, so no strict cycles.
    rank = draw(st.permutations(defeasible)) if defeasible else []
    rule_prefs = {(x, y) for i, x in enumerate(rank) for y in rank[i + 1:]
                  if draw(st.integers(0, 2)) == 0}
    prank = draw(st.permutations(premises)) if premises else []
    prem_prefs = {(x, y) for i, x in enumerate(prank) for y in prank[i + 1:]
                  if draw(st.integers(0, 2)) == 0}
    contr: set[tuple[Literal, Literal]] = set()
    if contraries:
        # draw from literals the theory concludes or assumes, so contraries matter
        pool = sorted({r.consequent for r in rules if r.consequent.rule_name is None} | set(kb))
        pick = st.sampled_from(pool) if pool else lit
        for _ in range(draw(st.integers(0, 3))):
            contr.add((draw(pick), draw(pick)))
        contr = {(c, t) for c, t in contr if c != t and c != t.negate()}
    return Theory.make(rules, axioms, premises, contr, rule_prefs, prem_prefs)


# -- python-argumentation (py_arg) as a peer ---------------------------------------------


def _py_arg_name(lit: Literal) -> str:
    body = lit.rule_name if lit.rule_name is not None else lit.atom
    return ("-" if lit.negated else "") + body


def py_arg_justified(theory: Theory, ordering: Ordering, semantics: str) -> dict[str, set[str]]:
    """Justified conclusions by py_arg (skeptical / credulous over its extensions)."""
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions
    from py_arg.aspic_classes.argumentation_system import ArgumentationSystem
    from py_arg.aspic_classes.argumentation_theory import ArgumentationTheory
    from py_arg.aspic_classes.defeasible_rule import DefeasibleRule
    from py_arg.aspic_classes.literal import Literal as PLiteral
    from py_arg.aspic_classes.orderings.argument_orderings import (
        last_link_ordering as ll,
    )
    from py_arg.aspic_classes.orderings.argument_orderings import (
        weakest_link_ordering as wl,
    )
    from py_arg.aspic_classes.orderings.preference_preorder import PreferencePreorder
    from py_arg.aspic_classes.strict_rule import StrictRule

    lits = {x for x in theory.language() if x.rule_name is None}
    lits |= {x.negate() for x in lits}
    language = {_py_arg_name(x): PLiteral(_py_arg_name(x)) for x in lits}
    contr: dict[str, set[Any]] = {_py_arg_name(x): set() for x in lits}
    for x in lits:
        contr[_py_arg_name(x)].add(language[_py_arg_name(x.negate())])
    for c, t in theory.contraries:
        if c.rule_name is None and t.rule_name is None:
            contr[_py_arg_name(t)].add(language[_py_arg_name(c)])
    strict, defeasible = [], []
    made: dict[str, Any] = {}
    # py_arg names the applicability literal of rule r "r" and its negation "-r"
    for r in theory.defeasible_rules:
        language[r.name] = PLiteral(r.name, True)
        language["-" + r.name] = PLiteral("-" + r.name, True)
    for r in theory.rules:
        ants = {language[_py_arg_name(a)] for a in r.antecedents}
        head = language[_py_arg_name(r.consequent)]
        if r.strict:
            strict.append(StrictRule(r.name, ants, head))
        else:
            d = DefeasibleRule(r.name, ants, head)
            made[r.name] = d
            defeasible.append(d)
    order = theory.rule_order
    rule_pairs = [(made[x], made[y]) for x in order.items for y in order.items
                  if order.strictly_less(x, y)]
    system = ArgumentationSystem(language, contr, strict, defeasible,
                                 PreferencePreorder(rule_pairs), add_defeasible_rule_literals=True)
    porder = theory.premise_order
    prem_pairs = [(language[_py_arg_name(x)], language[_py_arg_name(y)])
                  for x in porder.items for y in porder.items if porder.strictly_less(x, y)]
    at = ArgumentationTheory(system, [language[_py_arg_name(x)] for x in sorted(theory.axioms)],
                             [language[_py_arg_name(x)] for x in sorted(theory.premises)],
                             PreferencePreorder(prem_pairs))
    cls = {
        (Link.LAST, Comparison.ELITIST): ll.LastLinkElitistOrdering,
        (Link.LAST, Comparison.DEMOCRATIC): ll.LastLinkDemocraticOrdering,
        (Link.WEAKEST, Comparison.ELITIST): wl.WeakestLinkElitistOrdering,
        (Link.WEAKEST, Comparison.DEMOCRATIC): wl.WeakestLinkDemocraticOrdering,
    }[(ordering.link, ordering.comparison)]
    af = at.create_abstract_argumentation_framework("t", cls(system.rule_preferences,
                                                               at.ordinary_premise_preferences))
    if semantics == "grounded":
        exts = [set(get_grounded_extension(af))]
    elif semantics == "stable":
        exts = [set(e) for e in get_stable_extensions(af)]
    else:
        exts = [set(e) for e in get_preferred_extensions(af)]
    concl = [{str(a.conclusion) for a in e} for e in exts]
    skeptical = set.intersection(*[{str(a.conclusion) for a in e} for e in exts]) if exts else set()
    in_all = set.intersection(*exts) if exts else set()
    return {
        "skeptical": {str(a.conclusion) for a in in_all},
        "floating": skeptical,
        "credulous": set.union(*concl) if concl else set(),
    }


def _ours(theory: Theory, ordering: Ordering, semantics: str) -> dict[str, set[str]]:
    ev = evaluate(theory, semantics, ordering)
    return {m.value: {_py_arg_name(x) for x in ev.justified_conclusions(m)} for m in Mode}


@pytest.mark.peers
@settings(max_examples=60)
@given(theories(), st.sampled_from(ORDERINGS),
       st.sampled_from(["grounded", "preferred", "stable"]))
def test_justified_conclusions_match_py_arg(
    theory: Theory, ordering: Ordering, semantics: str
) -> None:
    assert _ours(theory, ordering, semantics) == py_arg_justified(theory, ordering, semantics)


# -- rationality postulates on well-formed theories --------------------------------------


@settings(max_examples=80)
@given(theories(contraries=False), st.sampled_from(ORDERINGS),
       st.sampled_from(["grounded", "preferred", "stable", "complete"]),
       st.sampled_from([transpose, contrapose]))
def test_postulates_hold_on_well_formed_theories(
    theory: Theory, ordering: Ordering, semantics: str, close: Callable[[Theory], Theory]
) -> None:
    closed = close(theory)
    assume(not conflicts(strict_closure(closed.axioms, closed), closed))
    ev = evaluate(closed, semantics, ordering)
    assert check_postulates(ev) == []


@settings(max_examples=50)
@given(theories())
def test_format_then_parse_round_trips(theory: Theory) -> None:
    again = parse_theory(format_theory(theory))
    assert again.rules == theory.rules
    assert again.axioms == theory.axioms and again.premises == theory.premises
    assert again.contraries == theory.contraries
    assert again.rule_preferences == theory.rule_preferences
    assert again.premise_preferences == theory.premise_preferences


# -- evaluation invariants ---------------------------------------------------------------


def _grounded_by_fixpoint(n: int, defeaters: list[frozenset[int]]) -> set[int]:
    """Brute-force grounded extension: iterate the characteristic function from the empty set."""
    ext: set[int] = set()
    while True:
        beaten = {b for b in range(n) if defeaters[b] & ext}
        nxt = {b for b in range(n) if all(a in beaten for a in defeaters[b])}
        if nxt == ext:
            return ext
        ext = nxt


@settings(max_examples=60)
@given(theories(), st.sampled_from(ORDERINGS), st.booleans())
def test_grounded_labels_and_modes(theory: Theory, ordering: Ordering, restricted: bool) -> None:
    from overture.af import Label, labelling

    ev = evaluate(theory, "grounded", ordering, restricted_rebut=restricted)
    [ext] = ev.extensions
    assert set(ext) == _grounded_by_fixpoint(len(ev.arguments), ev.graph.defeaters)
    assert list(ev.labels) == list(labelling(ev.af, ext))
    assert {i for i, lab in enumerate(ev.labels) if lab is Label.IN} == set(ext)
    sk, fl, cr = (ev.justified_conclusions(m) for m in Mode)
    assert sk == fl == cr  # one extension: the three modes agree


@settings(max_examples=40)
@given(theories(), st.sampled_from(ORDERINGS))
def test_modes_are_nested_under_preferred(theory: Theory, ordering: Ordering) -> None:
    ev = evaluate(theory, "preferred", ordering)
    sk, fl, cr = (ev.justified_conclusions(m) for m in Mode)
    assert sk <= fl <= cr
    for lit in cr:
        assert any(ev.status(a).value != "rejected" for a in ev.arguments_for(lit))


# -- an independent brute-force ASPIC+ straight from the definitions ----------------------


def _bar(theory: Theory, t: Literal) -> set[Literal]:
    return {t.negate()} | {c for c, x in theory.contraries if x == t}


def _lt_closure(items: list[Any], pairs: set[tuple[Any, Any]]) -> set[tuple[Any, Any]]:
    le = {(i, i) for i in items} | set(pairs)
    changed = True
    while changed:
        changed = False
        for a, b in list(le):
            for c, d in list(le):
                if b == c and (a, d) not in le:
                    le.add((a, d))
                    changed = True
    return {(a, b) for a, b in le if (b, a) not in le}


def brute_force_grounded(theory: Theory, ordering: Ordering) -> set[Literal]:
    """The M&P 2013 definitions of arguments, attack, defeat, orderings and the grounded extension, with no cleverness."""
    # an argument: (conclusion, top rule or None, is_axiom, direct subs)
    args: list[tuple[Literal, InferenceRule | None, bool, tuple[int, ...]]] = []
    args += [(k, None, True, ()) for k in sorted(theory.axioms)]
    args += [(k, None, False, ()) for k in sorted(theory.premises)]

    def subs(i: int) -> set[int]:
        out = {i}
        for s in args[i][3]:
            out |= subs(s)
        return out

    seen: set[tuple[str, tuple[int, ...]]] = set()
    changed = True
    while changed:
        changed = False
        for r in theory.rules:
            options = [[i for i, a in enumerate(args) if a[0] == x] for x in r.antecedents]
            for combo in itertools.product(*options):
                below = {args[j][0] for s in combo for j in subs(s)}
                if r.consequent in below or (r.name, combo) in seen:
                    continue
                seen.add((r.name, combo))
                args.append((r.consequent, r, False, tuple(combo)))
                changed = True

    def prem_p(i: int) -> set[Literal]:
        return {args[j][0] for j in subs(i) if args[j][1] is None and not args[j][2]}

    def defrules(i: int) -> set[str]:
        return {args[j][1].name for j in subs(i)  # type: ignore[union-attr]
                if args[j][1] is not None and not args[j][1].strict}  # type: ignore[union-attr]

    def lastdef(i: int) -> set[str]:
        top = args[i][1]
        if top is None:
            return set()
        if not top.strict:
            return {top.name}
        return set().union(*(lastdef(s) for s in args[i][3]))

    rlt = _lt_closure([r.name for r in theory.defeasible_rules],
                      set(theory.rule_preferences) | set(theory.rule_weak_preferences))
    plt = _lt_closure(sorted(theory.premises),
                      set(theory.premise_preferences) | set(theory.premise_weak_preferences))

    def set_lt(g: set[Any], h: set[Any], lt: set[tuple[Any, Any]]) -> bool:
        if not g:
            return False
        if not h:
            return True
        if ordering.comparison is Comparison.ELITIST:
            return any(all((x, y) in lt for y in h) for x in g)
        return all(any((x, y) in lt for y in h) for x in g)

    def weaker(a: int, b: int) -> bool:
        if ordering.link is Link.LAST:
            la, lb = lastdef(a), lastdef(b)
            return set_lt(la, lb, rlt) or (not la and not lb and set_lt(prem_p(a), prem_p(b), plt))
        sa, sb = not defrules(a), not defrules(b)
        fa, fb = not prem_p(a), not prem_p(b)
        if sa and sb:
            return set_lt(prem_p(a), prem_p(b), plt)
        if fa and fb:
            return set_lt(defrules(a), defrules(b), rlt)
        return set_lt(prem_p(a), prem_p(b), plt) and set_lt(defrules(a), defrules(b), rlt)

    def defeats(a: int, b: int) -> bool:
        ca = args[a][0]
        for s in subs(b):
            conc, top, axiom, _ = args[s]
            if top is not None and not top.strict and ca in _bar(theory, Literal(f"[{top.name}]")):
                return True  # undercut
            attackable = (top is None and not axiom) or (top is not None and not top.strict)
            contrary = conc not in _bar(theory, ca)  # ca in bar(conc), not vice versa
            if attackable and ca in _bar(theory, conc) and (contrary or not weaker(a, s)):
                return True
        return False

    n = len(args)
    beaten_by = [{a for a in range(n) if defeats(a, b)} for b in range(n)]
    ext: set[int] = set()
    while True:
        out = {b for b in range(n) if beaten_by[b] & ext}
        nxt = {b for b in range(n) if beaten_by[b] <= out}
        if nxt == ext:
            return {args[i][0] for i in ext}
        ext = nxt


@settings(max_examples=150)
@given(theories(max_rules=5), st.sampled_from(ORDERINGS))
def test_grounded_conclusions_match_brute_force(theory: Theory, ordering: Ordering) -> None:
    ours = evaluate(theory, "grounded", ordering).justified_conclusions()
    assert ours == brute_force_grounded(theory, ordering)


@settings(max_examples=80)
@given(theories(contraries=True), st.sampled_from(ORDERINGS),
       st.sampled_from(["grounded", "preferred"]))
def test_postulates_hold_when_check_theory_is_clean(
    theory: Theory, ordering: Ordering, semantics: str
) -> None:
    from overture.aspic.rationality import check_theory

    closed = transpose(theory)
    assume(check_theory(closed) == [])
    assert check_postulates(evaluate(closed, semantics, ordering)) == []
