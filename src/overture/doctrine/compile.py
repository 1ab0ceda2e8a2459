"""Compile a doctrine and a scenario into an ASPIC+ theory (`overture.aspic.Theory`).

The scenario becomes axioms (`counterparty.X`, `topic.T` / `~topic.T`, `mode.M`,
`initiated_by.I`, `DIMENSION.V`, facts and counterparty attributes as literals); each rule in
force on the scenario's date, in the scenario's view, whose scenario conditions hold becomes one
ASPIC+ rule per combination of the alternatives it matched; each exception becomes an
undercutter `~[r]` of each rule it names. Rules whose conditions fail can never fire (their
condition literals are not derivable), so leaving them out does not change any verdict. A rule
with `only_if` conditions concludes `then` where they hold too and, where they fail, its
contrary, resting on the scenario literal that fails them (the rule `r` and `r.unmet`).

What does not depend on the scenario (rule templates per view, generated preferences) is
computed once per (doctrine, view) and cached.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import product
from typing import Any

from overture.aspic import InferenceRule, Literal, Theory
from overture.doctrine.doctrine import Doctrine, Statement
from overture.doctrine.model import Conditions, Exception_, Rule, Scenario
from overture.doctrine.policies import PreferenceModel, PreferencePair
from overture.errors import InputError, LimitExceeded

#: Most ASPIC+ rule instances one doctrine rule may expand into for one scenario.
MAX_INSTANCES = 256


def counterparty_literal(cp: str) -> Literal:
    return Literal(f"counterparty.{cp}")


def topic_literal(topic: str, present: bool = True) -> Literal:
    return Literal(f"topic.{topic}", not present)


def mode_literal(mode: str) -> Literal:
    return Literal(f"mode.{mode}")


def initiator_literal(who: str) -> Literal:
    return Literal(f"initiated_by.{who}")


def dimension_literal(dimension: str, value: str) -> Literal:
    return Literal(f"{dimension}.{value}")


def flag_literal(name: str, value: bool = True) -> Literal:
    """A fact or counterparty attribute with its value: `name` or `~name`."""
    return Literal(name, not value)


def conclusion_literal(text: str) -> Literal:
    """A rule conclusion written `x` or `~x`."""
    return Literal(text[1:], True) if text.startswith("~") else Literal(text)


@dataclass(frozen=True)
class RuleOrigin:
    """Where an ASPIC+ rule of a compiled theory comes from."""

    aspic_name: str
    statement: Statement
    target: str | None = None  # for exceptions: the undercut rule's id
    unmet: bool = False  # the contrary instance of a rule whose `only_if` conditions fail

    @property
    def statement_id(self) -> str:
        return self.statement.id

    @property
    def is_exception(self) -> bool:
        return isinstance(self.statement, Exception_)


class ViewPlan:
    """What a (doctrine, view) evaluation needs before any scenario is known: the view's
    statements and its preference model (decided lazily per pair of rules)."""

    def __init__(self, doctrine: Doctrine, view: str, statements: tuple[Statement, ...]) -> None:
        self.doctrine = doctrine
        self.view = view
        self.statements = statements
        self.model = PreferenceModel(
            doctrine, (s.id for s in statements if isinstance(s, Rule))
        )

    @cached_property
    def preferences(self) -> tuple[PreferencePair, ...]:
        """Every preference between the view's rules (quadratic; computed on first use)."""
        return tuple(self.model.all_pairs())


_PLANS: dict[tuple[int, str], ViewPlan] = {}
_PLANS_LOCK = threading.Lock()


def view_plan(doctrine: Doctrine, view: str) -> ViewPlan:
    """The cached plan of a doctrine's view: its statements and their preferences."""
    key = (id(doctrine), view)
    with _PLANS_LOCK:
        plan = _PLANS.get(key)
    if plan is not None and plan.doctrine is doctrine:
        return plan
    if view not in doctrine.views_by_id:
        known = ", ".join(doctrine.views_by_id)
        raise InputError(f"unknown view {view!r}; known views: {known}")
    chosen = doctrine.views_by_id[view]
    statements: tuple[Statement, ...] = (
        *(r for r in doctrine.rules if doctrine.in_view(r, chosen)),
        *(x for x in doctrine.exceptions if doctrine.in_view(x, chosen)),
    )
    plan = ViewPlan(doctrine, view, statements)
    with _PLANS_LOCK:
        if len(_PLANS) > 256:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


def in_force(statement: Statement, date: dt.date) -> bool:
    """A statement applies to scenarios dated on/after its statement date (and before `until`)."""
    return statement.stated <= date and (statement.until is None or date < statement.until)


