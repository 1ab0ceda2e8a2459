"""Readers and writers for ICCMA 2023, APX and TGF: round trips, detection, malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overture.af import ArgumentationFramework
from overture.af.iccma_io import (
    AFFormat,
    detect_format,
    format_af,
    parse_af,
    read_af,
    write_af,
)
from overture.errors import InputError, LimitExceeded


@st.composite
def named_frameworks(draw: st.DrawFn) -> ArgumentationFramework:
    n = draw(st.integers(min_value=0, max_value=15))
    names = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    if n == 0:
        return ArgumentationFramework.from_edges(0, [], names=[])
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return ArgumentationFramework.from_edges(n, draw(st.lists(pair, max_size=40)), names=names)


def _same(a: ArgumentationFramework, b: ArgumentationFramework, names: bool = True) -> None:
    assert a.n == b.n
    assert a.attacks() == b.attacks()
    if names:
        assert a.names == b.names


@given(named_frameworks(), st.sampled_from([AFFormat.APX, AFFormat.TGF]))
def test_named_round_trip(af: ArgumentationFramework, fmt: AFFormat) -> None:
    _same(af, parse_af(format_af(af, fmt), fmt))


@given(named_frameworks())
def test_i23_round_trip_keeps_structure(af: ArgumentationFramework) -> None:
    back = parse_af(format_af(af, AFFormat.I23), AFFormat.I23)
    _same(af, back, names=False)
    assert back.names == tuple(str(i + 1) for i in range(af.n))


def test_file_round_trip_and_detection(tmp_path: Path) -> None:
    af = ArgumentationFramework.from_edges(4, [(0, 1), (1, 2), (2, 2), (3, 0)])
    for suffix in ("af", "apx", "tgf"):
        path = tmp_path / f"x.{suffix}"
        write_af(af, path)
        _same(af, read_af(path))
        # Detection from content when the suffix says nothing.
        plain = tmp_path / f"plain_{suffix}.txt"
        plain.write_bytes(path.read_bytes())
        _same(af, read_af(plain))


def test_i23_comments_blank_lines_and_crlf() -> None:
    text = "# made by hand\r\np af 3\r\n# a comment\r\n1 2\r\n\r\n  2   3 \r\n#  trailing\r\n"
    af = parse_af(text, "i23")
    assert af.n == 3 and af.attacks() == [(0, 1), (1, 2)]


def test_i23_without_final_newline_and_duplicates() -> None:
    af = parse_af("p af 2\n1 2\n1 2\n2 2", "i23")
    assert af.attacks() == [(0, 1), (1, 1)]


def test_i23_streams_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunk boundaries inside lines change nothing; errors still name the right line."""
    import overture.af.iccma_io as io

    monkeypatch.setattr(io, "_CHUNK", 7)
    lines = ["p af 50", *(f"{i} {i % 50 + 1}" for i in range(1, 51))]
    path = tmp_path / "x.af"
    path.write_text("\n".join(lines) + "\n")
    af = read_af(path)
    assert af.num_attacks == 50 and (49, 0) in af.attacks()
    lines[31] = "31 99"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as err:
        read_af(path)
    assert str(err.value).startswith(f"{path}:32:4: ")


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("", 1, None, "missing 'p af N' header"),
        ("# only a comment\n", 1, None, "missing"),
        ("p cnf 3\n1 2\n", 1, 1, "expected header"),
        ("p af x\n", 1, 6, "non-negative integer"),
        ("p af -3\n", 1, 6, "non-negative integer"),
        ("p af 3\n1 2\n3 4\n", 3, 3, "out of range 1..3"),
        ("p af 3\n1 2\n0 1\n", 3, 1, "out of range"),
        ("p af 3\n1 2 3\n", 2, 1, "expected an attack"),
        ("p af 3\n1\n2 3\n", 2, 1, "expected an attack"),
        ("p af 3\n1 2\n1 b\n", 3, 3, "expected an argument number"),
        ("p af 3\n1 2\n1 -2\n", 3, 3, "expected an argument number"),
        ("p af 3\n\x00\x01\n", 2, 1, "expected an attack"),
    ],
)
def test_i23_malformed(text: str, line: int, column: int | None, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_af(text, "i23", name="f.af")
    assert err.value.location is not None
    assert err.value.location.path == "f.af"
    assert err.value.location.line == line
    assert err.value.location.column == column
    assert fragment in err.value.message


def test_i23_hostile_header() -> None:
    with pytest.raises(LimitExceeded):
        parse_af("p af 99999999999999\n", "i23")


def test_apx_syntax_variants() -> None:
    text = "% comment\narg(a). arg( b ).\n\narg(c).att(a,b).\natt( b , c ).  % trailing\n"
    af = parse_af(text, "apx")
    assert af.names == ("a", "b", "c")
    assert af.attacks() == [(0, 1), (1, 2)]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("arg(a).\natt(a,b).\n", 2, 7, "undeclared argument 'b'"),
        ("arg(a).\narg(b)\n", 2, 1, "expected 'arg(a).'"),
        ("arg(a).\n  foo(a).\n", 2, 3, "expected 'arg(a).'"),
        ("arg(a,b).\n", 1, 1, "arg/1"),
        ("arg(a).\natt(a).\n", 2, 1, "att/2"),
    ],
)
def test_apx_malformed(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_af(text, "apx", name="g.apx")
    assert err.value.location is not None
    assert (err.value.location.line, err.value.location.column) == (line, column)
    assert fragment in err.value.message
    assert str(err.value).startswith(f"g.apx:{line}:{column}: ")


def test_tgf_labels_and_errors() -> None:
    af = parse_af("a first\nb\n#\na b attacks\n", "tgf")
    assert af.names == ("a", "b") and af.attacks() == [(0, 1)]
    with pytest.raises(InputError) as err:
        parse_af("a\n#\na z\n", "tgf", name="h.tgf")
    assert str(err.value).startswith("h.tgf:3:3: ") and "'z'" in str(err.value)
    with pytest.raises(InputError) as err:
        parse_af("a\na\n#\n", "tgf", name="h.tgf")
    assert "declared twice" in str(err.value)
    with pytest.raises(InputError) as err:
        parse_af("a\n#\na\n", "tgf", name="h.tgf")
    assert str(err.value).startswith("h.tgf:3:1: ")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_af(tmp_path / "nope.af")
    assert str(err.value) == f"{tmp_path / 'nope.af'}: no such file"
    with pytest.raises(InputError):
        read_af(tmp_path)


def test_unwritable_names_are_refused() -> None:
    af = ArgumentationFramework.from_edges(1, [], names=["two words"])
    with pytest.raises(InputError):
        format_af(af, "tgf")
    with pytest.raises(InputError):
        format_af(af, "apx")


def test_format_names() -> None:
    assert AFFormat.parse("AF") is AFFormat.I23
    assert AFFormat.parse(".apx") is AFFormat.APX
    with pytest.raises(InputError, match="valid formats"):
        AFFormat.parse("gml")
    assert detect_format("x.unknown", b"# c\np af 2\n") is AFFormat.I23
    assert detect_format("x.unknown", b"arg(a).\n") is AFFormat.APX
    assert detect_format("x.unknown", b"a\nb\n#\na b\n") is AFFormat.TGF


def test_shared_bench_instance_loads(iccma_dir: Path) -> None:
    af = read_af(iccma_dir / "bench" / "admbuster_1000.af")
    assert af.n == 1000 and af.num_attacks > 0


def test_i23_endless_line_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import overture.af.iccma_io as io

    monkeypatch.setattr(io, "_CHUNK", 64)
    monkeypatch.setattr(io, "_MAX_LINE", 256)
    path = tmp_path / "long.af"
    path.write_text("p af 2\n1 2\n" + "1 " * 1000)
    with pytest.raises(InputError) as err:
        read_af(path)
    assert str(err.value).startswith(f"{path}:3:1: line longer than 256 bytes")


def test_package_reexports_io() -> None:
    import overture.af as af_pkg

    assert af_pkg.read_af is read_af and af_pkg.AFFormat is AFFormat
