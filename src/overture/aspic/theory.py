"""ASPIC+ argumentation theories: rules, knowledge base, contrariness and preferences, and
their printing in the text syntax (`format_theory`).

`Theory` is immutable and validated on construction (unique rule names, known names in
preferences, no strict-preference cycles); `Theory.make` accepts loose Python inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from overture.aspic.language import InferenceRule, Literal, literal_key, parse_literal
from overture.aspic.preferences import Preorder, build_preorder
from overture.errors import InputError

LiteralLike = Literal | str


def _lit(x: LiteralLike) -> Literal:
    return x if isinstance(x, Literal) else parse_literal(x)


#: Rule preorders already built, by (rule names, strict pairs, weak pairs); bounded.
_RULE_ORDERS: dict[tuple[object, ...], Preorder[str]] = {}
_RULE_ORDERS_SIZE = 4096


@dataclass(frozen=True, eq=False)
class Theory:
    """An argumentation theory (Modgil & Prakken 2013).

    - `rules`: strict and defeasible rules, with unique names.
    - `axioms` (K_n, cannot be attacked) and `premises` (K_p, ordinary, can be undermined).
    - `contraries`: pairs (c, t) meaning c is in the contrariness set of t (c attacks t). If
      (t, c) is also present the two are contradictories; negation (`p` / `~p`) is always
      contradictory and need not be listed.
    - `rule_preferences` / `premise_preferences`: declared strict pairs (weaker, stronger);
      `*_weak_preferences`: pairs (weaker, stronger) meaning weaker <= stronger. The preorder is
      their reflexive-transitive closure; a cycle through a strict pair is an error.
    """

    rules: tuple[InferenceRule, ...] = ()
    axioms: frozenset[Literal] = frozenset()
    premises: frozenset[Literal] = frozenset()
    contraries: frozenset[tuple[Literal, Literal]] = frozenset()
    rule_preferences: frozenset[tuple[str, str]] = frozenset()
    premise_preferences: frozenset[tuple[Literal, Literal]] = frozenset()
    rule_weak_preferences: frozenset[tuple[str, str]] = frozenset()
    premise_weak_preferences: frozenset[tuple[Literal, Literal]] = frozenset()
    _rule_index: dict[str, InferenceRule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, InferenceRule] = {}
        for rule in self.rules:
            if rule.name in index:
                raise InputError(f"duplicate rule name {rule.name!r}")
            index[rule.name] = rule
        object.__setattr__(self, "_rule_index", index)
        for pairs in (self.rule_preferences, self.rule_weak_preferences):
            for weaker, stronger in pairs:
                for name in (weaker, stronger):
                    if name not in index:
                        raise InputError(f"preference names unknown rule {name!r}")
                    if index[name].strict:
                        raise InputError(
                            f"preference names strict rule {name!r}; "
                            "preferences apply to defeasible rules only"
                        )
        for pairs2 in (self.premise_preferences, self.premise_weak_preferences):
            for weaker_l, stronger_l in pairs2:
                for lit in (weaker_l, stronger_l):
                    if lit not in self.premises:
                        raise InputError(
                            f"preference names {lit}, which is not an ordinary premise"
                        )
        _ = self.rule_order, self.premise_order  # validate preferences (cycles) eagerly

    @classmethod
    def make(
        cls,
        rules: Iterable[InferenceRule] = (),
        axioms: Iterable[LiteralLike] = (),
        premises: Iterable[LiteralLike] = (),
        contraries: Mapping[LiteralLike, Iterable[LiteralLike]]
        | Iterable[tuple[LiteralLike, LiteralLike]] = (),
        rule_preferences: Iterable[tuple[str, str]] = (),
        premise_preferences: Iterable[tuple[LiteralLike, LiteralLike]] = (),
        rule_weak_preferences: Iterable[tuple[str, str]] = (),
        premise_weak_preferences: Iterable[tuple[LiteralLike, LiteralLike]] = (),
    ) -> Theory:
        """Build a theory from loose inputs; literals may be given as text (`"~p"`).

        `contraries` is either a mapping `c -> targets` (c is a contrary of each target) or an
        iterable of (c, target) pairs.
        """
        pairs: set[tuple[Literal, Literal]] = set()
        if isinstance(contraries, Mapping):
            for c, targets in contraries.items():
                for t in targets:
                    pairs.add((_lit(c), _lit(t)))
        else:
            for c, t in contraries:
                pairs.add((_lit(c), _lit(t)))
        return cls(
            rules=tuple(rules),
            axioms=frozenset(_lit(a) for a in axioms),
            premises=frozenset(_lit(p) for p in premises),
            contraries=frozenset(pairs),
            rule_preferences=frozenset(rule_preferences),
            premise_preferences=frozenset((_lit(a), _lit(b)) for a, b in premise_preferences),
            rule_weak_preferences=frozenset(rule_weak_preferences),
            premise_weak_preferences=frozenset(
                (_lit(a), _lit(b)) for a, b in premise_weak_preferences
            ),
        )

    def rule(self, name: str) -> InferenceRule:
        """The rule called `name` (KeyError if none)."""
        return self._rule_index[name]

    def has_rule(self, name: str) -> bool:
        return name in self._rule_index

    @property
    def strict_rules(self) -> tuple[InferenceRule, ...]:
        return tuple(r for r in self.rules if r.strict)

    @property
    def defeasible_rules(self) -> tuple[InferenceRule, ...]:
        return tuple(r for r in self.rules if not r.strict)

    @cached_property
    def rule_order(self) -> Preorder[str]:
        """The preorder over defeasible rule names (closure of the declared pairs); theories
        with the same rules and preferences share it (doctrines compile to many such)."""
        names = tuple(r.name for r in self.rules if not r.strict)
        key = (names, self.rule_preferences, self.rule_weak_preferences)
        got = _RULE_ORDERS.get(key)
        if got is None:
            got = build_preorder(names, self.rule_preferences, self.rule_weak_preferences,
                                 what="rule")
            if len(_RULE_ORDERS) >= _RULE_ORDERS_SIZE:
                _RULE_ORDERS.clear()
            _RULE_ORDERS[key] = got
        return got

    @cached_property
    def premise_order(self) -> Preorder[Literal]:
        """The preorder over ordinary premises (closure of the declared pairs)."""
        return build_preorder(
            sorted(self.premises, key=literal_key),
            self.premise_preferences,
            self.premise_weak_preferences,
            what="premise",
        )

    @cached_property
    def contrariness(self) -> dict[Literal, frozenset[Literal]]:
        """For each literal t mentioned by a declared contrary, the literals c with c in t's bar."""
        out: dict[Literal, set[Literal]] = {}
        for c, t in self.contraries:
            out.setdefault(t, set()).add(c)
        return {t: frozenset(cs) for t, cs in out.items()}

    def attackers_of(self, target: Literal) -> frozenset[Literal]:
        """All literals in target's contrariness set: its negation plus declared contraries."""
        return self.contrariness.get(target, frozenset()) | {target.negate()}

    def is_contrary(self, c: Literal, target: Literal) -> bool:
        """c is a *contrary* (not a contradictory) of target: c in bar(target), target not in
        bar(c). Attacks by contraries succeed whatever the preferences (Modgil & Prakken 2013)."""
        if c == target.negate():
            return False
        if (c, target) not in self.contraries:
            return False
        return (target, c) not in self.contraries and target != c.negate()

    def language(self) -> frozenset[Literal]:
        """Every literal the theory mentions (rule literals, knowledge base, contraries)."""
        lits: set[Literal] = set(self.axioms) | set(self.premises)
        for r in self.rules:
            lits.update(r.antecedents)
            lits.add(r.consequent)
        for c, t in self.contraries:
            lits.update((c, t))
        return frozenset(lits)

    def __str__(self) -> str:
        """The theory in the text syntax (see `format_theory`)."""
        return format_theory(self)

    def with_rules(self, extra: Iterable[InferenceRule]) -> Theory:
        """A copy with `extra` rules appended (names must stay unique)."""
        return Theory(
            rules=self.rules + tuple(extra),
            axioms=self.axioms,
            premises=self.premises,
            contraries=self.contraries,
            rule_preferences=self.rule_preferences,
            premise_preferences=self.premise_preferences,
            rule_weak_preferences=self.rule_weak_preferences,
            premise_weak_preferences=self.premise_weak_preferences,
        )


def format_theory(theory: Theory) -> str:
    """Print `theory` in the text syntax (docs/aspic.md); `parse_theory(format_theory(t))`
    rebuilds it."""
    lines: list[str] = []
    if theory.axioms:
        lines.append("axiom: " + ", ".join(str(x) for x in sorted(theory.axioms, key=literal_key)) + ";")
    if theory.premises:
        lines.append("premise: " + ", ".join(str(x) for x in sorted(theory.premises, key=literal_key)) + ";")
    for rule in theory.rules:
        lines.append(f"{rule};")
    for c, t in sorted(theory.contraries):
        lines.append(f"{c} ^ {t};")
    for a, b in sorted(theory.rule_preferences):
        lines.append(f"{a} < {b};")
    for a, b in sorted(theory.rule_weak_preferences):
        lines.append(f"{a} <= {b};")
    for pa, pb in sorted(theory.premise_preferences):
        lines.append(f"{pa} < {pb};")
    for pa, pb in sorted(theory.premise_weak_preferences):
        lines.append(f"{pa} <= {pb};")
    return "\n".join(lines) + ("\n" if lines else "")
