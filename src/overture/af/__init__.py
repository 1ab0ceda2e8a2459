"""Abstract argumentation: the framework type, ICCMA formats and the standard semantics.

Knows nothing about doctrines, ASPIC+ or interfaces; everything above builds on this layer.
"""

from overture.af.framework import ArgumentationFramework
from overture.af.grounded import grounded_extension, grounded_labelling, grounded_rounds
from overture.af.iccma_io import AFFormat, format_af, parse_af, read_af, write_af
from overture.af.incremental import IncrementalSolver
from overture.af.properties import (
    is_admissible,
    is_complete,
    is_conflict_free,
    is_extension,
    is_stable,
    labelling,
)
from overture.af.semantics import ICCMA_SEMANTICS, Label, Semantics
from overture.af.solver import Solver
from overture.af.tasks import (
    count_extensions,
    credulously_accepted,
    extensions,
    skeptically_accepted,
    some_extension,
)
from overture.errors import LimitExceeded

__all__ = [
    "ICCMA_SEMANTICS",
    "AFFormat",
    "ArgumentationFramework",
    "IncrementalSolver",
    "Label",
    "LimitExceeded",
    "Semantics",
    "Solver",
    "count_extensions",
    "credulously_accepted",
    "extensions",
    "format_af",
    "grounded_extension",
    "grounded_labelling",
    "grounded_rounds",
    "is_admissible",
    "is_complete",
    "is_conflict_free",
    "is_extension",
    "is_stable",
    "labelling",
    "parse_af",
    "read_af",
    "skeptically_accepted",
    "some_extension",
    "write_af",
]
