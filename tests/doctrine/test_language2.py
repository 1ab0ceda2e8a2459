"""Doctrine language 2: declared vocabularies, dimensions, several actions, necessary conditions,
readings, the new policies, views by kind and speaker, the dated world, migration.

Property tests: renaming every id of a random doctrine changes no verdict; `only_if` judges as
its two-rule expansion.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from overture.cli.main import app
from overture.doctrine import Doctrine, load_doctrine, load_scenario, parse_doctrine, problems
from overture.doctrine.migrate import migrate_text
from overture.doctrine.schemas import scenario_schema
from overture.errors import InputError, OvertureError
from overture.verdict import Verdict, evaluate, explain, judge, why_not

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return r.exit_code, r.stdout, r.stderr


BASE: dict[str, Any] = {
    "schema_version": 2, "id": "talks", "title": "A small doctrine of language 2",
    "actions": ["accept_talks", "lift_sanctions"],
    "sources": [
        {"id": "s1", "title": "Statement", "publisher": "Office", "date": "2020-01-01",
         "kind": "speaker", "speaker": "Leader", "actor": "State", "location": "s1.txt"},
        {"id": "s2", "title": "Minister", "publisher": "Office", "date": "2021-01-01",
         "kind": "speaker", "speaker": "Minister", "actor": "State", "location": "s2.txt"},
        {"id": "s3", "title": "Wire", "publisher": "Agency", "date": "2021-06-01",
         "kind": "report", "speaker": "Minister", "actor": "State", "location": "s3.txt"},
    ],
    "quotes": [{"id": "q1", "source": "s1", "text": "one"}, {"id": "q2", "source": "s2", "text": "two"},
               {"id": "q3", "source": "s3", "text": "three"}, {"id": "q4", "source": "s3", "text": "four"}],
    "counterparties": [{"id": "rival", "name": "Rival"}, {"id": "friend", "name": "Friend"}],
    "topics": [{"id": "arms", "description": "Arms."}, {"id": "trade", "description": "Trade."}],
    "modes": [{"id": "summit", "description": "Leaders meet."},
              {"id": "working_level", "description": "Officials meet."},
              {"id": "messages", "description": "Letters."}],
    "initiators": [{"id": "us", "description": "We propose."},
                   {"id": "mediator", "description": "A third party brokers."}],
    "dimensions": [{"id": "channel", "description": "How the sides speak.",
                    "values": [{"id": "direct", "description": "Directly."},
                               {"id": "indirect", "description": "Through a mediator."}],
                    "default": "direct"}],
    "facts": [{"id": "hostility_ended", "description": "The rival ended its hostility."},
              {"id": "drills_ended", "description": "Drills ended.", "implies": ["drills_paused"]},
              {"id": "drills_paused", "description": "Drills paused."},
              {"id": "pressure", "description": "Pressure in force."}],
    "world": [{"fact": "pressure", "value": True, "from": "2020-06-01", "until": "2022-01-01",
               "source": "s2 (public record: sanctions decree of 1 June 2020)"}],
    "policies": [{"id": "rank", "kind": "speaker_rank", "order": ["Leader", "Minister"]}],
    "rules": [
        {"id": "r_contact", "when": {"counterparty": ["rival"]}, "then": "accept_talks",
         "only_if": {"facts": {"hostility_ended": True}}, "source": "s1", "stated": "2020-01-01",
         "quotes": ["q1"], "gloss": "No contact unless the rival ends its hostility."},
        {"id": "r_indirect", "when": {"channel": ["indirect"], "mode": ["messages"]},
         "then": "~accept_talks", "source": "s2", "stated": "2021-01-01", "quotes": ["q2"],
         "gloss": "Messages through third parties are ignored."},
        {"id": "r_pressure", "when": {"facts": {"pressure": True}, "counterparty": ["friend"]},
         "then": "~accept_talks", "source": "s2", "stated": "2021-01-01", "quotes": ["q2"],
         "gloss": "No talks under pressure."},
        {"id": "r_drills", "when": {"facts": {"drills_paused": True}, "counterparty": ["friend"]},
         "then": "accept_talks", "reading": "inferred", "source": "s3", "stated": "2021-06-01",
         "quotes": ["q3"], "gloss": "Read as an opening."},
        {"id": "r_lift", "when": {"counterparty": ["rival"]}, "then": "~lift_sanctions",
         "source": "s3", "stated": "2021-06-01", "quotes": ["q4"], "gloss": "We lift nothing."},
    ],
    "views": [{"id": "all", "title": "All", "kinds": ["speaker", "report"]},
              {"id": "statements", "title": "Own statements", "kinds": ["speaker"]},
              {"id": "minister", "title": "The minister", "said_by": ["Minister"]}],
}

S = {"counterparty": "rival", "topics": ["arms"], "mode": "summit", "date": "2021-07-01"}


def doctrine(**changes: Any) -> Doctrine:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return parse_doctrine(json.dumps(data))


def test_declared_vocabulary_loads_evaluates_and_explains() -> None:
    d = doctrine()
    ev = evaluate(S, d)
    assert ev.verdict is Verdict.FORBIDDEN  # the necessary condition fails
    (reason,) = ev.reasons_against
    assert reason.rule_id == "r_contact" and reason.unmet and reason.conclusion == "~accept_talks"
    assert explain(ev).winning[0].argument.rule_id == "r_contact"
    ok = evaluate({**S, "facts": {"hostility_ended": True}}, d)
    assert ok.verdict is Verdict.PERMITTED and not ok.reasons_for[0].unmet
    brokered = evaluate({**S, "initiated_by": "mediator", "facts": {"hostility_ended": True}}, d)
    assert brokered.scenario["initiated_by"] == "mediator"
    assert evaluate(S, d).scenario["initiated_by"] == "us"  # the first initiator by default
    wn = why_not(S, d, target="permitted")
    assert any("necessary condition fails" in u for m in wn.missing_support for u in m.unmet) or \
        wn.obstacles


def test_undeclared_values_are_refused_at_load_with_their_place(tmp_path: Path) -> None:
    d = doctrine()
    for text, line, words in (
        ("counterparty: rival\ntopics: [arms]\nmode: deal\ndate: 2021-01-01\n", 3, "known modes: summit"),
        ("counterparty: rival\ntopics: [arms]\nmode: summit\ndate: 2021-01-01\ninitiated_by: seoul\n",
         5, "known initiators: us, mediator"),
        ("counterparty: rival\ntopics: [arms]\nmode: summit\ndate: 2021-01-01\nchannel: carrier_pigeon\n",
         5, "known channel values: direct, indirect"),
        ("counterparty: rival\ntopics: [arms]\nmode: summit\ndate: 2021-01-01\nchanel: direct\n",
         5, "unknown dimension 'chanel'"),
        ("counterparty: rival\ntopics: [arms]\nmode: summit\ndate: 2021-01-01\naction: dance\n",
         5, "known actions: accept_talks, lift_sanctions"),
        ("counterparty: rival\ntopics: [arms]\nmode: summit\ndate: 2021-01-01\nchannel: [a, b]\n",
         5, "valid string"),
    ):
        p = tmp_path / "s.yaml"
        p.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as info:
            load_scenario(p, d)
        assert words in info.value.message, info.value.message
        assert info.value.location is not None and info.value.location.line == line, str(info.value)


def test_doctrine_conditions_are_checked_against_the_vocabulary() -> None:
    bad_rules = copy.deepcopy(BASE["rules"])
    bad_rules[1]["when"]["channel"] = ["satellite"]
    bad_rules[0]["when"]["colour"] = ["red"]
    with pytest.raises(InputError) as info:
        doctrine(rules=bad_rules)
    assert "unknown condition or dimension 'colour'" in info.value.message
    found = problems(Doctrine.model_validate({**BASE, "rules": bad_rules}))
    assert any("unknown channel value 'satellite'" in p.message for p in found)


def test_dimensions_and_actions() -> None:
    d = doctrine()
    msg = {**S, "counterparty": "friend", "mode": "messages", "channel": "indirect",
           "date": "2022-06-01"}
    assert evaluate(msg, d).verdict is Verdict.FORBIDDEN
    assert evaluate({**msg, "channel": "direct"}, d).verdict is Verdict.UNDECIDED
    lift = evaluate({**S, "action": "lift_sanctions"}, d)
    assert lift.question == "lift_sanctions" and lift.verdict is Verdict.FORBIDDEN


def test_world_defaults_overrides_and_implications() -> None:
    d = doctrine()
    friend = {**S, "counterparty": "friend", "date": "2021-07-01"}
    ev = evaluate(friend, d)  # pressure holds in the world on that date
    assert ev.verdict is Verdict.FORBIDDEN
    origin = {f.fact: f for f in ev.facts}["pressure"]
    assert origin.origin == "world" and "2020-06-01" in origin.detail and "decree" in origin.detail
    premises = [p for line in explain(ev).winning for p in line.premises]
    assert any("pressure is true (world" in p for p in premises)
    assert evaluate({**friend, "facts": {"pressure": False}}, d).verdict is Verdict.UNDECIDED
    later = evaluate({**friend, "date": "2022-06-01"}, d)  # the world entry has ended
    assert {f.fact: f for f in later.facts}["pressure"].value is False
    implied = evaluate({**friend, "date": "2022-06-01", "facts": {"drills_ended": True}}, d)
    drills = {f.fact: f for f in implied.facts}["drills_paused"]
    assert drills.value and drills.origin == "implied" and implied.verdict is Verdict.PERMITTED


def test_inferred_readings_are_shown_and_can_be_left_out() -> None:
    d = doctrine()
    s = {**S, "counterparty": "friend", "date": "2022-06-01", "facts": {"drills_paused": True}}
    ev = evaluate(s, d)
    assert ev.verdict is Verdict.PERMITTED and ev.reasons_for[0].reading == "inferred"
    assert evaluate({**s, "stated_only": True}, d).verdict is Verdict.UNDECIDED


def test_speaker_rank_and_same_actor_later_statements() -> None:
    rules = copy.deepcopy(BASE["rules"])
    rules.append({"id": "m_talk", "when": {"counterparty": ["rival"]}, "then": "accept_talks",
                  "source": "s2", "stated": "2021-01-01", "quotes": ["q2"], "gloss": "Talk."})
    d = doctrine(rules=rules)
    ev = evaluate(S, d)  # the leader's necessary condition outranks the minister
    assert ev.verdict is Verdict.FORBIDDEN
    (df,) = [x for x in ev.defeated if x.rule_id == "m_talk"]
    assert df.why == "speaker rank"
    later = doctrine(rules=rules, policies=[{"id": "later", "kind": "later_statement",
                                             "scope": "same_actor"}])
    ev = evaluate(S, later)  # the same actor's later statement prevails instead
    assert ev.verdict is Verdict.PERMITTED
    assert {x.why for x in ev.defeated if x.rule_id == "r_contact"} == {"later statement"}
    same_speaker = doctrine(rules=rules, policies=[{"id": "later", "kind": "later_statement"}])
    assert evaluate(S, same_speaker).verdict is Verdict.CONTESTED  # different speakers


def test_specificity() -> None:
    rules = [
        {"id": "general", "when": {"counterparty": ["friend"]}, "then": "accept_talks",
         "source": "s1", "stated": "2020-01-01", "quotes": ["q1"], "gloss": "Talk to friends."},
        {"id": "specific", "when": {"counterparty": ["friend"], "topics_all": ["arms"]},
         "then": "~accept_talks", "source": "s1", "stated": "2020-01-01", "quotes": ["q1"],
         "gloss": "Not on arms."},
    ]
    d = doctrine(rules=rules, actions=[], policies=[{"id": "spec", "kind": "specificity"}])
    ev = evaluate({**S, "counterparty": "friend"}, d)
    assert ev.verdict is Verdict.FORBIDDEN
    assert {x.why for x in ev.defeated} == {"specificity"}
    assert evaluate({**S, "counterparty": "friend", "topics": ["trade"]}, d).verdict is Verdict.PERMITTED


def test_views_by_kind_and_by_speaker() -> None:
    d = doctrine()
    s = {**S, "counterparty": "friend", "date": "2022-06-01", "facts": {"drills_paused": True}}
    assert evaluate(s, d, view="statements").verdict is Verdict.UNDECIDED  # the report is out
    assert evaluate(s, d, view="minister").verdict is Verdict.PERMITTED  # the report quotes him
    with pytest.raises(InputError, match="selects nothing"):
        doctrine(views=[*BASE["views"], {"id": "empty", "title": "Empty"}])


def test_version_1_files_load_and_migrate(tmp_path: Path) -> None:
    from tests.doctrine.conftest import MINI

    v1 = parse_doctrine(MINI)
    migrated = migrate_text(MINI)
    assert "schema_version: 2" in migrated and "actions: [accept_talks]" in migrated
    v2 = parse_doctrine(migrated)
    for t in v1.tests:
        assert judge(v1, t.scenario).verdict is judge(v2, t.scenario).verdict
    with pytest.raises(OvertureError, match="not a version-1"):
        migrate_text(migrated)
    with pytest.raises(InputError, match="version 1 scenarios use"):
        parse_doctrine(MINI.replace("{id: deal, description: A deal.}", "{id: summit, description: A summit.}"))
    p = tmp_path / "mini.yaml"
    p.write_text(MINI, encoding="utf-8")
    code, _, err = run("migrate", str(p), "--write")
    assert code == 0 and "+schema_version: 2" in err and "-schema_version: 1" in err
    assert load_doctrine(p).schema_version == 2


def test_shipped_doctrines_are_version_2_and_pass_their_tests() -> None:
    from overture.verdict.checking import run_tests

    for name in ("iran-us", "dprk-us"):
        d = load_doctrine(name)
        assert d.schema_version == 2
        results = run_tests(d)
        assert results and all(r.ok for r in results), [r.id for r in results if not r.ok]
    dprk = load_doctrine("dprk-us")
    assert {m.id for m in dprk.modes} == {"summit", "working_level", "messages"}
    assert "mediator" in {i.id for i in dprk.initiators} and "channel" in dprk.dimensions_by_id
    assert len(dprk.tests) >= 12


def test_schema_of_a_doctrines_scenarios_and_the_cli_choices() -> None:
    schema = scenario_schema(load_doctrine("dprk-us"))
    assert schema["properties"]["mode"]["enum"] == ["summit", "working_level", "messages"]
    assert schema["properties"]["channel"]["enum"] == ["direct", "indirect"]
    code, out, _ = run("schema", "scenario", "--doctrine", "dprk-us")
    assert code == 0 and json.loads(out)["properties"]["initiated_by"]["enum"][-1] == "mediator"
    code, out, _ = run("evaluate", "us_talks_2025_leader_terms", "-d", "dprk-us", "--json")
    assert code == 0 and json.loads(out)["verdict"] == "permitted"
    code, out, _ = run("evaluate", "us_talks_2025_leader_terms", "-d", "dprk-us", "--json",
                       "--action", "denuclearize")
    assert code == 0 and json.loads(out)["question"] == "denuclearize"
    code, _, err = run("evaluate", "us_talks_2025_leader_terms", "-d", "dprk-us", "--action", "fly")
    assert code == 2 and "known actions: accept_talks, denuclearize" in err
    code, out, _ = run("explain", "us_talks_2025_leader_terms", "-d", "dprk-us", "--json",
                       "--stated-only")
    assert code == 0


# -- property tests ---------------------------------------------------------------------------

WORDS = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


@st.composite
def small_doctrines(draw: Any) -> dict[str, Any]:
    """A doctrine on a vocabulary of fixed ids (renamed by the test)."""
    rules = []
    for i in range(draw(st.integers(1, 5))):
        when: dict[str, Any] = {}
        if draw(st.booleans()):
            when["mode"] = draw(st.lists(st.sampled_from(["m1", "m2"]), min_size=1, unique=True))
        if draw(st.booleans()):
            when["dim1"] = draw(st.lists(st.sampled_from(["v1", "v2"]), min_size=1, unique=True))
        if draw(st.booleans()):
            when["facts"] = {"f1": draw(st.booleans())}
        if draw(st.booleans()):
            when["initiated_by"] = [draw(st.sampled_from(["i1", "i2"]))]
        rule: dict[str, Any] = {
            "id": f"r{i}", "when": when, "source": "s1", "stated": "2000-01-01",
            "quotes": ["q1"], "gloss": "g",
            "then": draw(st.sampled_from(["act1", "~act1", "act2", "~act2"])),
        }
        if draw(st.integers(0, 3)) == 0:
            rule["only_if"] = {"facts": {"f2": draw(st.booleans())}}
        rules.append(rule)
    rules[0]["then"] = "act1"
    return {
        "schema_version": 2, "id": "gen", "title": "generated", "actions": ["act1", "act2"],
        "sources": [{"id": "s1", "title": "S", "publisher": "P", "date": "2001-01-01",
                     "kind": "speaker", "speaker": "X", "location": "s.txt"}],
        "quotes": [{"id": "q1", "source": "s1", "text": "q"}],
        "counterparties": [{"id": "c1", "name": "C"}],
        "topics": [{"id": "t1", "description": "T"}],
        "modes": [{"id": "m1", "description": "M"}, {"id": "m2", "description": "M"}],
        "initiators": [{"id": "i1", "description": "I"}, {"id": "i2", "description": "I"}],
        "dimensions": [{"id": "dim1", "description": "D", "default": "v1",
                        "values": [{"id": "v1", "description": "V"}, {"id": "v2", "description": "V"}]}],
        "facts": [{"id": "f1", "description": "F"}, {"id": "f2", "description": "F"}],
        "rules": rules,
        "views": [{"id": "all", "title": "All", "sources": ["s1"]}],
    }


def _rename(data: Any, names: dict[str, str]) -> Any:
    """Every id (as a whole value, a key, or after `~`) renamed."""
    if isinstance(data, dict):
        return {names.get(k, k): _rename(v, names) for k, v in data.items()}
    if isinstance(data, list):
        return [_rename(v, names) for v in data]
    if isinstance(data, str):
        if data.startswith("~") and data[1:] in names:
            return "~" + names[data[1:]]
        return names.get(data, data)
    return data


def _load(data: dict[str, Any]) -> Doctrine | None:
    try:
        d = parse_doctrine(json.dumps(data))
    except OvertureError:
        return None
    return d


scenarios = st.fixed_dictionaries({
    "counterparty": st.just("c1"), "topics": st.just(["t1"]),
    "mode": st.sampled_from(["m1", "m2"]), "date": st.just("2005-01-01"),
    "initiated_by": st.sampled_from(["i1", "i2"]), "dim1": st.sampled_from(["v1", "v2"]),
    "facts": st.fixed_dictionaries({"f1": st.booleans(), "f2": st.booleans()}),
    "action": st.sampled_from(["act1", "act2"]),
})


@settings(max_examples=80, deadline=None)
@given(small_doctrines(), scenarios, st.lists(WORDS, min_size=11, max_size=11, unique=True))
def test_renamed_vocabulary_judges_the_same(data: dict[str, Any], s: dict[str, Any],
                                            fresh: list[str]) -> None:
    d = _load(data)
    if d is None:
        return
    ids = ["m1", "m2", "i1", "i2", "dim1", "v1", "v2", "f1", "f2", "act1", "act2"]
    names = {old: f"x_{new}" for old, new in zip(ids, fresh, strict=True)}
    renamed = _load(_rename(data, names))
    assert renamed is not None
    before = evaluate(s, d)
    after = evaluate(_rename(s, names), renamed)
    assert before.verdict is after.verdict
    assert {r.rule_id for r in before.reasons_for} == {r.rule_id for r in after.reasons_for}
    assert {r.rule_id for r in before.reasons_against} == {r.rule_id for r in after.reasons_against}


def _expand(data: dict[str, Any]) -> dict[str, Any]:
    """Each `only_if: {facts: {f2: v}}` rule as two rules: when+f2=v then c; when+f2=!v then ~c."""
    out = copy.deepcopy(data)
    rules = []
    for r in out["rules"]:
        only = r.pop("only_if", None)
        if only is None:
            rules.append(r)
            continue
        (fact, value), = only["facts"].items()
        if fact in r["when"].get("facts", {}):
            return {}
        yes = copy.deepcopy(r)
        yes["when"].setdefault("facts", {})[fact] = value
        no = copy.deepcopy(r)
        no["id"] = r["id"] + "_unmet"
        no["when"].setdefault("facts", {})[fact] = not value
        then = r["then"]
        no["then"] = then[1:] if then.startswith("~") else "~" + then
        rules += [yes, no]
    out["rules"] = rules
    return out


@settings(max_examples=80, deadline=None)
@given(small_doctrines(), scenarios)
def test_only_if_judges_as_its_two_rule_expansion(data: dict[str, Any], s: dict[str, Any]) -> None:
    expanded = _expand(data)
    if not expanded:
        return
    d, e = _load(data), _load(expanded)
    if d is None or e is None:
        return
    for semantics in ("grounded", "preferred"):
        assert evaluate(s, d, semantics).verdict is evaluate(s, e, semantics).verdict


def test_dates_of_the_world_move_counterfactual_dates() -> None:
    """A world change is a change point: the analyses offer a date on each side of it."""
    from overture.analysis.space import vocabulary_of

    dates = vocabulary_of(doctrine()).statements
    assert dt.date(2020, 6, 1) in dates and dt.date(2022, 1, 1) in dates


def test_yaml_dimension_written_under_dimensions_is_read_too(tmp_path: Path) -> None:
    d = doctrine()
    p = tmp_path / "s.yaml"
    p.write_text(yaml.safe_dump({**S, "dimensions": {"channel": "indirect"}}), encoding="utf-8")
    assert load_scenario(p, d).dimensions == {"channel": "indirect"}
