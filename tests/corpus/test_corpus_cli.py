"""The `overture corpus` commands, run as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overture.cli.common import console
from overture.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    """Render as on a 200-column terminal, whatever the test runner's environment says."""
    saved = console._width
    console._width = 200
    yield
    console._width = saved


@pytest.fixture
def store_path(tmp_path: Path, seeds_dir: Path) -> Path:
    path = tmp_path / "corpus.sqlite3"
    result = runner.invoke(
        app, ["corpus", "add", *map(str, sorted(seeds_dir.glob("*.txt"))), "--store", str(path),
              "--no-embed"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.count("added") == 3
    return path


def test_add_twice_reports_unchanged(store_path: Path, seeds_dir: Path) -> None:
    result = runner.invoke(
        app, ["corpus", "add", str(seeds_dir / "000_c3a760e5657fa5f1.txt"),
              "--store", str(store_path), "--no-embed"],
    )  # fmt: skip
    assert result.exit_code == 0
    assert "unchanged" in result.output and "already stored" in result.output


def test_list_show_and_search(store_path: Path) -> None:
    listing = runner.invoke(app, ["corpus", "list", "--store", str(store_path)])
    assert listing.exit_code == 0
    assert "2012-10-31" in listing.output and "2015-10-07" in listing.output
    shown = runner.invoke(
        app, ["corpus", "show", "000_c3a760e5657fa5f1", "--store", str(store_path)],
    )  # fmt: skip
    assert shown.exit_code == 0
    assert "1990-05-02" in shown.output and "teachers and workers" in shown.output
    assert "arrogant [political] system" in shown.output  # brackets are text, not markup
    found = runner.invoke(app, ["corpus", "search", "coffee", "--store", str(store_path)])
    assert found.exit_code == 0
    assert "cup of coffee" in found.output and "2012-10-31" in found.output


def test_verify_reports_the_misquote_beside_the_source(store_path: Path, tmp_path: Path) -> None:
    quotes = tmp_path / "quotes.yaml"
    quotes.write_text(
        "- id: life-or-death\n"
        "  source: 000_c3a760e5657fa5f1\n"
        "  text: The issue is the issue of life or death; to be or not to be.\n"
        "- id: coffee\n"
        "  source: 000_c3a760e5657fa5f1\n"
        "  text: sit at the negotiation table, drink a cup of tea together\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["corpus", "verify", str(quotes), "--store", str(store_path)])
    assert result.exit_code == 1
    assert "ok life-or-death" in result.output
    assert "MISQUOTE coffee" in result.output
    assert "sit at the negotiation table, drink a cup of coffee together" in result.output
    assert "1 verified, 1 not found" in result.output


def test_bad_input_exits_2_with_the_place(store_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine\n\xff\xfe broken\n")
    result = runner.invoke(app, ["corpus", "add", str(bad), "--store", str(store_path)])
    assert result.exit_code == 2
    assert f"{bad}:2:1: not valid UTF-8" in result.output.replace("\n", "")
    malformed = tmp_path / "quotes.yaml"
    malformed.write_text("- id: x\n  source: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["corpus", "verify", str(malformed), "--store", str(store_path)])
    assert result.exit_code == 2 and "malformed YAML" in result.output
    result = runner.invoke(app, ["corpus", "search", "x", "--mode", "fuzzy", "--store",
                                 str(store_path)])  # fmt: skip
    assert result.exit_code == 2 and "keyword, semantic or hybrid" in result.output


def test_remove(store_path: Path) -> None:
    result = runner.invoke(app, ["corpus", "remove", "004_399d3c9bc731ef2f", "--store",
                                 str(store_path)])  # fmt: skip
    assert result.exit_code == 0 and "removed" in result.output
    gone = runner.invoke(app, ["corpus", "search", "Zubayr", "--store", str(store_path)])
    assert gone.exit_code == 0 and "no passages match" in gone.output


def test_bad_flags_exit_2(store_path: Path, seeds_dir: Path) -> None:
    seeds = [str(p) for p in sorted(seeds_dir.glob("*.txt"))]
    result = runner.invoke(app, ["corpus", "add", seeds[0], "--date", "someday", "--store",
                                 str(store_path), "--no-embed"])  # fmt: skip
    assert result.exit_code == 2 and "is not a date" in result.output
    result = runner.invoke(app, ["corpus", "add", *seeds, "--title", "One title", "--store",
                                 str(store_path), "--no-embed"])  # fmt: skip
    assert result.exit_code == 2 and "one file" in result.output
    result = runner.invoke(app, ["corpus", "show", "no-such-document", "--store",
                                 str(store_path)])  # fmt: skip
    assert result.exit_code == 2 and "no stored document matches" in result.output


def test_metadata_flags_are_stored(tmp_path: Path, seeds_dir: Path) -> None:
    path = tmp_path / "flags.sqlite3"
    result = runner.invoke(
        app, ["corpus", "add", str(seeds_dir / "002_7550b8a60dc3b61d.txt"), "--store", str(path),
              "--no-embed", "--title", "Four reasons", "--date", "16 February 2013",
              "--publisher", "EA WorldView", "--kind", "analysis", "--speaker", "EA correspondent"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    listing = runner.invoke(app, ["corpus", "list", "--store", str(path)])
    for value in ("Four reasons", "2013-02-16", "EA WorldView", "EA correspondent"):
        assert value in listing.output


def test_verify_reads_doctrine_shaped_files(store_path: Path, tmp_path: Path) -> None:
    doctrine = tmp_path / "doctrine.yaml"
    doctrine.write_text(
        "sources:\n"
        "  - id: exposition\n"
        "    location: seeds/000_c3a760e5657fa5f1.txt\n"
        "  - id: statement\n"
        "    title: 'Negotiations with the U.S. are forbidden: Imam Khamenei'\n"
        "quotes:\n"
        "  - id: a\n"
        "    source: exposition\n"
        "    text: >-\n"
        "      The issue is the issue of life or death;\n"
        "      to be or not to be.\n"
        "  - id: c\n"
        "    source: statement\n"
        "    text: Negotiation with America is forbidden\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["corpus", "verify", str(doctrine), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "2 verified, 0 not found" in result.output


@pytest.mark.parametrize(
    "command",
    [["list"], ["search", "negotiation"], ["show", "abc"], ["remove", "abc"], ["embed"]],
)
def test_reading_a_mistyped_store_is_an_error_and_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "corpsu.sqlite3"
    result = runner.invoke(app, ["corpus", *command, "--store", str(typo)])
    assert result.exit_code == 2, result.output
    assert "no corpus store here" in result.output and "corpsu.sqlite3" in result.output
    assert not typo.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_size_limit_the_help_names_is_the_one_applied(
    tmp_path: Path, seeds_dir: Path
) -> None:
    from overture.corpus import DEFAULT_MAX_BYTES

    result = runner.invoke(app, ["corpus", "add", "--help"])
    assert "20 MiB" in result.output and DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    seed = str(seeds_dir / "000_c3a760e5657fa5f1.txt")
    store = str(tmp_path / "c.sqlite3")
    small = runner.invoke(app, ["corpus", "add", seed, "--store", store, "--max-bytes", "100"])
    assert small.exit_code == 2 and "the limit is 100 bytes" in small.output
