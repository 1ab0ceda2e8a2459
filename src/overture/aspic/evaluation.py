"""Compile an ASPIC+ theory to an abstract framework of defeats and evaluate it.

Argument i of the compiled framework is argument i of the `ArgumentSet`. Justified conclusions
follow Modgil & Prakken 2013 / Prakken 2010: skeptical, credulous, and "floating".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from overture.af import (
    ArgumentationFramework,
    Label,
    Semantics,
    extensions,
    grounded_extension,
)
from overture.aspic.arguments import DEFAULT_MAX_ARGUMENTS, Argument, ArgumentSet, build_arguments
from overture.aspic.attacks import Attack, AttackGraph
from overture.aspic.language import Literal, parse_literal
from overture.aspic.ordering import Ordering
from overture.aspic.theory import Theory
from overture.errors import LimitExceeded

DEFAULT_MAX_EXTENSIONS = 10_000


class Mode(StrEnum):
    """How a conclusion counts as justified across the extensions.

    - `skeptical`: some argument for it is in every extension (Modgil & Prakken 2013).
    - `floating`: every extension contains some argument for it (Prakken 2010; admits
      "floating conclusions" reached by different arguments in different extensions).
    - `credulous`: some extension contains an argument for it.
    With no extension at all (stable semantics may have none) nothing is justified.
    """

    SKEPTICAL = "skeptical"
    FLOATING = "floating"
    CREDULOUS = "credulous"


class ArgumentStatus(StrEnum):
    """An argument's acceptance across the extensions."""

    SKEPTICAL = "skeptical"  # in every extension
    CREDULOUS = "credulous"  # in some but not all
    REJECTED = "rejected"  # in none


def compile_to_af(
    arguments: ArgumentSet, ordering: Ordering | None = None, restricted_rebut: bool = True
) -> tuple[ArgumentationFramework, AttackGraph]:
    """The Dung framework of defeats over `arguments` (AF argument i = `arguments[i]`).

    Returns the framework and the attack graph that explains each defeat.
    """
    graph = AttackGraph(arguments, ordering or Ordering(), restricted_rebut)
    af = ArgumentationFramework.from_edges(
        len(arguments), graph.defeat_array(), names=[a.name for a in arguments]
    )
    return af, graph


