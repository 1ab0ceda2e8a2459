"""Reading and writing what other argumentation tools use: AIF, Argdown, ICCMA (+ a clingo check).

Sits above doctrine/verdict and below the CLI and web; imports nothing from those interfaces.
`export(resolve_target(...), fmt)` is the one entry point used by `overture export`; the
modules hold the individual formats (`aif`, `argdown`, `iccma`, `asp`, `doctrine_export`).
"""

from typing import TYPE_CHECKING

from overture.interchange.aif import (
    AifAnnotations,
    Locution,
    aif_to_theory,
    dumps_aif,
    loads_aif,
    read_aif,
    theory_to_aif,
)

if TYPE_CHECKING:  # loaded lazily below: they pull in the doctrine and verdict layers
    from overture.interchange.argdown import doctrine_to_argdown, evaluation_to_argdown
    from overture.interchange.asp import ClingoAcceptance
    from overture.interchange.doctrine_export import (
        doctrine_theory,
        doctrine_to_aif,
        evaluation_to_aif,
    )
    from overture.interchange.exports import FORMATS, Exported, Target, export, resolve_target
    from overture.interchange.iccma import IccmaExport, export_iccma

__all__ = [
    "FORMATS",
    "AifAnnotations",
    "ClingoAcceptance",
    "Exported",
    "IccmaExport",
    "Locution",
    "Target",
    "aif_to_theory",
    "doctrine_theory",
    "doctrine_to_aif",
    "doctrine_to_argdown",
    "dumps_aif",
    "evaluation_to_aif",
    "evaluation_to_argdown",
    "export",
    "export_iccma",
    "loads_aif",
    "read_aif",
    "resolve_target",
    "theory_to_aif",
]

_LAZY = {
    "doctrine_to_argdown": "overture.interchange.argdown",
    "evaluation_to_argdown": "overture.interchange.argdown",
    "ClingoAcceptance": "overture.interchange.asp",
    "doctrine_theory": "overture.interchange.doctrine_export",
    "doctrine_to_aif": "overture.interchange.doctrine_export",
    "evaluation_to_aif": "overture.interchange.doctrine_export",
    "FORMATS": "overture.interchange.exports",
    "Exported": "overture.interchange.exports",
    "Target": "overture.interchange.exports",
    "export": "overture.interchange.exports",
    "resolve_target": "overture.interchange.exports",
    "IccmaExport": "overture.interchange.iccma",
    "export_iccma": "overture.interchange.iccma",
}


def __getattr__(name: str) -> object:
    """Load the exporters that need the doctrine and verdict layers only when asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'overture.interchange' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
