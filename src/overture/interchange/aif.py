"""AIF (Argument Interchange Format) in the JSON shape of AIFdb and OVA: export and import.

Export writes an ASPIC+ theory (optionally annotated with glosses, dates, statuses and the
quotes behind each rule) as `{"nodes", "edges", "locutions", "participants"}`. Import reads such
a file, from Overture or hand-made in AIFdb's shapes, back into an ASPIC+ `Theory`.

How the import reads AIF as ASPIC+ (after Bex, Modgil, Prakken & Reed 2013, "On logical
specifications of the Argument Interchange Format", J. Logic Computation 23(5)):

- I-node -> a literal. Its `literal` key if present (Overture writes one), else a slug of its
  text (lower case, non-alphanumerics to `_`); I-nodes with the same text are the same literal.
- RA-node -> a rule from the I-nodes pointing into it to the single I-node it points to. Its
  name is its `name` key (Overture writes the rule id there), else `ra_<nodeID>` (schemes such
  as "Default Inference" name a kind of inference, not one rule).
  It is defeasible unless `strict` is true or its text/scheme names a deductive scheme
  ("strict", "deductive"); AIFdb's "Default Inference" is defeasible.
- Premises: an I-node with a `premise` key is an axiom (`"axiom"`) or ordinary premise
  (`"ordinary"`) or neither (`"none"`); without the key, an I-node that no RA-node concludes is an
  ordinary premise (the claims a participant put forward without argument).
- CA-node from I-node c to I-node t -> c is a contrary of t (a rebut or undermine); CAs in both
  directions make c and t contradictories. A CA from c into an RA-node for rule r -> c is a
  contrary of r's name `[r]`: an undercutter. CAs between p and ~p are implied and skipped.
- PA-node from x to y -> x is preferred to y: between RA-nodes a rule preference, between
  I-nodes a premise preference; `"weak": true` makes it a weak (<=) preference.
- L-, YA-, TA- and MA-nodes (dialogue and rephrase) carry provenance and are not part of the
  theory; they are checked for dangling edges but otherwise ignored.
- Documents wrapped as OVA 3 does (`{"AIF": {...}, "OVA": {...}}`) or as xAIF (`{"aif": ...}`)
  are unwrapped; node and edge ids may be strings or numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from overture.aspic import InferenceRule, Literal, Theory, parse_literal
from overture.errors import InputError, LimitExceeded, SourceLocation, decode_utf8

AifJson = dict[str, Any]

#: Bounds on what `read_aif` accepts (hostile or accidental huge files).
MAX_AIF_BYTES = 50_000_000
MAX_AIF_NODES = 200_000

NODE_TYPES = frozenset({"I", "L", "RA", "CA", "PA", "MA", "YA", "TA"})
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_.']*\Z")
_DEDUCTIVE = re.compile(r"strict|deductive", re.IGNORECASE)


@dataclass(frozen=True)
class Locution:
    """Words said by someone, on a date, in a source: becomes an L-node anchored by a YA-node."""

    speaker: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    illocution: str = "Arguing"


@dataclass(frozen=True)
class AifAnnotations:
    """Human text and provenance added to an exported theory (all optional).

    `literal_text` / `rule_text` replace the default node texts; `rule_dates` become the RA
    timestamps; `rule_locutions` become L-nodes anchored to the rule's RA-node; `*_status` add a
    `status` key (e.g. `in`/`out`/`undec` or `justified`); `preference_reasons` label PA-nodes.
    """

    literal_text: Mapping[Literal, str] = field(default_factory=dict)
    rule_text: Mapping[str, str] = field(default_factory=dict)
    rule_dates: Mapping[str, dt.date] = field(default_factory=dict)
    rule_locutions: Mapping[str, Sequence[Locution]] = field(default_factory=dict)
    literal_status: Mapping[Literal, str] = field(default_factory=dict)
    rule_status: Mapping[str, str] = field(default_factory=dict)
    preference_reasons: Mapping[tuple[str, str], str] = field(default_factory=dict)
    default_date: dt.date | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def _timestamp(day: dt.date | None) -> str:
    return f"{(day or dt.date(1970, 1, 1)).isoformat()} 00:00:00"


class _Builder:
    """Allocates AIFdb-style string ids and collects nodes, edges, locutions, participants."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self.participants: list[dict[str, Any]] = []
        self._people: dict[str, str] = {}
        self._next = 1

    def node(self, kind: str, text: str, day: dt.date | None, **extra: Any) -> str:
        node_id = str(self._next)
        self._next += 1
        self.nodes.append(
            {"nodeID": node_id, "text": text, "type": kind, "timestamp": _timestamp(day), **extra}
        )
        return node_id

    def edge(self, src: str, dst: str) -> None:
        self.edges.append(
            {"edgeID": str(len(self.edges) + 1), "fromID": src, "toID": dst, "formEdgeID": None}
        )

    def person(self, name: str) -> str:
        if name not in self._people:
            pid = str(len(self._people) + 1)
            first, _, last = name.partition(" ")
            self._people[name] = pid
            self.participants.append({"participantID": pid, "firstname": first, "surname": last})
        return self._people[name]

    def document(self, extra: Mapping[str, Any]) -> AifJson:
        return {
            **extra,
            "nodes": self.nodes,
            "edges": self.edges,
            "locutions": self.locutions,
            "participants": self.participants,
        }


