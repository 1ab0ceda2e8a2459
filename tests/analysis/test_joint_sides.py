"""The two sides of a joint answer as judged scenarios and graphs: every claim a face makes (its
verdict, the rules it rings, what its cycle edge waits for) checked against verdicts computed
afresh, on the shipped pair and on random pairs of small doctrines; the report sections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from tests.analysis.test_joint import PAIR, _against, _verdict, pairs
from typer.testing import CliRunner

from overture import joint
from overture.analysis.joint import JointResult
from overture.analysis.joint_file import JointSetting, resolve_joint
from overture.analysis.joint_sides import SideEvaluation, side_evaluations
from overture.cli.main import app
from overture.doctrine import Doctrine
from overture.render.aspic_graph import graph_from_verdict
from overture.render.html import joint_page, to_html
from overture.render.joint_report import joint_section
from overture.render.markdown import joint_section_markdown, to_markdown
from overture.render.report import build_report
from overture.verdict import Verdict

runner = CliRunner()


def check_sides(setting: JointSetting, result: JointResult,
                sides: tuple[SideEvaluation, ...]) -> None:
    """Each face's claims hold in verdicts judged afresh."""
    moves = {m.id: m for m in setting.spec.moves}
    if not result.joint and result.stalemate is None:
        assert sides == ()
        return
    assert [s.side for s in sides] == [s.id for s in setting.spec.sides][:len(sides)]
    for s in sides:
        assert s.action == (setting.goal_action(s.side) if s.node == "goal"
                            else moves[s.node].action)
        fresh = _verdict(setting, s.side, s.overture, s.facts, s.action, result.date)
        assert s.evaluation.verdict is fresh
        if s.role in ("accepts", "permits"):
            assert fresh is Verdict.PERMITTED
            supporting = {r.rule_id for r in s.evaluation.reasons_for}
            assert set(s.rules) <= supporting
        else:
            assert fresh is not Verdict.PERMITTED
            assert s.facts == {}
            assert set(s.rules) <= _against(setting, s.side, s.overture, {}, s.action,
                                            result.date)
        if s.role == "accepts":
            assert result.joint and s.overture == result.joint[0].overture
        if s.role == "waits":
            assert s.waits_for is not None and result.stalemate is not None
            other = moves[s.waits_for]
            assert other.side != s.side
            after = _verdict(setting, s.side, s.overture, dict(other.sets), s.action,
                             result.date)
            assert after is Verdict.PERMITTED
            assert any(e.side == s.side and e.waits_for == s.waits_for
                       for e in result.stalemate.cycle)
        # the graph rings exactly the arguments built on the face's rules, and keeps them all
        g = graph_from_verdict(s.evaluation, highlight=s.rules, focus=True)
        want = {a.id for a in s.evaluation.arguments
                if a.rule_id in s.rules and a.kind != "scenario"}
        assert {n.id for n in g.nodes if n.highlight} == want


def test_shipped_pair_faces() -> None:
    setting = resolve_joint(PAIR)
    r = joint(setting, "2013-11-24")
    sides = side_evaluations(setting, r)
    check_sides(setting, r, sides)
    assert [s.role for s in sides] == ["accepts", "accepts"]

    r = joint(setting, "2021-03-01")
    sides = side_evaluations(setting, r)
    check_sides(setting, r, sides)
    assert {(s.side, s.node, s.rules) for s in sides} == {
        ("iran", "iran_returns_to_compliance", ("d4_definite_policy",)),
        ("us", "us_lifts_sanctions", ("u4_not_first",))}

    r = joint(setting, "2025-06-01", goal_topics=["enrichment"])
    sides = side_evaluations(setting, r)
    check_sides(setting, r, sides)
    # the red line of each side
    assert {(s.side, s.rules) for s in sides} == {("iran", ("d7_enrichment_continues",)),
                                                   ("us", ("u6_red_line",))}


def test_a_search_cut_short_has_no_faces() -> None:
    setting = resolve_joint(PAIR)
    r = joint(setting, "2021-03-01", max_evaluations=3)
    assert not r.exact
    assert side_evaluations(setting, r) == ()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_random_pairs_faces_hold(pair: tuple[dict[str, Any], dict[str, Doctrine]]) -> None:
    spec, docs = pair
    setting = resolve_joint(spec, docs.__getitem__)
    r = joint(setting, dt.date(2005, 1, 1))
    check_sides(setting, r, side_evaluations(setting, r))


def test_sections_in_html_markdown_and_the_scenario_report() -> None:
    setting = resolve_joint(PAIR)
    sec = joint_section(setting, joint(setting, "2021-03-01"))
    page = joint_page(sec)
    assert page.count('class="joint-side"') == 2
    assert page.count('class="node status-in highlight"') == 2
    assert "d4_definite_policy" in page and "u4_not_first" in page
    assert "Our reasonable, logical demand is the lifting of sanctions." in page
    md = joint_section_markdown(sec)
    assert md.count("data:image/svg+xml;base64,") == 2
    assert "d4\\_definite\\_policy" in md
    # a report on a scenario of one side's doctrine facing the other includes the section
    report = build_report("us_return_2021_sanctions_first", "iran-us", max_changes=1)
    assert [j.result.joint_id for j in report.joints] == [PAIR]
    assert 'id="joint-iran-us+us-iran"' in to_html(report)
    assert "## Two sides:" in to_markdown(report)
    assert report.to_dict()["joints"][0]["sides"][0]["side"] == "iran"
    # and leaves it out when asked
    assert build_report("us_return_2021_sanctions_first", "iran-us", max_changes=1,
                        joints=()).joints == ()


def test_cli_writes_a_joint_page_and_refuses_a_bad_suffix(tmp_path: Any) -> None:
    out = tmp_path / "j.html"
    res = runner.invoke(app, ["joint", PAIR, "--date", "2021-03-01", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").count('class="joint-side"') == 2
    res = runner.invoke(app, ["joint", PAIR, "--date", "2021-03-01", "--out",
                              str(tmp_path / "j.png")])
    assert res.exit_code == 2 and "j.png" in res.output
    res = runner.invoke(app, ["report", "us_return_2021_sanctions_first", "--no-analyses",
                              "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 0
    assert "joint-side" not in (tmp_path / "r.html").read_text(encoding="utf-8")
