"""CLI commands for the corpus: `overture corpus add|list|show|search|embed|verify|remove`.

A thin shell over `overture.corpus`; bad input ends as `file:line:col: message`, exit 2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from overture.cli.common import JsonOpt, console, err_console, fail, print_json
from overture.errors import OvertureError

if TYPE_CHECKING:
    from overture.corpus import SourceBytes

#: What errors and the store name as the place of a document read from standard input.
STDIN = "<stdin>"

corpus_app = typer.Typer(
    help="Source documents: add them, search them, verify quotations against them.",
    no_args_is_help=True,
)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Corpus store file (default: $OVERTURE_CORPUS_STORE or the user data directory).",
        dir_okay=False,
    ),
]


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except OvertureError as exc:
        fail(exc)


@contextmanager
def _progress_bar(show: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    if not show:
        yield None
        return
    labels = {"read": "Reading", "embed": "Embedding passages", "store": "Storing"}
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err_console, transient=True,
    ) as bar:  # fmt: skip
        tasks: dict[str, object] = {}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(labels.get(phase, phase), total=total)
            bar.update(tasks[phase], completed=done, total=total)  # type: ignore[arg-type]

        yield update


def _stdin_document(name: str, limit: int) -> SourceBytes:
    """Standard input (at most `limit` bytes, plus one to see that it is more) as a document."""
    import sys

    from overture.corpus import SourceBytes
    from overture.corpus.ingest import is_plain_file_name
    from overture.errors import InputError, LimitExceeded, SourceLocation

    if not is_plain_file_name(name):
        raise InputError(f"--name must be a plain file name, got {name!r}")
    raw = sys.stdin.buffer.read(limit + 1)
    if len(raw) > limit:
        raise LimitExceeded(f"standard input is larger than {limit} bytes",
                            SourceLocation(STDIN))
    return SourceBytes(name=name, data=raw, origin=STDIN)


def _plain(record: object, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A corpus record (a dataclass) as JSON-ready data, without the fields in `drop`."""
    import dataclasses

    assert dataclasses.is_dataclass(record) and not isinstance(record, type)
    data = dataclasses.asdict(record)
    for name in drop:
        data.pop(name, None)
    return data


def _short(doc_id: str | None) -> str:
    return (doc_id or "")[:12]