def _literal_default_text(lit: Literal) -> str:
    name = lit.rule_name
    if name is not None:
        return f"rule {name} does not apply" if lit.negated else f"rule {name} applies"
    return f"not {lit.atom}" if lit.negated else lit.atom


def theory_to_aif(theory: Theory, notes: AifAnnotations | None = None) -> AifJson:
    """The AIF JSON document of `theory` (see the module docstring for the node reading)."""
    notes = notes or AifAnnotations()
    b = _Builder()
    day = notes.default_date
    literals = sorted(theory.language())
    i_node: dict[Literal, str] = {}
    for lit in literals:
        premise = (
            "axiom" if lit in theory.axioms else "ordinary" if lit in theory.premises else "none"
        )
        extra: dict[str, Any] = {"literal": str(lit), "premise": premise}
        if lit in notes.literal_status:
            extra["status"] = notes.literal_status[lit]
        i_node[lit] = b.node(
            "I", notes.literal_text.get(lit, _literal_default_text(lit)), day, **extra
        )
    ra_node: dict[str, str] = {}
    for rule in theory.rules:
        extra = {"name": rule.name, "strict": rule.strict, "scheme": "Default Inference"}
        if rule.name in notes.rule_status:
            extra["status"] = notes.rule_status[rule.name]
        text = notes.rule_text.get(rule.name, str(rule))
        rid = b.node("RA", text, notes.rule_dates.get(rule.name, day), **extra)
        ra_node[rule.name] = rid
        for ant in rule.antecedents:
            b.edge(i_node[ant], rid)
        b.edge(rid, i_node[rule.consequent])
        for loc in notes.rule_locutions.get(rule.name, ()):
            pid = b.person(loc.speaker)
            lid = b.node("L", f"{loc.speaker} : {loc.text}", loc.date or day)
            b.locutions.append(
                {
                    "nodeID": lid,
                    "personID": pid,
                    "timestamp": _timestamp(loc.date or day),
                    "start": None,
                    "end": None,
                    "source": loc.source,
                }
            )
            yid = b.node("YA", loc.illocution, loc.date or day)
            b.edge(lid, yid)
            b.edge(yid, rid)

    def conflict(c: Literal, t: Literal) -> None:
        target = ra_node.get(t.rule_name or "") if t.rule_name and not t.negated else None
        cid = b.node("CA", "Default Conflict", day)
        b.edge(i_node[c], cid)
        b.edge(cid, target if target is not None else i_node[t])

    # Contradictories p / ~p, then declared contraries; undercutters ~[r] attack r's RA-node.
    for lit in literals:
        if not lit.negated and lit.negate() in i_node:
            conflict(lit, lit.negate())
            conflict(lit.negate(), lit)
        if lit.negated and lit.rule_name in ra_node and lit.negate() not in i_node:
            cid = b.node("CA", "Default Conflict", day)
            b.edge(i_node[lit], cid)
            b.edge(cid, ra_node[lit.rule_name])
    for c, t in sorted(theory.contraries):
        conflict(c, t)

    def prefer(strong: str, weak: str, is_weak: bool, reason: str | None) -> None:
        extra = {"weak": True} if is_weak else {}
        pid = b.node("PA", reason or "Default Preference", day, **extra)
        b.edge(strong, pid)
        b.edge(pid, weak)

    for weaker, stronger in sorted(theory.rule_preferences):
        prefer(
            ra_node[stronger],
            ra_node[weaker],
            False,
            notes.preference_reasons.get((weaker, stronger)),
        )
    for weaker, stronger in sorted(theory.rule_weak_preferences):
        prefer(ra_node[stronger], ra_node[weaker], True, None)
    for lw, ls in sorted(theory.premise_preferences):
        prefer(i_node[ls], i_node[lw], False, None)
    for lw, ls in sorted(theory.premise_weak_preferences):
        prefer(i_node[ls], i_node[lw], True, None)
    return b.document(notes.extra)


