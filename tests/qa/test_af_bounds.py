"""AF files are bounded by what they declare: a header is checked against the memory budget."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from overture.cli.main import app

runner = CliRunner()


def test_a_tiny_af_file_declaring_a_huge_framework_is_refused_at_once(tmp_path: Path) -> None:
    """Issue 18's first reproducer: 16 bytes declaring 10^8 arguments; refused from its header,
    before anything is allocated (the measured cost per argument times the count exceeds the
    memory budget)."""
    import time

    p = tmp_path / "x.af"
    p.write_text("p af 100000000\n1 2\n", encoding="utf-8")
    started = time.perf_counter()
    r = runner.invoke(app, ["af", "-p", "DC-GR", "-f", str(p), "-a", "1", "--timeout", "5"])
    assert time.perf_counter() - started < 5
    assert r.exit_code == 2 and f"{p}:1:" in r.output and "memory budget" in r.output


def test_non_utf8_files_are_reported_at_line_and_column(tmp_path: Path) -> None:
    for name, content, where in (
        ("s.yaml", b"counterparty: united_states\ntopics: [nuclear]\nmode: d\xffal\n", ":3:8:"),
        ("d.yaml", b"schema_version: 2\nid: x\ntitle: \xe9t\xe9\n", ":3:8:"),
        ("a.json", b'{"nodes": [],\n "x": "\xfe"}', ":2:8:"),
        ("t.aspic", b"rule r1: a => b.\n\xff\n", ":2:1:"),
    ):
        p = tmp_path / name
        p.write_bytes(content)
        cmd = {"s.yaml": ["evaluate", str(p)], "d.yaml": ["check", str(p)],
               "a.json": ["import", str(p)], "t.aspic": ["aspic", str(p)]}[name]
        r = runner.invoke(app, cmd)
        assert r.exit_code == 2, (name, r.output)
        assert f"{p}{where}" in r.output and "not UTF-8" in r.output, (name, r.output)


def test_the_iccma_time_limit_covers_reading_and_building(tmp_path: Path) -> None:
    """A large framework whose building alone takes longer than --timeout is stopped at it."""
    import subprocess
    import sys
    import time

    p = tmp_path / "z.af"
    p.write_text("p af 8000000\n1 2\n", encoding="utf-8")
    started = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "overture", "af", "-p", "DC-GR", "-f", str(p),
                        "-a", "1", "--timeout", "1"], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert r.returncode == 2 and "time limit" in r.stderr, r.stderr
    assert elapsed < 10, elapsed
