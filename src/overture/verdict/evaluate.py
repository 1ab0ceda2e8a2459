"""`evaluate`: resolve, judge once, and read the judgement into a typed `Evaluation`.

Reasons, defeats (with the defeat that settled each and why it succeeded), arguments and
attacks are read from the ASPIC+ evaluation the judge computed; nothing is solved twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from overture.af import Label, Semantics
from overture.aspic import Literal
from overture.aspic.attacks import Attack, DefeatReason
from overture.aspic.evaluation import TheoryEvaluation
from overture.doctrine.compile import CompiledScenario, conclusion_literal
from overture.doctrine.doctrine import Doctrine, FactOrigin, Statement
from overture.doctrine.model import Exception_, Rule, Scenario
from overture.doctrine.resolve import DoctrineLike, ScenarioLike, resolve
from overture.verdict.judge import Judgement, VerdictMemo, judge, parse_semantics
from overture.verdict.model import (
    ArgumentView,
    AttackView,
    Defeat,
    Evaluation,
    FactValue,
    QuoteRef,
    Reason,
    Verdict,
)
from overture.verdict.settling import Settling

# -- reading the evaluation ----------------------------------------------------------------


def quote_refs(doctrine: Doctrine, quote_ids: list[str]) -> list[QuoteRef]:
    out: list[QuoteRef] = []
    for qid in quote_ids:
        q = doctrine.quotes_by_id[qid]
        src = doctrine.sources_by_id[q.source]
        cited = None
        if q.cited is not None:
            parts = [p for p in (q.cited.note, q.cited.speech, q.cited.audience) if p]
            if q.cited.date is not None:
                parts.append(q.cited.date.isoformat())
            cited = " ".join(parts[:1]) + (" " + "; ".join(parts[1:]) if parts[1:] else "")
        out.append(
            QuoteRef(
                id=q.id,
                text=" ".join(q.text.split()),
                source=q.source,
                source_title=src.title,
                cited=cited,
                cited_date=q.cited.date if q.cited else None,
            )
        )
    return out


def reason_of(doctrine: Doctrine, st: Statement, unmet: bool = False) -> Reason:
    """A statement as a reason; `unmet`: as the contrary its failed `only_if` conditions give."""
    if isinstance(st, Rule):
        conclusion = str(conclusion_literal(st.then).negate()) if unmet else st.then
    else:
        conclusion = "~[" + ", ".join(st.undercuts) + "]"
    return Reason(
        rule_id=st.id,
        gloss=st.gloss,
        source=st.source,
        kind=doctrine.kind_of(st),
        date=st.stated,
        conclusion=conclusion,
        element=st.element,
        exception=isinstance(st, Exception_),
        reading=st.reading,
        speaker=doctrine.speaker_of(st),
        unmet=unmet,
        quotes=quote_refs(doctrine, st.quotes),
    )


def describe_literal(doctrine: Doctrine, lit: Literal,
                     origins: Mapping[str, FactOrigin] | None = None) -> str:
    """Plain-English reading of a scenario literal (axiom); a fact says where its value comes
    from when `origins` (see `Doctrine.fact_origins`) is given."""
    atom, neg = lit.atom, lit.negated
    prefix, _, rest = atom.partition(".")
    if prefix in doctrine.dimensions_by_id and rest:
        return f"the {prefix} is {rest}"
    if prefix == "counterparty" and rest:
        cp = doctrine.counterparties_by_id.get(rest)
        return f"the counterparty is {cp.name if cp else rest}"
    if prefix == "topic" and rest:
        return f"{rest} is {'not ' if neg else ''}on the table"
    if prefix == "mode" and rest:
        return f"the mode is {rest}"
    if prefix == "initiated_by" and rest:
        return f"the talks are initiated by: {rest.replace('_', ' ')}"
    if atom in doctrine.attributes_by_id:
        return f"the counterparty {'lacks' if neg else 'has'} the attribute {atom}"
    if atom in doctrine.facts_by_id:
        text = f"{atom} is {'false' if neg else 'true'}"
        origin = (origins or {}).get(atom)
        if origin is not None and origin.origin != "scenario":
            text += f" ({origin.describe()})"
        return text
    return str(lit)


_LABEL = {Label.IN: "in", Label.OUT: "out", Label.UNDEC: "undec"}


def attack_reason(
    compiled: CompiledScenario, attack: Attack, succeeded: bool
) -> tuple[str, str]:
    """Why an attack succeeds or fails: (short reason, detail). The short reason is one of
    exception, contrary, strict rule, no preference, preference, later statement,
    source rank (or the doctrine's own preference reasons)."""
    if attack.reason is DefeatReason.UNDERCUT:
        target = attack.literal.rule_name or str(attack.literal)
        st = compiled.statement_of(target)
        return "exception", f"an exception undercuts {st.id if st else target}"
    if attack.reason is DefeatReason.CONTRARY:
        return "contrary", "attacked by a contrary, whatever the preferences"
    verdict = attack.comparison
    if verdict is None:
        return "conflict", ""
    if verdict.empty:
        return "strict rule", "the winning argument uses only strict rules and scenario facts"
    whys: list[str] = []
    details: list[str] = []
    for weaker, stronger in verdict.pairs:
        pair = compiled.preference_reasons.get((weaker, stronger))
        if pair is None:
            continue
        whys.append(pair.reason)
        details.append(f"{pair.stronger} prevails over {pair.weaker}"
                       + (f" ({pair.note})" if pair.note else ""))
    if attack.reason is DefeatReason.NOT_WEAKER and succeeded:
        return "no preference", "neither argument is preferred to the other"
    if not whys:
        return "preference", verdict.basis
    ordered = list(dict.fromkeys(whys))
    return ordered[0], "; ".join(dict.fromkeys(details))


def statement_of_argument(
    compiled: CompiledScenario, aev: TheoryEvaluation, arg_id: int
) -> Statement | None:
    """The doctrine rule or exception behind an argument's top rule (None for facts)."""
    top = aev.arguments[arg_id].top_rule
    return compiled.statement_of(top.name) if top is not None else None


def build_evaluation(j: Judgement, scope: list[str]) -> Evaluation:
    """Assemble the typed Evaluation from a judgement (its verdict is not computed again)."""
    doctrine, scenario, compiled, aev = j.doctrine, j.scenario, j.compiled, j.aspic
    q = compiled.question
    verdict = j.verdict
    labels = aev.labels
    args = aev.arguments
    settling = Settling(aev)

    views: list[ArgumentView] = []
    for a in args:
        st = compiled.statement_of(a.top_rule.name) if a.top_rule is not None else None
        if st is None:
            views.append(ArgumentView(
                id=a.name, conclusion=str(a.conclusion), rule_id=None, kind="scenario",
                status=_LABEL[labels[a.id]],
                gloss=describe_literal(doctrine, a.conclusion, compiled.fact_origins),
                quotes=[], sub_arguments=[args[s].name for s in a.subs],
            ))
            continue
        kind = ("exception" if isinstance(st, Exception_)
                else "strict rule" if isinstance(st, Rule) and st.strict else "rule")
        views.append(ArgumentView(
            id=a.name, conclusion=str(a.conclusion), rule_id=st.id, kind=kind,
            status=_LABEL[labels[a.id]], gloss=st.gloss, quotes=quote_refs(doctrine, st.quotes),
            sub_arguments=[args[s].name for s in a.subs], date=st.stated, source=st.source,
            reading=st.reading,
        ))

    attacks: list[AttackView] = []
    for target in args:
        for atk in aev.graph.direct[target.id]:
            why, _detail = attack_reason(compiled, atk, atk.defeat)
            if not atk.defeat and atk.comparison is not None:
                why = f"fails: {why}"
            attacks.append(AttackView(
                attacker=args[atk.attacker].name, target=target.name,
                kind=atk.kind.value,
                succeeds=atk.defeat, why=why,
            ))

    def reasons_for_literal(lit: Literal) -> list[Reason]:
        ids = args.by_conclusion.get(lit, [])
        live = [i for i in ids if labels[i] is Label.IN] or [
            i for i in ids if labels[i] is Label.UNDEC
        ]
        seen: dict[str, Reason] = {}
        for i in live:
            for s in sorted(args[i].sub_arguments(), reverse=True):
                st = statement_of_argument(compiled, aev, s)
                if st is not None and st.id not in seen:
                    top = args[s].top_rule
                    unmet = top is not None and compiled.is_unmet(top.name)
                    seen[st.id] = reason_of(doctrine, st, unmet)
        return list(seen.values())

    defeated: list[Defeat] = []
    for a in args:
        if labels[a.id] is not Label.OUT or a.top_rule is None:
            continue
        winner = settling.settling_defeat(a.id)
        if winner is None:
            continue
        defeated.append(defeat_of(compiled, aev, a.id, winner, settling.also_defeating(a.id)))

    def with_exceptions(reasons: list[Reason], opposite: Literal) -> list[Reason]:
        """Add the exceptions whose undercut settles the defeat of the other side's arguments."""
        have = {r.rule_id for r in reasons}
        for df in defeated:
            if (df.conclusion == str(opposite) and df.why == "exception" and df.defeated_by
                    and df.defeated_by not in have):
                have.add(df.defeated_by)
                reasons.append(reason_of(doctrine, doctrine.statements_by_id[df.defeated_by]))
        return reasons

    reasons_for = rank_reasons(doctrine, with_exceptions(reasons_for_literal(q), q.negate()))
    reasons_against = rank_reasons(
        doctrine, with_exceptions(reasons_for_literal(q.negate()), q)
    )
    summary = _summary(verdict, reasons_for, reasons_against, scope, scenario)
    ev = Evaluation(
        verdict=verdict, doctrine=doctrine.id, view=scenario.view, date=scenario.date,
        semantics=j.semantics.full_name, question=str(compiled.question),
        scenario=scenario.model_dump(mode="json", exclude_none=True), scope=scope,
        summary=summary, reasons_for=reasons_for, reasons_against=reasons_against,
        defeated=defeated, arguments=views, attacks=attacks,
        facts=[FactValue(fact=o.fact, value=o.value, origin=o.origin,
                         detail=o.describe()) for o in compiled.fact_origins.values()],
    )
    ev._aspic = aev
    ev._compiled = compiled
    ev._settling = settling
    return ev


def defeat_of(compiled: CompiledScenario, aev: TheoryEvaluation, arg: int, winner: Attack,
              others: list[Attack]) -> Defeat:
    """The Defeat record of argument `arg` settled by `winner` (others listed as also defeating)."""
    args = aev.arguments
    a = args[arg]
    st = compiled.statement_of(a.top_rule.name) if a.top_rule is not None else None
    why, detail = attack_reason(compiled, winner, True)
    on_arg = args[winner.on]
    by = statement_of_argument(compiled, aev, winner.attacker)
    if winner.on != arg:
        sub_st = statement_of_argument(compiled, aev, winner.on)
        detail = (f"its sub-argument for {on_arg.conclusion}"
                  + (f" ({sub_st.id})" if sub_st else "") + f" is defeated: {detail}")
    return Defeat(
        argument=a.name, conclusion=str(a.conclusion), rule_id=st.id if st else None,
        defeated_by=by.id if by else None, defeated_by_argument=args[winner.attacker].name,
        why=why, detail=detail, on=str(on_arg.conclusion) if winner.on != arg else None,
        also_defeated_by=[args[x.attacker].name for x in others],
    )


def rank_reasons(doctrine: Doctrine, reasons: list[Reason]) -> list[Reason]:
    """Strongest first: rules before exceptions, then by the doctrine's source ranking (its
    `source_rank` policy, if any), strict before defeasible, later statements first."""
    order: list[str] = []
    for pol in doctrine.policies:
        if pol.kind == "source_rank" and pol.order:
            order = list(pol.order)
            break

    def key(r: Reason) -> tuple[int, int, int, int]:
        st = doctrine.statements_by_id[r.rule_id]
        strict = isinstance(st, Rule) and st.strict
        rank = order.index(r.kind) if r.kind in order else len(order)
        return (int(r.exception), rank, 0 if strict else 1, -r.date.toordinal())

    return sorted(reasons, key=key)


def _summary(verdict: Verdict, pro: list[Reason], con: list[Reason], scope: list[str],
             scenario: Scenario) -> str:
    def top(rs: list[Reason]) -> str:
        main = [r for r in rs if not r.exception]
        return (main or rs)[0].gloss if rs else ""

    if verdict is Verdict.PERMITTED:
        return top(pro)
    if verdict is Verdict.FORBIDDEN:
        text = top(con)
        if scope:
            text += f" (talks on {', '.join(scope)} alone would be permitted)"
        return text
    if verdict is Verdict.CONTESTED:
        return f"Both sides stand: {top(pro)} / {top(con)}"
    return f"Nothing in force on {scenario.date} decides this overture."


def evaluate(
    scenario: ScenarioLike,
    doctrine: DoctrineLike = None,
    semantics: str | Semantics = "grounded",
    *,
    view: str | None = None,
) -> Evaluation:
    """Judge `scenario` against `doctrine` (default: the shipped default doctrine).

    `scenario` may be a Scenario, a mapping with its fields, a YAML/JSON file path, `-` for
    standard input, or the name of an example shipped beside the doctrine (`overture
    scenarios` lists them); `view` (optional) overrides the scenario's own. Raises
    OvertureError on invalid input.
    """
    d, s = resolve(scenario, doctrine, view)
    j = judge(d, s, parse_semantics(semantics))
    return build_evaluation(j, scope_of(j))


def scope_of(j: Judgement) -> list[str]:
    """The scenario's topics on which talks are permitted: all of them if the overture is
    permitted; otherwise each topic whose single-topic variant is permitted (each variant is
    compiled, and solved only when its theory differs from one already solved)."""
    scenario = j.scenario
    if j.verdict is Verdict.PERMITTED:
        return list(scenario.topics)
    if len(scenario.topics) < 2:
        return []
    memo = VerdictMemo(j.doctrine, j.semantics)
    memo.remember(j)
    return [t for t in scenario.topics
            if memo.verdict(scenario.model_copy(update={"topics": [t]})) is Verdict.PERMITTED]