def dumps_aif(document: AifJson) -> str:
    """The AIF document as indented JSON text (UTF-8 safe, non-ASCII kept)."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Import


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_")
    slug = re.sub(r"_+", "_", slug)[:60].rstrip("_") or "statement"
    return slug if _IDENT.match(slug) else f"s_{slug}"


def _id_part(node_id: str) -> str:
    """A node id made safe for use after an identifier prefix (`ra_12`, `p_3a`)."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", node_id)[:40] or "x"


class _Locator:
    """Finds the line and column of a node's `nodeID` in the JSON text, for error messages."""

    def __init__(self, text: str | None, path: str | None) -> None:
        self.text = text
        self.path = path

    def at(self, node_id: object, key: str = "nodeID") -> SourceLocation:
        if self.text is not None:
            pattern = re.compile(rf'"{key}"\s*:\s*"?{re.escape(str(node_id))}"?\s*[,}}]')
            m = pattern.search(self.text)
            if m:
                line = self.text.count("\n", 0, m.start()) + 1
                column = m.start() - (self.text.rfind("\n", 0, m.start()) + 1) + 1
                return SourceLocation(self.path, line, column)
        return SourceLocation(self.path)


def _require_list(doc: Mapping[str, Any], key: str, loc: _Locator, required: bool) -> list[Any]:
    value = doc.get(key)
    if value is None:
        if required:
            raise InputError(f"AIF document has no {key!r} list", SourceLocation(loc.path))
        return []
    if not isinstance(value, list):
        raise InputError(f"AIF {key!r} must be a list", SourceLocation(loc.path))
    return value


