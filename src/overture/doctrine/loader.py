"""Load doctrines (shipped by name, or from a YAML file) and scenarios, with precise errors.

Every error names the file, line and column of the offending value and what was expected.
Loaded doctrines are cached by path and modification time.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from overture.doctrine.checks import Problem, problems
from overture.doctrine.doctrine import Doctrine
from overture.doctrine.model import SCHEMA_VERSIONS, Scenario
from overture.doctrine.yamlpos import (
    MAX_BYTES,
    Located,
    parse_text,
    pydantic_errors_to_message,
    read_file,
)
from overture.doctrines import DEFAULT_DOCTRINE
from overture.errors import InputError, LimitExceeded, OvertureError, SourceLocation

_CACHE: dict[tuple[str, int, int], Doctrine] = {}
_LOCK = threading.Lock()


def _shipped_root() -> Path:
    return Path(str(resources.files("overture") / "doctrines"))


def list_shipped_doctrines() -> list[str]:
    """Names of the doctrines shipped with Overture (folder names, `_` read as `-`)."""
    root = _shipped_root()
    if not root.is_dir():
        return []
    return sorted(
        p.name.replace("_", "-") for p in root.iterdir() if (p / "doctrine.yaml").is_file()
    )


def shipped_doctrine_dir(name: str) -> Path:
    """The package folder of a shipped doctrine (its YAML and example scenarios)."""
    folder = _shipped_root() / name.replace("-", "_")
    if not (folder / "doctrine.yaml").is_file():
        known = ", ".join(list_shipped_doctrines())
        raise InputError(
            f"no shipped doctrine called {name!r} and no such file; shipped doctrines: {known}"
        )
    return folder


def resolve_doctrine_path(source: str | Path) -> Path:
    """A YAML path for `source`: an existing file, or the file of a shipped doctrine."""
    p = Path(source)
    if p.exists() or isinstance(source, Path) or str(source).endswith((".yaml", ".yml", ".json")):
        return p  # a directory or unreadable file is reported by the reader, with its path
    return shipped_doctrine_dir(str(source)) / "doctrine.yaml"


def load_doctrine(source: str | Path | Doctrine = DEFAULT_DOCTRINE) -> Doctrine:
    """Load a doctrine: a shipped name (see `list_shipped_doctrines`) or a YAML path. Checks it fully.

    Raises `OvertureError` (file:line:col) on malformed YAML, schema violations, unknown ids,
    missing quotes, preference cycles, rules that can never fire, and the like.
    """
    if isinstance(source, Doctrine):
        return source
    path = resolve_doctrine_path(source)
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read doctrine: {exc.strerror or exc}",
                         SourceLocation(str(path))) from exc
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    located = read_file(path)
    doctrine = doctrine_from_located(located)
    doctrine._path = path
    with _LOCK:
        _CACHE[key] = doctrine
    return doctrine


def parse_doctrine(text: str, label: str = "<doctrine>") -> Doctrine:
    """Parse and check a doctrine given as YAML/JSON text (`label` names it in errors)."""
    return doctrine_from_located(parse_text(text, label))


def doctrine_from_located(located: Located) -> Doctrine:
    """Validate parsed data as a doctrine and run the consistency checks (first error raised)."""
    found = doctrine_problems(located)
    if isinstance(found, Doctrine):
        return found
    first, count = found[0], len(found)
    message = first.message if count == 1 else f"{first.message} (and {count - 1} more)"
    raise InputError(message, _where(located, first))


def doctrine_problems(located: Located) -> Doctrine | list[Problem]:
    """The checked doctrine, or every problem found (schema problems stop the checks)."""
    data = located.data
    if not isinstance(data, dict):
        return [Problem((), "a doctrine file must be a mapping with schema_version, id, ...")]
    version = data.get("schema_version")
    if version not in SCHEMA_VERSIONS:
        known = " and ".join(str(v) for v in SCHEMA_VERSIONS)
        return [Problem(("schema_version",) if "schema_version" in data else (),
                        f"unsupported schema_version {version!r}; this Overture reads "
                        f"versions {known}")]
    try:
        doctrine = Doctrine.model_validate(data)
    except ValidationError as exc:
        out = []
        errors = sorted(exc.errors(), key=lambda e: 0 if e.get("type") == "extra_forbidden" else 1)
        for err in errors:
            message, _ = pydantic_errors_to_message([err], located)
            loc = tuple(x for x in err.get("loc", ()) if isinstance(x, str | int))
            if err.get("type") == "missing":
                loc = loc[:-1]
            out.append(Problem(loc, message, err.get("type") == "extra_forbidden"))
        return out
    found = problems(doctrine)
    return found if found else doctrine


def located_problems(located: Located) -> list[tuple[SourceLocation, str]]:
    """Every problem of a parsed doctrine with its location (empty when it is sound)."""
    found = doctrine_problems(located)
    if isinstance(found, Doctrine):
        return []
    return [(_where(located, p), p.message) for p in found]


def _where(located: Located, problem: Problem) -> SourceLocation:
    return located.key_where(problem.path) if problem.at_key else located.where(problem.path)


def scenario_from_data(
    data: Any, label: str = "<scenario>", located: Located | None = None,
    doctrine: Doctrine | None = None,
) -> Scenario:
    """Validate scenario data (a mapping); with `doctrine`, also check its ids."""
    loc = located or Located(data, {}, label)
    if not isinstance(data, dict):
        raise InputError("a scenario must be a mapping with counterparty, topics, mode, date",
                         loc.where(()))
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = [_at_written_key(dict(e), data) for e in exc.errors()]
        message, where = pydantic_errors_to_message(errors, loc)
        raise InputError(message, where) from exc
    if doctrine is not None:
        if located is None:  # data given in memory: every wrong field, by its path
            doctrine.check_scenario(scenario)
            return doctrine.completed(scenario)
        found = doctrine.scenario_problems(scenario)
        if found:
            path, message = found[0]
            on_key = path[0] == "facts" or (len(path) == 1 and path[0] not in Scenario.model_fields)
            if path[0] not in data and "dimensions" in data:  # written under `dimensions:`
                path = ("dimensions", *path)
            where = loc.key_where(path) if on_key else loc.where(path)
            raise InputError(message, where)
        return doctrine.completed(scenario)
    return scenario


def _at_written_key(error: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A dimension written as a field (`channel: ...`) is validated under `dimensions`: point
    the error at the key as written."""
    loc = tuple(error.get("loc", ()))
    if len(loc) >= 2 and loc[0] == "dimensions" and loc[1] in data and "dimensions" not in data:
        error["loc"] = loc[1:]
    return error


