"""Passages, quotations, footnotes, dates and page-chrome stripping on made-up texts."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from overture.corpus.boilerplate import strip_page_chrome
from overture.corpus.dates import find_dates, parse_date
from overture.corpus.metadata import read_metadata
from overture.corpus.normalise import normalise_text
from overture.corpus.structure import analyse, parse_citation, split_passages


def test_dates_in_the_forms_sources_use() -> None:
    assert parse_date("Wednesday, October 31, 2012") == date(2012, 10, 31)
    assert parse_date("Oct 7, 2015") == date(2015, 10, 7)
    assert parse_date("7 February 2013") == date(2013, 2, 7)
    assert parse_date("May, 8, 2005") == date(2005, 5, 8)
    assert parse_date("2013-02-07") == date(2013, 2, 7)
    assert parse_date("February 30, 2013") is None
    assert parse_date("Speech of 7 February 2013") is None  # not only a date
    mentions = find_dates("From 1 May 1990 to Sept. 3rd, 2001.")
    assert [m.value for m in mentions] == [date(1990, 5, 1), date(2001, 9, 3)]


def test_passages_split_at_empty_lines_and_at_unwrapped_lines() -> None:
    wrapped = "First line of a wrapped\nparagraph that goes on.\n\nSecond paragraph."
    assert [p.text for p in split_passages(wrapped)] == [
        "First line of a wrapped\nparagraph that goes on.",
        "Second paragraph.",
    ]
    long_a, long_b = "a " * 70 + "end.", "b " * 70 + "end."
    assert [p.text for p in split_passages(f"{long_a}\n{long_b}")] == [long_a, long_b]


@settings(max_examples=60)
@given(st.lists(st.text(alphabet="ab .\n\t", max_size=40), max_size=8))
def test_passages_are_ordered_disjoint_slices_of_the_text(chunks: list[str]) -> None:
    text = normalise_text("\n\n".join(chunks))
    passages = split_passages(text)
    previous_end = 0
    for i, p in enumerate(passages):
        assert p.ordinal == i
        assert text[p.start : p.end] == p.text and p.text == p.text.strip() and p.text
        assert p.start >= previous_end
        previous_end = p.end
    assert "".join(p.text for p in passages).replace("\n", "").replace(" ", "").replace(
        "\t", ""
    ) == text.replace("\n", "").replace(" ", "").replace("\t", "")


def test_straight_typographic_nested_and_guillemet_quotes() -> None:
    text = (
        'He said "we will talk" and later “they [the US] said ‘no’ to us” today. '
        "The «old regime» fell. It’s the Leaders’ view, not ‘theirs’."
    )
    found = [(q.text, q.depth) for q in analyse(text).quotations]
    assert found == [
        ("we will talk", 0),
        ("they [the US] said ‘no’ to us", 0),
        ("no", 1),
        ("old regime", 0),
        ("theirs", 0),
    ]
    quote = analyse(text).quotations[1]
    assert [text[s:e] for s, e in quote.insertions] == ["[the US]"]


def test_quote_spanning_paragraphs_and_unmatched_marks() -> None:
    text = (
        "He said: “First paragraph of the speech.\n\n“Second paragraph ends it.” (1)\n\n"
        'Lost opening mark here.” Then prose.\n\nAn "unclosed quote runs to the end.\n\n'
        "(1) Speech to students; May 2, 1990"
    )
    quotes = analyse(text).quotations
    assert [(q.text, q.partial, q.footnote) for q in quotes] == [
        ("First paragraph of the speech.\n\n“Second paragraph ends it.", True, 1),
        ("Lost opening mark here.", True, None),
        ("unclosed quote runs to the end.", True, None),
    ]


def test_numbered_paragraphs_are_not_mistaken_for_notes() -> None:
    text = "(1) First point of the list, with many words in it.\n\n(2) Second point.\n\nMore prose."
    structure = analyse(text)
    assert structure.citations == [] and structure.markers == []


def test_citation_parsing() -> None:
    note = "President’s speech at the United Nations General Assembly; New York; 24 September 2013"
    c = parse_citation(1, 0, len(note), note)
    assert (c.speaker, c.kind, c.audience, c.place, c.date) == (
        "President",
        "speech",
        "the United Nations General Assembly",
        "New York",
        "2013-09-24",
    )
    bare = parse_citation(2, 0, 10, "Interview with CNN, 3 March 2001")
    assert (bare.speaker, bare.kind, bare.audience, bare.date) == (
        None,
        "interview",
        "CNN",
        "2001-03-03",
    )


PAGE = """Home
Subscribe to our newsletter
Menu


