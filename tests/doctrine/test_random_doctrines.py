"""Generated doctrines: loading never crashes (only OvertureError), and verdicts agree with a
brute-force reading of the compiled framework (grounded by fixpoint iteration, credulous
acceptance by enumerating admissible sets)."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from overture.doctrine import Doctrine, Scenario, compile_scenario, problems
from overture.errors import OvertureError
from overture.verdict import Verdict, evaluate

TOPICS = ["t1", "t2", "t3"]
FACTS = ["f1", "f2"]
CPS = ["c1", "c2"]
CONCLUSIONS = ["accept_talks", "~accept_talks", "m1", "~m1", "m2"]


@st.composite
def doctrine_data(draw: Any) -> dict[str, Any]:
    n_rules = draw(st.integers(1, 7))
    thens = [draw(st.sampled_from(CONCLUSIONS)) for _ in range(n_rules)]
    thens[0] = draw(st.sampled_from(["accept_talks", "~accept_talks"]))
    rules = []
    for i in range(n_rules):
        when: dict[str, Any] = {}
        if draw(st.booleans()):
            when["counterparty"] = draw(st.lists(st.sampled_from(CPS), min_size=1, max_size=2,
                                                 unique=True))
        if draw(st.booleans()):
            when["topics_any"] = draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=2,
                                               unique=True))
        if draw(st.booleans()):
            when["facts"] = draw(st.dictionaries(st.sampled_from(FACTS), st.booleans(),
                                                 max_size=2))
        earlier = [t for t in thens[:i] if "accept_talks" not in t]
        if earlier and draw(st.integers(0, 2)) == 0:  # support from earlier rules only
            when["holds"] = [draw(st.sampled_from(earlier))]
        rules.append({
            "id": f"r{i}", "when": when,
            "then": thens[i],
            "strict": draw(st.integers(0, 6)) == 0,
            "source": draw(st.sampled_from(["s1", "s2"])),
            "kind": draw(st.sampled_from([None, None, "exposition", "analysis"])),
            "speaker": draw(st.sampled_from([None, None, "X"])),
            "stated": draw(st.dates(dt.date(2000, 1, 1), dt.date(2010, 1, 1))).isoformat(),
            "quotes": ["q1"], "gloss": f"rule {i}",
        })
    for r in rules:  # quotes must come from the rule's source
        r["quotes"] = ["q1" if r["source"] == "s1" else "q2"]
    exceptions = []
    defeasible = [r["id"] for r in rules if not r["strict"]]
    if defeasible and draw(st.booleans()):
        target = draw(st.sampled_from(defeasible))
        exceptions.append({"id": "x0", "when": {"facts": {"f1": True}}, "undercuts": [target],
                           "source": "s1", "stated": "2001-01-01", "quotes": ["q1"],
                           "gloss": "exception"})
    prefs = []
    if len(defeasible) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(st.sampled_from(defeasible)), draw(st.sampled_from(defeasible))
            if a != b:
                prefs.append({"stronger": a, "weaker": b})
    return {
        "schema_version": 1, "id": "gen", "title": "generated",
        "sources": [
            {"id": "s1", "title": "S1", "publisher": "P", "date": "2011-01-01",
             "kind": "speaker", "speaker": "X", "location": "s1.txt"},
            {"id": "s2", "title": "S2", "publisher": "P", "date": "2011-01-01",
             "kind": draw(st.sampled_from(["speaker", "analysis"])), "speaker": "Y",
             "location": "s2.txt"},
        ],
        "quotes": [{"id": "q1", "source": "s1", "text": "one"},
                   {"id": "q2", "source": "s2", "text": "two"}],
        "counterparties": [{"id": c, "name": c} for c in CPS],
        "topics": [{"id": t, "description": t} for t in TOPICS],
        "modes": [{"id": m, "description": m} for m in ("deal", "conveying", "imposition")],
        "initiators": [{"id": m, "description": m}
                       for m in ("leader", "counterparty", "domestic_figure")],
        "facts": [{"id": f, "description": f} for f in FACTS],
        "policies": draw(st.sampled_from([
            [], [{"id": "p", "kind": "later_statement"}],
            [{"id": "p", "kind": "source_rank", "order": ["speaker", "exposition", "analysis"]}],
        ])),
        "rules": rules, "exceptions": exceptions, "preferences": prefs,
        "views": [{"id": "all", "title": "All", "sources": ["s1", "s2"]}],
    }


scenarios = st.builds(
    Scenario,
    counterparty=st.sampled_from(CPS),
    topics=st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True),
    mode=st.just("deal"),
    date=st.dates(dt.date(2000, 1, 1), dt.date(2012, 1, 1)),
    facts=st.dictionaries(st.sampled_from(FACTS), st.booleans()),
)


def brute_grounded(n: int, attackers: list[set[int]]) -> set[int]:
    ext: set[int] = set()
    while True:
        defended = {a for a in range(n)
                    if all(any(d in ext for d in attackers[b]) for b in attackers[a])}
        if defended == ext:
            return ext
        ext = defended


def brute_credulous(n: int, attackers: list[set[int]], target: set[int]) -> bool:
    """Some admissible set contains an argument of `target` (= credulous preferred)."""
    for k in range(1, n + 1):
        for subset in combinations(range(n), k):
            s = set(subset)
            if not s & target:
                continue
            if any(b in s for a in s for b in attackers[a]):
                continue
            if all(any(d in s for d in attackers[b]) for a in s for b in attackers[a]):
                return True
    return False


def load(data: dict[str, Any]) -> Doctrine | None:
    try:
        d = Doctrine.model_validate(data)
    except Exception as exc:  # pydantic ValidationError is the only expected failure
        assert type(exc).__name__ == "ValidationError", exc
        return None
    return None if problems(d) else d


@settings(max_examples=80)
@given(doctrine_data(), scenarios)
def test_verdicts_agree_with_brute_force(data: dict[str, Any], s: Scenario) -> None:
    d = load(data)
    if d is None:
        return
    try:
        ev = evaluate(s, d)
    except OvertureError:
        return  # e.g. a strict-rule preference rejected by the ASPIC+ layer
    aev = ev.aspic
    n = aev.af.n
    attackers = [set(aev.graph.defeaters[b]) for b in range(n)]
    grounded = brute_grounded(n, attackers)
    yes = set(aev.arguments.by_conclusion.get(ev.compiled.question, []))
    no = set(aev.arguments.by_conclusion.get(ev.compiled.question.negate(), []))
    if yes & grounded and not no & grounded:
        assert ev.verdict is Verdict.PERMITTED
    elif no & grounded and not yes & grounded:
        assert ev.verdict is Verdict.FORBIDDEN
    elif n <= 14:
        both = brute_credulous(n, attackers, yes) and brute_credulous(n, attackers, no)
        if not (yes & grounded or no & grounded):
            assert ev.verdict is (Verdict.CONTESTED if both else Verdict.UNDECIDED)


@settings(max_examples=60)
@given(doctrine_data(), scenarios)
def test_dropped_rules_could_never_fire(data: dict[str, Any], s: Scenario) -> None:
    """Compilation leaves out rules whose scenario conditions fail or that are not yet in
    force; every rule it keeps is in force and has its scenario conditions satisfied."""
    d = load(data)
    if d is None:
        return
    compiled = compile_scenario(d, s)
    kept = {o.statement_id for o in compiled.origins.values()}
    for r in d.rules:
        c = r.when
        ok = (r.stated <= s.date
              and (c.counterparty is None or s.counterparty in c.counterparty)
              and (not c.topics_any or bool(set(c.topics_any) & set(s.topics)))
              and all(s.facts.get(f, False) == v for f, v in c.facts.items()))
        assert (r.id in kept) == ok, r.id


def naive_pairs(d: Doctrine) -> set[tuple[str, str, str]]:
    """Reference: the lexicographic relation computed pair by pair from the definitions."""
    rules = [r for r in d.rules if not r.strict]
    explicit = {(p.stronger, p.weaker) for p in d.preferences}
    out: set[tuple[str, str, str]] = set()
    for i, a in enumerate(rules):
        for b in rules[i + 1:]:
            if (a.id, b.id) in explicit or (b.id, a.id) in explicit:
                out |= {(x, y, "preference") for x, y in ((a.id, b.id), (b.id, a.id))
                        if (x, y) in explicit}
                continue
            for pol in d.policies:
                if pol.kind == "later_statement":
                    sa, sb = d.speaker_of(a), d.speaker_of(b)
                    if sa is None or sa != sb or a.stated == b.stated:
                        continue
                    win = a if a.stated > b.stated else b
                    reason = "later statement"
                else:
                    order = pol.order or []
                    ka, kb = d.kind_of(a), d.kind_of(b)
                    if ka == kb or ka not in order or kb not in order:
                        continue
                    win = a if order.index(ka) < order.index(kb) else b
                    reason = "source rank"
                lose = b if win is a else a
                out.add((win.id, lose.id, reason))
                break
    return out


def naive_has_cycle(pairs: set[tuple[str, str, str]]) -> bool:
    succ: dict[str, set[str]] = {}
    for s, w, _ in pairs:
        succ.setdefault(s, set()).add(w)
    nodes = set(succ) | {w for _, w, _ in pairs}
    reach = {n: set(succ.get(n, ())) for n in nodes}
    changed = True
    while changed:
        changed = False
        for n in nodes:
            extra = set().union(*(reach[m] for m in reach[n])) - reach[n] if reach[n] else set()
            if extra:
                reach[n] |= extra
                changed = True
    return any(n in reach[n] for n in nodes)


@settings(max_examples=80)
@given(doctrine_data())
def test_preference_model_matches_the_pairwise_definition(data: dict[str, Any]) -> None:
    from pydantic import ValidationError

    from overture.doctrine import PreferenceModel

    try:
        d = Doctrine.model_validate(data)
    except ValidationError:
        return
    if any("unknown" in p.message or "is strict" in p.message for p in problems(d)):
        return
    model = PreferenceModel(d)
    got = {(p.stronger, p.weaker, p.reason) for p in model.all_pairs()}
    want = naive_pairs(d)
    assert got == want
    assert (model.cycle() is not None) == naive_has_cycle(want)
