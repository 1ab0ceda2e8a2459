"""The structure of a document's text: passages (paragraphs), quotations and footnotes, each
with character offsets into the stored (normalised) text; offsets are `text[start:end]`.

Quotation marks: typographic “…” and ‘…’, guillemets «…», and straight "…" (open/close told
apart by the characters around them). A paragraph closed by ” with no opening mark is taken as
quoted from its start, and an unclosed quote runs on into a next paragraph that opens with a
quote mark (the English convention for multi-paragraph quotations); both are marked `partial`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from overture.corpus.dates import find_dates

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_UNWRAPPED_LINE = 100  # a block with a line this long is not hard-wrapped: one line, one passage


@dataclass(frozen=True)
class Passage:
    """A paragraph: its position in the document (ordinal) and its span."""

    ordinal: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quotation:
    """Quoted words (without the marks) and where they are; `footnote` is the note number
    cited right after the closing mark, `insertions` the spans of editorial `[...]` inside."""

    ordinal: int
    start: int
    end: int
    text: str
    open_mark: str
    close_mark: str
    depth: int = 0
    partial: bool = False
    footnote: int | None = None
    insertions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Citation:
    """An endnote naming the speech a quotation comes from: speaker, kind of speech,
    audience, occasion, place and ISO date, as far as the note says them."""

    number: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    kind: str | None = None
    audience: str | None = None
    occasion: str | None = None
    place: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class FootnoteMarker:
    """A note number such as `(1)` in the body, and the quotation it follows, if any."""

    number: int
    start: int
    end: int
    quotation: int | None = None


@dataclass(frozen=True)
class DocumentStructure:
    """Everything found in one text."""

    passages: list[Passage] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    markers: list[FootnoteMarker] = field(default_factory=list)


def split_passages(text: str) -> list[Passage]:
    """Paragraphs: blocks between empty lines; a block of long unwrapped lines (one paragraph
    per line, as in page dumps) gives one passage per line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in [*_BLOCK_SPLIT.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[pos:end]
        lines = block.split("\n")
        if len(lines) > 1 and max(len(line) for line in lines) > _UNWRAPPED_LINE:
            offset = pos
            for line in lines:
                spans.append((offset, offset + len(line)))
                offset += len(line) + 1
        else:
            spans.append((pos, end))
        pos = match.end() if match else len(text)
    passages: list[Passage] = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            s, e = start + lead, end - trail
            passages.append(Passage(len(passages), s, e, text[s:e]))
    return passages


# ---------------------------------------------------------------- quotations

_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "”", '"': '"'}
_DOUBLE_CLOSE = {"”", "»", '"'}
_OPENING_CONTEXT = set(" \t\n\u00a0([{—–-/") | {"“", "‘", "«"}
_QUOTE_CHARS = re.compile('["“”«»„‘’]')
_INSERTION = re.compile(r"\[[^\[\]\n]{1,120}\]")


@dataclass
class _Open:
    mark: str
    pos: int  # index of the mark
    depth: int
    partial: bool = False


def _is_opening_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPENING_CONTEXT and not after.isspace()


