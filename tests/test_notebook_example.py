"""The notebook example in docs/notebook.md runs as written, and each result's notebook HTML
shows what the result holds: the verdict, every reason with its quotes, the map."""

from __future__ import annotations

import re
from pathlib import Path

import overture

DOC = Path(__file__).resolve().parents[1] / "docs" / "notebook.md"


def test_the_documented_example_runs_and_displays() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert blocks
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], str(DOC), "exec"), namespace)  # our own documentation
    ev = namespace["ev"]
    assert isinstance(ev, overture.Evaluation)
    html = namespace["html"]
    assert isinstance(html, str) and html.startswith("<div")
    assert ev.verdict.value in html and "<svg" in html
    for reason in (*ev.reasons_for, *ev.reasons_against):
        assert reason.rule_id in html
        for quote in reason.quotes:
            assert overture.notebook_html(ev).count(_escaped(quote.text)) >= 1
    for name in ("why", "flips", "over_time", "both"):
        result = namespace[name]
        text = repr(result)
        assert text.startswith("<") and len(text) < 200 and "\n" not in text
        assert result._repr_html_().startswith("<div")  # type: ignore[attr-defined]
    both = namespace["both"]
    assert "d4_definite_policy" in both._repr_html_()  # type: ignore[attr-defined]


def _escaped(text: str) -> str:
    from overture.render.style import xml_escape

    return xml_escape(text)


def test_to_json_is_text_and_to_dict_the_data() -> None:
    import json

    ev = overture.evaluate("us_deal_2012_normalization", "iran-us")
    results = [ev, overture.timeline("us_deal_2012_normalization", "iran-us"),
               overture.counterfactuals("us_deal_2012_normalization", "iran-us", max_changes=1),
               overture.joint("iran-us+us-iran", "2013-11-24")]
    for r in results:
        text = r.to_json()
        assert isinstance(text, str) and isinstance(r.to_dict(), dict)
        assert json.loads(text) == json.loads(json.dumps(r.to_dict(), default=str))
