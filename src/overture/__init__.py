"""Overture: negotiation doctrines as defeasible argumentation.

The library API is the product; the CLI, HTTP API and web workbench are thin shells over it.
"""

from __future__ import annotations

from overture.errors import OvertureError, SourceLocation

TYPE_CHECKING = False  # `typing` stays unimported: `overture af` (ICCMA) start-up is timed
if TYPE_CHECKING:
    from typing import Any

    from overture.analysis import (
        backtest,
        compare_views,
        counterfactuals,
        joint,
        sweep,
        timeline,
        what_if,
    )
    from overture.doctrine import (
        Doctrine,
        Scenario,
        load_doctrine,
        load_scenario,
        resolve_doctrine,
        resolve_scenario,
    )
    from overture.verdict import Evaluation, Judgement, Verdict, evaluate, explain, judge, why_not

__version__ = "0.1.0"

# Imported on first use so that `import overture` stays light.
_LAZY = {
    "judge": "overture.verdict",
    "backtest": "overture.analysis",
    "joint": "overture.analysis",
    "Judgement": "overture.verdict",
    "what_if": "overture.analysis",
    "counterfactuals": "overture.analysis",
    "timeline": "overture.analysis",
    "compare_views": "overture.analysis",
    "sweep": "overture.analysis",
    "resolve_doctrine": "overture.doctrine",
    "resolve_scenario": "overture.doctrine",
    "evaluate": "overture.verdict",
    "explain": "overture.verdict",
    "why_not": "overture.verdict",
    "Evaluation": "overture.verdict",
    "Verdict": "overture.verdict",
    "load_doctrine": "overture.doctrine",
    "load_scenario": "overture.doctrine",
    "Doctrine": "overture.doctrine",
    "Scenario": "overture.doctrine",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'overture' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def notebook_html(result: Any) -> str:
    """A result as notebook HTML (what each result's `_repr_html_` returns): the package root
    reaches the render layer here, so the layers below it never import it."""
    from overture.render.notebook import to_html

    return to_html(result)


__all__ = [
    "Doctrine",
    "Evaluation",
    "Judgement",
    "OvertureError",
    "Scenario",
    "SourceLocation",
    "Verdict",
    "__version__",
    "backtest",
    "compare_views",
    "counterfactuals",
    "evaluate",
    "explain",
    "joint",
    "judge",
    "load_doctrine",
    "load_scenario",
    "resolve_doctrine",
    "resolve_scenario",
    "sweep",
    "timeline",
    "what_if",
    "why_not",
]
