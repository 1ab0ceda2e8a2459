"""Analysis of competing hypotheses (ACH): a matrix of evidence against readings of intent.

Scores inconsistency, diagnosticity and the sensitivity of the ranking to single items, after
Heuer, "Psychology of Intelligence Analysis" (CIA Center for the Study of Intelligence, 1999), ch. 8.

The method (Heuer's steps 3-7): rate every evidence item against every hypothesis as very
consistent (CC), consistent (C), neutral or not applicable (N), inconsistent (I) or very
inconsistent (II); discard nothing, but look for the hypothesis with the LEAST evidence against
it rather than the most evidence for it; note which items are diagnostic (rated differently across
hypotheses) and how far the conclusion rests on a few items (sensitivity).

Exact weighting used here (as in the PARC ACH tool's weighted inconsistency score):
  weight(item)               = credibility(item) x relevance(item),
                               each a number in (0, 1] or a label: high = 1.0, medium = 0.75,
                               low = 0.5
  inconsistency(H)           = sum over items of weight(item) x penalty(rating of item on H),
                               penalty: II = 2, I = 1, N = C = CC = 0
  consistency(H)             = sum over items of weight(item) x support(rating),
                               support: CC = 2, C = 1, otherwise 0 (reported; Heuer cautions it
                               is not what decides)
  ranking                    = hypotheses by ascending inconsistency; equal scores (to 1e-9) share
                               a tier
  diagnosticity(item)        = weight(item) x (max - min) over hypotheses of the rating's value,
                               values CC = 2, C = 1, N = 0, I = -1, II = -2; an item rated the
                               same against every hypothesis has diagnosticity 0 (non-diagnostic)
  sensitivity                = for each item, discredit it (weight 0) and recompute the ranking;
                               the item is *pivotal* if the tiers change, and *decisive* if the
                               top tier changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from overture.errors import InputError, SourceLocation
from overture.jsontext import JsonText

if TYPE_CHECKING:
    from overture.doctrine import Doctrine

HYPOTHESES_FILE = "hypotheses.yaml"
"""A file beside a doctrine's YAML that holds its hypotheses when the doctrine itself has none."""

LABELS: dict[str, float] = {"high": 1.0, "medium": 0.75, "low": 0.5}
"""Numeric weights of the credibility and relevance labels."""

TIE = 1e-9


class Rating(StrEnum):
    """Heuer's five-point rating of one evidence item against one hypothesis."""

    CC = "CC"
    C = "C"
    N = "N"
    I = "I"  # noqa: E741 - Heuer's own abbreviation
    II = "II"

    @property
    def value_score(self) -> int:
        """CC = 2, C = 1, N = 0, I = -1, II = -2."""
        return {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}[self.value]

    @property
    def penalty(self) -> int:
        """Contribution to inconsistency before weighting: II = 2, I = 1, otherwise 0."""
        return {"I": 1, "II": 2}.get(self.value, 0)

    @property
    def support(self) -> int:
        """Contribution to consistency before weighting: CC = 2, C = 1, otherwise 0."""
        return {"CC": 2, "C": 1}.get(self.value, 0)