@dataclass(frozen=True)
class ScenarioFacts:
    """The scenario read against a doctrine: every literal that holds in it."""

    counterparty: str
    topics: frozenset[str]
    mode: str
    initiated_by: str
    facts: dict[str, bool]
    attributes: dict[str, bool]
    dimensions: dict[str, str]


def scenario_facts(doctrine: Doctrine, scenario: Scenario) -> ScenarioFacts:
    doctrine.check_scenario(scenario)
    return ScenarioFacts(
        scenario.counterparty,
        frozenset(scenario.topics),
        scenario.mode,
        doctrine.initiator_of(scenario),
        doctrine.fact_values(scenario),
        doctrine.attribute_values(scenario.counterparty),
        doctrine.dimension_values(scenario),
    )


def _alternatives(c: Conditions, sf: ScenarioFacts) -> list[list[Literal]] | None:
    """For each condition, the literals of the scenario that satisfy it (one must be chosen);
    None if some condition fails."""
    groups: list[list[Literal]] = []
    if c.counterparty is not None:
        if sf.counterparty not in c.counterparty:
            return None
        groups.append([counterparty_literal(sf.counterparty)])
    for name, want in c.attributes.items():
        if sf.attributes.get(name) != want:
            return None
        groups.append([flag_literal(name, want)])
    if c.topics_any:
        hit = [t for t in c.topics_any if t in sf.topics]
        if not hit:
            return None
        groups.append([topic_literal(t) for t in hit])
    for t in c.topics_all:
        if t not in sf.topics:
            return None
        groups.append([topic_literal(t)])
    for t in c.topics_none:
        if t in sf.topics:
            return None
        groups.append([topic_literal(t, False)])
    if c.mode is not None:
        if sf.mode not in c.mode:
            return None
        groups.append([mode_literal(sf.mode)])
    if c.initiated_by is not None:
        if sf.initiated_by not in c.initiated_by:
            return None
        groups.append([initiator_literal(sf.initiated_by)])
    for name, want in c.facts.items():
        if sf.facts.get(name) != want:
            return None
        groups.append([flag_literal(name, want)])
    for name, values in c.dimensions.items():
        if sf.dimensions.get(name) not in values:
            return None
        groups.append([dimension_literal(name, sf.dimensions[name])])
    for text in c.holds:
        groups.append([conclusion_literal(text)])
    return groups


def _failures(c: Conditions, sf: ScenarioFacts) -> list[Literal]:
    """The scenario literals that make (scenario-only) conditions fail: one per failed
    condition (empty if they all hold). Each is true in the scenario and shows a failure."""
    out: list[Literal] = []
    if c.counterparty is not None and sf.counterparty not in c.counterparty:
        out.append(counterparty_literal(sf.counterparty))
    for name, want in c.attributes.items():
        if sf.attributes.get(name) != want:
            out.append(flag_literal(name, not want))
    if c.topics_any and not any(t in sf.topics for t in c.topics_any):
        out += [topic_literal(t, False) for t in c.topics_any]
    out += [topic_literal(t, False) for t in c.topics_all if t not in sf.topics]
    out += [topic_literal(t) for t in c.topics_none if t in sf.topics]
    if c.mode is not None and sf.mode not in c.mode:
        out.append(mode_literal(sf.mode))
    if c.initiated_by is not None and sf.initiated_by not in c.initiated_by:
        out.append(initiator_literal(sf.initiated_by))
    for name, want in c.facts.items():
        if sf.facts.get(name) != want:
            out.append(flag_literal(name, not want))
    for name, values in c.dimensions.items():
        if sf.dimensions.get(name) not in values:
            out.append(dimension_literal(name, sf.dimensions[name]))
    return out


def _scenario_literals(groups: list[list[Literal]], holds: int) -> Iterator[Literal]:
    """The scenario literals among the groups (all but the trailing `holds` groups)."""
    for g in groups[: len(groups) - holds]:
        yield from g


def _instances(
    statement: Statement, groups: list[list[Literal]]
) -> Iterator[tuple[str, tuple[Literal, ...]]]:
    combos = 1
    for g in groups:
        combos *= len(g)
    if combos > MAX_INSTANCES:
        raise LimitExceeded(
            f"rule {statement.id!r} expands into {combos} instances for this scenario "
            f"(limit {MAX_INSTANCES}); split its 'any of' conditions"
        )
    for k, combo in enumerate(product(*groups)):
        name = statement.id if combos == 1 else f"{statement.id}.{k + 1}"
        yield name, tuple(combo)


