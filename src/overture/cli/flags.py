"""Command-line flag values turned into the typed inputs the library takes.

`--set name=value`, `--topics a,b`, `--vary name[=v1|v2]` and `--map SOURCE=DOCUMENT` are parsed
here and nowhere else; the library takes edits, variables with values, and mappings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from overture.analysis.space import Edit, ScenarioSpace, Value
from overture.errors import InputError


def split_names(text: str, flag: str) -> list[str]:
    """A comma-separated flag value as a list of names (InputError if it names nothing)."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise InputError(f"{flag} names nothing: give one or more names separated by commas")
    return names


def edits_from_flags(
    space: ScenarioSpace,
    assignments: Iterable[str] = (),
    fields: Mapping[str, str | None] | None = None,
    topics: str | None = None,
) -> list[Edit]:
    """The edits that `--set`, the field flags and `--topics` ask for, checked against the doctrine.

    `assignments` are `name=value` items (a fact, a `topic:x`, or a scenario field); `fields`
    maps scenario fields (mode, date, counterparty, view, initiated_by) to new values; `topics`
    is the new comma-separated topic list. Raises InputError naming the flag.
    """
    edits: list[Edit] = []
    for item in assignments:
        name, eq, value = item.partition("=")
        if not eq or not name.strip() or not value.strip():
            raise InputError(f"--set expects name=value (e.g. guarantees_offered=true), got {item!r}")
        var = space.resolve(name.strip())
        edits.append(Edit(var, space.parse_value(var, value.strip())))
    for var, text in (fields or {}).items():
        if text is not None:
            edits.append(Edit(var, space.parse_value(var, text)))
    if topics is not None:
        wanted = split_names(topics, "--topics")
        for t in wanted:
            space.resolve(f"topic:{t}")
        for t in space.vocabulary.topics:
            if (t in wanted) != (t in space.base.topics):
                edits.append(Edit(f"topic:{t}", t in wanted))
    return edits


def variables_from_flag(space: ScenarioSpace, text: str) -> dict[str, list[Value] | None]:
    """`--vary` items (comma-separated `name` or `name=v1|v2|...`) as variables with their values
    (None: every value of the variable), each value checked against the doctrine."""
    out: dict[str, list[Value] | None] = {}
    for item in split_names(text, "--vary"):
        name, eq, listed = item.partition("=")
        variable = space.resolve(name.strip())
        if variable in out:
            raise InputError(f"--vary: variable {variable!r} is varied twice")
        if eq:
            values = [space.parse_value(variable, v) for v in listed.split("|") if v]
            if not values:
                raise InputError(f"--vary: {variable}: no values listed after '='")
            out[variable] = values
        else:
            out[variable] = None
    return out


def mapping_from_flags(items: list[str] | None) -> dict[str, str]:
    """`--map SOURCE=DOCUMENT` values as a mapping (InputError naming a malformed item)."""
    out: dict[str, str] = {}
    for item in items or []:
        source, eq, ref = item.partition("=")
        if not eq or not source.strip() or not ref.strip():
            raise InputError(f"--map expects SOURCE=DOCUMENT (a source id and a document id, "
                             f"file name or title), got {item!r}")
        out[source.strip()] = ref.strip()
    return out
