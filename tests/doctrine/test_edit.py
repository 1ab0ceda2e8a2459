"""Adding a quote to a doctrine text leaves every other line as written and gives a doctrine
that loads with the quote cited by the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from overture.doctrine import load_doctrine
from overture.doctrine.edit import add_quote
from overture.doctrine.loader import parse_doctrine
from overture.errors import InputError


def _shipped_text() -> str:
    d = load_doctrine("iran-us")
    assert d.path is not None
    return Path(d.path).read_text(encoding="utf-8")


def test_quote_added_and_cited_with_nothing_else_changed() -> None:
    text = _shipped_text()
    d = load_doctrine("iran-us")
    rule = d.rules[0].id
    new = add_quote(text, quote_id="q_added", source=d.sources[0].id,
                    quote_text="Some   words\n of the source", said_by="A speaker", rule=rule)
    import difflib

    diff = [x for x in difflib.ndiff(text.splitlines(), new.splitlines()) if x[:1] in "+-"]
    # four lines of the quote added, the rule's quotes line replaced
    assert sum(x.startswith("+") for x in diff) == 5 and sum(x.startswith("-") for x in diff) == 1
    again = parse_doctrine(new)
    assert again.quotes_by_id["q_added"].text == "Some words of the source"
    assert "q_added" in next(r for r in again.rules if r.id == rule).quotes
    assert [q.id for q in again.quotes if q.id != "q_added"] == [q.id for q in d.quotes]


BLOCK = """quotes:
  - id: a
    source: s
    text: x
rules:
  - id: r1
    then: c
    quotes:
      - a
  - id: r2
    then: d
"""


def test_block_lists_and_rules_without_quotes() -> None:
    new = add_quote(BLOCK, quote_id="b", source="s", quote_text="y", rule="r1")
    assert "    quotes:\n      - a\n      - b\n  - id: r2" in new
    new = add_quote(BLOCK, quote_id="c", source="s", quote_text="y", rule="r2")
    assert new.endswith("  - id: r2\n    quotes: [c]\n    then: d\n")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"quote_id": "a"}, "already has a quote"),
    ({"quote_id": "Bad-Id"}, "lower case"),
    ({"quote_text": "  "}, "empty"),
    ({"rule": "nope"}, "no rule or exception"),
])
def test_bad_edits_are_refused(kwargs: dict[str, str], message: str) -> None:
    args = {"quote_id": "b", "source": "s", "quote_text": "y", **kwargs}
    with pytest.raises(InputError, match=message):
        add_quote(BLOCK, **args)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="no top-level `quotes:`"):
        add_quote("rules: []\n", quote_id="b", source="s", quote_text="y")
