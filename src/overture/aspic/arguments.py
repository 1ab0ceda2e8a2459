"""ASPIC+ argument construction: memoised bottom-up, with shared sub-arguments and a size bound.

Arguments are built semi-naively (each combination of sub-arguments is formed once, when its
last member appears); an argument may not reuse its own conclusion below it (non-circular), so
cyclic rules terminate. Sets of premises, rules and literals are frozensets of small ids: their
size, not the number of literals in the theory, decides their memory (many isolated premises
stay linear).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import product

from overture.aspic.language import InferenceRule, Literal, literal_key
from overture.aspic.theory import Theory
from overture.errors import InputError, LimitExceeded

DEFAULT_MAX_ARGUMENTS = 200_000


class Origin(StrEnum):
    """How an argument's top step is obtained."""

    AXIOM = "axiom"
    PREMISE = "premise"
    STRICT = "strict"
    DEFEASIBLE = "defeasible"


Ids = frozenset[int]
EMPTY: Ids = frozenset()


@dataclass(frozen=True, eq=False)
class Argument:
    """One ASPIC+ argument (Modgil & Prakken 2013), identified by `id` in its set.

    `subs` are the ids of the direct sub-arguments (one per antecedent of `top_rule`); `top_rule`
    is None for premise and axiom arguments. Set-valued attributes are decoded from sets of ids
    into the owning `ArgumentSet`'s tables.
    """

    id: int
    conclusion: Literal
    origin: Origin
    top_rule: InferenceRule | None
    subs: tuple[int, ...]
    depth: int
    conclusion_ids: Ids = field(repr=False)
    defeasible_ids: Ids = field(repr=False)
    last_ids: Ids = field(repr=False)
    premise_ids: Ids = field(repr=False)
    axiom_ids: Ids = field(repr=False)
    owner: ArgumentSet = field(repr=False)

    @property
    def name(self) -> str:
        """`A<id+1>`: a short label for printing."""
        return f"A{self.id + 1}"

    @property
    def strict(self) -> bool:
        """No defeasible rule is used."""
        return not self.defeasible_ids

    @property
    def firm(self) -> bool:
        """No ordinary premise is used (only axioms)."""
        return not self.premise_ids

    @property
    def defeasible_rules(self) -> frozenset[str]:
        """Names of all defeasible rules in the argument (DefRules)."""
        return frozenset(self.owner.rule_names[i] for i in self.defeasible_ids)

    @property
    def last_defeasible_rules(self) -> frozenset[str]:
        """Names of the last defeasible rules (LastDefRules, M&P 2013 Def. 20)."""
        return frozenset(self.owner.rule_names[i] for i in self.last_ids)

    @property
    def premises(self) -> frozenset[Literal]:
        """Ordinary premises used (Prem_p)."""
        return frozenset(self.owner.premise_literals[i] for i in self.premise_ids)

    @property
    def axioms(self) -> frozenset[Literal]:
        """Axioms used (Prem_n)."""
        return frozenset(self.owner.literals[i] for i in self.axiom_ids)

    @property
    def sub_conclusions(self) -> frozenset[Literal]:
        return frozenset(self.owner.literals[i] for i in self.conclusion_ids)

    def sub_arguments(self) -> frozenset[int]:
        """Ids of all sub-arguments, this one included (Sub)."""
        return self.owner.sub_arguments(self.id)

    def direct_subs(self) -> tuple[Argument, ...]:
        return tuple(self.owner[i] for i in self.subs)

    def __str__(self) -> str:
        if self.top_rule is None:
            return f"{self.name}: {self.conclusion} ({self.origin.value})"
        inner = ", ".join(self.owner[i].name for i in self.subs)
        return f"{self.name}: {inner}{' ' if inner else ''}{self.top_rule.arrow} {self.conclusion}"

    def __repr__(self) -> str:
        return f"Argument({self})"


class ArgumentSet(Sequence[Argument]):
    """All arguments of a theory, indexed by id (creation order: sub-arguments come first)."""

    def __init__(self, theory: Theory) -> None:
        self.theory = theory
        self._args: list[Argument] = []
        self.literals: list[Literal] = []
        self.literal_index: dict[Literal, int] = {}
        self.rule_names: tuple[str, ...] = theory.rule_order.items
        self.rule_bit: dict[str, int] = dict(theory.rule_order.index)
        self.premise_literals: tuple[Literal, ...] = theory.premise_order.items
        self.premise_bit: dict[Literal, int] = dict(theory.premise_order.index)
        self.by_conclusion: dict[Literal, list[int]] = {}
        self._subs_cache: dict[int, frozenset[int]] = {}

    def lit_id(self, lit: Literal) -> int:
        i = self.literal_index.get(lit)
        if i is None:
            i = len(self.literals)
            self.literal_index[lit] = i
            self.literals.append(lit)
        return i

    def __len__(self) -> int:
        return len(self._args)

    def __getitem__(self, i: int) -> Argument:  # type: ignore[override]
        return self._args[i]

    def __iter__(self) -> Iterator[Argument]:
        return iter(self._args)

    def for_conclusion(self, lit: Literal) -> list[Argument]:
        """The arguments concluding `lit` (empty if none)."""
        return [self._args[i] for i in self.by_conclusion.get(lit, [])]

    def sub_arguments(self, i: int) -> frozenset[int]:
        """Ids of all sub-arguments of argument `i`, itself included."""
        cached = self._subs_cache.get(i)
        if cached is None:
            acc = {i}
            stack = list(self._args[i].subs)
            while stack:  # iterative: chains of rules can be thousands deep
                s = stack.pop()
                if s not in acc:
                    acc.add(s)
                    stack.extend(self._args[s].subs)
            cached = frozenset(acc)
            self._subs_cache[i] = cached
        return cached

    def _add(self, arg: Argument) -> None:
        self._args.append(arg)
        self.by_conclusion.setdefault(arg.conclusion, []).append(arg.id)


