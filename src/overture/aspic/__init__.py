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
from overture.aspic.attacks import Attack, AttackGraph, AttackKind, DefeatReason
from overture.aspic.evaluation import (
    DEFAULT_MAX_EXTENSIONS,
    ArgumentStatus,
    Mode,
    TheoryEvaluation,
    compile_to_af,
    evaluate,
)
from overture.aspic.explanation import ArgumentNode, AttackNode, LiteralExplanation, explain
from overture.aspic.language import (
    InferenceRule,
    Literal,
    defeasible,
    parse_literal,
    rule_literal,
    strict,
    undercut,
)
from overture.aspic.ordering import Comparison, Link, Ordering, WeakerResult, strictly_weaker
from overture.aspic.preferences import PreferenceCycleError, Preorder
from overture.aspic.rationality import (
    Issue,
    IssueKind,
    PostulateViolation,
    check_postulates,
    check_theory,
    contrapose,
    strict_closure,
    strict_derivations,
    transpose,
)
from overture.aspic.syntax import load_theory, parse_theory
from overture.aspic.theory import Theory, format_theory

__all__ = [
    "DEFAULT_MAX_ARGUMENTS",
    "DEFAULT_MAX_EXTENSIONS",
    "Argument",
    "ArgumentNode",
    "ArgumentSet",
    "ArgumentStatus",
    "Attack",
    "AttackGraph",
    "AttackKind",
    "AttackNode",
    "Comparison",
    "DefeatReason",
    "InferenceRule",
    "Issue",
    "IssueKind",
    "Link",
    "Literal",
    "LiteralExplanation",
    "Mode",
    "Ordering",
    "Origin",
    "PostulateViolation",
    "PreferenceCycleError",
    "Preorder",
    "Theory",
    "TheoryEvaluation",
    "WeakerResult",
    "build_arguments",
    "check_postulates",
    "check_theory",
    "compile_to_af",
    "contrapose",
    "defeasible",
    "evaluate",
    "explain",
    "format_theory",
    "load_theory",
    "parse_literal",
    "parse_theory",
    "rule_literal",
    "strict",
    "strict_closure",
    "strict_derivations",
    "strictly_weaker",
    "transpose",
    "undercut",
]
