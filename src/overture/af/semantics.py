"""The names of the argumentation semantics and of the three labels of a labelling.

`Semantics.parse` turns user text ("PR", "preferred", "semi-stable") into a member, with a clear error.
"""

from __future__ import annotations

from enum import StrEnum

from overture.errors import InputError


class Semantics(StrEnum):
    """An extension-based semantics for abstract argumentation (Dung 1995; Baroni et al. 2011).

    The values are the ICCMA abbreviations. `CF` (conflict-free) and `AD` (admissible) are the
    two base semantics; the other seven are the ICCMA 2023 main-track semantics.
    """

    CF = "CF"
    AD = "AD"
    CO = "CO"
    GR = "GR"
    PR = "PR"
    ST = "ST"
    SST = "SST"
    STG = "STG"
    ID = "ID"

    @property
    def full_name(self) -> str:
        """The semantics' name in words, e.g. "semi-stable"."""
        return _FULL_NAMES[self]

    @classmethod
    def parse(cls, text: str) -> Semantics:
        """The semantics named by `text`: an abbreviation or a full name, case-insensitive.

        Raises `InputError` listing the valid names when `text` names no semantics.
        """
        key = "".join(ch for ch in text.strip().lower() if ch.isalnum())
        found = _ALIASES.get(key)
        if found is None:
            valid = ", ".join(f"{s.value} ({s.full_name})" for s in cls)
            raise InputError(f"unknown semantics {text!r}; valid names: {valid}")
        return found


_FULL_NAMES: dict[Semantics, str] = {
    Semantics.CF: "conflict-free",
    Semantics.AD: "admissible",
    Semantics.CO: "complete",
    Semantics.GR: "grounded",
    Semantics.PR: "preferred",
    Semantics.ST: "stable",
    Semantics.SST: "semi-stable",
    Semantics.STG: "stage",
    Semantics.ID: "ideal",
}

_ALIASES: dict[str, Semantics] = {}
for _sem in Semantics:
    _ALIASES[_sem.value.lower()] = _sem
    _ALIASES["".join(ch for ch in _FULL_NAMES[_sem] if ch.isalnum())] = _sem
_ALIASES.update(
    {
        "adm": Semantics.AD,
        "conflictfreeness": Semantics.CF,
        "semistab": Semantics.SST,
        "grd": Semantics.GR,
        "prf": Semantics.PR,
        "stb": Semantics.ST,
        "com": Semantics.CO,
        "cmp": Semantics.CO,
        "ideal": Semantics.ID,
    }
)

#: Semantics handled by the ICCMA 2023 interface.
ICCMA_SEMANTICS: tuple[Semantics, ...] = (
    Semantics.CO,
    Semantics.GR,
    Semantics.PR,
    Semantics.ST,
    Semantics.SST,
    Semantics.STG,
    Semantics.ID,
)

#: Semantics whose every extension contains the grounded extension and excludes the arguments
#: it attacks (all complete-based semantics), so solving can start from the grounded labelling.
GROUNDED_BASED: frozenset[Semantics] = frozenset(
    {Semantics.CO, Semantics.GR, Semantics.PR, Semantics.ST, Semantics.SST, Semantics.ID}
)


class Label(StrEnum):
    """A label of a (Caminada) labelling: accepted, rejected, or undecided."""

    IN = "in"
    OUT = "out"
    UNDEC = "undec"
