"""Counterfactuals on the shipped doctrine: expectations from the seeds, minimality by brute force."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.analysis import Edit, ScenarioSpace, counterfactuals
from overture.analysis.space import Value
from overture.doctrine import Doctrine, Scenario, load_doctrine
from overture.errors import OvertureError
from overture.verdict import judge


@cache
def doctrine() -> Doctrine:
    return load_doctrine("iran-us")


@cache
def verdict_of(key: str) -> str | None:
    """Uncached-by-class reference evaluation, keyed by the full scenario JSON."""
    s = Scenario.model_validate_json(key)
    try:
        return str(judge(doctrine(), s).verdict)
    except OvertureError:
        return None


def brute_force(space: ScenarioSpace, variables: Sequence[str], target: str, k: int) -> set[frozenset[tuple[str, Value]]]:
    """Every minimal edit set, by evaluating every consistent edit set over the FULL domains."""
    doms = {v: space.alternatives(v, collapse=False) for v in variables}
    works = []
    for size in range(k + 1):
        for combo in itertools.combinations(variables, size):
            for values in itertools.product(*(doms[v] for v in combo)):
                edits = dict(zip(combo, values, strict=True))
                try:
                    changed = space.apply(edits)
                except OvertureError:
                    continue
                if verdict_of(changed.model_dump_json()) == target:
                    works.append(frozenset(edits.items()))
    return {s for s in works if not any(o < s for o in works)}


def normalise(space: ScenarioSpace, sol: frozenset[tuple[str, Value]]) -> frozenset[tuple[str, Value]]:
    """Replace each date / counterparty by the representative the fast search offers for its class."""
    out = set()
    for var, val in sol:
        if var in ("date", "counterparty"):
            reps = space.alternatives(var)
            if var == "date":
                assert isinstance(val, dt.date)
                same = [r for r in reps if isinstance(r, dt.date)
                        and space.vocabulary.date_class(r) == space.vocabulary.date_class(val)]
            else:
                same = [r for r in reps if space.counterparty_class[str(r)] == space.counterparty_class[str(val)]]
            assert len(same) == 1, (var, val, reps)
            val = same[0]
        out.add((var, val))
    return frozenset(out)


def scenario(**kw: object) -> Scenario:
    data: dict[str, object] = {"counterparty": "united_states", "topics": ["normalization"], "mode": "deal",
                               "date": dt.date(2012, 11, 1)}
    data.update(kw)
    return Scenario.model_validate(data)


def test_2012_us_deal_on_normalisation_opens_with_conditions_met_or_conveying() -> None:
    s = scenario()
    report = counterfactuals(s, doctrine(), target="permitted", max_changes=2)
    assert report.verdict == "forbidden"
    singles = {e for cf in report.results if len(cf.edits) == 1 for e in cf.edits}
    assert Edit("fact:conditions_met_on_topics", True) in singles
    assert Edit("mode", "conveying") in singles
    for cf in report.results:
        assert cf.verdict == "permitted"
        assert cf.reasons, "each counterfactual names the rules that make it work"
        assert all(r.quotes for r in cf.reasons)
        assert all(q in doctrine().quotes_by_id for r in cf.reasons for q in r.quotes)
    # Ranked by number of edits.
    sizes = [len(cf.edits) for cf in report.results]
    assert sizes == sorted(sizes)


@pytest.mark.parametrize(
    ("base", "target"),
    [
        (scenario(), "permitted"),
        (scenario(date=dt.date(2013, 7, 1), topics=["nuclear", "sanctions"], facts={"conditions_met_on_topics": True}),
         "forbidden"),
        (scenario(counterparty="germany", date=dt.date(2016, 1, 1), view="official"), "forbidden"),
    ],
)
def test_default_search_is_exact_over_every_variable_of_the_doctrine(base: Scenario, target: str) -> None:
    # The fast search leaves out facts/topics no condition mentions and offers one date and one
    # counterparty per class; brute force over EVERY variable and value must agree.
    space = ScenarioSpace(doctrine(), base)
    fast = counterfactuals(base, doctrine(), target=target, max_changes=2)
    expected = {normalise(space, x) for x in brute_force(space, space.variables(relevant_only=False), target, 2)}
    assert {frozenset((e.variable, e.value) for e in cf.edits) for cf in fast.results} == expected
    assert fast.results, "the case is chosen to have counterfactuals"


@st.composite
def cases(draw: st.DrawFn) -> tuple[Scenario, list[str], str, int]:
    d = doctrine()
    topics = draw(st.lists(st.sampled_from([t.id for t in d.topics]), min_size=1, max_size=3, unique=True))
    dates = sorted({st_.stated for st_ in [*d.rules, *d.exceptions]})
    base = scenario(
        counterparty=draw(st.sampled_from([c.id for c in d.counterparties])),
        topics=topics,
        mode=draw(st.sampled_from([m.id for m in d.modes])),
        date=draw(st.sampled_from(dates)) + dt.timedelta(days=draw(st.integers(-1, 1))),
        view=draw(st.sampled_from([v.id for v in d.views])),
        initiated_by=draw(st.sampled_from([i.id for i in d.initiators])),
        facts={f.id: draw(st.booleans()) for f in d.facts},
    )
    space = ScenarioSpace(d, base)
    variables = draw(st.lists(st.sampled_from(space.variables(relevant_only=False)), min_size=1, max_size=4,
                              unique=True))
    target = draw(st.sampled_from(["permitted", "forbidden", "permitted", "forbidden", "contested", "undecided"]))
    k = draw(st.integers(1, 3 if len(variables) <= 3 else 2))
    return base, variables, target, k


@settings(max_examples=40)
@given(cases())
def test_counterfactuals_equal_brute_force_on_the_shipped_doctrine(case: tuple[Scenario, list[str], str, int]) -> None:
    base, variables, target, k = case
    space = ScenarioSpace(doctrine(), base)
    if verdict_of(base.model_dump_json()) is None:
        return
    fast = counterfactuals(base, doctrine(), target=target, max_changes=k, variables=variables)
    got = {frozenset((e.variable, e.value) for e in cf.edits) for cf in fast.results}
    expected = {normalise(space, x) for x in brute_force(space, variables, target, k)}
    assert got == expected
    for cf in fast.results:  # each really works, and no proper subset does
        assert verdict_of(cf.scenario.model_dump_json()) == target
        for r in range(len(cf.edits)):
            for sub in itertools.combinations(cf.edits, r):
                try:
                    smaller = space.apply(sub)
                except OvertureError:
                    continue
                assert verdict_of(smaller.model_dump_json()) != target


def test_monotone_strategy_agrees_where_the_target_is_monotone_in_facts() -> None:
    # Restricted to facts only, compare the SAT-map search with the exact one.
    s = scenario()
    facts = [f"fact:{f.id}" for f in doctrine().facts]
    exact = counterfactuals(s, doctrine(), target="permitted", max_changes=2, variables=facts)
    mono = counterfactuals(s, doctrine(), target="permitted", max_changes=2, variables=facts, strategy="monotone")
    assert [c.edits for c in exact.results] == [c.edits for c in mono.results]


def test_unknown_variable_is_an_input_error() -> None:
    with pytest.raises(OvertureError, match="unknown variable"):
        counterfactuals(scenario(), doctrine(), variables=["no_such_thing"])
