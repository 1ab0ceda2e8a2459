"""Which library layers are present, so the app serves (and the page shows) only what works.

Layers are built in parallel; each check imports the names a route needs and reports False if
any is missing, so a half-built layer never produces a broken endpoint.
"""

from __future__ import annotations

import importlib
from functools import cache


@cache
def available(module: str, *names: str) -> bool:
    """True if `module` imports and defines every one of `names`."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return False
    return all(hasattr(mod, name) for name in names)
