"""Scenarios are "YAML or JSON, so outside tools can produce them": whatever a JSON writer emits
for plain data must read back as the same data (json.dumps escapes non-BMP characters as
surrogate pairs by default, which YAML does not know)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from overture.doctrine import load_doctrine, parse_scenario
from overture.doctrine.yamlpos import parse_text

# JSON text that YAML reads differently is out of scope here: floats (YAML 1.1 reads 1e5 as a
# string) and the characters YAML forbids raw in a stream (C0/C1 controls, U+2028/9, U+FEFF).
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cf")),
                max_size=30)
_keys = _text.filter(lambda k: k != "<<")  # a YAML merge key, refused on purpose
_scalars = st.none() | st.booleans() | st.integers(-10**12, 10**12) | _text
_data = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_keys, inner, max_size=4), max_leaves=12)


@settings(max_examples=60)
@given(data=st.dictionaries(_keys, _data, max_size=5), ascii_only=st.booleans())
def test_json_text_reads_back_as_the_same_data(data: dict[str, Any], ascii_only: bool) -> None:
    text = json.dumps(data, ensure_ascii=ascii_only)
    assert parse_text(text, "<json>").data == data


def test_a_scenario_written_by_json_dumps_with_an_emoji_loads() -> None:
    scenario = {"counterparty": "germany", "topics": ["trade"], "mode": "deal",
                "date": "2015-11-01", "description": "Gespräch 😀 \\u escaped"}
    s = parse_scenario(json.dumps(scenario), "<json>", load_doctrine("iran-us"))
    assert s.description == "Gespräch 😀 \\u escaped"