def _scan_passage(
    text: str, start: int, end: int, carried: _Open | None
) -> tuple[list[tuple[int, int, str, str, int, bool]], _Open | None]:
    """Quotes inside text[start:end] as (start, end, open, close, depth, partial) plus an
    outer quote left open at the end of the passage."""
    found: list[tuple[int, int, str, str, int, bool]] = []
    stack: list[_Open] = [carried] if carried else []
    closed_any = False
    # A continued quotation re-opens each paragraph with a mark that belongs to the quote.
    first = start + 1 if carried is not None and text[start] in '“«„"' else start
    for found_mark in _QUOTE_CHARS.finditer(text, first, end):
        i = found_mark.start()
        ch = text[i]
        top = stack[-1] if stack else None
        if ch == '"':
            if top is not None and top.mark == '"':
                stack.pop()
                found.append((top.pos + 1, i, '"', '"', len(stack), top.partial))
                closed_any = True
            elif _is_opening_straight(text, i):
                stack.append(_Open('"', i, len(stack)))
            elif not stack and not closed_any and not text[i - 1].isdigit():  # 12" is inches
                found.append((start, i, "", '"', 0, True))
                closed_any = True
        elif ch in ("“", "«", "„"):
            stack.append(_Open(ch, i, len(stack)))
        elif ch in ("”", "»"):
            openers = ("“", "„") if ch == "”" else ("«",)
            level = next((k for k in reversed(range(len(stack))) if stack[k].mark in openers), None)
            if level is None and ch == "”" and top is not None and top.mark == '"':
                level = len(stack) - 1  # mixed marks in the source: "…”
            if level is not None:
                del stack[level + 1 :]  # inner quotes left open are dropped
                top = stack.pop()
                found.append((top.pos + 1, i, top.mark, ch, len(stack), top.partial))
                closed_any = True
            elif not stack and not closed_any:
                found.append((start, i, "", ch, 0, True))
                closed_any = True
        elif ch == "‘":
            before = text[i - 1] if i > start else " "
            if before in _OPENING_CONTEXT:
                stack.append(_Open(ch, i, len(stack)))
        elif ch == "’" and top is not None and top.mark == "‘":
            after = text[i + 1] if i + 1 < end else " "
            if not after.isalnum() and after != "’":  # in ’’ the first is an apostrophe
                stack.pop()
                found.append((top.pos + 1, i, "‘", "’", len(stack), top.partial))
    outer = next((o for o in stack if o.mark != "‘"), None)
    return found, outer


def find_quotations(text: str, passages: list[Passage]) -> list[Quotation]:
    """Every quotation in the passages, in order of its start."""
    raw: list[tuple[int, int, str, str, int, bool]] = []
    carried: _Open | None = None
    for index, passage in enumerate(passages):
        quotes, open_quote = _scan_passage(text, passage.start, passage.end, carried)
        raw.extend(quotes)
        carried = None
        if open_quote is not None:
            following = passages[index + 1].text[:1] if index + 1 < len(passages) else ""
            if following and following in '“«"„':
                open_quote.partial = True
                carried = open_quote
            elif open_quote.pos + 1 < passage.end:
                raw.append(
                    (open_quote.pos + 1, passage.end, open_quote.mark, "", open_quote.depth, True)
                )
    raw.sort()
    result: list[Quotation] = []
    for qs, qe, om, cm, depth, partial in raw:
        body = text[qs:qe]
        if not body.strip():
            continue
        inserts = tuple((qs + m.start(), qs + m.end()) for m in _INSERTION.finditer(body))
        result.append(Quotation(len(result), qs, qe, body, om, cm, depth, partial, None, inserts))
    return result


# ---------------------------------------------------------------- footnotes

_NOTE_LINE = re.compile(r"^[ \t]*[(\[](?P<n>\d{1,3})[)\]][ \t]+(?P<body>\S.*)$", re.MULTILINE)
_NOTES_HEADING = re.compile(r"^\s*(notes|footnotes|endnotes|references|sources)\s*:?\s*$", re.I)
_MARKER = re.compile(r"[(\[](\d{1,3})[)\]]|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_SPEECH_KINDS = (
    "address|speech|remarks|statement|message|sermon|letter|interview|meeting|lecture|talk|"
    "decree|comments|khutbah|friday prayer sermon"
)
_SPEECH = re.compile(
    rf"^(?:(?P<speaker>.+?)[’']s?\s+)?(?P<kind>{_SPEECH_KINDS})\s+"
    r"(?:to|with|at|before|for|in|addressing)\s+(?P<audience>.+)$",
    re.IGNORECASE,
)
_OCCASION = re.compile(
    r"\s+(?P<occasion>(?:on|at|during)\s+(?:the\s+)?(?:eve|occasion|anniversary|day|"
    r"ceremony|meeting|celebration|start|end)\b.*)$",
    re.IGNORECASE,
)