def _union(sets: list[Ids]) -> Ids:
    """The union of `sets`, sharing the operand when only one is non-empty."""
    nonempty = [x for x in sets if x]
    if not nonempty:
        return EMPTY
    if len(nonempty) == 1:
        return nonempty[0]
    return frozenset().union(*nonempty)


def build_arguments(theory: Theory, max_arguments: int = DEFAULT_MAX_ARGUMENTS) -> ArgumentSet:
    """Construct every (non-circular) argument of `theory` bottom-up.

    Terminates on cyclic rules: an argument for c never contains another argument for c.
    Raises `LimitExceeded` once more than `max_arguments` arguments would be built, naming the
    conclusions with the most arguments (a sign of combinatorial rule chains).
    """
    both = theory.axioms & theory.premises
    if both:
        shown = ", ".join(sorted(str(x) for x in both))
        raise InputError(f"literal(s) both axiom and ordinary premise: {shown}")
    out = ArgumentSet(theory)
    by_antecedent: dict[int, list[tuple[InferenceRule, int, int]]] = {}
    rules = theory.rules
    for rule in rules:
        for pos, lid in enumerate([out.lit_id(a) for a in rule.antecedents]):
            by_antecedent.setdefault(lid, []).append((rule, pos, out.lit_id(rule.consequent)))
    ant_ids = {rule.name: tuple(out.lit_id(a) for a in rule.antecedents) for rule in rules}
    processed: dict[int, list[int]] = {}
    queue: deque[int] = deque()
    args = out._args

    def check_bound() -> None:
        if len(args) >= max_arguments:
            counts = sorted(
                ((len(v), str(k)) for k, v in out.by_conclusion.items()), reverse=True
            )[:3]
            worst = ", ".join(f"{lit} ({n})" for n, lit in counts)
            raise LimitExceeded(
                f"the theory yields more than {max_arguments} arguments (most for: {worst}); "
                "chains of rules with several arguments per antecedent multiply; raise "
                "max_arguments or simplify the rules"
            )

    for lit in sorted(theory.axioms, key=literal_key):
        lid = out.lit_id(lit)
        own = frozenset((lid,))
        out._add(Argument(len(args), lit, Origin.AXIOM, None, (), 0, own, EMPTY, EMPTY, EMPTY,
                          own, out))
        queue.append(len(args) - 1)
    for lit in sorted(theory.premises, key=literal_key):
        lid = out.lit_id(lit)
        out._add(Argument(len(args), lit, Origin.PREMISE, None, (), 0, frozenset((lid,)), EMPTY,
                          EMPTY, frozenset((out.premise_bit[lit],)), EMPTY, out))
        queue.append(len(args) - 1)

    def make(rule: InferenceRule, combo: Sequence[int]) -> None:
        check_bound()
        cid = out.lit_id(rule.consequent)
        subs = [args[s] for s in combo]
        concl = frozenset((cid,)).union(*(sa.conclusion_ids for sa in subs))
        dset = _union([sa.defeasible_ids for sa in subs])
        pset = _union([sa.premise_ids for sa in subs])
        aset = _union([sa.axiom_ids for sa in subs])
        depth = max((sa.depth + 1 for sa in subs), default=0)
        if rule.strict:
            origin = Origin.STRICT
            last = _union([sa.last_ids for sa in subs])
        else:
            last = frozenset((out.rule_bit[rule.name],))
            dset = dset | last
            origin = Origin.DEFEASIBLE
        out._add(Argument(len(args), rule.consequent, origin, rule, tuple(combo), depth, concl,
                          dset, last, pset, aset, out))
        queue.append(len(args) - 1)

    for rule in rules:
        if not rule.antecedents:
            make(rule, ())

    while queue:
        a = queue.popleft()
        arg = args[a]
        lid = out.literal_index[arg.conclusion]
        for rule, pos, cid in by_antecedent.get(lid, ()):
            if cid in arg.conclusion_ids:
                continue
            ants = ant_ids[rule.name]
            choices: list[list[int]] = []
            for j, alid in enumerate(ants):
                if j == pos:
                    choices.append([a])
                    continue
                ok = [x for x in processed.get(alid, ()) if cid not in args[x].conclusion_ids]
                if not ok:
                    break
                choices.append(ok)
            else:
                for combo in product(*choices):
                    make(rule, combo)
        processed.setdefault(lid, []).append(a)
    return out
