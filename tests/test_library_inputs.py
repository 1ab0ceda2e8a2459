"""Every analysis takes what `overture.evaluate` takes, in the same order, from `overture.`.

A scenario given as an example name, a mapping, a file or a `Scenario` gives the same result
through every entry point; wrong input is an `OvertureError`, never an AttributeError.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
import yaml

import overture
from overture.errors import InputError, OvertureError

ENTRY_POINTS = ["evaluate", "explain", "why_not", "what_if", "counterfactuals", "timeline",
                "compare_views", "sweep"]
EXAMPLE = "us_deal_2012_normalization"


def test_one_argument_order_everywhere() -> None:
    for name in ENTRY_POINTS:
        params = list(inspect.signature(getattr(overture, name)).parameters.values())
        assert [p.name for p in params[:3]] == ["scenario", "doctrine", "semantics"], name
        assert params[1].default is None, name
        assert params[2].default == "grounded", name
        rest = [p for p in params[3:] if p.kind is not p.VAR_KEYWORD]
        assert all(p.kind is p.KEYWORD_ONLY for p in rest), name


def _calls() -> dict[str, Any]:
    return {
        "evaluate": lambda s: overture.evaluate(s).verdict,
        "explain": lambda s: overture.explain(s).verdict,
        "why_not": lambda s: overture.why_not(s, target="permitted").current,
        "what_if": lambda s: overture.what_if(s, changes={"mode": "conveying"}).after.verdict,
        "counterfactuals": lambda s: len(overture.counterfactuals(s, max_changes=1).results),
        "timeline": lambda s: overture.timeline(s, start=2005, end=2016).to_dict()["points"],
        "compare_views": lambda s: overture.compare_views(s).verdicts,
        "sweep": lambda s: overture.sweep(s, vary=["mode"]).verdicts,
    }


def test_every_entry_point_takes_every_form_of_scenario(tmp_path: Path) -> None:
    from overture.doctrine import doctrine_scenarios, load_doctrine, load_scenario

    path = doctrine_scenarios(load_doctrine(overture.doctrine.DEFAULT_DOCTRINE))[EXAMPLE]
    scenario = load_scenario(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    copy = tmp_path / "copy.yaml"
    copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for name, call in _calls().items():
        results = [call(form) for form in (EXAMPLE, data, str(copy), copy, scenario)]
        assert all(r == results[0] for r in results), name


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_bad_scenarios_are_overture_errors(name: str) -> None:
    call = _calls()[name]
    for bad in ("no_such_example", {"counterparty": "atlantis", "topics": ["nuclear"],
                                    "mode": "deal", "date": "2015-01-01"}, 42):
        with pytest.raises(OvertureError):
            call(bad)


def test_unknown_ids_are_listed_field_by_field() -> None:
    with pytest.raises(InputError) as info:
        overture.evaluate({"counterparty": "atlantis", "topics": ["nuclear", "weather"],
                           "mode": "deal", "date": "2015-01-01"})
    fields = getattr(info.value, "fields", None)
    assert fields is not None
    assert [f for f, _ in fields] == ["counterparty", "topics.1"]
