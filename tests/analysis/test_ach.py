"""Analysis of competing hypotheses: scoring, ranking, diagnosticity, sensitivity, input errors."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overture.analysis.hypotheses import (
    HypothesisSet,
    analyse,
    parse_hypotheses,
    rank,
    read_hypotheses,
)
from overture.errors import InputError

RATINGS = ["CC", "C", "N", "I", "II"]


def matrix(rows: Mapping[str, tuple[str | float, str | float, list[str]]], hyps: list[str] | None = None) -> HypothesisSet:
    hyps = hyps or ["H1", "H2", "H3"]
    return parse_hypotheses({
        "hypotheses": [{"id": h, "title": f"reading {h}"} for h in hyps],
        "evidence": [
            {"id": k, "quote": f"q_{k}", "credibility": c, "relevance": r, "ratings": dict(zip(hyps, rs, strict=True))}
            for k, (c, r, rs) in rows.items()
        ],
    })


def test_weighted_inconsistency_follows_the_documented_formula() -> None:
    res = analyse(matrix({
        "E1": ("high", "high", ["II", "C", "N"]),   # weight 1.0
        "E2": ("medium", "low", ["I", "I", "CC"]),  # weight 0.375
        "E3": (0.5, 1, ["C", "C", "C"]),            # weight 0.5, non-diagnostic
    }))
    assert res.inconsistency == pytest.approx({"H1": 2 * 1.0 + 0.375, "H2": 0.375, "H3": 0.0})
    assert res.consistency == pytest.approx({"H1": 0.5, "H2": 1.0 + 0.5, "H3": 0.75 + 0.5})
    assert res.ranking == (("H3",), ("H2",), ("H1",))
    assert res.favoured == ("H3",)
    diag = {d.item: d for d in res.diagnosticity}
    assert not diag["E3"].diagnostic and diag["E3"].weighted == 0
    assert diag["E1"].spread == 3 and diag["E1"].weighted == pytest.approx(3.0)
    assert diag["E2"].spread == 3 and diag["E2"].weighted == pytest.approx(1.125)


def test_sensitivity_flags_the_items_whose_loss_changes_the_ranking() -> None:
    res = analyse(matrix({
        "E1": ("high", "high", ["N", "I", "N"]),
        "E2": ("high", "high", ["N", "N", "I"]),
        "E3": ("high", "high", ["N", "N", "I"]),
        "E4": ("high", "high", ["C", "C", "C"]),
        "E5": ("high", "high", ["CC", "N", "N"]),
    }))
    assert res.ranking == (("H1",), ("H2",), ("H3",))
    sens = {s.item: s for s in res.sensitivity}
    # Without E1, H2 joins H1 at the top: the favoured reading is no longer unique.
    assert sens["E1"].pivotal and sens["E1"].decisive and sens["E1"].ranking == (("H1", "H2"), ("H3",))
    # Without E2 (or E3), H3 ties H2 below H1: the ranking changes, the favourite does not.
    assert sens["E2"].pivotal and not sens["E2"].decisive and sens["E2"].ranking == (("H1",), ("H2", "H3"))
    assert not sens["E4"].pivotal and not sens["E5"].pivotal
    assert {d.item for d in res.diagnosticity if not d.diagnostic} == {"E4"}


@st.composite
def random_sets(draw: st.DrawFn) -> HypothesisSet:
    nh = draw(st.integers(2, 4))
    hyps = [f"H{i}" for i in range(nh)]
    rows = {}
    for k in range(draw(st.integers(1, 6))):
        rows[f"E{k}"] = (
            draw(st.sampled_from(["high", "medium", "low"])),
            draw(st.sampled_from(["high", "medium", "low"])),
            [draw(st.sampled_from(RATINGS)) for _ in hyps],
        )
    return matrix(rows, hyps)


@given(random_sets())
def test_scores_and_sensitivity_agree_with_a_direct_recount(hset: HypothesisSet) -> None:
    res = analyse(hset)
    hyps = [h.id for h in hset.hypotheses]
    pen = {"I": 1, "II": 2}
    for skip in [None, *(e.id for e in hset.evidence)]:
        scores = {h: sum(e.weight * pen.get(str(e.ratings[h]), 0) for e in hset.evidence if e.id != skip) for h in hyps}
        ranking = rank(scores, hyps)
        if skip is None:
            assert res.ranking == ranking
            assert res.inconsistency == pytest.approx(scores)
        else:
            s = next(x for x in res.sensitivity if x.item == skip)
            assert s.ranking == ranking
            assert s.pivotal == (ranking != res.ranking)
    for d in res.diagnosticity:
        item = next(e for e in hset.evidence if e.id == d.item)
        assert d.diagnostic == (len({str(item.ratings[h]) for h in hyps}) > 1)
    # Tiers partition the hypotheses and ascend.
    flat = [h for t in res.ranking for h in t]
    assert sorted(flat) == sorted(hyps)
    tops = [res.inconsistency[t[0]] for t in res.ranking]
    assert tops == sorted(tops)


def test_every_item_must_rate_every_hypothesis() -> None:
    with pytest.raises(InputError, match="must rate exactly"):
        parse_hypotheses({"hypotheses": [{"id": "H1", "title": "a"}, {"id": "H2", "title": "b"}],
                          "evidence": [{"id": "E1", "quote": "q", "ratings": {"H1": "C"}}]})


def test_bad_rating_and_weight_are_input_errors() -> None:
    base = {"hypotheses": [{"id": "H1", "title": "a"}, {"id": "H2", "title": "b"}]}
    with pytest.raises(InputError):
        parse_hypotheses({**base, "evidence": [{"id": "E1", "quote": "q", "ratings": {"H1": "X", "H2": "C"}}]})
    with pytest.raises(InputError, match="number in"):
        parse_hypotheses({**base, "evidence": [{"id": "E1", "quote": "q", "credibility": 3,
                                                "ratings": {"H1": "C", "H2": "C"}}]})


def test_unknown_quote_is_reported(tmp_path: Path) -> None:
    hset = matrix({"E1": ("high", "high", ["C", "I", "N"])})
    with pytest.raises(InputError, match="unknown quote 'q_E1'"):
        hset.check_quotes({"other"}, "h.yaml")


def test_malformed_yaml_names_file_line_and_column(tmp_path: Path) -> None:
    p = tmp_path / "h.yaml"
    p.write_text("hypotheses:\n  - id: H1\n    title: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_hypotheses(p)
    assert str(err.value).startswith(f"{p}:")
