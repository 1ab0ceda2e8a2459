"""Abstract argumentation: the framework type, ICCMA formats and the standard semantics.

Knows nothing about doctrines, ASPIC+ or interfaces; everything above builds on this layer.
"""

from overture.af.framework import ArgumentationFramework

__all__ = ["ArgumentationFramework"]
