"""Verifying quotes against their sources: tolerant of spacing and quote marks, nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from overture.corpus import CorpusStore, QuoteClaim, verify_quotes
from overture.corpus.provenance import closest_window, locate

SEED_000 = "000_c3a760e5657fa5f1.txt"
SEED_004 = "004_399d3c9bc731ef2f.txt"
LIFE_OR_DEATH = "The issue is the issue of life or death; to be or not to be."


def test_exact_quote_is_found_with_offsets_and_context(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    (check,) = verify_quotes(seeded, [("q1", "000_c3a760e5657fa5f1", LIFE_OR_DEATH)])
    assert check.found and check.problem is None
    assert check.document_id == seed_ids[SEED_000]
    text = seeded.document(seed_ids[SEED_000]).text
    assert check.start is not None and check.end is not None
    assert text[check.start : check.end] == LIFE_OR_DEATH
    assert check.context is not None and f"⟦{LIFE_OR_DEATH}⟧" in check.context
    assert "solve them through negotiations." in check.context


def test_whitespace_and_quote_mark_variants_are_tolerated(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    variants = [
        "Even if the enemy offered us a single date,\n   we could not be sure",
        'the Supreme Leader said, "Even if the enemy offered us a single date',
        "Supreme Leader's Conditions for Negotiations",
        "‘They had no grudge against them except for [the fact that] they had come",
    ]
    checks = verify_quotes(seeded, [(f"v{i}", SEED_000, v) for i, v in enumerate(variants)])
    assert [c.found for c in checks] == [True, True, True, True]


def test_anything_else_is_not_tolerated(seeded: CorpusStore) -> None:
    changed = [
        "even if the enemy offered us a single date",  # case
        "Even if the enemy offered us a single date...",  # added ellipsis
        "Even if the enemy offered us a single, date",  # punctuation
        "Even if the enemy offered us one single date",  # a word
    ]
    checks = verify_quotes(seeded, [(f"c{i}", SEED_000, v) for i, v in enumerate(changed)])
    assert [c.found for c in checks] == [False] * 4


def test_one_word_misquote_is_reported_with_the_correct_passage(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    original = (
        "When we say that we will not negotiate with the U.S., this does not mean that we are "
        "opposed to the essence of negotiation."
    )
    misquote = original.replace("essence", "idea")
    (check,) = verify_quotes(seeded, [QuoteClaim("forbidden-1", SEED_004, misquote)])
    assert not check.found
    assert check.problem is not None and "does not occur" in check.problem
    assert check.document_id == seed_ids[SEED_004]
    assert check.closest_passage == original
    text = seeded.document(seed_ids[SEED_004]).text
    assert check.closest_start is not None and check.closest_end is not None
    assert text[check.closest_start : check.closest_end] == original
    assert check.similarity is not None and 0.9 < check.similarity < 1.0


def test_sources_are_matched_by_id_prefix_title_and_file_name(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    quote = "Negotiation with America is forbidden"
    refs = [
        seed_ids[SEED_004],
        seed_ids[SEED_004][:10],
        "negotiations with the U.S. are  forbidden: imam khamenei",
        SEED_004,
        "004_399d3c9bc731ef2f",
    ]
    checks = verify_quotes(seeded, [(f"r{i}", ref, quote) for i, ref in enumerate(refs)])
    assert all(c.found and c.document_id == seed_ids[SEED_004] for c in checks)


def test_unknown_source_and_quote_in_the_wrong_source(seeded: CorpusStore) -> None:
    unknown, wrong = verify_quotes(
        seeded,
        [
            ("u", "Speech of 1 January 1999", LIFE_OR_DEATH),
            ("w", SEED_004, LIFE_OR_DEATH),
        ],
    )
    assert not unknown.found and unknown.document_id is None
    assert unknown.problem is not None and "no stored document matches" in unknown.problem
    assert not wrong.found and wrong.similarity is not None and wrong.similarity < 0.5


TEXT = (
    "Alpha beta “gamma delta” epsilon.\n\nZeta eta theta’s iota kappa lambda mu nu xi "
    "omicron pi rho sigma tau upsilon phi chi psi omega."
)
WORDS = TEXT.split()


@settings(max_examples=60)
@given(
    st.integers(0, len(WORDS) - 1),
    st.integers(1, 8),
    st.lists(st.sampled_from([" ", "\n", "  \t", "\u00a0"]), min_size=20, max_size=20),
    st.booleans(),
)
def test_any_respaced_requoted_excerpt_is_located_exactly(
    first: int, length: int, spaces: list[str], fold: bool
) -> None:
    words = WORDS[first : first + length]
    quote = "".join(w + spaces[i] for i, w in enumerate(words)).strip()
    if fold:
        quote = quote.replace("“", '"').replace("”", '"').replace("’", "'")
    span = locate(TEXT, quote)
    assert span is not None
    assert " ".join(TEXT[span[0] : span[1]].split()) == " ".join(words)


@settings(max_examples=60)
@given(st.integers(0, len(WORDS) - 6), st.integers(0, 5))
def test_a_changed_word_is_not_located_but_its_window_is_closest(first: int, change: int) -> None:
    words = WORDS[first : first + 6]
    changed = list(words)
    changed[change] = "CHANGED"
    quote = " ".join(changed)
    assert locate(TEXT, quote) is None
    start, end, similarity = closest_window(TEXT, quote)

    def bare(text: str) -> str:  # the window may leave out punctuation after the last word
        return " ".join(re.sub(r"[^\w\s]", "", text).split())

    assert bare(TEXT[start:end]) == bare(" ".join(words))
    assert similarity >= 0.7


def test_a_quote_credited_to_the_wrong_source_names_where_it_occurs(
    seeded: CorpusStore, seed_ids: dict[str, str]
) -> None:
    (check,) = verify_quotes(
        seeded, [("wrong", SEED_000, "Negotiation with America is forbidden, because of its")]
    )
    assert not check.found and check.document_id == seed_ids[SEED_000]
    assert check.found_in == (seed_ids[SEED_004],)
    assert check.problem is not None and "it occurs in 'Negotiations with the U.S." in check.problem
    (right,) = verify_quotes(seeded, [("misquote", SEED_000, LIFE_OR_DEATH.replace("be.", "go."))])
    assert right.found_in == ()


def test_a_title_shared_by_several_documents(
    seeded: CorpusStore, tmp_path: Path, seed_ids: dict[str, str]
) -> None:
    from overture.corpus import add_source_files

    other = tmp_path / "other.txt"
    other.write_text("A Different Text Entirely\n\nTo be or not to be, said someone else.\n")
    add_source_files(seeded, [other], embedder=None)
    seeded.connection.execute("UPDATE documents SET title = 'Shared'")
    # found in exactly one of the documents the title names: that one is meant
    (one,) = verify_quotes(seeded, [("one", "Shared", "Zubayr")])
    assert one.found and one.document_id == seed_ids[SEED_004]
    # found in two of them: the reference must be made precise
    (two,) = verify_quotes(seeded, [("two", "Shared", "or not to be")])
    assert not two.found and two.problem is not None and "names 4 documents" in two.problem
