"""The ASPIC+ logical language: literals with classical negation, named rules, undercutter literals.

A literal is an atom, possibly negated (`~p`); the literal naming a rule `r1` is `[r1]`, and an
undercutter of `r1` concludes `~[r1]` (Modgil & Prakken 2013: the naming function n).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from overture.errors import InputError

_ATOM = re.compile(r"[A-Za-z_][A-Za-z0-9_.']*\Z")
_RULE_ATOM = re.compile(r"\[([A-Za-z_][A-Za-z0-9_.']*)\]\Z")


@dataclass(frozen=True, order=True, slots=True)
class Literal:
    """An atom (`p`, or `[r1]` for the name of rule r1) or its classical negation (`~p`).

    Negation is an involution on literals: `Literal("p", True).negate() == Literal("p")`, so the
    contradictory of `~p` is `p` (Modgil & Prakken 2013, "-φ").
    """

    atom: str
    negated: bool = False

    def negate(self) -> Literal:
        """The contradictory literal: `p` <-> `~p`."""
        return Literal(self.atom, not self.negated)

    @property
    def rule_name(self) -> str | None:
        """For a rule-name literal `[r1]` or `~[r1]`, the rule's name `r1`; otherwise None."""
        if self.atom.startswith("[") and self.atom.endswith("]"):
            return self.atom[1:-1]
        return None

    def __str__(self) -> str:
        return ("~" if self.negated else "") + self.atom


#: A sort key giving literals their natural order (atom, then negation) several times faster
#: than comparing the dataclasses pair by pair: `sorted(literals, key=literal_key)`.
literal_key = attrgetter("atom", "negated")


def rule_literal(rule_name: str) -> Literal:
    """The literal `[r]` that names rule `r` (its applicability)."""
    return Literal(f"[{rule_name}]")


def undercut(rule_name: str) -> Literal:
    """The literal `~[r]` concluded by undercutters of rule `r`."""
    return Literal(f"[{rule_name}]", negated=True)


def parse_literal(text: str) -> Literal:
    """Read `p`, `~p`, `[r1]` or `~[r1]` (surrounding spaces ignored); InputError otherwise."""
    body = text.strip()
    negated = body.startswith("~")
    if negated:
        body = body[1:].strip()
    if _ATOM.match(body) is None and _RULE_ATOM.match(body) is None:
        raise InputError(f"not a literal: {text.strip()!r} (expected p, ~p, [rule] or ~[rule])")
    return Literal(body, negated)


def check_name(name: str) -> str:
    """Validate a rule name (an identifier); return it unchanged."""
    if _ATOM.match(name) is None:
        raise InputError(f"not a rule name: {name!r} (expected an identifier such as r1)")
    return name


@dataclass(frozen=True, slots=True)
class InferenceRule:
    """A named rule `antecedents -> consequent` (strict) or `antecedents => consequent` (defeasible).

    Antecedents are kept in the order given, duplicates removed. Strict rules license their
    consequent whenever the antecedents hold; defeasible rules only presumptively.
    """

    name: str
    antecedents: tuple[Literal, ...]
    consequent: Literal
    strict: bool = False

    def __post_init__(self) -> None:
        unique = tuple(dict.fromkeys(self.antecedents))
        if unique != self.antecedents:
            object.__setattr__(self, "antecedents", unique)

    @property
    def defeasible(self) -> bool:
        return not self.strict

    @property
    def arrow(self) -> str:
        return "->" if self.strict else "=>"

    @property
    def name_literal(self) -> Literal:
        """`[name]`: the literal that an undercutter of this rule contradicts."""
        return rule_literal(self.name)

    def __str__(self) -> str:
        body = ", ".join(str(a) for a in self.antecedents)
        return f"[{self.name}] {body}{' ' if body else ''}{self.arrow} {self.consequent}"


def strict(name: str, antecedents: list[str] | tuple[str, ...], consequent: str) -> InferenceRule:
    """Convenience: a strict rule from literal texts, e.g. `strict("s1", ["a"], "b")`."""
    return InferenceRule(check_name(name), tuple(parse_literal(a) for a in antecedents),
                parse_literal(consequent), strict=True)


def defeasible(name: str, antecedents: list[str] | tuple[str, ...], consequent: str) -> InferenceRule:
    """Convenience: a defeasible rule from literal texts, e.g. `defeasible("r1", ["p"], "q")`."""
    return InferenceRule(check_name(name), tuple(parse_literal(a) for a in antecedents),
                parse_literal(consequent), strict=False)
