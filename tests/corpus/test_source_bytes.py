"""A document given as bytes (standard input, an upload) is read exactly as the same bytes in a
file would be: same text, metadata and structure, same refusals; only its recorded origin differs."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overture.corpus import SourceBytes
from overture.corpus.ingest import prepare_document
from overture.errors import InputError, LimitExceeded, OvertureError

PIECES = st.sampled_from([
    b"", b"\n", b"\xef\xbb\xbf", b"\x00", b"\xff", b"caf\xc3\xa9 ", b"On 7 February 2013 ",
    b"the Leader said talks solve nothing. ", b"<html><body><p>", b"</p></body></html>",
    b"# A headline\n\n", b"---\ntitle: T\ndate: 2013-02-07\n---\n", b"   ",
])
NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "noext"])


def _outcome(source: object) -> tuple[str, object]:
    try:
        doc = prepare_document(source, max_bytes=400)  # type: ignore[arg-type]
    except OvertureError as exc:
        return type(exc).__name__, exc.message
    r = doc.record
    return "ok", (r.id, r.title, r.date, r.speaker, r.source_name, r.source_format,
                  r.file_sha256, r.text, doc.structure, doc.warnings)


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=12), NAMES)
def test_bytes_and_the_same_file_agree(parts: list[bytes], name: str) -> None:
    data = b"".join(parts) * (1 if len(parts) < 10 else 8)  # some past the 400-byte limit
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        from_file = _outcome(path)
    from_bytes = _outcome(SourceBytes(name=name, data=data, origin="<stdin>"))
    assert from_bytes[0] == from_file[0]
    if from_file[0] == "ok":
        assert from_bytes == from_file
    elif from_file[0] == "InputError":
        assert from_bytes[1] == from_file[1]  # the same words; only the place differs


def test_the_origin_is_recorded_and_named_by_errors() -> None:
    doc = prepare_document(SourceBytes("s.md", b"# Talks\n\nOn 2013-02-07 he spoke.\n", "<upload>"))
    assert (doc.record.source_path, doc.record.source_name, doc.record.source_format) == (
        "<upload>", "s.md", "markdown")
    with pytest.raises(InputError) as info:
        prepare_document(SourceBytes("s.txt", b"ok\n\xff\n", "<stdin>"))
    assert str(info.value).startswith("<stdin>:2:1: not valid UTF-8")
    with pytest.raises(LimitExceeded) as big:
        prepare_document(SourceBytes("s.txt", b"x" * 11, "<stdin>"), max_bytes=10)
    assert str(big.value).startswith("<stdin>: ")
    for bad in ("../s.txt", "", "..", "a/b.txt"):
        with pytest.raises(InputError, match="plain file name"):
            prepare_document(SourceBytes(bad, b"text", "<upload>"))
