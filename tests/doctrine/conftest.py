"""Fixtures for the doctrine tests: a small valid doctrine to mutate, and a file writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

MINI = """\
schema_version: 1
id: mini
title: A small doctrine
sources:
  - {id: s1, title: Speech, publisher: Office, date: 2015-01-01, kind: speaker, speaker: X, location: s1.txt}
  - {id: s2, title: Essay, publisher: Review, date: 2016-01-01, kind: analysis, speaker: Y, location: s2.txt}
quotes:
  - {id: q1, source: s1, text: We talk to friends.}
  - {id: q2, source: s1, text: We never talk to rivals.}
  - {id: q3, source: s2, text: He will talk to rivals in the end.}
counterparty_attributes:
  - {id: rival, description: A rival power., default: false}
counterparties:
  - {id: friendland, name: Friendland}
  - {id: rivalia, name: Rivalia, attributes: {rival: true}}
topics:
  - {id: trade, description: Trade.}
  - {id: values, description: Values.}
modes:
  - {id: deal, description: A deal.}
  - {id: conveying, description: Conveying positions.}
  - {id: imposition, description: Imposition.}
initiators:
  - {id: leader, description: The leader.}
  - {id: counterparty, description: The other side.}
  - {id: domestic_figure, description: Others at home.}
facts:
  - {id: changed, description: The rival changed., default: false}
policies:
  - {id: later, kind: later_statement}
  - {id: rank, kind: source_rank, order: [speaker, exposition, analysis]}
rules:
  - id: r_friends
    when: {attributes: {rival: false}}
    then: accept_talks
    source: s1
    stated: 2014-01-01
    quotes: [q1]
    gloss: Talks with friends are fine.
  - id: r_rivals
    when: {attributes: {rival: true}, mode: [deal]}
    then: ~accept_talks
    source: s1
    stated: 2014-06-01
    quotes: [q2]
    gloss: No deals with rivals.
  - id: r_end
    when: {counterparty: [rivalia]}
    then: accept_talks
    source: s2
    stated: 2016-01-01
    quotes: [q3]
    gloss: The analyst expects talks.
exceptions:
  - id: x_changed
    when: {facts: {changed: true}}
    undercuts: [r_rivals]
    source: s1
    stated: 2014-06-01
    quotes: [q2]
    gloss: A changed rival is no longer ruled out.
views:
  - {id: all, title: All, sources: [s1, s2]}
  - {id: official, title: Official, sources: [s1]}
tests:
  - id: t1
    description: Friends.
    scenario: {counterparty: friendland, topics: [trade], mode: deal, date: 2015-01-01}
    expect: permitted
    because: q1
"""


@pytest.fixture
def mini_text() -> str:
    return MINI


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def _write(text: str, name: str = "doctrine.yaml") -> Path:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p

    return _write

