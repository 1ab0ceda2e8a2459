"""The scenario space of a doctrine: the variables an analysis may change, and their values.

Turns a `Scenario` into an assignment of variables (facts, topics, mode, counterparty, date, view,
initiator), applies edits back to it, and names each edit in plain English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from overture.doctrine import Conditions, Doctrine, Scenario
from overture.errors import InputError
from overture.jsontext import JsonText

Value = str | bool | dt.date
"""The value of a scenario variable: an id (mode, counterparty, view, initiator), a truth value
(a fact, a topic's presence) or a date."""

FIELDS = ("counterparty", "mode", "date", "view", "initiated_by")
"""Scenario fields that are variables of their own; facts, topics and declared dimensions are
`fact:X`, `topic:X` and `dimension:X`."""


@dataclass(frozen=True, order=True)
class Edit(JsonText):
    """One change to a scenario: a variable and its new value."""

    variable: str
    value: Value

    @property
    def kind(self) -> str:
        """`fact`, `topic`, or the field name."""
        return self.variable.split(":", 1)[0]

    def describe(self) -> str:
        """The edit in plain English, e.g. `set fact us_behavior_changed to true`."""
        kind, _, name = self.variable.partition(":")
        if kind == "fact":
            return f"set {name} to {str(self.value).lower()}"
        if kind == "topic":
            return f"{'add' if self.value else 'remove'} topic {name}"
        if kind == "date":
            return f"move the date to {self.value}"
        if kind == "dimension":
            return f"change {name} to {self.value}"
        label = {"initiated_by": "initiator"}.get(kind, kind)
        return f"change {label} to {self.value}"

    def to_dict(self) -> dict[str, Any]:
        value: Any = self.value.isoformat() if isinstance(self.value, dt.date) else self.value
        return {"variable": self.variable, "value": value, "description": self.describe()}


@dataclass(frozen=True)
class Vocabulary:
    """What a doctrine lets a scenario say, and when each of its statements was made."""

    counterparties: tuple[str, ...]
    topics: tuple[str, ...]
    modes: tuple[str, ...]
    views: tuple[str, ...]
    initiators: tuple[str, ...]
    dimensions: Mapping[str, tuple[str, ...]]
    facts: Mapping[str, bool]
    statements: Mapping[dt.date, tuple[str, ...]]
    """Change dates (sorted) -> ids of the rules and exceptions stated on that date; dates on
    which a statement lapses are keys too (possibly with no statement)."""
    lapses: Mapping[str, dt.date]
    """Statement id -> the date it stops being in force, for those that lapse."""

    def in_force(self, when: dt.date) -> frozenset[str]:
        """Ids of the statements in force on `when` (stated on or before, not yet lapsed)."""
        return frozenset(
            r
            for d, rules in self.statements.items()
            if d <= when
            for r in rules
            if r not in self.lapses or when < self.lapses[r]
        )

    def date_class(self, when: dt.date) -> int:
        """Index of the interval between change dates holding `when` (same statements in force)."""
        return sum(1 for d in self.statements if d <= when)

    def candidate_dates(self) -> list[dt.date]:
        """Every statement date and the days either side of it, sorted."""
        one = dt.timedelta(days=1)
        return sorted({x for d in self.statements for x in (d - one, d, d + one)})


def vocabulary_of(doctrine: Doctrine) -> Vocabulary:
    """Read the scenario vocabulary and the statement dates of `doctrine`.

    Statement dates cover rules and exceptions (both are in force from their `stated` date);
    the date a statement lapses (`until`) is a change point too, and so is every date on which
    the doctrine's world changes a fact.
    """
    statements: dict[dt.date, list[str]] = {}
    for st in [*doctrine.rules, *doctrine.exceptions]:
        statements.setdefault(st.stated, []).append(st.id)
        if st.until is not None:
            statements.setdefault(st.until, [])
    for e in doctrine.world:
        statements.setdefault(e.from_, [])
        if e.until is not None:
            statements.setdefault(e.until, [])
    return Vocabulary(
        counterparties=tuple(c.id for c in doctrine.counterparties),
        topics=tuple(t.id for t in doctrine.topics),
        modes=tuple(m.id for m in doctrine.modes),
        views=tuple(v.id for v in doctrine.views),
        initiators=tuple(i.id for i in doctrine.initiators),
        dimensions={d.id: tuple(v.id for v in d.values) for d in doctrine.dimensions},
        facts={f.id: f.default for f in doctrine.facts},
        statements={d: tuple(statements[d]) for d in sorted(statements)},
        lapses={st.id: st.until for st in [*doctrine.rules, *doctrine.exceptions] if st.until is not None},
    )


def counterparty_classes(doctrine: Doctrine) -> dict[str, int]:
    """Counterparty id -> class: the doctrine cannot tell two counterparties of a class apart.

    A counterparty named by some rule or exception condition is alone in its class; the others
    are grouped by their attribute values (the only other way a condition can see them).
    """
    named = {
        c
        for conditions in _all_conditions(doctrine)
        for c in (conditions.counterparty or ())
    }
    classes: dict[Any, int] = {}
    out: dict[str, int] = {}
    for cp in doctrine.counterparties:
        key: Any = ("named", cp.id) if cp.id in named else ("attrs", tuple(sorted(doctrine.attribute_values(cp.id).items())))
        out[cp.id] = classes.setdefault(key, len(classes))
    return out


def referenced(doctrine: Doctrine) -> tuple[frozenset[str], frozenset[str]]:
    """The topics and facts some rule or exception condition mentions.

    A topic or fact no condition mentions cannot change which statements apply, hence never
    changes a verdict; such variables are left out of searches (exactly: no minimal edit set
    can contain them).
    """
    topics: set[str] = set()
    facts: set[str] = set()
    for c in _all_conditions(doctrine):
        topics.update(c.topics_any, c.topics_all, c.topics_none)
        facts.update(c.facts)
    implied_by = {f.id: set(f.implies) for f in doctrine.facts}
    changed = True
    while changed:  # a fact that implies a mentioned fact can change a verdict too
        changed = False
        for f, implied in implied_by.items():
            if f not in facts and implied & facts:
                facts.add(f)
                changed = True
    return frozenset(topics), frozenset(facts)


def _all_conditions(doctrine: Doctrine) -> list[Conditions]:
    """Every condition block of the doctrine: each statement's `when` and each rule's `only_if`."""
    out: list[Conditions] = [st.when for st in [*doctrine.rules, *doctrine.exceptions]]
    out += [r.only_if for r in doctrine.rules if r.only_if is not None]
    return out


class ScenarioSpace:
    """Variables of one doctrine's scenarios, with the current value of each in a base scenario."""

    def __init__(self, doctrine: Doctrine, base: Scenario) -> None:
        self.doctrine = doctrine
        self.vocabulary = vocabulary_of(doctrine)
        self.counterparty_class = counterparty_classes(doctrine)
        self.relevant_topics, self.relevant_facts = referenced(doctrine)
        self.base = base

    # -- variables -------------------------------------------------------------------------
    def variables(self, *, relevant_only: bool = True) -> list[str]:
        """The variables: facts, topics, then mode, counterparty, initiator, view, date.

        With `relevant_only` (the default), facts and topics that no condition mentions are
        left out (see `referenced`).
        """
        voc = self.vocabulary
        facts = [f for f in voc.facts if not relevant_only or f in self.relevant_facts]
        topics = [t for t in voc.topics if not relevant_only or t in self.relevant_topics]
        return [
            *(f"fact:{f}" for f in facts),
            *(f"topic:{t}" for t in topics),
            *(f"dimension:{d}" for d in voc.dimensions),
            "mode",
            "counterparty",
            "initiated_by",
            "view",
            "date",
        ]

    def resolve(self, name: str) -> str:
        """A user-typed variable name (`mode`, `us_behavior_changed`, `topic:nuclear`, ...)."""
        voc = self.vocabulary
        if name in FIELDS or name.startswith(("fact:", "topic:", "dimension:")):
            kind, _, rest = name.partition(":")
            if kind == "fact" and rest not in voc.facts:
                raise InputError(f"unknown fact {rest!r}; known facts: {', '.join(voc.facts)}")
            if kind == "topic" and rest not in voc.topics:
                raise InputError(f"unknown topic {rest!r}; known topics: {', '.join(voc.topics)}")
            if kind == "dimension" and rest not in voc.dimensions:
                raise InputError(f"unknown dimension {rest!r}; known dimensions: "
                                 f"{', '.join(voc.dimensions) or '(none declared)'}")
            return name
        if name in voc.dimensions:
            return f"dimension:{name}"
        if name in ("initiator", "initiated-by"):
            return "initiated_by"
        if name in voc.facts:
            return f"fact:{name}"
        if name in voc.topics:
            return f"topic:{name}"
        known = [*FIELDS, *voc.dimensions, *voc.facts, *voc.topics]
        raise InputError(f"unknown variable {name!r}; known variables: {', '.join(known)}")

    def value(self, scenario: Scenario, variable: str) -> Value:
        """The value of `variable` in `scenario` (facts take the doctrine's defaults)."""
        kind, _, name = variable.partition(":")
        if kind == "fact":
            return bool(self.doctrine.fact_values(scenario)[name])
        if kind == "topic":
            return name in scenario.topics
        if kind == "dimension":
            return self.doctrine.dimension_values(scenario)[name]
        if kind == "initiated_by":
            return self.doctrine.initiator_of(scenario)
        result: Value = getattr(scenario, kind)
        return result

    def domain(self, variable: str) -> list[Value]:
        """Every value `variable` may take (dates: statement dates and the days either side)."""
        voc = self.vocabulary
        kind = variable.partition(":")[0]
        if kind in ("fact", "topic"):
            return [False, True]
        if kind == "date":
            return list(voc.candidate_dates())
        if kind == "dimension":
            return list(voc.dimensions[variable.partition(":")[2]])
        options: dict[str, Sequence[str]] = {
            "mode": voc.modes,
            "counterparty": voc.counterparties,
            "view": voc.views,
            "initiated_by": voc.initiators,
        }
        return list(options[kind])

    def alternatives(self, variable: str, *, collapse: bool = True) -> list[Value]:
        """Values `variable` may change to from the base scenario.

        With `collapse`, values the doctrine cannot tell apart form one class and only one
        representative per class is offered, the base value's own class left out (a change within
        it changes nothing, so it is never part of a minimal edit set). Dates with the same
        statements in force form a class, represented by the candidate closest to the base date;
        counterparties form classes as in `counterparty_classes`, represented by the first.
        """
        current = self.value(self.base, variable)
        values = [v for v in self.domain(variable) if v != current]
        if variable == "counterparty" and collapse:
            # One counterparty per class the doctrine can tell apart, the base's class left out.
            classes = self.counterparty_class
            seen = {classes.get(str(current), -1)}
            kept = []
            for v in values:
                c = classes[str(v)]
                if c not in seen:
                    seen.add(c)
                    kept.append(v)
            return kept
        if variable != "date" or not collapse:
            return values
        assert isinstance(current, dt.date)
        voc = self.vocabulary
        base_class = voc.date_class(current)
        best: dict[int, dt.date] = {}
        for d in values:
            assert isinstance(d, dt.date)
            c = voc.date_class(d)
            if c == base_class:
                continue
            if c not in best or abs((d - current).days) < abs((best[c] - current).days):
                best[c] = d
        return [best[c] for c in sorted(best)]

    def class_note(self, edit: Edit) -> str | None:
        """What else an offered date or counterparty stands for (its whole class), if anything."""
        if edit.variable == "counterparty":
            cls = self.counterparty_class.get(str(edit.value))
            same = [c for c, k in self.counterparty_class.items() if k == cls and c != edit.value]
            return f"or {', '.join(same)}: the doctrine treats them alike" if same else None
        if edit.variable == "date" and isinstance(edit.value, dt.date):
            changes = list(self.vocabulary.statements)
            before = [d for d in changes if d <= edit.value]
            after = [d for d in changes if d > edit.value]
            if before and after:
                last = after[0] - dt.timedelta(days=1)
                return f"any date from {before[-1]} to {last}"
            if before:
                return f"any date from {before[-1]} on"
            if after:
                return f"any date before {after[0]}"
        return None

    # -- applying edits ----------------------------------------------------------------------
    def apply(self, edits: Mapping[str, Value] | Iterable[Edit], scenario: Scenario | None = None) -> Scenario:
        """`scenario` (default: the base) with the edits applied."""
        pairs = edits.items() if isinstance(edits, Mapping) else ((e.variable, e.value) for e in edits)
        base = self.base if scenario is None else scenario
        update: dict[str, Any] = {}
        facts = dict(base.facts)
        topics = list(base.topics)
        dimensions = dict(base.dimensions)
        for variable, value in pairs:
            kind, _, name = variable.partition(":")
            if kind == "fact":
                facts[name] = bool(value)
            elif kind == "dimension":
                dimensions[name] = str(value)
            elif kind == "topic":
                if value and name not in topics:
                    topics.append(name)
                elif not value and name in topics:
                    topics.remove(name)
            else:
                update[kind] = value
        update["facts"] = facts
        update["topics"] = topics
        update["dimensions"] = dimensions
        data = {**base.model_dump(), **update}
        try:
            return Scenario.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InputError(f"the edited scenario is invalid: {where}: {first['msg']}") from None

    def key(self, scenario: Scenario) -> tuple[Any, ...]:
        """A cache key: equal for scenarios the doctrine cannot tell apart (dates and
        counterparties by class, topics and facts no condition mentions ignored; whether the
        topic list is empty is kept, since an empty list is invalid)."""
        voc = self.vocabulary
        return (
            self.counterparty_class.get(scenario.counterparty, scenario.counterparty),
            tuple(sorted(set(scenario.topics) & self.relevant_topics)),
            not scenario.topics,
            scenario.mode,
            voc.date_class(scenario.date),
            scenario.view,
            self.doctrine.initiator_of(scenario),
            tuple(sorted(self.doctrine.dimension_values(scenario).items())),
            tuple(self.value(scenario, f"fact:{f}") for f in voc.facts if f in self.relevant_facts),
            scenario.action,
            scenario.stated_only,
        )

    def parse_value(self, variable: str, text: str) -> Value:
        """A value typed by the user for `variable`, checked against its domain."""
        kind = variable.partition(":")[0]
        if kind in ("fact", "topic"):
            lowered = text.strip().lower()
            if lowered in ("true", "yes", "1", "on"):
                return True
            if lowered in ("false", "no", "0", "off"):
                return False
            raise InputError(f"{variable}: expected true or false, got {text!r}")
        if kind == "date":
            try:
                return dt.date.fromisoformat(text.strip())
            except ValueError:
                raise InputError(f"date: expected an ISO date (YYYY-MM-DD), got {text!r}") from None
        domain = [str(v) for v in self.domain(variable)]
        if text not in domain:
            raise InputError(f"{variable}: unknown value {text!r}; known: {', '.join(domain)}")
        return text
