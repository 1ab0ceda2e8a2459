"""Results as JSON text: `to_json()` is `to_dict()` written out (indented, UTF-8 kept).

Every result type of the library defines `to_dict()` (JSON-ready data) and takes this mixin.
"""

from __future__ import annotations

import json
from typing import Any


class JsonText:
    """Adds `to_json()` (text) to a class with `to_dict()` (data)."""

    def to_dict(self) -> dict[str, Any]:  # overridden by every user of the mixin
        raise NotImplementedError

    def to_json(self, indent: int | None = 2) -> str:
        """`to_dict()` as JSON text (dates and other values as strings)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=str)
