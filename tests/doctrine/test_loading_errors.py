"""Bad doctrines and scenarios fail with `file:line:col` and say what was expected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from overture.doctrine import load_doctrine, load_scenario, parse_doctrine, parse_scenario
from overture.doctrine.yamlpos import MAX_BYTES
from overture.errors import InputError, LimitExceeded, OvertureError

Write = Callable[..., Path]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for i, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return i
    raise AssertionError(f"{needle!r} not in text")


def load_error(write: Write, text: str) -> OvertureError:
    path = write(text)
    with pytest.raises(OvertureError) as info:
        load_doctrine(path)
    err = info.value
    assert err.location is not None and err.location.path == str(path)
    return err


def test_mini_doctrine_is_valid(mini_text: str) -> None:
    d = parse_doctrine(mini_text)
    assert d.id == "mini"
    assert [r.id for r in d.rules] == ["r_friends", "r_rivals", "r_end"]


def test_malformed_yaml_names_line_and_column(write: Write, mini_text: str) -> None:
    text = mini_text.replace("title: A small doctrine", "title: [unclosed")
    err = load_error(write, text)
    assert "malformed YAML" in err.message
    assert err.location is not None and err.location.line is not None
    assert err.location.line >= line_of(text, "title: [unclosed")


def test_unknown_fact_in_a_rule(write: Write, mini_text: str) -> None:
    text = mini_text.replace("when: {facts: {changed: true}}", "when: {facts: {chnaged: true}}")
    err = load_error(write, text)
    assert "unknown fact 'chnaged'" in err.message and "known facts: changed" in err.message
    assert err.location is not None
    assert err.location.line == line_of(text, "chnaged")
    assert err.location.column == text.splitlines()[err.location.line - 1].index("chnaged") + 1


def test_rule_citing_a_missing_quote(write: Write, mini_text: str) -> None:
    text = mini_text.replace("quotes: [q3]", "quotes: [q9]")
    err = load_error(write, text)
    assert "'r_end' cites quote 'q9'" in err.message
    assert err.location is not None and err.location.line == line_of(text, "quotes: [q9]")


def test_quote_from_another_source(write: Write, mini_text: str) -> None:
    text = mini_text.replace("quotes: [q3]", "quotes: [q1]")
    err = load_error(write, text)
    assert "comes from source 's1'" in err.message


def test_preference_cycle(write: Write, mini_text: str) -> None:
    text = mini_text.replace(
        "views:\n",
        "preferences:\n"
        "  - {stronger: r_friends, weaker: r_end}\n"
        "  - {stronger: r_end, weaker: r_friends}\n"
        "views:\n",
    )
    err = load_error(write, text)
    assert "preference cycle" in err.message
    assert err.location is not None
    assert err.location.line == line_of(text, "{stronger: r_friends, weaker: r_end}")


def test_policy_generated_cycle_is_reported(write: Write, mini_text: str) -> None:
    # r_end (analysis, 2016) would beat r_rivals by an explicit preference, while the rank
    # policy puts the speaker first: explicit preferences win, so no cycle; but an explicit
    # pair contradicting itself through a third rule is a cycle.
    text = mini_text.replace(
        "views:\n",
        "preferences:\n"
        "  - {stronger: r_end, weaker: r_rivals}\n"
        "  - {stronger: r_rivals, weaker: r_friends}\n"
        "  - {stronger: r_friends, weaker: r_end}\n"
        "views:\n",
    )
    err = load_error(write, text)
    assert "preference cycle" in err.message


def test_rule_that_can_never_fire_missing_support(write: Write, mini_text: str) -> None:
    text = mini_text.replace("when: {counterparty: [rivalia]}",
                             "when: {counterparty: [rivalia], holds: [nobody_concludes]}")
    err = load_error(write, text)
    assert "'r_end' can never fire" in err.message and "nobody_concludes" in err.message
    assert err.location is not None and err.location.line == line_of(text, "nobody_concludes")


def test_rule_that_can_never_fire_dates(write: Write, mini_text: str) -> None:
    text = mini_text.replace("    stated: 2016-01-01\n",
                             "    stated: 2016-01-01\n    until: 2015-01-01\n")
    err = load_error(write, text)
    assert "'r_end' can never fire" in err.message
    assert err.location is not None and err.location.line == line_of(text, "until: 2015-01-01")


def test_rule_that_can_never_fire_no_counterparty(write: Write, mini_text: str) -> None:
    text = mini_text.replace("when: {counterparty: [rivalia]}",
                             "when: {counterparty: [friendland], attributes: {rival: true}}")
    err = load_error(write, text)
    assert "can never fire" in err.message and "no declared counterparty" in err.message


def test_circular_support_can_never_fire(write: Write, mini_text: str) -> None:
    text = mini_text.replace(
        "exceptions:\n",
        "  - {id: r_a, when: {holds: [b]}, then: a, source: s1, stated: 2014-01-01, "
        "quotes: [q1], gloss: A from B.}\n"
        "  - {id: r_b, when: {holds: [a]}, then: b, source: s1, stated: 2014-01-01, "
        "quotes: [q1], gloss: B from A.}\n"
        "exceptions:\n",
    )
    err = load_error(write, text)
    assert "circular support" in err.message


def test_duplicate_ids(write: Write, mini_text: str) -> None:
    text = mini_text.replace("- {id: q2, source: s1", "- {id: q1, source: s1")
    err = load_error(write, text)
    assert "duplicate quote id 'q1'" in err.message
    assert err.location is not None and err.location.line == line_of(text, "id: q1", 2)


def test_duplicate_mapping_key(write: Write, mini_text: str) -> None:
    text = mini_text.replace("title: A small doctrine", "title: A\ntitle: B")
    err = load_error(write, text)
    assert "duplicate key 'title'" in err.message
    assert err.location is not None and err.location.line == line_of(text, "title: B")


def test_unknown_field_points_at_the_key(write: Write, mini_text: str) -> None:
    text = mini_text.replace("    gloss: No deals with rivals.", "    glos: No deals with rivals.")
    err = load_error(write, text)
    assert "unknown field 'glos'" in err.message
    assert err.location is not None and err.location.line == line_of(text, "glos:")
    assert err.location.column == 5


def test_missing_field(write: Write, mini_text: str) -> None:
    text = mini_text.replace("    gloss: No deals with rivals.\n", "")
    err = load_error(write, text)
    assert "missing required field" in err.message and "gloss" in err.message


def test_wrong_type_is_located(write: Write, mini_text: str) -> None:
    text = mini_text.replace("stated: 2014-06-01\n    quotes: [q2]\n    gloss: No deals",
                             "stated: someday\n    quotes: [q2]\n    gloss: No deals")
    err = load_error(write, text)
    assert "stated" in err.message
    assert err.location is not None and err.location.line == line_of(text, "stated: someday")


def test_unsupported_schema_version(write: Write, mini_text: str) -> None:
    err = load_error(write, mini_text.replace("schema_version: 1", "schema_version: 7"))
    assert "schema_version 7" in err.message


def test_exception_of_unknown_rule(write: Write, mini_text: str) -> None:
    text = mini_text.replace("undercuts: [r_rivals]", "undercuts: [r_nope]")
    err = load_error(write, text)
    assert "unknown rule 'r_nope'" in err.message
    assert err.location is not None and err.location.line == line_of(text, "r_nope")


def test_unknown_source_in_view(write: Write, mini_text: str) -> None:
    text = mini_text.replace("sources: [s1]}", "sources: [s7]}")
    err = load_error(write, text)
    assert "unknown source 's7'" in err.message


def test_test_case_with_unknown_counterparty(write: Write, mini_text: str) -> None:
    text = mini_text.replace("scenario: {counterparty: friendland", "scenario: {counterparty: atlantis")
    err = load_error(write, text)
    assert "unknown counterparty 'atlantis'" in err.message
    assert "friendland" in err.message and "rivalia" in err.message


def test_aliases_are_rejected(write: Write) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    err = load_error(write, bomb)
    assert "aliases" in err.message
    assert err.location is not None and err.location.line == 1  # the anchor already


def test_huge_file_is_refused(write: Write) -> None:
    path = write("x: " + "y" * (MAX_BYTES + 10) + "\n")
    with pytest.raises(LimitExceeded):
        load_doctrine(path)


def test_missing_file_and_unknown_shipped_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_doctrine(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="shipped doctrines: dprk-us, iran-us"):
        load_doctrine("no-such-doctrine")


# -- scenarios ----------------------------------------------------------------------------


def test_scenario_unknown_counterparty_lists_known(write: Write) -> None:
    text = "counterparty: atlantis\ntopics: [nuclear]\nmode: deal\ndate: 2015-01-01\n"
    path = write(text, "s.yaml")
    with pytest.raises(InputError) as info:
        load_scenario(path, "iran-us")
    err = info.value
    assert "unknown counterparty 'atlantis'" in err.message
    assert "united_states" in err.message and "venezuela" in err.message
    assert err.location is not None and (err.location.line, err.location.column) == (1, 15)


def test_scenario_unknown_fact_and_topic(write: Write) -> None:
    text = ("counterparty: germany\ntopics: [trade, cheese]\nmode: deal\ndate: 2015-01-01\n")
    with pytest.raises(InputError) as info:
        load_scenario(write(text, "s.yaml"), "iran-us")
    assert "unknown topic 'cheese'" in info.value.message
    assert info.value.location is not None and info.value.location.line == 2
    text = ("counterparty: germany\ntopics: [trade]\nmode: deal\ndate: 2015-01-01\n"
            "facts:\n  magic: true\n")
    with pytest.raises(InputError) as info:
        load_scenario(write(text, "s2.yaml"), "iran-us")
    assert "unknown fact 'magic'" in info.value.message and "us_behavior_changed" in info.value.message
    assert info.value.location is not None and info.value.location.line == 6


def test_scenario_bad_mode_and_date(write: Write) -> None:
    with pytest.raises(InputError) as info:
        load_scenario(write("counterparty: germany\ntopics: [trade]\nmode: war\ndate: 2015-01-01\n",
                            "s.yaml"), "iran-us")
    assert "mode" in info.value.message and "known modes: deal, conveying" in info.value.message
    assert info.value.location is not None and info.value.location.line == 3
    with pytest.raises(InputError) as info:
        parse_scenario('{"counterparty": "germany", "topics": ["trade"], "mode": "deal", '
                       '"date": "yesterday"}', "s.json")
    assert "date" in info.value.message and str(info.value).startswith("s.json:1:")


def test_scenario_json_file_and_missing_field(write: Write) -> None:
    s = load_scenario(write('{"counterparty": "germany", "topics": ["trade"], "mode": "deal", '
                            '"date": "2015-11-01"}', "s.json"), "iran-us")
    assert s.view == "all" and s.initiated_by == "counterparty" and s.facts == {}
    with pytest.raises(InputError, match="missing required field 'mode'"):
        load_scenario(write("counterparty: germany\ntopics: [trade]\ndate: 2015-01-01\n", "m.yaml"))


def test_check_scenario_lists_known_views() -> None:
    d = load_doctrine()
    from overture.doctrine import Scenario

    s = Scenario(counterparty="germany", topics=["trade"], mode="deal",
                 date="2015-01-01", view="hawks")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="known views: all, official, analyst"):
        d.check_scenario(s)


def test_deep_nesting_and_node_floods_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from overture.doctrine import yamlpos

    with pytest.raises(LimitExceeded, match="nests deeper"):
        parse_scenario("[" * 20000 + "]" * 20000, "deep.yaml")
    monkeypatch.setattr(yamlpos, "MAX_NODES", 1000)
    with pytest.raises(LimitExceeded, match="more than 1000 YAML nodes"):
        parse_scenario("[" + "1," * 1200 + "1]", "wide.yaml")


def test_cycle_made_by_the_policies_alone(write: Write, mini_text: str) -> None:
    # same speaker X: the later analysis r_a beats the earlier speech r_b (later statement);
    # the speech beats an exposition by Z, which outranks the analysis r_a (source rank).
    extra = (
        "  - {id: r_a, when: {}, then: m, source: s2, speaker: X, stated: 2015-06-01, "
        "quotes: [q3], gloss: A.}\n"
        "  - {id: r_b, when: {}, then: m, source: s1, stated: 2014-07-01, "
        "quotes: [q1], gloss: B.}\n"
        "  - {id: r_c, when: {}, then: m, source: s1, kind: exposition, speaker: Z, "
        "stated: 2014-07-01, quotes: [q1], gloss: C.}\n"
    )
    err = load_error(write, mini_text.replace("exceptions:\n", extra + "exceptions:\n"))
    assert "preference cycle" in err.message
    assert "later statement" in err.message and "source rank" in err.message
