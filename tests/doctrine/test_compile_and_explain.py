"""Compilation to ASPIC+ (axioms, rule instances, undercutters, preferences) and the
explanation objects built on the evaluation."""

from __future__ import annotations

from overture.aspic import Literal
from overture.doctrine import (
    Scenario,
    compile_scenario,
    generate_preferences,
    load_doctrine,
    parse_doctrine,
)
from overture.verdict import Verdict, evaluate, explain, why_not


def us(date: str, **facts: bool) -> Scenario:
    return Scenario(counterparty="united_states", topics=["nuclear"], mode="deal",
                    date=date, facts=facts)  # type: ignore[arg-type]


def test_compile_unpacks_to_theory_and_rule_map() -> None:
    d = load_doctrine()
    theory, rules = compile_scenario(d, us("2016-01-15", conditions_met_on_topics=True))
    assert Literal("counterparty.united_states") in theory.axioms
    assert Literal("conditions_met_on_topics") in theory.axioms
    assert Literal("us_behavior_changed", True) in theory.axioms
    assert rules["c1_forbidden"].id == "c1_forbidden"
    # rules not in force or not applicable are left out
    assert "a6_conveying" not in rules
    # exceptions compile to undercutters ~[rule]
    undercutters = [r for r in theory.rules if r.consequent.negated
                    and r.consequent.rule_name == "a4_no_change"]
    assert undercutters and rules[undercutters[0].name].id == "x_issue_specific"
    # the later-statement policy ranks c1 above a7
    assert theory.rule_order.strictly_less("a7_issue_talks", "c1_forbidden")


def test_any_of_conditions_expand_into_instances(mini_text: str) -> None:
    text = mini_text.replace("when: {counterparty: [rivalia]}",
                             "when: {counterparty: [rivalia], topics_any: [trade, values]}")
    d = parse_doctrine(text)
    s = Scenario(counterparty="rivalia", topics=["trade", "values"], mode="deal",
                 date="2016-02-01")  # type: ignore[arg-type]
    compiled = compile_scenario(d, s)
    names = sorted(n for n, o in compiled.origins.items() if o.statement_id == "r_end")
    assert names == ["r_end.1", "r_end.2"]
    # and the explicit/policy preferences apply to every instance
    assert ("r_end.1", "r_rivals") in compiled.theory.rule_preferences


def test_policies_are_data(mini_text: str) -> None:
    d = parse_doctrine(mini_text)
    s = Scenario(counterparty="rivalia", topics=["trade"], mode="deal",
                 date="2016-02-01")  # type: ignore[arg-type]
    # speaker (r_rivals) outranks analysis (r_end): forbidden
    assert evaluate(s, d).verdict is Verdict.FORBIDDEN
    # reverse the rank order: now the analysis prevails
    flipped = parse_doctrine(mini_text.replace("order: [speaker, exposition, analysis]",
                                               "order: [analysis, exposition, speaker]"))
    assert evaluate(s, flipped).verdict is Verdict.PERMITTED
    # without any policy the two conflict with no preference: contested
    bare = parse_doctrine(mini_text.replace(
        "policies:\n  - {id: later, kind: later_statement}\n"
        "  - {id: rank, kind: source_rank, order: [speaker, exposition, analysis]}\n", ""))
    assert evaluate(s, bare).verdict is Verdict.CONTESTED
    pairs = {(p.stronger, p.weaker, p.reason) for p in generate_preferences(d)}
    assert ("r_rivals", "r_end", "source rank") in pairs
    assert ("r_rivals", "r_friends", "later statement") in pairs


def test_exception_undercuts_and_is_reported(mini_text: str) -> None:
    d = parse_doctrine(mini_text)
    s = Scenario(counterparty="rivalia", topics=["trade"], mode="deal", date="2015-02-01",
                 view="official", facts={"changed": True})  # type: ignore[arg-type]
    ev = evaluate(s, d)
    assert ev.verdict is Verdict.UNDECIDED  # the only rule against is undercut; none for
    lost = [df for df in ev.defeated if df.rule_id == "r_rivals"]
    assert lost and lost[0].why == "exception" and lost[0].defeated_by == "x_changed"


def test_reasons_carry_gloss_source_date_and_cited_quotes() -> None:
    ev = evaluate(us("2010-05-01"), view="official")
    assert ev.verdict is Verdict.FORBIDDEN
    by_id = {r.rule_id: r for r in ev.reasons_against}
    r = by_id["a4_no_change"]
    assert r.source == "iranreview_2012" and str(r.date) == "2009-03-21" and r.kind == "speaker"
    assert r.quotes[0].text == "[If] you change, we will also change our behavior."
    assert r.quotes[0].cited is not None and "2009-03-21" in r.quotes[0].cited
    # strongest first: the speaker's words before the exposition's
    kinds = [x.kind for x in ev.reasons_against]
    assert kinds == sorted(kinds, key=["speaker", "exposition", "analysis"].index)


def test_scope_lists_the_topics_that_could_go_ahead_alone() -> None:
    s = Scenario(counterparty="united_states", topics=["nuclear", "religious_values", "trade"],
                 mode="deal", date="2014-01-01",
                 facts={"conditions_met_on_topics": True})  # type: ignore[arg-type]
    ev = evaluate(s)
    assert ev.verdict is Verdict.FORBIDDEN
    assert ev.scope == ["nuclear", "trade"]


def test_explain_winning_line_and_failed_attacks() -> None:
    ex = explain(us("2016-01-15", conditions_met_on_topics=True))
    assert ex.verdict is Verdict.FORBIDDEN and ex.winning_side == "against"
    top = ex.winning[0]
    assert top.argument.rule_id == "c1_forbidden" and top.argument.status == "in"
    assert top.argument.quotes[0].id == "c_forbidden"
    fates = {c.attacker.rule_id: (c.outcome, c.why) for c in top.challenges}
    assert fates["a7_issue_talks"][0] == "fails"
    assert fates["a7_issue_talks"][1].startswith("later statement")
    losers = {line.argument.rule_id for line in ex.opposing}
    assert "a7_issue_talks" in losers


def test_explain_answers_attacks_with_defenders() -> None:
    ex = explain(us("2014-01-01", conditions_met_on_topics=True))
    assert ex.verdict is Verdict.PERMITTED
    line = next(x for x in ex.winning if x.argument.rule_id == "a7_issue_talks")
    answered = [c for c in line.challenges if c.outcome == "answered"]
    assert answered
    assert any(c.answered_by is not None
               and c.answered_by.argument.rule_id == "x_issue_specific" for c in answered)


def test_why_not_is_empty_when_already_there() -> None:
    w = why_not(us("2014-01-01", conditions_met_on_topics=True), target=Verdict.PERMITTED)
    assert w.already and not w.obstacles


def test_why_not_forbidden_names_the_supporting_rules() -> None:
    w = why_not({"counterparty": "germany", "topics": ["trade"], "mode": "deal",
                 "date": "2015-11-01"}, target="forbidden")
    assert w.current is Verdict.PERMITTED and not w.already
    blockers = {o.argument.rule_id for o in w.obstacles}
    assert {"c3_europe", "c3_not_against_negotiation", "a2_ordinary_tension"} <= blockers
