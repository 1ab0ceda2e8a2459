"""Joint files: two doctrines paired as the two sides of a negotiation, with their moves.

A joint file (`overture schema joint`) names each side's doctrine, how it names the other, the
moves each side can make and the facts of the other side's world they set, and the goal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from overture.doctrine import Doctrine
from overture.doctrine.resolve import is_file_reference, resolve_doctrine
from overture.doctrine.schemas import format_schema
from overture.doctrine.yamlpos import Located, parse_text, pydantic_errors_to_message, read_file
from overture.errors import InputError, OvertureError

Id = str
_ID = r"^[A-Za-z_][A-Za-z0-9_]*$"
JOINTS_FOLDER = "joints"
#: Most moves a joint file may declare, and most overture topics searched in combination.
MAX_MOVES_DECLARED = 24
MAX_TOPICS = 12


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Side(_Model):
    """One side: its doctrine, how that doctrine names the other side, and what it must permit."""

    id: Id = Field(pattern=_ID, max_length=40)
    doctrine: str = Field(min_length=1, max_length=500,
                          description="A shipped doctrine's name, or a YAML path (relative to "
                          "the joint file).")
    counterparty: Id = Field(pattern=_ID, max_length=80,
                             description="The other side, as this side's doctrine names it.")
    goal: Id | None = Field(None, pattern=_ID, max_length=80,
                            description="The action this side must permit (default: its "
                            "doctrine's first action).")
    view: Id | None = Field(None, pattern=_ID, max_length=80)
    initiated_by: Id | None = Field(None, pattern=_ID, max_length=80)


class Move(_Model):
    """A move of one side: an action of its doctrine, and the facts of the other side's world
    it sets when taken before the other side's counter-move (`sets`) or in the same step as a
    move of the other side (`mutual`; absent: never taken in a mutual step)."""

    id: Id = Field(pattern=_ID, max_length=80)
    side: Id = Field(pattern=_ID, max_length=40)
    action: Id = Field(pattern=_ID, max_length=80)
    sets: dict[Id, bool] = Field(default_factory=dict, max_length=50)
    mutual: dict[Id, bool] | None = Field(None, max_length=50)
    gloss: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=1000,
                               description="Why the move sets what it sets (the record).")


class OvertureSpace(_Model):
    """The overtures searched: combinations of topics, the modes, and dimension values."""

    topics: list[Id] = Field(min_length=1, max_length=MAX_TOPICS)
    max_topics: int = Field(2, ge=1, le=MAX_TOPICS)
    modes: list[Id] = Field(min_length=1, max_length=12)
    dimensions: dict[Id, list[Id]] = Field(default_factory=dict, max_length=8)


class Goal(_Model):
    """What counts as jointly acceptable: both sides permit their goal action on an overture
    that includes these topics."""

    topics: list[Id] = Field(default_factory=list, max_length=MAX_TOPICS)


class JointFile(_Model):
    """Two doctrines as the two sides of one negotiation."""

    schema_version: int = Field(1, ge=1, le=1)
    id: str = Field(min_length=1, max_length=120)
    title: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=4000)
    sides: list[Side] = Field(min_length=2, max_length=2)
    moves: list[Move] = Field(default_factory=list, max_length=MAX_MOVES_DECLARED)
    overtures: OvertureSpace
    goal: Goal = Field(default_factory=Goal)
    max_moves: int = Field(4, ge=0, le=8)


@dataclass(frozen=True)
class JointSetting:
    """A checked joint file: the model, each side's loaded doctrine, and where it came from."""

    spec: JointFile
    doctrines: dict[str, Doctrine]
    label: str

    def side(self, side_id: str) -> Side:
        return next(s for s in self.spec.sides if s.id == side_id)

    def other(self, side_id: str) -> str:
        return next(s.id for s in self.spec.sides if s.id != side_id)

    def goal_action(self, side_id: str) -> str:
        s = self.side(side_id)
        return s.goal or self.doctrines[side_id].default_action


def joint_json_schema() -> dict[str, Any]:
    """The JSON Schema of the joint file format."""
    return format_schema(JointFile, "Overture joint file")


def _joints_root() -> Path:
    return Path(str(resources.files("overture") / "doctrines" / JOINTS_FOLDER))


def list_shipped_joints() -> list[str]:
    """Ids of the joint files shipped with Overture (their file names without `.yaml`)."""
    root = _joints_root()
    return sorted(p.stem for p in root.glob("*.yaml")) if root.is_dir() else []


def shipped_joint_path(name: str) -> Path:
    """The file of a shipped joint file (InputError listing the shipped ones)."""
    p = _joints_root() / f"{name}.yaml"
    if not p.is_file():
        raise InputError(f"no shipped joint file called {name!r} and no such file; shipped: "
                         f"{', '.join(list_shipped_joints()) or 'none'}")
    return p


#: Looks a doctrine up by the name a joint file gives it.
DoctrineLookup = Callable[[str], Doctrine]

#: What a joint setting may be given as: a checked setting, a parsed mapping, a shipped id or
#: a YAML/JSON path.
JointLike = JointSetting | Mapping[str, Any] | str | Path


def resolve_joint(joint: JointLike, doctrines: DoctrineLookup | None = None,
                  label: str = "<joint>") -> JointSetting:
    """A checked joint setting from a shipped id, a file path, a mapping, or a setting.

    `doctrines` (optional) looks each side's doctrine up by name instead of reading it (the
    HTTP API passes its registry, so that a posted joint file never names a server path);
    `label` names a mapping in errors."""
    if isinstance(joint, JointSetting):
        return joint
    if isinstance(joint, Mapping):
        return setting_from_located(Located(dict(joint), {}, label), None, doctrines)
    ref = str(joint)
    path = Path(ref) if is_file_reference(ref) else shipped_joint_path(ref)
    located = read_file(path)
    return setting_from_located(located, path.parent)


