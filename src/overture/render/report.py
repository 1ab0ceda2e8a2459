"""Everything a scenario report shows, gathered once: verdict, reasons, graph, timeline, views,
counterfactuals, and the two sides of each joint file the scenario's doctrine is a side of.

`build_report` runs the evaluation and the analyses; `overture.render.markdown` and
`overture.render.html` turn the result into self-contained documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from overture import __version__
from overture.analysis import (
    CounterfactualReport,
    Timeline,
    ViewComparison,
    compare_views,
    counterfactuals,
    timeline,
)
from overture.analysis.joint import joint
from overture.analysis.joint_file import (
    JointLike,
    JointSetting,
    list_shipped_joints,
    resolve_joint,
)
from overture.doctrine import Doctrine, Source
from overture.doctrine.model import Scenario
from overture.doctrine.resolve import DoctrineLike, ScenarioLike, resolve
from overture.errors import OvertureError
from overture.jsontext import JsonText
from overture.render.aspic_graph import graph_from_verdict
from overture.render.dot import to_dot
from overture.render.graph import ArgumentGraph
from overture.render.joint_report import JointSection, joint_section
from overture.render.svg import to_svg
from overture.render.timeline_svg import timeline_chart
from overture.verdict import Evaluation, evaluate


@dataclass(frozen=True)
class ScenarioReport(JsonText):
    """The material of one report; analyses that could not run are None (and noted)."""

    doctrine: Doctrine
    scenario: Scenario
    evaluation: Evaluation
    graph: ArgumentGraph
    graph_svg: str
    graph_dot: str
    attack_graph_svg: str
    timeline: Timeline | None
    timeline_svg: str | None
    views: ViewComparison | None
    counterfactuals: CounterfactualReport | None
    generated: dt.datetime
    notes: tuple[str, ...] = field(default_factory=tuple)
    joints: tuple[JointSection, ...] = ()

    @property
    def title(self) -> str:
        s = self.scenario
        name = s.id or s.description
        counterparty = self.doctrine.counterparties_by_id[s.counterparty].name
        base = f"{counterparty}: {', '.join(s.topics)} ({s.mode}), {s.date.isoformat()}"
        return f"{name} — {base}" if name else base

    def counterparty_name(self) -> str:
        return self.doctrine.counterparties_by_id[self.scenario.counterparty].name

    def cited_sources(self) -> list[Source]:
        """The sources of every reason shown, in the doctrine's order."""
        ids: set[str] = set()
        ev = self.evaluation
        for reason in (*ev.reasons_for, *ev.reasons_against):
            ids.add(reason.source)
        if self.counterfactuals is not None:
            for c in self.counterfactuals.results:
                ids.update(r.source for r in c.reasons)
        return [s for s in self.doctrine.sources if s.id in ids]

    def facts_table(self) -> list[tuple[str, str, bool]]:
        """Every declared fact: (id, description, value in the scenario)."""
        values = self.doctrine.fact_values(self.scenario)
        return [(f.id, f.description, values[f.id]) for f in self.doctrine.facts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "evaluation": self.evaluation.to_dict(),
            "timeline": self.timeline.to_dict() if self.timeline else None,
            "views": self.views.to_dict() if self.views else None,
            "counterfactuals": self.counterfactuals.to_dict() if self.counterfactuals else None,
            "joints": [j.to_dict() for j in self.joints],
            "generated": self.generated.isoformat(),
            "notes": list(self.notes),
        }


def build_report(
    scenario: ScenarioLike,
    doctrine: DoctrineLike = None,
    semantics: str = "grounded",
    *,
    analyses: bool = True,
    max_changes: int = 2,
    now: dt.datetime | None = None,
    joints: Sequence[JointLike] | None = None,
) -> ScenarioReport:
    """Evaluate `scenario` and run the timeline, views, counterfactual and joint analyses on it.

    `joints`: joint files searched as of the scenario's date (default: each shipped joint file
    with a side of this doctrine facing this counterparty; `()` for none). `analyses=False`
    skips the analyses (their sections are then left out). An analysis that cannot run on this
    scenario (e.g. a counterfactual search past its bounds) is left out with a note in the
    report's footer, not an error.
    """
    d, s = resolve(scenario, doctrine)
    if isinstance(scenario, (str, Path)) and s.id is None:
        s = s.model_copy(update={"id": Path(scenario).stem})
    ev = evaluate(s, d, semantics)
    graph = graph_from_verdict(ev)
    notes: list[str] = []
    tl: Timeline | None = None
    views: ViewComparison | None = None
    cfs: CounterfactualReport | None = None
    tl_svg: str | None = None
    sections: list[JointSection] = []
    if analyses:
        try:
            tl = timeline(s, d, semantics=semantics)
        except OvertureError as exc:
            notes.append(f"timeline left out: {exc}")
        if tl is not None:
            tl_svg = timeline_chart(tl, current=s.date,
                                    title=f"Verdict of this overture over time ({s.view} view)")
        try:
            views = compare_views(s, d, semantics=semantics)
        except OvertureError as exc:
            notes.append(f"views left out: {exc}")
        try:
            cfs = counterfactuals(s, d, max_changes=max_changes, semantics=semantics)
        except OvertureError as exc:
            notes.append(f"counterfactuals left out: {exc}")
        settings = (_joints_facing(d, s) if joints is None
                    else [resolve_joint(j) for j in joints])
        for st in settings:
            try:
                result = joint(st, s.date, semantics=semantics, max_evaluations=JOINT_BUDGET)
                sections.append(joint_section(st, result, id_prefix=f"joint{len(sections)}"))
            except OvertureError as exc:
                notes.append(f"two sides ({st.spec.id}) left out: {exc}")
    return ScenarioReport(
        doctrine=d,
        scenario=s,
        evaluation=ev,
        graph=graph,
        graph_svg=to_svg(graph, id_prefix="map"),
        graph_dot=to_dot(graph),
        attack_graph_svg=to_svg(graph_from_verdict(ev, style="attacks"), id_prefix="atk"),
        timeline=tl,
        timeline_svg=tl_svg,
        views=views,
        counterfactuals=cfs,
        generated=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
        notes=tuple(notes),
        joints=tuple(sections),
    )


#: Most scenarios a report's joint search judges (a search past it is reported, not run on).
JOINT_BUDGET = 20_000


def _joints_facing(doctrine: Doctrine, scenario: Scenario) -> list[JointSetting]:
    """The shipped joint files with a side of `doctrine` facing the scenario's counterparty."""
    out: list[JointSetting] = []
    for name in list_shipped_joints():
        st = resolve_joint(name)
        if any(st.doctrines[side.id].id == doctrine.id and side.counterparty == scenario.counterparty
               for side in st.spec.sides):
            out.append(st)
    return out


def generator_line(report: ScenarioReport) -> str:
    ev = report.evaluation
    return (
        f"Generated by Overture {__version__} on {report.generated.isoformat()} from doctrine "
        f"{report.doctrine.id} ({report.doctrine.title}); {ev.semantics} semantics, "
        f"{report.doctrine.ordering.replace('_', '-')} ordering."
    )