Talks Resume After Long Pause in Geneva

Published 3 March 2014

Diplomats met on Monday in Geneva for the first time in months, and both sides said the talks had been useful and would continue next week.

The second paragraph of the article has enough words to count as running prose here.

Share this article
Tags: diplomacy, Geneva

5 Comments

Great post!
Buy cheap watches at example dot com
"""


def test_generic_page_dump_is_stripped_to_the_article() -> None:
    stripped = strip_page_chrome(PAGE)
    text = normalise_text(stripped.text)
    assert text.startswith("Talks Resume After Long Pause in Geneva\n\nPublished 3 March 2014")
    assert text.endswith("enough words to count as running prose here.")
    for junk in ("Home", "Subscribe", "Menu", "Share this", "Tags:", "Comments", "cheap watches"):
        assert junk not in text
    reasons = {reason for reason, _ in stripped.removed}
    assert {"navigation", "comments", "footer"} <= reasons
    meta = read_metadata(text)
    assert meta.title == "Talks Resume After Long Pause in Geneva"
    assert meta.date == "2014-03-03"


def test_a_clean_document_is_left_alone() -> None:
    clean = (
        "A Clean Essay Title Here\n\nBody paragraph one has plenty of words so that it "
        "reads as prose for the stripper.\n\nA closing paragraph.\n"
    )
    stripped = strip_page_chrome(clean)
    assert stripped.removed == []
    assert normalise_text(stripped.text) == normalise_text(clean)


def test_mixed_marks_inches_and_inner_quotes_left_open() -> None:
    text = 'He said "we will talk” later. A 12" pipe. “Outer ‘inner never closed” end.'
    quotes = [(q.text, q.depth, q.partial) for q in analyse(text).quotations]
    assert quotes == [("we will talk", 0, False), ("Outer ‘inner never closed", 0, False)]


_WORDS_ST = st.lists(st.sampled_from(["alpha", "beta", "it’s", "Leaders’", "(1)", "[US]"]),
                     min_size=1, max_size=5)  # fmt: skip


@st.composite
def quoted_texts(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """A paragraph of words and quotations, with the quotations it holds (outer and inner)."""
    pieces: list[str] = []
    outer: list[str] = []
    inner: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        pieces.append(" ".join(draw(_WORDS_ST)))
        if draw(st.booleans()):
            body = " ".join(draw(_WORDS_ST))
            if draw(st.booleans()):
                # inside ‘…’ a word ending in ’ (Leaders’ view) is ambiguous even to a reader,
                # except as the last word (Leaders’’)
                words = [w for w in draw(_WORDS_ST) if w != "Leaders’"] or ["beta"]
                if draw(st.booleans()):
                    words.append("Leaders’")
                nested = " ".join(words)
                inner.append(nested)
                body = f"{body} ‘{nested}’ {' '.join(draw(_WORDS_ST))}"
            style = draw(st.sampled_from(["“”", '""', "«»"]))
            outer.append(body)
            pieces.append(f"{style[0]}{body}{style[1]}")
    return " ".join(pieces), outer, inner


@settings(max_examples=80)
@given(quoted_texts())
def test_every_generated_quotation_is_found_at_its_offsets(
    case: tuple[str, list[str], list[str]],
) -> None:
    text, outer, inner = case
    quotes = analyse(text).quotations
    assert [q.text for q in quotes if q.depth == 0] == outer
    assert [q.text for q in quotes if q.depth == 1] == inner
    assert all(text[q.start : q.end] == q.text and not q.partial for q in quotes)


def test_quote_across_hard_wrapped_lines_keeps_its_offsets() -> None:
    text = (
        "The Leader said, “Negotiation with the United\nStates means a deal, and a deal\n"
        "means trading.” (1)\n\n(1) Address to teachers and workers; May 2, 1990"
    )
    structure = analyse(text)
    (quote,) = structure.quotations
    assert (
        quote.text == "Negotiation with the United\nStates means a deal, and a deal\nmeans trading."
    )
    assert text[quote.start : quote.end] == quote.text
    assert quote.footnote == 1 and structure.citations[0].date == "1990-05-02"
    assert len(structure.passages) == 2
