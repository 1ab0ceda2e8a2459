"""Fixtures of the interchange tests: Hypothesis strategies for small random doctrines and scenarios."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import strategies as st

from overture.doctrine import Doctrine
from overture.doctrine.model import Scenario

COUNTERPARTIES = ["cp_a", "cp_b", "cp_c"]
TOPICS = ["t1", "t2", "t3"]
MODES = ["deal", "conveying", "imposition"]
INITIATORS = ["leader", "counterparty", "domestic_figure"]
FACTS = ["f1", "f2"]
CONCLUSIONS = ["accept_talks", "~accept_talks", "c1", "~c1", "c2"]
SOURCES = [
    ("s_speaker", "speaker", "Speaker One"),
    ("s_expo", "exposition", "Speaker One"),
    ("s_outside", "analysis", "Analyst Two"),
]
DATES = [dt.date(2005, 1, 1), dt.date(2009, 6, 1), dt.date(2012, 10, 31), dt.date(2015, 10, 7)]


def _base() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "generated",
        "title": "A generated doctrine",
        "question": "accept_talks",
        "sources": [
            {
                "id": sid,
                "title": f"Source {sid}",
                "publisher": "Publisher",
                "date": "2015-10-07",
                "kind": kind,
                "speaker": speaker,
                "location": f"{sid}.txt",
            }
            for sid, kind, speaker in SOURCES
        ],
        "quotes": [
            {"id": f"q_{sid}", "source": sid, "text": f'Words <&> [from] {sid} "quoted".'}
            for sid, _, _ in SOURCES
        ],
        "counterparty_attributes": [{"id": "hostile", "description": "Hostile means and motives."}],
        "counterparties": [
            {"id": c, "name": c.upper(), "attributes": {"hostile": i == 0}}
            for i, c in enumerate(COUNTERPARTIES)
        ],
        "topics": [{"id": t, "description": f"Topic {t}."} for t in TOPICS],
        "modes": [{"id": m, "description": f"Mode {m}."} for m in MODES],
        "initiators": [{"id": i, "description": f"Initiator {i}."} for i in INITIATORS],
        "facts": [{"id": f, "description": f"Fact {f} holds.", "default": False} for f in FACTS],
        "policies": [
            {"id": "later", "kind": "later_statement"},
            {"id": "rank", "kind": "source_rank", "order": ["speaker", "exposition", "analysis"]},
        ],
        "views": [
            {"id": "all", "title": "All", "sources": [s for s, _, _ in SOURCES]},
            {"id": "official", "title": "Official", "sources": ["s_speaker", "s_expo"]},
        ],
    }


def _subset(draw: st.DrawFn, items: list[str], max_size: int = 2) -> list[str]:
    return draw(st.lists(st.sampled_from(items), max_size=max_size, unique=True))


@st.composite
def conditions(draw: st.DrawFn, earlier: list[str]) -> dict[str, Any]:
    when: dict[str, Any] = {}
    if draw(st.booleans()):
        when["counterparty"] = _subset(draw, COUNTERPARTIES) or ["cp_a"]
    if draw(st.integers(0, 3)) == 0:
        when["attributes"] = {"hostile": draw(st.booleans())}
    if draw(st.booleans()):
        when["topics_any"] = _subset(draw, TOPICS) or ["t1"]
    if draw(st.integers(0, 3)) == 0:
        when["topics_none"] = _subset(draw, TOPICS, 1)
    if draw(st.booleans()):
        when["mode"] = _subset(draw, MODES) or ["deal"]
    if draw(st.integers(0, 3)) == 0:
        when["initiated_by"] = _subset(draw, INITIATORS) or ["leader"]
    if draw(st.booleans()):
        when["facts"] = {f: draw(st.booleans()) for f in _subset(draw, FACTS)}
    if earlier and draw(st.booleans()):
        when["holds"] = _subset(draw, sorted(set(earlier)), 1)
    return when


@st.composite
def doctrines(draw: st.DrawFn) -> Doctrine:
    data = _base()
    rules: list[dict[str, Any]] = []
    earlier: list[str] = []
    for i in range(draw(st.integers(1, 6))):
        then = draw(st.sampled_from(CONCLUSIONS))
        source = draw(st.sampled_from(SOURCES))
        rules.append(
            {
                "id": f"r{i}",
                "when": draw(conditions(earlier)),
                "then": then,
                "strict": draw(st.integers(0, 5)) == 0,
                "source": source[0],
                "stated": draw(st.sampled_from(DATES)).isoformat(),
                "quotes": [f"q_{source[0]}"],
                "gloss": f'Rule {i} [with] <markup> & "quotes".',
            }
        )
        earlier.append(then)
    data["rules"] = rules
    exceptions = []
    for j in range(draw(st.integers(0, 2))):
        source = draw(st.sampled_from(SOURCES))
        exceptions.append(
            {
                "id": f"x{j}",
                "when": draw(conditions(earlier)),
                "undercuts": _subset(draw, [r["id"] for r in rules]) or ["r0"],
                "source": source[0],
                "stated": draw(st.sampled_from(DATES)).isoformat(),
                "quotes": [f"q_{source[0]}"],
                "gloss": f"Exception {j}.",
            }
        )
    data["exceptions"] = exceptions
    defeasible = [r["id"] for r in rules if not r["strict"]]
    if len(defeasible) >= 2 and draw(st.booleans()):
        a, b = draw(st.permutations(defeasible))[:2]
        data["preferences"] = [{"stronger": a, "weaker": b, "reason": "explicit"}]
    return Doctrine.model_validate(data)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    return Scenario(
        counterparty=draw(st.sampled_from(COUNTERPARTIES)),
        topics=_subset(draw, TOPICS, 3) or ["t2"],
        mode=draw(st.sampled_from(MODES)),
        date=draw(st.sampled_from([*DATES, dt.date(2016, 1, 1)])),
        view=draw(st.sampled_from(["all", "official"])),
        initiated_by=draw(st.sampled_from(INITIATORS)),
        facts={f: draw(st.booleans()) for f in _subset(draw, FACTS)},
    )


@pytest.fixture(scope="session")
def doctrine_strategy() -> st.SearchStrategy[Doctrine]:
    return doctrines()


@pytest.fixture(scope="session")
def scenario_strategy() -> st.SearchStrategy[Scenario]:
    return scenarios()


HOSTILE = '<script>alert("x")</script> & [link](http://example.org) *bold* `tick` | pipe'


@pytest.fixture(scope="session")
def hostile_case() -> tuple[Doctrine, Scenario]:
    """A doctrine and scenario whose every text field carries markup that must be escaped."""
    data = _base()
    data["title"] = f"Doctrine {HOSTILE}"
    data["counterparties"][0]["name"] = f"CP {HOSTILE}"
    data["quotes"] = [
        {"id": f"q_{sid}", "source": sid, "text": f"Quoted {HOSTILE} words."}
        for sid, _, _ in SOURCES
    ]
    data["sources"][0]["title"] = f"Title {HOSTILE}"
    data["rules"] = [
        {
            "id": "pro",
            "when": {"counterparty": ["cp_a"]},
            "then": "accept_talks",
            "source": "s_outside",
            "stated": "2009-06-01",
            "quotes": ["q_s_outside"],
            "gloss": f"For {HOSTILE}",
        },
        {
            "id": "con",
            "when": {"mode": ["deal"]},
            "then": "~accept_talks",
            "source": "s_speaker",
            "stated": "2012-10-31",
            "quotes": ["q_s_speaker"],
            "gloss": f"Against {HOSTILE}",
        },
    ]
    scenario = Scenario(
        counterparty="cp_a",
        topics=["t1"],
        mode="deal",
        date=dt.date(2013, 1, 1),
        description=f"Scenario {HOSTILE}",
    )
    return Doctrine.model_validate(data), scenario
