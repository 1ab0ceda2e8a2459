"""The typed results of judging a scenario: verdicts, reasons, defeats, arguments and attacks.

All are pydantic models, so they serialise to JSON (`Evaluation.to_dict()`) for the CLI, the
HTTP API and reports; the live ASPIC+ evaluation stays reachable through `Evaluation.aspic`.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr

from overture.jsontext import JsonText

if TYPE_CHECKING:
    from overture.aspic.evaluation import TheoryEvaluation
    from overture.doctrine.compile import CompiledScenario
    from overture.verdict.settling import Settling


class Verdict(StrEnum):
    """Would the actor accept the overture?

    - `permitted`: the question literal (e.g. `accept_talks`) is skeptically justified;
    - `forbidden`: its negation is skeptically justified;
    - `contested`: both are credulously acceptable, neither skeptically;
    - `undecided`: neither (typically: nothing said yet that bears on it).
    """

    PERMITTED = "permitted"
    FORBIDDEN = "forbidden"
    CONTESTED = "contested"
    UNDECIDED = "undecided"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class QuoteRef(_Out):
    """A quotation a rule rests on, with what its source cites for it."""

    id: str
    text: str
    source: str
    source_title: str
    cited: str | None = None  # e.g. "(4) The Leader’s address to ...; 2008-11-01"
    cited_date: dt.date | None = None


class Reason(_Out):
    """A doctrine rule (or exception) taking part in the verdict."""

    rule_id: str
    gloss: str
    source: str
    kind: str  # speaker | exposition | analysis
    date: dt.date  # the statement date
    conclusion: str
    element: str | None = None
    exception: bool = False
    reading: Literal["stated", "inferred"] = "stated"  # inferred: the analyst's own reading
    speaker: str | None = None
    unmet: bool = False  # the contrary of a rule, its `only_if` conditions failing
    quotes: list[QuoteRef]


class Defeat(_Out):
    """An argument that lost, what beat it and why."""

    argument: str
    conclusion: str
    rule_id: str | None
    defeated_by: str | None  # the rule (or exception) of the defeating argument
    defeated_by_argument: str
    why: str  # "exception" | "later statement" | "source rank" | "preference" | ...
    detail: str
    on: str | None = None  # the sub-conclusion attacked, when not the argument's own
    also_defeated_by: list[str] = []  # other defeating arguments of the extension(s)


class ArgumentView(_Out):
    """One ASPIC+ argument with its status and provenance."""

    id: str
    conclusion: str
    rule_id: str | None  # None for scenario facts (axioms)
    kind: Literal["scenario", "rule", "strict rule", "exception"]
    status: Literal["in", "out", "undec"]
    gloss: str
    quotes: list[QuoteRef]
    sub_arguments: list[str]
    date: dt.date | None = None
    source: str | None = None
    reading: Literal["stated", "inferred"] | None = None


class AttackView(_Out):
    """A direct attack between arguments and whether it succeeds as a defeat."""

    attacker: str
    target: str
    kind: Literal["rebut", "undercut", "undermine"]
    succeeds: bool
    why: str


class FactValue(_Out):
    """A fact's value in the scenario judged and where it comes from."""

    fact: str
    value: bool
    origin: Literal["scenario", "world", "implied", "default"]
    detail: str  # e.g. "world (from 2018-05-08; ...)", "implied by drills_ended"


class Evaluation(JsonText, BaseModel):
    """The verdict on one scenario with everything that explains it.

    `to_dict()` gives a JSON-ready dict (`to_json()` the same as text) with at least: verdict, doctrine, view, date,
    semantics, scope, reasons_for, reasons_against, defeated (and arguments, attacks).
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    def __repr__(self) -> str:
        s = self.scenario
        return (f"<Evaluation {self.verdict.value}: {s.get('counterparty')}, "
                f"{'+'.join(s.get('topics', []))} ({s.get('mode')}), {self.date}; "
                f"{len(self.reasons_for)} for, {len(self.reasons_against)} against>")

    def _repr_html_(self) -> str:
        # notebook HTML, drawn by the render layer through the package root (always loaded)
        return str(sys.modules["overture"].notebook_html(self))

    verdict: Verdict
    doctrine: str
    view: str
    date: dt.date
    semantics: str
    question: str  # the action judged (its literal)
    scenario: dict[str, Any]
    scope: list[str]
    summary: str
    reasons_for: list[Reason]
    reasons_against: list[Reason]
    defeated: list[Defeat]
    arguments: list[ArgumentView]
    attacks: list[AttackView]
    facts: list[FactValue] = []

    _aspic: Any = PrivateAttr(default=None)
    _compiled: Any = PrivateAttr(default=None)
    _settling: Any = PrivateAttr(default=None)

    @property
    def aspic(self) -> TheoryEvaluation:
        """The underlying ASPIC+ evaluation (arguments, attack graph, AF, extensions)."""
        return self._aspic  # type: ignore[no-any-return]

    @property
    def compiled(self) -> CompiledScenario:
        """The compiled scenario: ASPIC+ theory plus rule provenance."""
        return self._compiled  # type: ignore[no-any-return]

    @property
    def settling(self) -> Settling:
        """Which defeat settles each argument's status (see `overture.verdict.settling`)."""
        if self._settling is None:
            from overture.verdict.settling import Settling

            self._settling = Settling(self.aspic)
        return self._settling  # type: ignore[no-any-return]

    @property
    def deciding_reasons(self) -> list[Reason]:
        """The reasons of the side that won: for if permitted, against if forbidden, both
        otherwise."""
        if self.verdict is Verdict.PERMITTED:
            return self.reasons_for
        if self.verdict is Verdict.FORBIDDEN:
            return self.reasons_against
        return [*self.reasons_for, *self.reasons_against]

    def argument(self, arg_id: str) -> ArgumentView:
        for a in self.arguments:
            if a.id == arg_id:
                return a
        raise KeyError(arg_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return self.model_dump(mode="json")