def _weight(value: Any) -> float:
    if isinstance(value, str):
        key = value.strip().lower()
        if key not in LABELS:
            raise ValueError(f"expected one of {sorted(LABELS)} or a number in (0, 1], got {value!r}")
        return LABELS[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a label or a number in (0, 1], got {value!r}")
    if not 0 < float(value) <= 1:
        raise ValueError(f"expected a number in (0, 1], got {value!r}")
    return float(value)


class Hypothesis(BaseModel):
    """One reading of the actor's intent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""


class EvidenceItem(BaseModel):
    """A quote used as evidence, with how far it is credited and how much it bears on intent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    quote: str = Field(min_length=1, description="id of a quote declared by the doctrine")
    credibility: float = 1.0
    relevance: float = 1.0
    ratings: dict[str, Rating]
    note: str = ""
    notes: dict[str, str] = Field(
        default_factory=dict, description="Why each rating was given, by hypothesis id (optional)."
    )

    @field_validator("credibility", "relevance", mode="before")
    @classmethod
    def _label(cls, value: Any) -> float:
        return _weight(value)

    @property
    def weight(self) -> float:
        """credibility x relevance."""
        return self.credibility * self.relevance


class HypothesisSet(BaseModel):
    """The `hypotheses` section of a doctrine: readings, and evidence rated against each."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hypotheses: list[Hypothesis] = Field(min_length=2)
    evidence: list[EvidenceItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> HypothesisSet:
        ids = [h.id for h in self.hypotheses]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate hypothesis id in {ids}")
        item_ids = [e.id for e in self.evidence]
        if len(set(item_ids)) != len(item_ids):
            raise ValueError(f"duplicate evidence id in {item_ids}")
        for item in self.evidence:
            missing = [h for h in ids if h not in item.ratings]
            extra = [h for h in item.ratings if h not in ids]
            extra += [h for h in item.notes if h not in ids and h not in extra]
            if missing or extra:
                raise ValueError(
                    f"evidence {item.id!r} must rate exactly the hypotheses {ids}"
                    + (f"; missing {missing}" if missing else "")
                    + (f"; unknown {extra}" if extra else "")
                )
        return self

    def check_quotes(self, known: Iterable[str], where: str = "<hypotheses>") -> None:
        """Raise `InputError` if an evidence item cites a quote id not in `known`."""
        known_set = set(known)
        for item in self.evidence:
            if item.quote not in known_set:
                raise InputError(
                    f"evidence {item.id!r} cites unknown quote {item.quote!r}; "
                    f"known quotes: {', '.join(sorted(known_set)) or '(none)'}",
                    SourceLocation(where),
                )


@dataclass(frozen=True)
class ItemDiagnosticity:
    """How far one item discriminates between the hypotheses."""

    item: str
    spread: int
    weighted: float

    @property
    def diagnostic(self) -> bool:
        return self.spread > 0


@dataclass(frozen=True)
class Sensitivity:
    """The ranking with one item discredited, and whether it differs from the full ranking."""

    item: str
    ranking: tuple[tuple[str, ...], ...]
    pivotal: bool
    decisive: bool


@dataclass(frozen=True)
class AchResult(JsonText):
    """Scores, ranking, diagnosticity and sensitivity of one ACH matrix."""

    hypotheses: tuple[Hypothesis, ...]
    evidence: tuple[EvidenceItem, ...]
    inconsistency: dict[str, float]
    consistency: dict[str, float]
    ranking: tuple[tuple[str, ...], ...]
    diagnosticity: tuple[ItemDiagnosticity, ...]
    sensitivity: tuple[Sensitivity, ...]

    @property
    def favoured(self) -> tuple[str, ...]:
        """The hypotheses with the least weighted inconsistency (one, or several tied)."""
        return self.ranking[0]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (ids, scores, tiers, per-item diagnosticity and sensitivity)."""
        return {
            "hypotheses": [h.model_dump() for h in self.hypotheses],
            "evidence": [e.model_dump(mode="json") for e in self.evidence],
            "inconsistency": self.inconsistency,
            "consistency": self.consistency,
            "ranking": [list(t) for t in self.ranking],
            "diagnosticity": [
                {"item": d.item, "spread": d.spread, "weighted": d.weighted, "diagnostic": d.diagnostic}
                for d in self.diagnosticity
            ],
            "sensitivity": [
                {"item": s.item, "ranking": [list(t) for t in s.ranking], "pivotal": s.pivotal,
                 "decisive": s.decisive}
                for s in self.sensitivity
            ],
        }


def _scores(
    hyps: Sequence[str], items: Sequence[EvidenceItem], weights: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    inc = {h: 0.0 for h in hyps}
    con = {h: 0.0 for h in hyps}
    for item in items:
        w = weights[item.id]
        for h in hyps:
            rating = item.ratings[h]
            inc[h] += w * rating.penalty
            con[h] += w * rating.support
    return inc, con


def rank(scores: Mapping[str, float], order: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Tiers of hypotheses by ascending score; ties (within 1e-9) share a tier, in `order`."""
    ordered = sorted(order, key=lambda h: (scores[h], order.index(h)))
    tiers: list[list[str]] = []
    last: float | None = None
    for h in ordered:
        if last is not None and abs(scores[h] - last) <= TIE:
            tiers[-1].append(h)
        else:
            tiers.append([h])
        last = scores[h]
    return tuple(tuple(t) for t in tiers)


def analyse(hset: HypothesisSet) -> AchResult:
    """Score the matrix: inconsistency, consistency, ranking, diagnosticity, sensitivity."""
    hyps = [h.id for h in hset.hypotheses]
    items = list(hset.evidence)
    weights = {e.id: e.weight for e in items}
    inc, con = _scores(hyps, items, weights)
    ranking = rank(inc, hyps)
    diag = []
    for item in items:
        values = [item.ratings[h].value_score for h in hyps]
        spread = max(values) - min(values)
        diag.append(ItemDiagnosticity(item.id, spread, spread * item.weight))
    sens = []
    for item in items:
        alt, _ = _scores(hyps, items, {**weights, item.id: 0.0})
        alt_rank = rank(alt, hyps)
        sens.append(Sensitivity(item.id, alt_rank, alt_rank != ranking, alt_rank[0] != ranking[0]))
    return AchResult(
        tuple(hset.hypotheses), tuple(items), inc, con, ranking, tuple(diag), tuple(sens)
    )


def parse_hypotheses(data: Any, where: str = "<hypotheses>") -> HypothesisSet:
    """Validate a mapping with `hypotheses` and `evidence` lists; errors name `where`."""
    if isinstance(data, Mapping) and "hypotheses" in data and isinstance(data["hypotheses"], Mapping):
        data = data["hypotheses"]  # a doctrine-style wrapper: {hypotheses: {hypotheses, evidence}}
    try:
        return HypothesisSet.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{loc}: {first['msg']}", SourceLocation(where)) from None


def read_hypotheses(path: Path) -> HypothesisSet:
    """Read a hypotheses YAML file (or a doctrine file with a `hypotheses` section)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read hypotheses: {exc.strerror}", SourceLocation(str(path))) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = SourceLocation(str(path), mark.line + 1, mark.column + 1) if mark else SourceLocation(str(path))
        raise InputError(f"invalid YAML: {getattr(exc, 'problem', exc)}", loc) from None
    return parse_hypotheses(data, str(path))


def quote_date(doctrine: Doctrine, quote_id: str) -> dt.date:
    """When a quote was said: the date its source cites for it, else its source's date."""
    quote = doctrine.quote(quote_id)
    if quote.cited is not None and quote.cited.date is not None:
        return quote.cited.date
    return doctrine.sources_by_id[quote.source].date


def hypotheses_of(doctrine: Doctrine, as_of: dt.date | str | None = None) -> HypothesisSet:
    """The doctrine's competing hypotheses, with every cited quote checked against it.

    `as_of`: only the evidence said on or before that date (`quote_date`), so that the matrix
    weighs what was known then, not statements made after a stance changed.

    Taken from the doctrine's own `hypotheses` and `evidence` sections when it has them,
    otherwise from `hypotheses.yaml` beside the doctrine file (the shipped doctrine keeps them
    there). Raises `InputError` if there are none or a quote id is unknown.
    """
    if doctrine.hypotheses:
        where = str(doctrine.path) if doctrine.path else f"<doctrine {doctrine.id}>"
        hset = parse_hypotheses(
            {
                "hypotheses": [h.model_dump(exclude_none=True) for h in doctrine.hypotheses],
                "evidence": [e.model_dump(exclude_none=True) for e in doctrine.evidence],
            },
            where,
        )
    else:
        side = doctrine.path.parent / HYPOTHESES_FILE if doctrine.path else None
        if side is None or not side.is_file():
            raise InputError(
                f"doctrine {doctrine.id!r} has no hypotheses section"
                + (f" and no {HYPOTHESES_FILE} beside it" if doctrine.path else ""),
                SourceLocation(str(doctrine.path)) if doctrine.path else None,
            )
        where = str(side)
        hset = read_hypotheses(side)
    hset.check_quotes(doctrine.quotes_by_id, where)
    if as_of is None:
        return hset
    when = as_of if isinstance(as_of, dt.date) else _iso(as_of)
    kept = [e for e in hset.evidence if quote_date(doctrine, e.quote) <= when]
    if not kept:
        first = min(quote_date(doctrine, e.quote) for e in hset.evidence)
        raise InputError(f"no evidence was said on or before {when} (the first is of {first})")
    return hset.model_copy(update={"evidence": kept})


def _iso(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of: expected an ISO date (YYYY-MM-DD), got {text!r}") from None
