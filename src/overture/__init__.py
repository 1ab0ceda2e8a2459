"""Overture: negotiation doctrines as defeasible argumentation.

The library API is the product; the CLI, HTTP API and web workbench are thin shells over it.
"""

from overture.errors import OvertureError, SourceLocation

__version__ = "0.1.0"

__all__ = ["OvertureError", "SourceLocation", "__version__"]
