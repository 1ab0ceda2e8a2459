"""JSON Schemas of the file formats, and of one doctrine's scenarios built from its declarations.

`scenario_schema(doctrine)` lists every id the doctrine declares (counterparties, topics,
modes, initiators, views, actions, dimension values, facts), so forms and editors can offer them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from overture.doctrine.doctrine import Doctrine
from overture.doctrine.model import Scenario

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def format_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON Schema of a file format given by a pydantic model (draft 2020-12, titled)."""
    schema = model.model_json_schema()
    schema["$schema"] = DRAFT
    schema["title"] = title
    return schema


def _enum(ids: list[str], description: str, default: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "enum": ids, "description": description}
    if default is not None:
        out["default"] = default
    return out


def generic_scenario_schema() -> dict[str, Any]:
    """The scenario format for any doctrine (ids unconstrained)."""
    schema = Scenario.model_json_schema()
    schema["$schema"] = DRAFT
    schema["additionalProperties"] = {
        "type": "string", "description": "The value of a dimension the doctrine declares."}
    return schema


def scenario_schema(doctrine: Doctrine) -> dict[str, Any]:
    """The JSON Schema of `doctrine`'s scenarios: every id it declares, as enumerations."""
    d = doctrine
    props: dict[str, Any] = {
        "counterparty": _enum([c.id for c in d.counterparties], "With whom."),
        "topics": {"type": "array", "minItems": 1, "uniqueItems": True,
                   "items": _enum(d.topic_ids, "A topic on the table."),
                   "description": "What is on the table."},
        "mode": _enum([m.id for m in d.modes], "How the talks are held."),
        "date": {"type": "string", "format": "date", "description": "When (ISO date)."},
        "view": _enum(list(d.views_by_id), "Which statements take part.", "all"),
        "initiated_by": _enum([i.id for i in d.initiators], "Who initiates the talks.",
                              d.initiator_default),
        "action": _enum(d.action_ids, "The action judged.", d.default_action),
        "stated_only": {"type": "boolean", "default": False,
                        "description": "Leave out the rules marked as inferred readings."},
        "facts": {
            "type": "object", "additionalProperties": False,
            "description": "Overrides the doctrine's world as of the date.",
            "properties": {f.id: {"type": "boolean", "description": f.description,
                                  "default": f.default} for f in d.facts},
        },
        "id": {"type": "string"},
        "description": {"type": "string"},
    }
    for dim in d.dimensions:
        props[dim.id] = _enum([v.id for v in dim.values], dim.description, dim.default)
    return {
        "$schema": DRAFT,
        "title": f"Scenario of the doctrine {d.id}",
        "type": "object",
        "additionalProperties": False,
        "required": ["counterparty", "topics", "mode", "date"],
        "properties": props,
    }
