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
from overture.aspic.evaluation import (
    DEFAULT_MAX_EXTENSIONS,
    Evaluation,
    Mode,
    Status,
    compile_to_af,
    evaluate,
)
from overture.aspic.explanation import ArgumentNode, AttackNode, Explanation, explain
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
from overture.aspic.syntax import format_theory, load_theory, parse_theory
from overture.aspic.theory import Theory

__all__ = [
    "DEFAULT_MAX_ARGUMENTS",
    "DEFAULT_MAX_EXTENSIONS",
    "Argument",
    "ArgumentNode",
    "ArgumentSet",
    "Attack",
    "AttackGraph",
    "AttackKind",
    "AttackNode",
    "Comparison",
    "Evaluation",
    "Explanation",
    "Issue",
    "IssueKind",
    "Link",
    "Literal",
    "Mode",
    "Ordering",
    "Origin",
    "PostulateViolation",
    "PreferenceCycleError",
    "Preorder",
    "Reason",
    "Rule",
    "Status",
    "Theory",
    "Verdict",
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
