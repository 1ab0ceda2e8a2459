"""Scenario reports: structure of the Markdown and HTML of every shipped scenario, escaping, screenshot."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from overture.doctrine import Doctrine, load_doctrine, shipped_scenarios
from overture.doctrine.model import Scenario
from overture.render.html import to_html
from overture.render.markdown import md, to_markdown
from overture.render.report import ScenarioReport, build_report

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
VOID = {"meta", "br", "img", "hr", "input", "link", "area", "base", "col", "source", "wbr"}
SVG_VOID_OK = {"rect", "path", "line", "circle", "stop", "tspan", "text", "title", "marker"}
SECTIONS = ["verdict", "scenario", "reasons", "graph", "timeline", "views", "counterfactuals"]
_cache: dict[str, ScenarioReport] = {}


def report_of(name: str) -> ScenarioReport:
    if name not in _cache:
        _cache[name] = build_report(shipped_scenarios()[name], "iran-us")
    return _cache[name]


class Structure(HTMLParser):
    """Checks that tags nest and close, and records section ids, scripts and external refs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.sections: list[str] = []
        self.tags: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "section" and values.get("id"):
            self.sections.append(str(values["id"]))
        for key in ("src", "href"):
            if values.get(key):
                self.external.append(str(values[key]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        assert tag in SVG_VOID_OK or tag in VOID, f"self-closing <{tag}/>"

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> Structure:
    parser = Structure()
    parser.feed(text)
    parser.close()
    assert parser.stack == [], f"unclosed tags {parser.stack}"
    return parser


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
def test_html_report_of_each_shipped_scenario_is_self_contained_and_complete(name: str) -> None:
    report = report_of(name)
    ev = report.evaluation
    html = to_html(report)
    page = parse_html(html)
    assert page.tags[0] == "html" and "script" not in page.tags
    assert "link" not in page.tags and page.external == []
    assert page.sections[: len(SECTIONS)] == SECTIONS
    text = " ".join(page.text)
    assert ev.verdict.value in text and ev.summary in " ".join(text.split())
    for reason in (*ev.reasons_for, *ev.reasons_against):
        assert reason.gloss in text
        for quote in reason.quotes:
            assert quote.text in text
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    # argument map, every attack, timeline, and the two sides' graphs of each joint file whose
    # side this doctrine is, facing the scenario's counterparty
    faces = [j for j in report.joints if j.sides]
    assert len(report.joints) == (report.scenario.counterparty == "united_states")
    assert len(svgs) == 3 + 2 * len(faces)
    for svg in svgs:
        ET.fromstring(svg)
    # the map's tooltips hold the quotes of the rules drawn
    titles = " ".join(
        t.text or "" for t in ET.fromstring(svgs[0]).iter("{http://www.w3.org/2000/svg}title")
    )
    for arg in ev.arguments:
        if arg.kind != "scenario":
            for quote in arg.quotes:
                assert quote.text in titles
    # the timeline table has one row per point, the views table one per view
    assert report.timeline is not None and report.views is not None
    for point in report.timeline.points:
        assert point.date.isoformat() in text
    assert set(report.views.verdicts) == {v.id for v in report.doctrine.views}


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
def test_markdown_report_of_each_shipped_scenario_has_its_sections_and_graph(name: str) -> None:
    report = report_of(name)
    ev = report.evaluation
    text = to_markdown(report)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    expected = [
        "## Verdict",
        "## Scenario",
        "## Reasons",
        "## Argument graph",
        "## Timeline",
        "## Views",
        "## What would change the verdict",
    ]
    assert headings[: len(expected)] == expected
    assert f"**{ev.verdict.value.upper()}**" in text
    for reason in (*ev.reasons_for, *ev.reasons_against):
        for quote in reason.quotes:
            assert md(quote.text) in text
    images = re.findall(r"!\[[^\]]*\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", text)
    assert len(images) == 2 + 2 * len([j for j in report.joints if j.sides])
    for data in images:
        ET.fromstring(base64.b64decode(data))
    assert "```dot\ndigraph " in text
    # every table row has as many cells as its header
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---") or line.startswith("|---|"):
            width = lines[i - 1].count(" | ") + 1
            j = i + 1
            while j < len(lines) and lines[j].startswith("| "):
                cells = re.split(r"(?<!\\) \| ", lines[j][2:-2])
                assert len(cells) == width, lines[j]
                j += 1


def test_hostile_text_is_escaped_in_both_reports(hostile_case: tuple[Doctrine, Scenario]) -> None:
    doctrine, scenario = hostile_case
    report = build_report(scenario, doctrine)
    html = to_html(report)
    parse_html(html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    for svg in re.findall(r"<svg\b.*?</svg>", html, flags=re.S):
        ET.fromstring(svg)
    markdown = to_markdown(report)
    # outside fenced code blocks (where text is shown verbatim) no markup survives
    prose = re.sub(r"^(`{3,})[a-z]*\n.*?^\1$", "", markdown, flags=re.S | re.M)
    assert "```dot" in markdown and "```dot" not in prose
    assert "<script>" not in prose and "\\<script\\>" in prose
    assert "[link](http" not in prose


def test_reports_without_analyses_leave_their_sections_out() -> None:
    report = build_report(shipped_scenarios()["us_conveying_2006_iraq"], "iran-us", analyses=False)
    page = parse_html(to_html(report))
    assert page.sections[:4] == ["verdict", "scenario", "reasons", "graph"]
    assert not {"timeline", "views", "counterfactuals"} & set(page.sections)
    text = to_markdown(report)
    assert "## Timeline" not in text and "## Views" not in text


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    report = report_of("us_deal_2012_normalization")
    page = tmp_path / "report.html"
    page.write_text(to_html(report), encoding="utf-8")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "report_us_deal_2012_normalization.png"
    shot.unlink(missing_ok=True)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(data) > 20_000  # a rendered page, not a blank image


def test_report_title_and_sources() -> None:
    report = report_of("us_deal_2016_nuclear_conditions_met")
    assert report.title.startswith("us_deal_2016_nuclear_conditions_met — United States")
    cited = {s.id for s in report.cited_sources()}
    used = {r.source for r in (*report.evaluation.reasons_for, *report.evaluation.reasons_against)}
    assert used <= cited
    doctrine = load_doctrine("iran-us")
    assert cited <= {s.id for s in doctrine.sources}


def test_an_analysis_that_cannot_run_is_left_out_with_a_note(
    hostile_case: tuple[Doctrine, Scenario],
) -> None:
    doctrine, scenario = hostile_case
    data = doctrine.model_dump(mode="json")
    for rule in data["rules"]:
        rule["source"] = "s_outside"  # the official view is left without any statement
    bare = Doctrine.model_validate(data)
    official = scenario.model_copy(update={"view": "official"})
    report = build_report(official, bare)
    assert report.timeline is None
    assert any(note.startswith("timeline left out:") for note in report.notes)
    page = parse_html(to_html(report))
    assert "timeline" not in page.sections and "verdict" in page.sections
    assert "timeline left out" in " ".join(page.text)