@dataclass(frozen=True, eq=False)
class TheoryEvaluation:
    """The outcome of evaluating a theory: arguments, defeats, extensions and justified conclusions.

    `extensions` lists every extension of the chosen semantics (one for grounded/ideal).
    """

    theory: Theory
    arguments: ArgumentSet
    graph: AttackGraph
    af: ArgumentationFramework
    semantics: Semantics
    ordering: Ordering
    restricted_rebut: bool
    extensions: tuple[frozenset[int], ...]
    _in_all: frozenset[int] = field(init=False, repr=False)
    _in_some: frozenset[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.extensions:
            in_all = frozenset.intersection(*self.extensions)
            in_some = frozenset.union(*self.extensions)
        else:
            in_all = in_some = frozenset()
        object.__setattr__(self, "_in_all", in_all)
        object.__setattr__(self, "_in_some", in_some)

    # -- arguments ------------------------------------------------------------------------
    def status(self, arg: int | Argument) -> ArgumentStatus:
        """Skeptical (in every extension), credulous (in some) or rejected (in none)."""
        i = arg if isinstance(arg, int) else arg.id
        if i in self._in_all and self.extensions:
            return ArgumentStatus.SKEPTICAL
        return ArgumentStatus.CREDULOUS if i in self._in_some else ArgumentStatus.REJECTED

    @cached_property
    def labels(self) -> tuple[Label, ...]:
        """Per argument: IN if in every extension, OUT if defeated by a member of every
        extension, UNDEC otherwise. For grounded (one extension) this is its labelling."""
        out_all: set[int] | None = None
        defeaters = self.graph.defeater_ids
        for ext in self.extensions:
            members = frozenset(ext)
            beaten = {b for b in range(self.af.n) if not defeaters[b].isdisjoint(members)}
            out_all = beaten if out_all is None else out_all & beaten
        out_all = out_all or set()
        return tuple(
            Label.IN if (i in self._in_all and self.extensions)
            else Label.OUT if i in out_all else Label.UNDEC
            for i in range(self.af.n)
        )

    def label(self, arg: int | Argument) -> Label:
        return self.labels[arg if isinstance(arg, int) else arg.id]

    def arguments_for(self, literal: Literal | str) -> list[Argument]:
        lit = literal if isinstance(literal, Literal) else parse_literal(literal)
        return self.arguments.for_conclusion(lit)

    def defeaters(self, arg: int | Argument) -> list[Attack]:
        """Successful attacks on the argument or any of its sub-arguments, with their reasons."""
        return self.graph.attacks_on(arg if isinstance(arg, int) else arg.id, defeats_only=True)

    def attacks(self, arg: int | Argument) -> list[Attack]:
        """Every attack on the argument or its sub-arguments, including those that fail."""
        return self.graph.attacks_on(arg if isinstance(arg, int) else arg.id)

    # -- conclusions ----------------------------------------------------------------------
    def justified(self, literal: Literal | str, mode: Mode | str = Mode.SKEPTICAL) -> bool:
        """Whether `literal` is justified in `mode` (see `Mode`)."""
        lit = literal if isinstance(literal, Literal) else parse_literal(literal)
        ids = self.arguments.by_conclusion.get(lit, [])
        return self._holds(ids, Mode(mode))

    def _holds(self, ids: Iterable[int], mode: Mode) -> bool:
        ids = list(ids)
        if not self.extensions or not ids:
            return False
        if mode is Mode.SKEPTICAL:
            return any(i in self._in_all for i in ids)
        if mode is Mode.CREDULOUS:
            return any(i in self._in_some for i in ids)
        return all(any(i in ext for i in ids) for ext in self.extensions)

    def justified_conclusions(self, mode: Mode | str = Mode.SKEPTICAL) -> frozenset[Literal]:
        """Every literal justified in `mode`."""
        m = Mode(mode)
        return frozenset(
            lit for lit, ids in self.arguments.by_conclusion.items() if self._holds(ids, m)
        )

    def extension_conclusions(self) -> list[frozenset[Literal]]:
        """The conclusions of each extension."""
        return [frozenset(self.arguments[i].conclusion for i in ext) for ext in self.extensions]


def evaluate(
    theory: Theory,
    semantics: Semantics | str = Semantics.GR,
    ordering: Ordering | None = None,
    *,
    restricted_rebut: bool = True,
    max_arguments: int = DEFAULT_MAX_ARGUMENTS,
    max_extensions: int = DEFAULT_MAX_EXTENSIONS,
) -> TheoryEvaluation:
    """Build the arguments of `theory`, compile the defeat graph, and solve it under `semantics`.

    Raises `LimitExceeded` past `max_arguments` arguments or `max_extensions` extensions.
    """
    sem = semantics if isinstance(semantics, Semantics) else Semantics.parse(semantics)
    order = ordering or Ordering()
    args = build_arguments(theory, max_arguments=max_arguments)
    af, graph = compile_to_af(args, order, restricted_rebut)
    exts: list[frozenset[int]] = []
    if sem is Semantics.GR:
        exts.append(frozenset(grounded_extension(af)))
    else:
        for ext in extensions(af, sem):
            exts.append(frozenset(ext))
            if len(exts) > max_extensions:
                raise LimitExceeded(
                    f"more than {max_extensions} {sem.full_name} extensions; use grounded "
                    "semantics or raise max_extensions"
                )
    return TheoryEvaluation(theory, args, graph, af, sem, order, restricted_rebut, tuple(exts))
