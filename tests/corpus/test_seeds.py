"""Ingesting the three seed documents: article text, metadata, quotations and footnotes."""

from __future__ import annotations

from pathlib import Path

from overture.corpus import CorpusStore, add_source_files

SEED_000 = "000_c3a760e5657fa5f1.txt"
SEED_002 = "002_7550b8a60dc3b61d.txt"
SEED_004 = "004_399d3c9bc731ef2f.txt"


def test_page_chrome_and_comments_of_002_are_not_article_text(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    text = seeded.document(seed_ids[SEED_002]).text
    for chrome in (
        "Iran Election Guide", "Donate to EAWV", "click to learn more", "References (11)",
        "Response", "nice blog", "affiliate products", "Reader Comments",
        "Post a New Comment", "Author Email", "Some HTML allowed", "PrintView",
        "Printer Friendly", "Email Article to Friend", "| Main |",
    ):  # fmt: skip
        assert chrome not in text, chrome
    assert text.startswith("Iran Analysis: 4 Reasons Why Supreme Leader is Still Open")
    assert "Those headlines are wrong." in text
    assert text.endswith("in the nuclear negotiations.")


def test_footer_and_tags_of_000_and_004_are_dropped(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    a = seeded.document(seed_ids[SEED_000]).text
    assert a.endswith("Translated By: Iran Review.Org")  # attribution stays; the credit goes
    c = seeded.document(seed_ids[SEED_004]).text
    assert c.startswith("Negotiations with the U.S. are forbidden: Imam Khamenei")
    assert c.endswith("Imam Khaemeni,\u00a0Oct 7, 2015")
    assert "Iran Deal" not in c and "nuclear scientists" not in c


def test_metadata_read_from_the_documents(seeded: CorpusStore, seed_ids: dict[str, str]) -> None:
    a = seeded.document(seed_ids[SEED_000])
    assert a.title == "Supreme Leader’s Conditions for Negotiations with the United States"
    assert a.date == "2012-10-31"
    assert a.publisher == "Iran Review.Org"
    b = seeded.document(seed_ids[SEED_002])
    assert b.title is not None and b.title.startswith("Iran Analysis: 4 Reasons")
    assert b.date == "2013-02-07"
    c = seeded.document(seed_ids[SEED_004])
    assert c.title == "Negotiations with the U.S. are forbidden: Imam Khamenei"
    assert c.date == "2015-10-07"
    assert c.speaker == "Imam Khamenei"


def test_flags_override_what_the_document_says(store: CorpusStore, seeds_dir: Path) -> None:
    from overture.corpus import DocumentMetadata

    add_source_files(
        store,
        [seeds_dir / SEED_002],
        overrides=DocumentMetadata(publisher="EA WorldView", kind="analysis", date="2013-02-10"),
        embedder=None,
    )
    (doc,) = store.documents()
    assert (doc.publisher, doc.kind, doc.date) == ("EA WorldView", "analysis", "2013-02-10")
    assert doc.title is not None and doc.title.startswith("Iran Analysis")


def test_the_eight_footnotes_of_000_resolve_to_dated_speeches(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    doc_id = seed_ids[SEED_000]
    citations = seeded.citations(doc_id)
    assert [c.number for c in citations] == list(range(1, 9))
    assert [c.date for c in citations] == [
        "2008-10-29", "2008-10-29", "2005-05-08", "2008-11-01",
        "2009-03-04", "2006-03-21", "2009-03-21", "1990-05-02",
    ]  # fmt: skip
    assert {c.speaker for c in citations} == {"The Leader"}
    assert {c.kind for c in citations} == {"address"}
    first = citations[0]
    assert first.audience == "Iranian schoolchildren and university students"
    assert first.occasion == "on the eve of Student Day"
    assert citations[2].audience == "people of Rafsanjan city"
    assert citations[5].place == "Mashhad city"
    assert citations[7].audience == "teachers and workers"
    text = seeded.document(doc_id).text
    for c in citations:
        assert text[c.start : c.end] == c.text


def test_footnote_markers_tie_quotations_to_their_speech(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    doc_id = seed_ids[SEED_000]
    quotes = seeded.quotations(doc_id)
    by_note = {q.footnote: q for q in quotes if q.footnote is not None}
    # (5) follows a bulleted list, not a quotation; the other seven follow quotations.
    assert sorted(by_note) == [1, 2, 3, 4, 6, 7, 8]
    assert by_note[2].text.endswith("The issue is the issue of life or death; to be or not to be.")
    assert by_note[4].text.startswith("When you are not on speaking terms with somebody")
    assert by_note[4].partial  # its opening mark is missing in the source
    assert by_note[6].text.startswith("The Americans proved their hegemonic")
    markers = seeded.markers(doc_id)
    assert [m.number for m in markers] == list(range(1, 9))
    assert next(m for m in markers if m.number == 5).quotation is None
    text = seeded.document(doc_id).text
    for m in markers:
        assert text[m.start : m.end] == f"({m.number})"


def test_quotations_found_with_offsets(seeded: CorpusStore, seed_ids: dict[str, str]) -> None:
    for name, doc_id in seed_ids.items():
        text = seeded.document(doc_id).text
        for q in seeded.quotations(doc_id):
            assert text[q.start : q.end] == q.text, name
    a = seeded.quotations(seed_ids[SEED_000])
    first = a[0]
    assert first.text.startswith("The problem that the Iranian nation has with the United States")
    assert (first.open_mark, first.close_mark) == ("“", "”")
    text = seeded.document(seed_ids[SEED_000]).text
    inserted = [text[s:e] for s, e in first.insertions]
    assert inserted == ["[the US]", "[the Iranian calendar year]", "[1953-54]", "[in Iran]"]
    nested = [q for q in a if q.depth == 1]
    assert len(nested) == 1 and nested[0].text.startswith("They had no grudge against them")
    assert (nested[0].open_mark, nested[0].close_mark) == ("‘", "’")
    b = [q.text for q in seeded.quotations(seed_ids[SEED_002])]
    assert "Death to America" in b and "back-channel" in b and "No" in b
    assert "We will become moderates now." in b
    c = seeded.quotations(seed_ids[SEED_004])
    assert c[0].text.startswith("Why are you opposed to negotiating with the U.S.? Well,")
    assert (c[0].open_mark, c[0].close_mark) == ('"', '"')


def test_adding_the_same_documents_again_is_a_no_op(
    seeded: CorpusStore, seeds_dir: Path, tmp_path: Path
) -> None:
    before = {t: seeded.count(t) for t in ("documents", "passages", "quotations")}
    copy = tmp_path / "renamed.txt"
    copy.write_text((seeds_dir / SEED_000).read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    report = add_source_files(seeded, [*sorted(seeds_dir.glob("*.txt")), copy], embedder=None)
    assert [o.status for o in report.outcomes] == ["duplicate"] * 4
    assert not report.added
    assert {t: seeded.count(t) for t in before} == before
