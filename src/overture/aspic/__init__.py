"""ASPIC+ structured argumentation: theories, arguments, attacks, defeats, and their evaluation.

Build a `Theory` (in Python or with `parse_theory`), then `evaluate` it under a semantics of
`overture.af`. Knows nothing of YAML, HTTP or doctrines.
"""

from overture.aspic.arguments import (
    DEFAULT_MAX_ARGUMENTS,
    Argument,
    ArgumentSet,
    Origin,
    build_arguments,
)
from overture.aspic.attacks import Attack, AttackGraph, AttackKind, Reason
from overture.aspic.language import (
    Literal,
    Rule,
    defeasible,
    parse_literal,
    rule_literal,
    strict,
    undercut,
)
from overture.aspic.ordering import Comparison, Link, Ordering, Verdict, strictly_weaker
from overture.aspic.preferences import PreferenceCycleError, Preorder
from overture.aspic.syntax import format_theory, load_theory, parse_theory
from overture.aspic.theory import Theory

__all__ = [
    "DEFAULT_MAX_ARGUMENTS",
    "Argument",
    "ArgumentSet",
    "Attack",
    "AttackGraph",
    "AttackKind",
    "Comparison",
    "Link",
    "Literal",
    "Ordering",
    "Origin",
    "PreferenceCycleError",
    "Preorder",
    "Reason",
    "Rule",
    "Theory",
    "Verdict",
    "build_arguments",
    "defeasible",
    "format_theory",
    "load_theory",
    "parse_literal",
    "parse_theory",
    "rule_literal",
    "strict",
    "strictly_weaker",
    "undercut",
]