def parse_joint(text: str, label: str = "<joint>", base: Path | None = None) -> JointSetting:
    """A checked joint setting from YAML/JSON text (doctrine paths relative to `base`)."""
    return setting_from_located(parse_text(text, label), base)


def setting_from_located(located: Located, base: Path | None,
                         doctrines: DoctrineLookup | None = None) -> JointSetting:
    """Validate parsed data as a joint file and check it against both doctrines (located)."""
    if not isinstance(located.data, dict):
        raise InputError("a joint file is a mapping with `sides`, `moves` and `overtures`",
                         located.where(()))
    try:
        spec = JointFile.model_validate(located.data)
    except ValidationError as exc:
        message, where = pydantic_errors_to_message(exc.errors(), located)
        raise InputError(message, where) from exc
    loaded: dict[str, Doctrine] = {}
    ids = [s.id for s in spec.sides]
    if ids[0] == ids[1]:
        raise InputError(f"the two sides need different ids (both are {ids[0]!r})",
                         located.where(("sides", 1, "id")))
    for i, side in enumerate(spec.sides):
        ref: str | Path = side.doctrine
        if base is not None and is_file_reference(side.doctrine):
            ref = base / side.doctrine
        try:
            d = doctrines(side.doctrine) if doctrines is not None else resolve_doctrine(ref)
        except OvertureError as exc:
            raise InputError(f"side {side.id}: {exc.message}",
                             located.where(("sides", i, "doctrine"))) from None
        loaded[side.id] = d
        _check_side(located, i, side, d)
    setting = JointSetting(spec, loaded, located.label)
    _check_moves(located, setting)
    _check_space(located, setting)
    return setting


def _unknown(what: str, value: str, known: list[str]) -> str:
    return f"unknown {what} {value!r}; known: {', '.join(known) or 'none'}"


def _check_side(located: Located, i: int, side: Side, d: Doctrine) -> None:
    if side.counterparty not in d.counterparties_by_id:
        raise InputError(_unknown(f"counterparty of doctrine {d.id}", side.counterparty,
                                  list(d.counterparties_by_id)),
                         located.where(("sides", i, "counterparty")))
    if side.goal is not None and side.goal not in d.action_ids:
        raise InputError(_unknown(f"action of doctrine {d.id}", side.goal, d.action_ids),
                         located.where(("sides", i, "goal")))
    if side.view is not None and side.view not in d.views_by_id:
        raise InputError(_unknown(f"view of doctrine {d.id}", side.view, list(d.views_by_id)),
                         located.where(("sides", i, "view")))
    known = [t.id for t in d.initiators]
    if side.initiated_by is not None and side.initiated_by not in known:
        raise InputError(_unknown(f"initiator of doctrine {d.id}", side.initiated_by, known),
                         located.where(("sides", i, "initiated_by")))


def _check_moves(located: Located, setting: JointSetting) -> None:
    seen: set[str] = set()
    sides = {s.id for s in setting.spec.sides}
    for i, m in enumerate(setting.spec.moves):
        if m.id in seen:
            raise InputError(f"duplicate move id {m.id!r}", located.where(("moves", i, "id")))
        seen.add(m.id)
        if m.side not in sides:
            raise InputError(_unknown("side", m.side, sorted(sides)),
                             located.where(("moves", i, "side")))
        own = setting.doctrines[m.side]
        if m.action not in own.action_ids:
            raise InputError(_unknown(f"action of doctrine {own.id}", m.action, own.action_ids),
                             located.where(("moves", i, "action")))
        other = setting.doctrines[setting.other(m.side)]
        for key in ("sets", "mutual"):
            facts = getattr(m, key) or {}
            for f in facts:
                if f not in other.facts_by_id:
                    raise InputError(
                        _unknown(f"fact of the other side's doctrine {other.id}", f,
                                 list(other.facts_by_id)),
                        located.key_where(("moves", i, key, f)))


def _check_space(located: Located, setting: JointSetting) -> None:
    space = setting.spec.overtures
    both = list(setting.doctrines.values())
    for j, t in enumerate(space.topics):
        for d in both:
            if t not in d.topic_ids:
                raise InputError(_unknown(f"topic of doctrine {d.id}", t, d.topic_ids),
                                 located.where(("overtures", "topics", j)))
    for j, mode in enumerate(space.modes):
        for d in both:
            known = [m.id for m in d.modes]
            if mode not in known:
                raise InputError(_unknown(f"mode of doctrine {d.id}", mode, known),
                                 located.where(("overtures", "modes", j)))
    for dim, values in space.dimensions.items():
        for d in both:
            decl = d.dimensions_by_id.get(dim)
            if decl is None:
                raise InputError(_unknown(f"dimension of doctrine {d.id}", dim,
                                          list(d.dimensions_by_id)),
                                 located.key_where(("overtures", "dimensions", dim)))
            known = [v.id for v in decl.values]
            for j, v in enumerate(values):
                if v not in known:
                    raise InputError(_unknown(f"value of {dim} in doctrine {d.id}", v, known),
                                     located.where(("overtures", "dimensions", dim, j)))
    for j, t in enumerate(setting.spec.goal.topics):
        if t not in space.topics:
            raise InputError(_unknown("topic of the overtures searched", t, space.topics),
                             located.where(("goal", "topics", j)))
