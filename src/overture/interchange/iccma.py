"""ICCMA export of the framework a judged scenario compiles to, with a mapping back to arguments.

The `.af` file is plain ICCMA 2023 (`p af N`, then `i j` attack lines, no comments), so any
ICCMA solver reads it. The JSON mapping says, for each argument number, which ASPIC+ argument it
is (id, conclusion, top rule, doctrine rule, status), which numbers argue for and against the
question, and the answers Overture expects to the DC/DS queries on them, so that an outside
solver's answers can be compared line by line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from overture.af import ArgumentationFramework
from overture.af.iccma_io import format_af
from overture.aspic.evaluation import ArgumentStatus
from overture.verdict import Evaluation

MAPPING_FORMAT = "overture-iccma-mapping"
MAPPING_VERSION = 1


@dataclass(frozen=True)
class IccmaExport:
    """The ICCMA text of a scenario's framework and its JSON mapping."""

    af: ArgumentationFramework
    text: str
    mapping: dict[str, Any]

    @property
    def question_arguments(self) -> dict[str, list[int]]:
        """1-based numbers of the arguments for (`for`) and against (`against`) the question."""
        q = self.mapping["question_arguments"]
        return {"for": list(q["for"]), "against": list(q["against"])}

    def mapping_json(self) -> str:
        return json.dumps(self.mapping, indent=2, ensure_ascii=False) + "\n"

    def write(self, af_path: str | Path, mapping_path: str | Path | None = None) -> Path:
        """Write the `.af` file and the mapping (default: beside it, `.mapping.json`)."""
        af_file = Path(af_path)
        target = Path(mapping_path) if mapping_path else mapping_path_for(af_file)
        af_file.write_text(self.text, encoding="utf-8")
        target.write_text(self.mapping_json(), encoding="utf-8")
        return target


def mapping_path_for(af_path: str | Path) -> Path:
    """Where the mapping of an exported `.af` file goes by default: `NAME.mapping.json`."""
    p = Path(af_path)
    return p.with_name(p.stem + ".mapping.json")


def export_iccma(evaluation: Evaluation) -> IccmaExport:
    """The ICCMA framework of a verdict evaluation (AF argument i is ICCMA argument i + 1)."""
    aev = evaluation.aspic
    compiled = evaluation.compiled
    source = aev.af
    af = ArgumentationFramework.from_edges(source.n, source.attacks())
    sem = aev.semantics.value
    views = {a.id: a for a in evaluation.arguments}
    labels = aev.labels
    arguments: list[dict[str, Any]] = []
    pro: list[int] = []
    con: list[int] = []
    question = compiled.question
    for arg in aev.arguments:
        number = arg.id + 1
        view = views.get(arg.name)
        status = aev.status(arg.id)
        arguments.append(
            {
                "number": number,
                "id": arg.name,
                "conclusion": str(arg.conclusion),
                "rule": arg.top_rule.name if arg.top_rule is not None else None,
                "doctrine_rule": view.rule_id if view is not None else None,
                "kind": view.kind if view is not None else arg.origin.value,
                "label": labels[arg.id].name.lower(),
                "credulous": status is not ArgumentStatus.REJECTED,
                # ICCMA's DS is vacuously YES when there is no extension (stable semantics)
                "skeptical": status is ArgumentStatus.SKEPTICAL or not aev.extensions,
                "gloss": view.gloss if view is not None else "",
            }
        )
        if arg.conclusion == question:
            pro.append(number)
        elif arg.conclusion == question.negate():
            con.append(number)
    queries = []
    for number in pro + con:
        entry = arguments[number - 1]
        queries.append(
            {
                "problem": f"DC-{sem}",
                "argument": number,
                "expected": "YES" if entry["credulous"] else "NO",
            }
        )
        queries.append(
            {
                "problem": f"DS-{sem}",
                "argument": number,
                "expected": "YES" if entry["skeptical"] else "NO",
            }
        )
    mapping = {
        "format": MAPPING_FORMAT,
        "version": MAPPING_VERSION,
        "doctrine": evaluation.doctrine,
        "scenario": evaluation.scenario,
        "semantics": sem,
        "question": str(question),
        "verdict": evaluation.verdict.value,
        "arguments": arguments,
        "question_arguments": {"for": pro, "against": con},
        "queries": queries,
    }
    return IccmaExport(af, format_af(af, "i23"), mapping)