def parse_citation(number: int, start: int, end: int, note: str) -> Citation:
    """Read speaker, speech kind, audience, occasion, place and date out of an endnote such as
    "The Leader’s address to teachers and workers; May 2, 1990"."""
    mentions = find_dates(note)
    iso = mentions[-1].value.isoformat() if mentions else None
    rest = note
    if mentions:
        last = mentions[-1]
        rest = (note[: last.start] + note[last.end :]).strip()
    segments = [s.strip(" ,.;") for s in re.split(r";", rest)]
    segments = [s for s in segments if s]
    speaker = kind = audience = occasion = place = None
    if segments:
        match = _SPEECH.match(segments[0])
        if match:
            speaker = (match.group("speaker") or "").strip() or None
            kind = match.group("kind").lower()
            audience = match.group("audience").strip(" ,")
            occ = _OCCASION.search(audience)
            if occ:
                occasion = occ.group("occasion").strip()
                audience = audience[: occ.start()].strip(" ,")
            segments = segments[1:]
    if segments:
        place = "; ".join(segments)
    return Citation(number, start, end, note, speaker, kind, audience, occasion, place, iso)


def find_citations(text: str) -> tuple[list[Citation], int]:
    """The endnotes at the end of the text and the offset where the notes section starts
    (len(text) when there are none). Only a trailing run of numbered notes counts, so
    numbered paragraphs in the body are not mistaken for notes."""
    notes = list(_NOTE_LINE.finditer(text))
    if not notes:
        return [], len(text)
    run = [notes[-1]]
    for match in reversed(notes[:-1]):
        between = text[match.end() : run[0].start()]
        if between.strip():
            break
        run.insert(0, match)
    after = text[run[-1].end() :]
    after_lines = [line for line in after.split("\n") if line.strip()]
    if len(after_lines) > 6 or any(len(line.split()) > 25 for line in after_lines):
        return [], len(text)
    numbers = [int(m.group("n")) for m in run]
    if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
        return [], len(text)
    section_start = run[0].start()
    head = text[:section_start].rstrip().rsplit("\n", 1)[-1]
    if _NOTES_HEADING.match(head):
        section_start = text[:section_start].rstrip().rfind(head)
    elif not find_markers(text, set(numbers), section_start):
        return [], len(text)  # numbered paragraphs that nothing in the body cites
    citations = [
        parse_citation(int(m.group("n")), m.start("body"), m.end("body"), m.group("body").strip())
        for m in run
    ]
    return citations, section_start


def find_markers(text: str, numbers: set[int], stop: int) -> list[FootnoteMarker]:
    """Note numbers cited in the body (before `stop`) that have an endnote; a number at the
    start of a line is an enumeration, not a marker."""
    markers: list[FootnoteMarker] = []
    for match in _MARKER.finditer(text, 0, stop):
        digits = match.group(1) or (match.group(2) or "").translate(_SUPERSCRIPT)
        number = int(digits)
        line_start = text.rfind("\n", 0, match.start()) + 1
        if number not in numbers or not text[line_start : match.start()].strip():
            continue
        markers.append(FootnoteMarker(number, match.start(), match.end()))
    return markers


_BETWEEN_QUOTE_AND_MARKER = re.compile(r"^[\s.,;:!?\u00a0]*$")


def analyse(text: str) -> DocumentStructure:
    """Passages, quotations, endnote citations and the markers tying quotations to them."""
    citations, notes_start = find_citations(text)
    passages = split_passages(text)
    body_passages = [p for p in passages if p.end <= notes_start]
    quotations = find_quotations(text, body_passages)
    markers = find_markers(text, {c.number for c in citations}, notes_start)
    by_close: list[Quotation] = sorted(quotations, key=lambda q: q.end)
    linked: dict[int, int] = {}
    final_markers: list[FootnoteMarker] = []
    for marker in markers:
        owner: Quotation | None = None
        for quote in by_close:
            close_end = quote.end + len(quote.close_mark)
            follows = close_end <= marker.start and _BETWEEN_QUOTE_AND_MARKER.match(
                text[close_end : marker.start]
            )
            if follows and (owner is None or quote.depth < owner.depth or quote.end > owner.end):
                owner = quote
        if owner is not None and owner.ordinal not in linked:
            linked[owner.ordinal] = marker.number
            final_markers.append(
                FootnoteMarker(marker.number, marker.start, marker.end, owner.ordinal)
            )
        else:
            final_markers.append(marker)
    quotations = [
        q if q.ordinal not in linked else _with_footnote(q, linked[q.ordinal]) for q in quotations
    ]
    return DocumentStructure(passages, quotations, citations, final_markers)


def _with_footnote(quote: Quotation, number: int) -> Quotation:
    return replace(quote, footnote=number)
