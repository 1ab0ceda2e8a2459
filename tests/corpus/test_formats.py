"""HTML and Markdown sources: main content, declared metadata, no page furniture."""

from __future__ import annotations

from pathlib import Path

from overture.corpus import CorpusStore, add_source_files

PROSE = (
    "The foreign minister said on Tuesday that talks would resume only if sanctions were "
    "eased first, and that the other side had not yet shown any sign of flexibility."
)

HTML = f"""<!DOCTYPE html>
<html><head><title>Minister Sets Terms for Talks | Example News</title>
<meta property="og:title" content="Minister Sets Terms for Talks">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2014-05-06">
<meta property="og:site_name" content="Example News">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/donate">Donate now</a></li></ul></nav>
<article><h1>Minister Sets Terms for Talks</h1>
<p>{PROSE}</p>
<p>“We will not negotiate under pressure,” he told reporters, adding that the country
had always been open to dialogue on equal terms with every government.</p>
<p>Officials from both sides are expected to meet again next month in Vienna, according
to diplomats familiar with the preparations for the meeting.</p>
</article>
<section id="comments"><h2>Comments</h2><div class="comment"><p>Buy cheap pills online!</p>
</div></section>
<footer><p>© 2014 Example News. All rights reserved.</p></footer>
</body></html>
"""

MARKDOWN = f"""---
title: Notes on a Speech
date: 7 February 2013
author: Analyst Name
---

# Notes on a Speech

Some **bold** words and a [link](https://example.org) in the first paragraph. {PROSE}

> A quoted block with *emphasis* and `code`.
"""


def test_html_main_content_and_metadata(store: CorpusStore, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    report = add_source_files(store, [page], embedder=None)
    (doc,) = store.documents()
    assert report.added[0].document_id == doc.id
    assert doc.source_format == "html"
    assert doc.title == "Minister Sets Terms for Talks"
    assert doc.date == "2014-05-06"
    assert doc.publisher == "Example News"
    assert PROSE in doc.text
    for junk in ("Donate", "Home", "cheap pills", "All rights reserved"):
        assert junk not in doc.text
    quotes = [q.text for q in store.quotations(doc.id)]
    assert "We will not negotiate under pressure," in quotes


def test_markdown_markup_removed_and_front_matter_read(store: CorpusStore, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(MARKDOWN, encoding="utf-8")
    add_source_files(store, [note], embedder=None)
    (doc,) = store.documents()
    assert doc.source_format == "markdown"
    assert (doc.title, doc.date, doc.speaker) == ("Notes on a Speech", "2013-02-07", "Analyst Name")
    assert doc.text.startswith("Notes on a Speech\n\nSome bold words and a link in the first")
    assert "A quoted block with emphasis and code." in doc.text
    for markup in ("**", "](", "# ", "> ", "`", "---"):
        assert markup not in doc.text
