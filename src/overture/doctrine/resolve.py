"""The one place that turns what a caller names into a checked doctrine and scenario.

Every face (library, CLI, HTTP API, exports, reports, analyses) resolves through here.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from overture.doctrine.doctrine import Doctrine
from overture.doctrine.loader import (
    DEFAULT_DOCTRINE,
    doctrine_scenarios,
    load_doctrine,
    load_scenario,
    parse_scenario_bytes,
    scenario_from_data,
)
from overture.doctrine.model import Scenario
from overture.doctrine.yamlpos import MAX_BYTES
from overture.errors import InputError, SourceLocation

#: What a scenario may be given as: a Scenario, a mapping of its fields, a YAML/JSON file
#: path, `-` (standard input), or the name of an example scenario beside the doctrine.
ScenarioLike = Scenario | Mapping[str, Any] | str | Path
#: What a doctrine may be given as: a Doctrine, a shipped name, a YAML path (None: default).
DoctrineLike = Doctrine | str | Path | None

STDIN = "-"


def resolve_doctrine(doctrine: DoctrineLike = None) -> Doctrine:
    """A loaded, checked doctrine from a Doctrine, a shipped name or a path (None: the default)."""
    return load_doctrine(DEFAULT_DOCTRINE if doctrine is None else doctrine)


def is_file_reference(ref: str | Path) -> bool:
    """Whether `ref` names a file rather than an example: it exists, or looks like a path."""
    if isinstance(ref, Path):
        return True
    path = Path(ref)
    return path.exists() or bool(path.suffix) or "/" in ref or "\\" in ref


def resolve_scenario(scenario: ScenarioLike, doctrine: DoctrineLike = None) -> Scenario:
    """A Scenario checked against `doctrine` from anything a caller may name it by.

    A `Scenario` is checked as it is; a mapping is validated field by field; `-` reads standard
    input (bounded, UTF-8); a path that exists (or has a suffix or a `/`) is read as a YAML/JSON
    file; any other string is looked up among the example scenarios in the `scenarios/` folder
    beside the doctrine file, and the error lists them. Raises `OvertureError` with the place.
    """
    d = resolve_doctrine(doctrine)
    return d.completed(_resolve(scenario, d))


def _resolve(scenario: ScenarioLike, d: Doctrine) -> Scenario:
    if isinstance(scenario, Scenario):
        d.check_scenario(scenario)
        return scenario
    if isinstance(scenario, Mapping):
        return scenario_from_data(dict(scenario), "<scenario>", doctrine=d)
    if not isinstance(scenario, str | Path):
        raise InputError(
            f"a scenario is a Scenario, a mapping, a file path or an example name, "
            f"not {type(scenario).__name__}"
        )
    if isinstance(scenario, str) and scenario == STDIN:
        return parse_scenario_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>", d)
    if is_file_reference(scenario):
        if not Path(scenario).exists():
            raise InputError("cannot read scenario: no such file", SourceLocation(str(scenario)))
        return load_scenario(scenario, d)
    examples = doctrine_scenarios(d)
    if scenario not in examples:
        known = ", ".join(examples) or "(none)"
        raise InputError(f"no scenario file {scenario!r} and no example scenario of that name; "
                         f"examples: {known}")
    return load_scenario(examples[scenario], d)


def with_view(scenario: Scenario, doctrine: Doctrine, view: str | None) -> Scenario:
    """The scenario with its view replaced (checked against the doctrine), or as it is."""
    if view is None or view == scenario.view:
        return scenario
    changed = scenario.model_copy(update={"view": view})
    doctrine.check_scenario(changed)
    return changed


def resolve(scenario: ScenarioLike, doctrine: DoctrineLike = None,
            view: str | None = None) -> tuple[Doctrine, Scenario]:
    """The doctrine and the scenario (its view overridden by `view`, if given), both checked."""
    d = resolve_doctrine(doctrine)
    return d, with_view(resolve_scenario(scenario, d), d, view)


__all__ = [
    "STDIN",
    "DoctrineLike",
    "ScenarioLike",
    "is_file_reference",
    "resolve",
    "resolve_doctrine",
    "resolve_scenario",
    "with_view",
]