def aif_to_theory(
    document: Mapping[str, Any], path: str | None = None, text: str | None = None
) -> Theory:
    """Read an AIF JSON document (already parsed) as an ASPIC+ theory.

    `path` and `text` (the raw JSON) only serve to name the line of a faulty node in errors.
    """
    loc = _Locator(text, path)
    if not isinstance(document, Mapping):
        raise InputError("AIF document must be a JSON object", SourceLocation(path))
    # OVA 3 wraps the graph as {"AIF": {...}, "OVA": {...}}; xAIF as {"aif": {...}}.
    for wrapper in ("AIF", "aif"):
        inner = document.get(wrapper)
        if "nodes" not in document and isinstance(inner, Mapping):
            document = inner
    raw_nodes = _require_list(document, "nodes", loc, True)
    raw_edges = _require_list(document, "edges", loc, True)
    if len(raw_nodes) > MAX_AIF_NODES:
        raise LimitExceeded(f"AIF document has {len(raw_nodes)} nodes (limit {MAX_AIF_NODES})")
    nodes: dict[str, Mapping[str, Any]] = {}
    for raw in raw_nodes:
        if not isinstance(raw, Mapping) or "nodeID" not in raw or "type" not in raw:
            raise InputError("every AIF node needs a nodeID and a type", SourceLocation(path))
        nid = str(raw["nodeID"])
        node_type = str(raw["type"])
        if node_type not in NODE_TYPES:
            raise InputError(
                f"node {nid}: unknown AIF node type {node_type!r} "
                f"(expected one of {', '.join(sorted(NODE_TYPES))})",
                loc.at(nid),
            )
        if nid in nodes:
            raise InputError(f"duplicate nodeID {nid}", loc.at(nid))
        if not isinstance(raw.get("text", ""), str):
            raise InputError(f"node {nid}: text must be a string", loc.at(nid))
        nodes[nid] = raw
    into: dict[str, list[str]] = {nid: [] for nid in nodes}
    out_of: dict[str, list[str]] = {nid: [] for nid in nodes}
    for raw in raw_edges:
        if not isinstance(raw, Mapping) or "fromID" not in raw or "toID" not in raw:
            raise InputError("every AIF edge needs a fromID and a toID", SourceLocation(path))
        src, dst = str(raw["fromID"]), str(raw["toID"])
        for end in (src, dst):
            if end not in nodes:
                raise InputError(
                    f"edge {raw.get('edgeID', '?')} names unknown node {end}",
                    loc.at(raw.get("edgeID", ""), "edgeID"),
                )
        if nodes[src]["type"] == "I" and nodes[dst]["type"] == "I":
            raise InputError(
                f"edge {raw.get('edgeID', '?')} joins two I-nodes ({src} -> {dst}); AIF "
                "relates information only through RA, CA, PA or MA nodes",
                loc.at(raw.get("edgeID", ""), "edgeID"),
            )
        out_of[src].append(dst)
        into[dst].append(src)

    def kind(nid: str) -> str:
        return str(nodes[nid]["type"])

    # I-nodes -> literals (explicit `literal`, else one slug per distinct text).
    literal_of: dict[str, Literal] = {}
    slug_owner: dict[str, str] = {}
    for nid, raw in nodes.items():
        if kind(nid) != "I":
            continue
        explicit = raw.get("literal")
        if isinstance(explicit, str):
            try:
                literal_of[nid] = parse_literal(explicit)
            except InputError as exc:
                raise InputError(f"node {nid}: {exc.message}", loc.at(nid)) from None
            continue
        node_text = " ".join(str(raw.get("text", "")).split())
        slug = _slug(node_text)
        owner = slug_owner.setdefault(slug, node_text)
        if owner != node_text:
            slug = f"{slug}_{_id_part(nid)}"
        literal_of[nid] = Literal(slug)

    rules: list[InferenceRule] = []
    rule_of: dict[str, str] = {}
    used_names: set[str] = set()
    for nid, raw in nodes.items():
        if kind(nid) != "RA":
            continue
        conclusions = [x for x in out_of[nid] if kind(x) == "I"]
        if len(conclusions) != 1:
            raise InputError(
                f"RA-node {nid} must point to exactly one I-node (its conclusion); "
                f"it points to {len(conclusions)}",
                loc.at(nid),
            )
        if any(kind(x) not in ("I", "PA", "CA") for x in out_of[nid]):
            raise InputError(
                f"RA-node {nid} points to a node that is neither its conclusion nor a "
                "preference or conflict",
                loc.at(nid),
            )
        premises = [x for x in into[nid] if kind(x) == "I"]
        if any(kind(x) not in ("I", "CA", "PA", "YA", "MA") for x in into[nid]):
            raise InputError(f"RA-node {nid} has an input that is not an I-node", loc.at(nid))
        label = raw.get("name")
        name = label if isinstance(label, str) and _IDENT.match(label) else f"ra_{_id_part(nid)}"
        while name in used_names:
            name = f"{name}_{_id_part(nid)}"
        used_names.add(name)
        scheme = f"{raw.get('scheme', '')} {raw.get('text', '')}"
        is_strict = bool(raw.get("strict")) if "strict" in raw else bool(_DEDUCTIVE.search(scheme))
        rules.append(
            InferenceRule(
                name, tuple(literal_of[p] for p in premises), literal_of[conclusions[0]], is_strict
            )
        )
        rule_of[nid] = name

    concluded = {x for nid in rule_of for x in out_of[nid]}
    axioms: set[Literal] = set()
    premises_k: set[Literal] = set()
    for nid, lit in literal_of.items():
        flag = nodes[nid].get("premise")
        if flag is None:
            if nid not in concluded:
                premises_k.add(lit)
        elif flag == "axiom":
            axioms.add(lit)
        elif flag == "ordinary":
            premises_k.add(lit)
        elif flag != "none":
            raise InputError(
                f"node {nid}: premise must be axiom, ordinary or none, not {flag!r}", loc.at(nid)
            )
    premises_k -= axioms

    def single(nid: str, what: str) -> tuple[str, str]:
        ins = [x for x in into[nid] if kind(x) not in ("YA", "L")]
        outs = out_of[nid]
        if len(ins) != 1 or len(outs) != 1:
            raise InputError(
                f"{what}-node {nid} must have exactly one input and one output node "
                f"(has {len(ins)} and {len(outs)})",
                loc.at(nid),
            )
        return ins[0], outs[0]

    contraries: set[tuple[Literal, Literal]] = set()
    rule_prefs: set[tuple[str, str]] = set()
    rule_weak: set[tuple[str, str]] = set()
    prem_prefs: set[tuple[Literal, Literal]] = set()
    prem_weak: set[tuple[Literal, Literal]] = set()
    for nid, raw in nodes.items():
        if kind(nid) == "CA":
            src, dst = single(nid, "CA")
            if kind(src) != "I":
                raise InputError(
                    f"CA-node {nid}: the conflicting node must be an I-node", loc.at(nid)
                )
            c = literal_of[src]
            if kind(dst) == "I":
                t = literal_of[dst]
            elif kind(dst) == "RA":
                t = Literal(f"[{rule_of[dst]}]")
            else:
                raise InputError(
                    f"CA-node {nid}: the conflicted node must be an I- or RA-node", loc.at(nid)
                )
            if c != t.negate():
                contraries.add((c, t))
        elif kind(nid) == "PA":
            src, dst = single(nid, "PA")
            weak = bool(raw.get("weak"))
            if kind(src) == "RA" and kind(dst) == "RA":
                (rule_weak if weak else rule_prefs).add((rule_of[dst], rule_of[src]))
            elif kind(src) == "I" and kind(dst) == "I":
                (prem_weak if weak else prem_prefs).add((literal_of[dst], literal_of[src]))
            else:
                raise InputError(
                    f"PA-node {nid}: preferences relate two RA-nodes or two I-nodes", loc.at(nid)
                )
    try:
        return Theory.make(
            rules=rules,
            axioms=axioms,
            premises=premises_k,
            contraries=sorted(contraries),
            rule_preferences=sorted(rule_prefs),
            premise_preferences=sorted(prem_prefs),
            rule_weak_preferences=sorted(rule_weak),
            premise_weak_preferences=sorted(prem_weak),
        )
    except InputError as exc:
        raise InputError(
            f"AIF does not form a valid theory: {exc.message}", SourceLocation(path)
        ) from None


