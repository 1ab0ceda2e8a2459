"""`InvalidFields`: an input error that names each wrong field of a request.

Raised by routes for checks pydantic cannot make (ids a doctrine does not declare, bad file
names); answered as 422 with one `{"field", "message"}` entry per field.
"""

from __future__ import annotations

from overture.errors import InputError


class InvalidFields(InputError):
    """Input naming unknown ids: one message per field (`body.scenario.topics.1`)."""

    MAX_FIELDS = 100

    def __init__(self, fields: list[tuple[str, str]]) -> None:
        shown = "; ".join(f"{f}: {m}" for f, m in fields[:5])
        more = f" (and {len(fields) - 5} more)" if len(fields) > 5 else ""
        super().__init__(shown + more)
        self.fields = fields[: self.MAX_FIELDS]