class CompiledScenario:
    """A compiled scenario: the ASPIC+ theory and where each of its rules comes from.

    Unpacks as `(theory, rules)`, `rules` mapping ASPIC+ rule names to doctrine rules or
    exceptions; `origins` has the details and `preference_reasons` why each preference holds.
    """

    def __init__(
        self,
        doctrine: Doctrine,
        scenario: Scenario,
        theory: Theory,
        origins: dict[str, RuleOrigin],
        preference_reasons: dict[tuple[str, str], PreferencePair],
        question: Literal,
    ) -> None:
        self.doctrine = doctrine
        self.scenario = scenario
        self.theory = theory
        self.origins = origins
        self.preference_reasons = preference_reasons
        self.question = question
        #: Where each fact's value comes from (scenario, world, implied, default).
        self.fact_origins = doctrine.fact_origins(scenario)

    @property
    def rules(self) -> dict[str, Statement]:
        return {name: o.statement for name, o in self.origins.items()}

    def __iter__(self) -> Iterator[Any]:
        yield self.theory
        yield self.rules

    def statement_of(self, aspic_rule: str) -> Statement | None:
        o = self.origins.get(aspic_rule)
        return o.statement if o is not None else None

    def is_unmet(self, aspic_rule: str) -> bool:
        """Whether the rule instance is the contrary of a rule whose `only_if` fails."""
        o = self.origins.get(aspic_rule)
        return o is not None and o.unmet


def compile_scenario(
    doctrine: Doctrine | str, scenario: Scenario, view: str | None = None
) -> CompiledScenario:
    """Compile `scenario` (under `view`, default the scenario's own) into an ASPIC+ theory.

    Returns a `CompiledScenario`, which unpacks as `(theory, rules)`.
    """
    from overture.doctrine.loader import load_doctrine

    d = load_doctrine(doctrine)
    sf = scenario_facts(d, scenario)
    plan = view_plan(d, view or scenario.view)
    rules: list[InferenceRule] = []
    origins: dict[str, RuleOrigin] = {}
    by_statement: dict[str, list[str]] = {}
    pending_exceptions: list[tuple[Exception_, list[list[Literal]]]] = []
    axioms: set[Literal] = set()
    for st in plan.statements:
        if not in_force(st, scenario.date) or (scenario.stated_only and st.reading == "inferred"):
            continue
        groups = _alternatives(st.when, sf)
        if groups is None:
            continue
        if isinstance(st, Exception_):
            axioms.update(_scenario_literals(groups, len(st.when.holds)))
            pending_exceptions.append((st, groups))
            continue
        conclusion = conclusion_literal(st.then)
        unmet = False
        if st.only_if is not None:
            needed = _alternatives(st.only_if, sf)
            if needed is None:  # a necessary condition fails: the contrary follows from it
                unmet = True
                conclusion = conclusion.negate()
                groups = [*groups[: len(groups) - len(st.when.holds)],
                          [*_failures(st.only_if, sf)], *groups[len(groups) - len(st.when.holds):]]
            else:
                groups = [*groups[: len(groups) - len(st.when.holds)], *needed,
                          *groups[len(groups) - len(st.when.holds):]]
        axioms.update(_scenario_literals(groups, len(st.when.holds)))
        for name, antecedents in _instances(st, groups):
            rname = f"{name}.unmet" if unmet else name
            rules.append(InferenceRule(rname, antecedents, conclusion, strict=st.strict))
            origins[rname] = RuleOrigin(rname, st, unmet=unmet)
            by_statement.setdefault(st.id, []).append(rname)
    # Exceptions undercut rules (never other exceptions): one undercutter per rule instance.
    for x, groups in pending_exceptions:
        for name, antecedents in _instances(x, groups):
            targets = [t for t in x.undercuts if t in by_statement]
            for target in targets:
                for target_name in by_statement[target]:
                    single = len(targets) == 1 and len(by_statement[target]) == 1
                    rname = name if single else f"{name}.{target_name}"
                    rules.append(InferenceRule(rname, antecedents, Literal(f"[{target_name}]", True)))
                    origins[rname] = RuleOrigin(rname, x, target)
    pref_pairs: list[tuple[str, str]] = []
    reasons: dict[tuple[str, str], PreferencePair] = {}
    present = [sid for sid in by_statement if sid in plan.model.rules]
    for pair in plan.model.pairs_among(present):
        for w in by_statement[pair.weaker]:
            for s in by_statement[pair.stronger]:
                pref_pairs.append((w, s))
                reasons[(w, s)] = pair
    theory = Theory(
        rules=tuple(rules),
        axioms=frozenset(axioms),
        rule_preferences=frozenset(pref_pairs),
    )
    return CompiledScenario(d, scenario, theory, origins, reasons, Literal(d.action_of(scenario)))
