"""The served argument map of every shipped example scenario is readable at 100 %: no two
boxes overlap, no text is under 11 px, every argument and edge is named for the page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from overture.doctrine import (
    doctrine_scenarios,
    list_shipped_doctrines,
    load_doctrine,
    load_scenario,
)
from overture.render.aspic_graph import graph_from_verdict
from overture.render.svg import to_svg
from overture.verdict import evaluate

NS = {"s": "http://www.w3.org/2000/svg"}
CASES = [(name, key) for name in list_shipped_doctrines()
         for key in doctrine_scenarios(load_doctrine(name))]


@pytest.mark.parametrize(("doctrine", "example"), CASES)
@pytest.mark.parametrize("style", ["map", "attacks"])
def test_every_example_map_has_apart_boxes_and_readable_text(doctrine: str, example: str,
                                                            style: str) -> None:
    d = load_doctrine(doctrine)
    ev = evaluate(load_scenario(doctrine_scenarios(d)[example], d), d)
    root = ET.fromstring(to_svg(graph_from_verdict(ev, style=style)))
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        assert float(text.get("font-size", "12")) >= 11, ET.tostring(text)[:80]
    boxes = []
    shown = {a.id for a in ev.arguments if a.kind != "scenario"}
    drawn = set()
    for g in root.iterfind(".//s:g[@class]", NS):
        if not re.match(r"node\b", g.get("class", "")):
            continue
        assert g.get("data-status") in {"in", "out", "undec"}
        if g.get("data-kind") == "argument":
            drawn.add(g.get("data-id"))
        rect = next(r for r in g.iterfind("s:rect", NS) if r.get("class") != "ring")
        boxes.append(tuple(float(rect.get(k, "0")) for k in ("x", "y", "width", "height")))
    assert drawn == shown
    graph_edges = graph_from_verdict(ev, style=style).edges
    captions = []
    for g in root.iterfind(".//s:g[@class='edge-label']", NS):
        rect = g.find("s:rect", NS)
        assert rect is not None
        captions.append(tuple(float(rect.get(k, "0")) for k in ("x", "y", "width", "height")))
    # every caption the graph asks for is drawn (none dropped for want of room)
    assert len(captions) == sum(1 for e in graph_edges if e.caption)
    boxes += captions
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1:]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1, \
                "two boxes (or captions) overlap"
    kinds = {g.get("data-kind") for g in root.iterfind(".//s:g[@data-kind][@data-source]", NS)}
    assert kinds <= {"support", "rebut", "undercut", "undermine"}


@pytest.mark.parametrize(("doctrine", "example"), CASES)
def test_every_defeat_on_the_map_says_what_decided_it(doctrine: str, example: str) -> None:
    """Unfolded, each drawn argument that lost has an edge from the argument that settled its
    defeat (or from a drawn sub-argument's defeater), captioned with the evaluation's reason."""
    d = load_doctrine(doctrine)
    ev = evaluate(load_scenario(doctrine_scenarios(d)[example], d), d)
    root = ET.fromstring(to_svg(graph_from_verdict(ev)))
    captions = {(g.get("data-source"), g.get("data-target")): "".join(g.itertext())
                for g in root.iterfind(".//s:g[@class='edge-label']", NS)}
    by_id = {a.id: a for a in ev.arguments}
    for df in ev.defeated:
        if by_id[df.argument].kind == "scenario":
            continue
        here = captions.get((df.defeated_by_argument, df.argument))
        if here is None:  # settled through a sub-argument, which carries the caption
            assert df.on is not None
            sub = next(s for s in by_id[df.argument].sub_arguments
                       if by_id[s].conclusion == df.on)
            assert any(t == sub for (_, t) in captions), df
            continue
        assert here == df.why, (df, here)
