"""Argdown export: the document's structure checked line by line (and by Argdown's parser if found)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.doctrine import Doctrine, in_force, load_doctrine, shipped_scenarios
from overture.doctrine.model import Exception_
from overture.interchange.argdown import (
    argdown_text,
    doctrine_to_argdown,
    evaluation_to_argdown,
)
from overture.verdict import evaluate

DATA = Path(__file__).parent / "data"
FORBIDDEN_IN_TEXT = set("[]<>{}_*#@\\")
RELATION = re.compile(r"^  (\+>|->|_>|><) (<[^<>\[\]]+>|\[[^\[\]]+\])$")
STATEMENT_DEF = re.compile(r"^\[([^\[\]]+)\]: (.+)$")
ARGUMENT_DEF = re.compile(r'^<([^<>]+)>: (.*?)(?: \{((?:\w+: "[^"{}\[\]]*"(?:, )?)+)\})?$')
PCS_LINE = re.compile(r"^\((\d+)\) \[([^\[\]]+)\](?:: (.+))?$")


@dataclass
class Outline:
    """What the structural reader found in an Argdown document."""

    front: dict[str, str] = field(default_factory=dict)
    statements: dict[str, str] = field(default_factory=dict)
    arguments: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    pcs: dict[str, list[str]] = field(default_factory=dict)
    referenced_statements: set[str] = field(default_factory=set)
    referenced_arguments: set[str] = field(default_factory=set)


def read_outline(text: str) -> Outline:
    """A strict reader of the subset of Argdown the exporter writes; fails on anything else."""
    lines = text.split("\n")
    assert lines[0] == "===", "front matter first"
    end = lines.index("===", 1)
    out = Outline()
    for line in lines[1:end]:
        key, _, value = line.partition(": ")
        out.front[key] = json.loads(value)
    i = end + 1
    owner: str | None = None  # element the relation lines below belong to
    while i < len(lines):
        line = lines[i]
        if not line or line.startswith("// ") or line.startswith("# "):
            if line.startswith("# "):
                assert lines[i - 1] == "", "a heading follows an empty line"
            owner = None
            i += 1
            continue
        if m := RELATION.match(line):
            assert owner is not None, f"relation without an element: {line!r}"
            target = m.group(2)
            if target.startswith("<"):
                out.referenced_arguments.add(target[1:-1])
            else:
                out.referenced_statements.add(target[1:-1])
            out.relations.append((owner, m.group(1), target))
            i += 1
            continue
        if m := STATEMENT_DEF.match(line):
            assert m.group(1) not in out.statements, f"statement defined twice: {m.group(1)}"
            assert not (set(m.group(2)) & FORBIDDEN_IN_TEXT), line
            out.statements[m.group(1)] = m.group(2)
            owner = f"[{m.group(1)}]"
            i += 1
            continue
        if m := ARGUMENT_DEF.match(line):
            title, desc, data = m.group(1), m.group(2), m.group(3) or ""
            assert not (set(desc) & FORBIDDEN_IN_TEXT), line
            pairs = dict(re.findall(r'(\w+): "([^"]*)"', data))
            assert title not in out.arguments, f"argument defined twice: {title}"
            out.arguments[title] = (desc, pairs)
            owner = f"<{title}>"
            i += 1
            continue
        if re.fullmatch(r"<[^<>]+>", line):
            title = line[1:-1]
            assert lines[i + 1] == "", "a blank line between the title and its premises"
            i += 2
            numbered: list[str] = []
            seen_inference = False
            while i < len(lines) and lines[i]:
                if lines[i] == "----":
                    assert numbered and not seen_inference
                    seen_inference = True
                else:
                    pm = PCS_LINE.match(lines[i])
                    assert pm, f"bad premise-conclusion line {lines[i]!r}"
                    assert int(pm.group(1)) == len(numbered) + 1, "numbered from 1 in order"
                    if pm.group(3):
                        out.statements[pm.group(2)] = pm.group(3)
                    else:
                        out.referenced_statements.add(pm.group(2))
                    numbered.append(pm.group(2))
                i += 1
            assert seen_inference and lines[i - 2] == "----", "one conclusion after the line"
            out.pcs[title] = numbered
            owner = None
            continue
        raise AssertionError(f"unexpected line {i + 1}: {line!r}")
    return out


def check_outline(out: Outline, doctrine: Doctrine, exported_ids: set[str]) -> None:
    assert set(out.arguments) == exported_ids
    assert out.referenced_statements <= set(out.statements), out.referenced_statements - set(
        out.statements
    )
    assert out.referenced_arguments <= set(out.arguments)
    for stmt in [*doctrine.rules, *doctrine.exceptions]:
        if stmt.id not in exported_ids:
            continue
        desc, data = out.arguments[stmt.id]
        assert desc.startswith(argdown_text(stmt.gloss))
        for qid in stmt.quotes:
            assert f"“{argdown_text(doctrine.quote(qid).text)}”" in desc
        assert data["source"] == stmt.source and data["stated"] == stmt.stated.isoformat()
        if isinstance(stmt, Exception_):
            undercut = {t for o, r, t in out.relations if o == f"<{stmt.id}>" and r == "_>"}
            assert undercut == {f"<{t}>" for t in stmt.undercuts if t in exported_ids}
        elif stmt.id in out.pcs:
            conclusion = stmt.then
            assert out.pcs[stmt.id][-1] == conclusion
    # contradictions go between a statement and its negation
    for owner, rel, target in out.relations:
        if rel == "><":
            assert target == f"[~{owner[1:-1]}]"


@pytest.fixture(scope="module")
def iran_us() -> Doctrine:
    return load_doctrine("iran-us")


def test_shipped_doctrine_exports_well_formed_argdown(iran_us: Doctrine) -> None:
    text = doctrine_to_argdown(iran_us)
    out = read_outline(text)
    ids = {s.id for s in [*iran_us.rules, *iran_us.exceptions]}
    check_outline(out, iran_us, ids)
    assert out.front["title"] == iran_us.title
    kinds = {r for _, r, _ in out.relations}
    assert kinds == {"+>", "->", "_>", "><"}
    # accept_talks and its negation are contradictory statements
    assert ("[accept_talks]", "><", "[~accept_talks]") in out.relations
    # a later-statement / source-rank preference is recorded as data
    assert any(data.get("prevails_over") for _, data in out.arguments.values())


def test_argdown_of_a_judged_scenario_carries_statuses_and_the_verdict(iran_us: Doctrine) -> None:
    ev = evaluate(shipped_scenarios()["us_deal_2016_nuclear_conditions_met"], iran_us)
    text = evaluation_to_argdown(ev)
    out = read_outline(text)
    assert f"Verdict: {ev.verdict.value}" in text.split("===")[2]
    statuses = {t: data.get("status") for t, (_, data) in out.arguments.items()}
    for arg in ev.arguments:
        if arg.rule_id is not None and arg.status == "in":
            assert statuses[arg.rule_id] == "in"
    # only statements of the scenario's view and in force on its date
    for stmt in iran_us.rules:
        in_view = stmt.source in iran_us.views_by_id[ev.view].sources
        assert (stmt.id in out.arguments) == (in_view and in_force(stmt, ev.date))


@settings(max_examples=40)
@given(data=st.data())
def test_generated_doctrines_with_markup_in_their_text_stay_well_formed(
    data: st.DataObject, doctrine_strategy: st.SearchStrategy[Doctrine]
) -> None:
    doctrine = data.draw(doctrine_strategy)
    out = read_outline(doctrine_to_argdown(doctrine))
    check_outline(out, doctrine, {s.id for s in [*doctrine.rules, *doctrine.exceptions]})


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a [b] <c> {d}", "a (b) ‹c› (d)"),
        ("see http://x.org/*y*", "see http:/ /x.org/∗y∗"),
        ("#tag @[s] a_b", "№tag (at)(s) a b"),
        ("two\nlines", "two lines"),
    ],
)
def test_argdown_text_removes_markup(raw: str, clean: str) -> None:
    assert argdown_text(raw) == clean


def _argdown_parser() -> list[str] | None:
    node = shutil.which("node")
    if node is None:
        return None
    probe = subprocess.run(
        [node, "-e", "require.resolve('@argdown/core')"], capture_output=True, env=os.environ
    )
    return [node, str(DATA / "argdown_check.js")] if probe.returncode == 0 else None


@pytest.mark.skipif(_argdown_parser() is None, reason="node with @argdown/core not found")
def test_argdown_core_parses_the_export_without_errors(iran_us: Doctrine, tmp_path: Path) -> None:
    cmd = _argdown_parser()
    assert cmd is not None
    path = tmp_path / "doctrine.argdown"
    path.write_text(doctrine_to_argdown(iran_us), encoding="utf-8")
    result = json.loads(subprocess.run([*cmd, str(path)], capture_output=True, check=True).stdout)
    assert result["lexerErrors"] == [] and result["parserErrors"] == []
    assert result["arguments"] == len(iran_us.rules) + len(iran_us.exceptions)
    assert {"support", "attack", "undercut", "contradictory"} <= set(result["relationTypes"])
