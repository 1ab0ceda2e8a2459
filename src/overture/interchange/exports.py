"""One entry point for every export: resolve a doctrine or scenario, then write it in a chosen format.

A scenario exports its evaluated graph (statuses, verdict); a doctrine its static structure.
Used by `overture export`; the CLI only chooses the target and where the text goes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from overture.doctrine import (
    DEFAULT_DOCTRINE,
    Doctrine,
    doctrine_scenarios,
    list_shipped_doctrines,
    load_doctrine,
    resolve_doctrine,
    resolve_scenario,
)
from overture.doctrine.model import Scenario
from overture.doctrine.resolve import STDIN, is_file_reference
from overture.doctrine.yamlpos import read_file
from overture.errors import InputError, SourceLocation
from overture.interchange.aif import dumps_aif
from overture.interchange.argdown import doctrine_to_argdown, evaluation_to_argdown
from overture.interchange.doctrine_export import doctrine_to_aif, evaluation_to_aif
from overture.interchange.iccma import export_iccma
from overture.render.aspic_graph import graph_from_doctrine, graph_from_verdict
from overture.render.dot import to_dot
from overture.render.svg import to_svg
from overture.verdict import evaluate

FORMATS = ("aif", "argdown", "iccma", "dot", "svg")
SUFFIXES = {"aif": ".json", "argdown": ".argdown", "iccma": ".af", "dot": ".dot", "svg": ".svg"}


@dataclass(frozen=True)
class Target:
    """What to export: a doctrine alone, or a scenario judged against a doctrine."""

    doctrine: Doctrine
    scenario: Scenario | None
    label: str


@dataclass(frozen=True)
class Exported:
    """The exported text, plus companion files by suffix (e.g. the ICCMA mapping)."""

    content: str
    companions: dict[str, str] = field(default_factory=dict)


def _looks_like_doctrine(path: Path) -> bool:
    data = read_file(path).data
    return isinstance(data, dict) and ("schema_version" in data or "rules" in data)


def resolve_target(text: str, doctrine: str | Path = DEFAULT_DOCTRINE) -> Target:
    """A doctrine or scenario from a file path, `-`, or a name.

    Files holding `schema_version` or `rules` are doctrines, other YAML/JSON files scenarios
    (judged against `doctrine`). Names are tried as shipped doctrines, then as example
    scenarios beside `doctrine`; scenarios resolve as everywhere else (see
    `overture.doctrine.resolve_scenario`).
    """
    path = Path(text)
    if text != STDIN and path.is_file() and _looks_like_doctrine(path):
        return Target(load_doctrine(path), None, path.stem)
    if not is_file_reference(text) and text in list_shipped_doctrines():
        return Target(load_doctrine(text), None, text)
    d = resolve_doctrine(doctrine)
    try:
        scenario = resolve_scenario(text, d)
    except InputError as exc:
        if is_file_reference(text) or text == STDIN:
            raise
        raise InputError(
            f"{text!r} is neither a file, a shipped doctrine ({', '.join(list_shipped_doctrines())}) "
            f"nor an example scenario of {d.id} ({', '.join(doctrine_scenarios(d)) or 'none'})"
        ) from exc
    label = "stdin" if text == STDIN else path.stem
    return Target(d, scenario, label)


def export(
    target: Target,
    fmt: str,
    semantics: str = "grounded",
    view: str | None = None,
    style: str = "map",
) -> Exported:
    """Write `target` in `fmt` (aif, argdown, iccma, dot, svg).

    `view` restricts a doctrine export to one view; `style` picks the graph drawn for a
    scenario (`map` or `attacks`). ICCMA needs a scenario: a framework exists only for one.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    d = target.doctrine
    if target.scenario is None:
        if fmt == "iccma":
            raise InputError(
                "ICCMA export needs a scenario: a doctrine compiles to a framework only "
                "once a scenario says who, what, how and when"
            )
        if fmt == "aif":
            return Exported(dumps_aif(doctrine_to_aif(d, view=view)))
        if fmt == "argdown":
            return Exported(doctrine_to_argdown(d, view=view))
        graph = graph_from_doctrine(d, view=view)
        return Exported(to_dot(graph) if fmt == "dot" else to_svg(graph))
    ev = evaluate(target.scenario, d, semantics, view=view)
    if fmt == "aif":
        return Exported(dumps_aif(evaluation_to_aif(ev)))
    if fmt == "argdown":
        return Exported(evaluation_to_argdown(ev))
    if fmt == "iccma":
        result = export_iccma(ev)
        return Exported(result.text, {".mapping.json": result.mapping_json()})
    graph = graph_from_verdict(ev, style=style)
    return Exported(to_dot(graph) if fmt == "dot" else to_svg(graph))


def write_export(exported: Exported, out: str | Path) -> list[Path]:
    """Write the content to `out` and each companion beside it (`NAME<suffix>`)."""
    path = Path(out)
    try:
        path.write_text(exported.content, encoding="utf-8")
        written = [path]
        for suffix, text in exported.companions.items():
            companion = path.with_name(path.stem + suffix)
            companion.write_text(text, encoding="utf-8")
            written.append(companion)
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}", SourceLocation(str(path))
        ) from None
    return written


def mapping_summary(exported: Exported) -> str:
    """One line per question argument of an ICCMA export, for the terminal."""
    text = exported.companions.get(".mapping.json")
    if text is None:
        return ""
    mapping = json.loads(text)
    q = mapping["question_arguments"]
    return (
        f"verdict {mapping['verdict']} ({mapping['semantics']}); arguments for "
        f"{mapping['question']}: {q['for'] or 'none'}; against: {q['against'] or 'none'}"
    )