def loads_aif(text: str, path: str | None = None) -> Theory:
    """Parse AIF JSON text into a theory (errors name the line and column)."""
    if len(text) > MAX_AIF_BYTES:
        raise LimitExceeded(f"AIF file of {len(text)} characters exceeds {MAX_AIF_BYTES}")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}", SourceLocation(path, exc.lineno, exc.colno)
        ) from None
    except RecursionError:  # nesting past the interpreter's stack: say where it goes too deep
        depth, offset = json_nesting(text)
        line, col = _position(text, offset)
        raise LimitExceeded(f"JSON nested {depth} levels deep; AIF needs {MAX_AIF_DEPTH} at most",
                            SourceLocation(path, line, col)) from None
    except MemoryError:
        raise LimitExceeded("JSON too large to read in memory", SourceLocation(path)) from None
    depth, offset = (json_nesting(text) if _deep_enough(document) else (0, 0))
    if depth > MAX_AIF_DEPTH:
        line, col = _position(text, offset)
        raise LimitExceeded(f"JSON nested {depth} levels deep; AIF needs {MAX_AIF_DEPTH} at most",
                            SourceLocation(path, line, col))
    try:
        return aif_to_theory(document, path, text)
    except (RecursionError, MemoryError) as exc:
        raise LimitExceeded(f"AIF too large or too deep to read ({type(exc).__name__})",
                            SourceLocation(path)) from None


#: AIF documents are flat (nodes, edges, locutions): a few levels of nesting at most.
MAX_AIF_DEPTH = 64
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _deep_enough(document: object, limit: int = MAX_AIF_DEPTH) -> bool:
    """Whether the parsed document nests past `limit` (checked without recursion)."""
    stack: list[tuple[object, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def json_nesting(text: str, limit: int = MAX_AIF_DEPTH) -> tuple[int, int]:
    """The deepest nesting of JSON arrays and objects in `text` (strings skipped), and the
    offset where it first passes `limit` (0 if it never does). Linear, in the regex engine."""
    depth = best = 0
    past = 0
    for m in _TOKENS.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > best:
                best = depth
                if best == limit + 1:
                    past = m.start()
        elif ch in "]}":
            depth -= 1
    return best, past


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_aif(path: str | Path) -> Theory:
    """Read an AIF JSON file into a theory."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_AIF_BYTES:
            raise LimitExceeded(
                f"AIF file of {size} bytes exceeds {MAX_AIF_BYTES}", SourceLocation(str(p))
            )
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read AIF file: {exc.strerror or exc}",
                         SourceLocation(str(p))) from None
    text = decode_utf8(raw, str(p))
    return loads_aif(text, str(p))


def read_aif_input(path: str) -> Theory:
    """`read_aif`, or for `-` the AIF JSON on standard input (bounded by `MAX_AIF_BYTES`)."""
    if path != "-":
        return read_aif(path)
    import sys

    raw = sys.stdin.buffer.read(MAX_AIF_BYTES + 1)
    if len(raw) > MAX_AIF_BYTES:
        raise LimitExceeded(f"AIF input is larger than {MAX_AIF_BYTES} bytes",
                            SourceLocation("<stdin>"))
    return loads_aif(decode_utf8(raw, "<stdin>"), "<stdin>")