def load_scenario(path: str | Path, doctrine: Doctrine | str | None = None) -> Scenario:
    """Read a scenario file (YAML or JSON). With `doctrine`, unknown ids are errors too."""
    located = read_file(path)
    d = load_doctrine(doctrine) if doctrine is not None else None
    return scenario_from_data(located.data, str(path), located, d)


def parse_scenario(text: str, label: str = "<scenario>",
                   doctrine: Doctrine | str | None = None) -> Scenario:
    """Parse a scenario given as YAML/JSON text."""
    located = parse_text(text, label)
    d = load_doctrine(doctrine) if doctrine is not None else None
    return scenario_from_data(located.data, label, located, d)


def parse_scenario_bytes(raw: bytes, label: str = "<stdin>",
                         doctrine: Doctrine | str | None = None) -> Scenario:
    """Parse a scenario given as raw bytes (e.g. standard input): size-bounded, UTF-8 only."""
    if len(raw) > MAX_BYTES:
        raise LimitExceeded(f"input is larger than the limit of {MAX_BYTES} bytes",
                            SourceLocation(label))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", SourceLocation(label)) from exc
    return parse_scenario(text, label, doctrine)


def doctrine_scenarios(doctrine: Doctrine) -> dict[str, Path]:
    """The example scenario files in the `scenarios/` folder beside a doctrine file."""
    if doctrine.path is None:
        return {}
    folder = doctrine.path.parent / "scenarios"
    if not folder.is_dir():
        return {}
    files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json") and p.is_file()]
    return {p.stem: p for p in sorted(files)}


def shipped_scenarios(name: str = DEFAULT_DOCTRINE) -> dict[str, Path]:
    """The example scenario files shipped with a doctrine, by file stem."""
    folder = shipped_doctrine_dir(name) / "scenarios"
    if not folder.is_dir():
        return {}
    files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json")]
    return {p.stem: p for p in sorted(files)}


__all__ = [
    "DEFAULT_DOCTRINE",
    "OvertureError",
    "list_shipped_doctrines",
    "load_doctrine",
    "load_scenario",
    "parse_doctrine",
    "parse_scenario",
    "parse_scenario_bytes",
    "shipped_scenarios",
]