@corpus_app.command("add")
def add(
    files: Annotated[list[Path], typer.Argument(help="Text, Markdown or HTML files; - reads "
                                                     "one document from standard input.")],
    title: Annotated[str | None, typer.Option(help="Headline (one file only).")] = None,
    date: Annotated[str | None, typer.Option(help="Date, e.g. 2013-02-07.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher or site.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="speech, article, analysis, … (free text).")
    ] = None,
    speaker: Annotated[str | None, typer.Option(help="Who is speaking.")] = None,
    store: StoreOption = None,
    embed: Annotated[
        bool | None,
        typer.Option("--embed/--no-embed", help="Embed passages (default: if installed)."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(help="Largest file accepted, in bytes (default 20 MiB).", min=1),
    ] = None,
    name: Annotated[str, typer.Option(help="With -: the document's file name (its suffix says "
                                           "text, Markdown or HTML).")] = "stdin.txt",
    as_json: JsonOpt = False,
) -> None:
    """Add source documents to the corpus (one transaction). Re-adding a stored document
    writes nothing, except the metadata given (--date, --title, ...), which replaces the stored
    values. A document whose date cannot be read, or is ambiguous, is added with a warning."""
    # imported here, not at the top: `overture af ...` should not pay for the corpus modules
    from overture.corpus import DEFAULT_MAX_BYTES, CorpusStore, DocumentMetadata, add_source_files
    from overture.corpus.embedding import semantic_available
    from overture.corpus.metadata import normalise_date

    with _errors():
        overrides = DocumentMetadata(
            title=title,
            date=normalise_date(date, what="--date") if date else None,
            publisher=publisher,
            kind=kind,
            speaker=speaker,
        )
        embedder: object = "auto" if embed is None else ("auto" if embed else None)
        if embed and not semantic_available():
            from overture.corpus.embedding import INSTALL_HINT

            fail(f"--embed: {INSTALL_HINT}")
        show = not as_json and (len(files) > 10 or (embedder == "auto" and semantic_available()))
        limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
        if sum(str(f) == "-" for f in files) > 1:
            fail("- (standard input) can be given once")
        sources = [_stdin_document(name, limit) if str(f) == "-" else f for f in files]
        with CorpusStore.open(store) as opened, _progress_bar(show) as progress:
            report = add_source_files(
                opened, sources, overrides=overrides, max_bytes=limit,
                embedder=embedder,  # type: ignore[arg-type]
                progress=progress,
            )  # fmt: skip
        outcomes = [replace(o, path=f"{STDIN} ({name})") if o.path == STDIN else o
                    for o in report.outcomes]
        if as_json:
            print_json({"store": str(opened.path), "semantic": report.semantic,
                        "outcomes": [_plain(o) for o in outcomes]})
            return
        for outcome in outcomes:
            shown = escape(Path(outcome.path).name)
            if outcome.status == "updated":
                console.print(
                    f"[cyan]updated[/] {shown}: already stored as {_short(outcome.document_id)};"
                    f" set {escape(', '.join(outcome.updated))}", highlight=False)
                continue
            if outcome.status == "duplicate":
                console.print(
                    f"[yellow]unchanged[/] {shown}: already stored as "
                    f"{_short(outcome.document_id)}"
                )
                continue
            removed = (
                f", {outcome.removed_lines} chrome lines dropped" if outcome.removed_lines else ""
            )
            console.print(
                f"[green]added[/] {shown} → {_short(outcome.document_id)} "
                f"[bold]{escape(outcome.title or '(untitled)')}[/] — {outcome.passages} passages, "
                f"{outcome.quotations} quotations, {outcome.citations} citations{removed}",
                highlight=False,
            )
            for warning in outcome.warnings:
                err_console.print(f"[yellow]warning:[/] {shown}: {escape(warning)}",
                                  highlight=False)
        if report.semantic == "not installed":
            console.print("[dim]semantic extra not installed: passages not embedded[/]")
        console.print(f"[dim]store: {escape(str(opened.path))}[/]", highlight=False)


@corpus_app.command("list")
def list_documents(store: StoreOption = None, as_json: JsonOpt = False) -> None:
    """List the stored documents."""
    from overture.corpus import CorpusStore

    with _errors(), CorpusStore.open(store, create=False) as opened:
        if as_json:
            print_json({"store": str(opened.path),
                        "documents": [_plain(d, drop=("text",)) for d in opened.documents()]})
            return
        table = Table("id", "date", "title", "speaker", "publisher", "source", box=None)
        for doc in opened.documents():
            table.add_row(
                _short(doc.id), doc.date or "—", Text(doc.title or "—"), Text(doc.speaker or "—"),
                Text(doc.publisher or "—"), Text(doc.source_name),
            )  # fmt: skip
        console.print(table)


def _resolve_one(opened: object, ref: str) -> object:
    from overture.corpus import CorpusStore

    assert isinstance(opened, CorpusStore)
    docs = opened.find_documents(ref)
    if not docs:
        fail(f"no stored document matches {ref!r}")
    if len(docs) > 1:
        fail(f"{ref!r} names {len(docs)} documents; give more of the id")
    return docs[0]


@corpus_app.command("show")
def show(
    document: Annotated[str, typer.Argument(help="Document id (prefix), file name or title.")],
    text: Annotated[bool, typer.Option("--text", help="Print the stored text.")] = False,
    store: StoreOption = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a document's metadata, quotations and footnote citations."""
    from overture.corpus import CorpusStore, DocumentRecord

    with _errors(), CorpusStore.open(store, create=False) as opened:
        doc = _resolve_one(opened, document)
        assert isinstance(doc, DocumentRecord)
        if as_json:
            print_json({"document": _plain(doc, drop=() if text else ("text",)),
                        "quotations": [_plain(q) for q in opened.quotations(doc.id)],
                        "citations": [_plain(c) for c in opened.citations(doc.id)]})
            return
        console.print(Text(doc.title or "(untitled)", style="bold"))
        for label, value in (
            ("id", doc.id), ("date", doc.date), ("speaker", doc.speaker),
            ("publisher", doc.publisher), ("kind", doc.kind),
            ("source", f"{doc.source_path} ({doc.source_format})"),
        ):  # fmt: skip
            console.print(Text(f"  {label:>9}: {value or '—'}"))
        citations = {c.number: c for c in opened.citations(doc.id)}
        quotes = Table("#", "chars", "note", "quotation", box=None, title="Quotations")
        for q in opened.quotations(doc.id):
            excerpt = q.text if len(q.text) <= 90 else q.text[:87] + "…"
            note = ""
            if q.footnote is not None:
                c = citations.get(q.footnote)
                note = f"({q.footnote}) {c.date or ''}" if c else f"({q.footnote})"
            quotes.add_row(str(q.ordinal), f"{q.start}–{q.end}", note, Text(excerpt))
        console.print(quotes)
        if citations:
            notes = Table("#", "date", "speaker", "kind", "audience", "place", box=None,
                          title="Citations")  # fmt: skip
            for c in citations.values():
                notes.add_row(
                    str(c.number), c.date or "—", Text(c.speaker or "—"), c.kind or "—",
                    Text((c.audience or "—") + (f" ({c.occasion})" if c.occasion else "")),
                    Text(c.place or "—"),
                )  # fmt: skip
            console.print(notes)
        if text:
            console.print(doc.text, highlight=False, markup=False)


def _excerpt(text: str, spans: tuple[tuple[int, int], ...], width: int = 480) -> Text:
    start = 0
    if len(text) > width and spans:
        start = max(0, spans[0][0] - width // 3)
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > 0 else start
    end = min(len(text), start + width)
    body = Text(("… " if start else "") + text[start:end] + (" …" if end < len(text) else ""))
    shift = 2 if start else 0
    for s, e in spans:
        if s >= start and e <= end:
            body.stylize("bold black on yellow", s - start + shift, e - start + shift)
    return body


@corpus_app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", or prefix*.')],
    mode: Annotated[str, typer.Option(help="keyword, semantic or hybrid.")] = "keyword",
    limit: Annotated[int, typer.Option(help="How many passages to show.")] = 10,
    store: StoreOption = None,
    as_json: JsonOpt = False,
) -> None:
    """Find passages: keyword (FTS5/BM25), semantic (embeddings) or hybrid (RRF)."""
    from overture.corpus import CorpusStore, search

    if mode not in ("keyword", "semantic", "hybrid"):
        fail(f"--mode {mode!r}: choose keyword, semantic or hybrid")
    with _errors(), CorpusStore.open(store, create=False) as opened:
        hits = search(opened, query, mode=mode, limit=limit)  # type: ignore[arg-type]
        if as_json:
            print_json({"query": query, "mode": mode, "hits": [_plain(h) for h in hits]})
            return
        if not hits:
            console.print(f"no passages match {escape(repr(query))}")
            return
        for rank, hit in enumerate(hits, start=1):
            header = Text.assemble(
                f"{rank}. ", (hit.title or "(untitled)", "bold"),
                f" · {hit.date or 'undated'} · {hit.speaker or 'speaker unknown'}",
                (f" · {_short(hit.document_id)} ¶{hit.passage} chars {hit.start}–{hit.end}"
                 f" · score {hit.score:.3f}", "dim"),
            )  # fmt: skip
            console.print(header)
            for c in hit.citations:
                speech = " ".join(x for x in (c.kind, c.audience and f"to {c.audience}") if x)
                said = f"{c.speaker}: {speech}" if c.speaker and speech else speech or c.text
                console.print(Text(f"   quotes ({c.number}) {said} · {c.date or 'undated'}",
                                   style="cyan"))  # fmt: skip
            console.print(Panel(_excerpt(hit.text, hit.highlights), highlight=False))


@corpus_app.command("embed")
def embed_command(store: StoreOption = None) -> None:
    """Compute embeddings for passages that have none (needs the semantic extra)."""
    from overture.corpus import CorpusStore, embed_missing
    from overture.corpus.embedding import load_default_embedder

    with _errors(), CorpusStore.open(store, create=False) as opened, _progress_bar(True) as progress:
        count = embed_missing(opened, load_default_embedder(), progress)
    console.print(f"embedded {count} passages")


@corpus_app.command("verify")
def verify_command(
    quotes: Annotated[Path, typer.Argument(help="YAML list of {id, source, text}.")],
    store: StoreOption = None,
) -> None:
    """Verify quotations against their sources; exit 1 if any is misquoted or unsourced."""
    from overture.corpus import CorpusStore, verify_quotes
    from overture.corpus.quote_files import load_quote_claims

    with _errors():
        claims = load_quote_claims(quotes)
        with CorpusStore.open(store, create=False) as opened:
            checks = verify_quotes(opened, claims)
    bad = 0
    for check in checks:
        if check.found:
            console.print(
                f"[green]ok[/] {check.quote_id}: {_short(check.document_id)} "
                f"chars {check.start}–{check.end}", highlight=False,
            )  # fmt: skip
            continue
        bad += 1
        console.print(f"[red]MISQUOTE[/] {check.quote_id}: {check.problem}", highlight=False)
        claim = next(c for c in claims if c.quote_id == check.quote_id)
        console.print(Text("   quoted: " + claim.text), soft_wrap=True)
        if check.closest_passage:
            console.print(
                Text(
                    f"   source ({_short(check.document_id)} chars "
                    f"{check.closest_start}–{check.closest_end}): {check.closest_passage}"
                ),
                soft_wrap=True,
            )
    console.print(f"{len(checks) - bad} verified, {bad} not found")
    if bad:
        raise typer.Exit(1)


@corpus_app.command("remove")
def remove_command(
    document: Annotated[str, typer.Argument(help="Document id (prefix), file name or title.")],
    store: StoreOption = None,
) -> None:
    """Remove a document and everything found in it."""
    from overture.corpus import CorpusStore, DocumentRecord

    with _errors(), CorpusStore.open(store, create=False) as opened:
        doc = _resolve_one(opened, document)
        assert isinstance(doc, DocumentRecord)
        opened.remove_document(doc.id)
    console.print(f"removed {_short(doc.id)} {escape(doc.title or '')}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.add_typer(corpus_app, name="corpus")
