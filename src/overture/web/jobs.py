"""The work of the heavy API routes as module-level functions, run in a child process.

Each takes the request's `Deadline` first and returns a picklable answer (the route's JSON
body); `overture.web.isolated` runs them under the memory ceiling and the time limit. All they
need is imported here, at the top: the fork server preloads this module, so a child never
imports under its memory cap.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from overture.af import ArgumentationFramework, Semantics
from overture.af.answer import solve_task
from overture.af.iccma_io import parse_af
from overture.analysis.backtest import backtest
from overture.analysis.counterfactual import counterfactuals
from overture.analysis.events import EventLog
from overture.analysis.joint import joint
from overture.analysis.joint_file import JointSetting
from overture.doctrine import Doctrine, Scenario
from overture.errors import InputError, LimitExceeded, Unavailable
from overture.interchange.exports import Target, export
from overture.render.backtest_report import chart_svg
from overture.render.html import to_html
from overture.render.joint_report import joint_section
from overture.render.markdown import to_markdown
from overture.render.report import build_report
from overture.web.limits import Deadline
from overture.web.models import AFSolveResult


class TaskError(InputError):
    """A bad query parameter, named so the error body points at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def solve(deadline: Deadline, *, text: str, fmt: str, problem: str, semantics: str,
          arg: str | None, limit: int) -> dict[str, Any]:
    """An ICCMA task on an uploaded framework (the body of `POST /api/af/solve`)."""
    started = time.perf_counter()
    af = parse_af(text, fmt, name="<upload>")
    result = _answer(af, problem, Semantics.parse(semantics), arg, limit, deadline, started)
    return result.model_dump(mode="json")


def counterfactual(deadline: Deadline, *, scenario: Scenario, doctrine: Doctrine,
                   **options: Any) -> dict[str, Any]:
    """Every minimal edit set giving the target verdict (`POST /api/counterfactual`)."""
    return counterfactuals(scenario, doctrine, should_stop=deadline.expired,
                           **options).to_dict()


#: Download formats: the export formats and the two report formats, with their media types.
DOWNLOADS = {"aif": "application/json", "argdown": "text/plain", "iccma": "text/plain",
             "dot": "text/vnd.graphviz", "svg": "image/svg+xml", "html": "text/html",
             "md": "text/markdown"}


def download(deadline: Deadline, *, scenario: Scenario, doctrine: Doctrine, fmt: str,
             semantics: str, style: str, label: str) -> str:
    """What the workbench shows, as a file (`POST /api/export`): an export of the judged
    scenario, or its whole report (`html`, `md`) as `overture report` writes it."""
    if fmt in ("html", "md"):
        named = scenario if scenario.id else scenario.model_copy(update={"id": label})
        report = build_report(named, doctrine, semantics, analyses=True)
        return to_html(report) if fmt == "html" else to_markdown(report)
    return export(Target(doctrine, scenario, label), fmt, semantics=semantics,
                  style=style).content


def backtest_log(deadline: Deadline, *, log: EventLog, doctrine: Doctrine, semantics: str,
                 views: list[str] | None, all_views: bool) -> dict[str, Any]:
    """A doctrine scored against an event log, with a chart per view (`POST /api/backtest`)."""
    report = backtest(log, doctrine, semantics, views=views, all_views=all_views,
                      should_stop=deadline.expired)
    data = report.to_dict()
    for view, score in zip(data["views"], report.views, strict=True):
        view["chart_svg"] = chart_svg(score)
    return data


def joint_search(deadline: Deadline, *, setting: JointSetting, date: dt.date,
                 graphs: bool, **options: Any) -> dict[str, Any]:
    """The joint overtures or the stalemate certificate (`POST /api/joint`), with each side's
    judged scenario and graph when `graphs`."""
    result = joint(setting, date, should_stop=deadline.expired, **options)
    data = result.to_dict()
    if graphs:
        sec = joint_section(setting, result)
        data["side_graphs"] = [{**s.to_dict(), "graph_svg": svg}
                               for s, svg in zip(sec.sides, sec.graphs, strict=True)]
    return data


def _names(af: ArgumentationFramework, ext: frozenset[int] | None) -> list[str] | None:
    if ext is None:
        return None
    return [af.names[i] for i in sorted(ext)]


def _answer(
    af: ArgumentationFramework,
    problem: str,
    semantics: Semantics,
    arg: str | None,
    limit: int,
    deadline: Deadline,
    started: float,
) -> AFSolveResult:
    base: dict[str, Any] = {
        "task": f"{problem}-{semantics.value}",
        "semantics": semantics.full_name,
        "arguments": af.n,
        "attacks": af.num_attacks,
    }
    index = None
    if arg is not None:
        try:
            index = af.index(arg)
        except KeyError:
            raise TaskError(
                "query.arg", f"argument {arg!r} is not in the framework (names are {_sample(af)})"
            ) from None
    try:
        got = solve_task(af, problem, semantics, index, timeout=deadline.remaining(), limit=limit,
                         on_solver=lambda solver: deadline.on_stop(solver.interrupt))
        if problem == "EE":
            found = [_names(af, e) or [] for e in got.extensions or ()]
            answer = "[" + ",".join("[" + ",".join(e) + "]" for e in found) + "]"
            result = AFSolveResult(**base, extensions=found, count=len(found),
                                   truncated=got.truncated, answer=answer, seconds=0.0)
        elif problem == "CE":
            result = AFSolveResult(**base, count=got.count, answer=str(got.count), seconds=0.0)
        elif problem == "SE":
            result = AFSolveResult(**base, extension=_names(af, got.extension),
                                   answer="\n".join(got.iccma_lines(af)), seconds=0.0)
        else:
            result = AFSolveResult(**base, argument=arg, accepted=got.accepted,
                                   extension=_names(af, got.extension),
                                   answer="\n".join(got.iccma_lines(af)), seconds=0.0)
    except LimitExceeded:
        if deadline.expired():
            raise Unavailable(
                "time_limit",
                f"{base['task']} did not finish within the time limit of {deadline.seconds:g} s",
            ) from None
        raise
    return result.model_copy(update={"seconds": round(time.perf_counter() - started, 6)})


def _sample(af: ArgumentationFramework) -> str:
    names = af.names
    shown = ", ".join(names[:5])
    return shown + (", ..." if len(names) > 5 else "") if names else "(none)"
