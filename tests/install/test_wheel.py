"""The path users take: the built wheel installed into a fresh venv *without* the dev extras,
then the shipped doctrines judged and a text, a Markdown and an HTML file ingested through the
CLI and through the API (a plain install once lacked a dependency the dev install hid)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.install


def _run(cmd: list[str], cwd: Path, timeout: int = 900, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["HF_HUB_OFFLINE"] = "1"
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=env, check=False, **kw)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "-w", str(work / "dist"), str(ROOT)], cwd=work)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (work / "dist").glob("overture-*.whl")
    venv.create(work / "venv", with_pip=True)
    pip = work / "venv" / "bin" / "pip"
    got = _run([str(pip), "install", "-q", str(wheel)], cwd=work)
    assert got.returncode == 0, got.stderr[-3000:]
    return work / "venv" / "bin"


def test_the_plain_install_judges_both_shipped_doctrines(installed: Path, tmp_path: Path) -> None:
    overture = str(installed / "overture")
    r = _run([overture, "demo"], cwd=tmp_path)
    assert r.returncode == 0 and "as expected" in r.stdout, r.stderr[-2000:]
    r = _run([overture, "evaluate", "us_talks_2025_leader_terms", "-d", "dprk-us", "--json"],
             cwd=tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout)["verdict"] == "permitted", r.stderr
    r = _run([overture, "backtest", "iran-us", "--json"], cwd=tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout)["views"][0]["scored"] >= 15, r.stderr
    r = _run([overture, "--help"], cwd=tmp_path)
    assert r.returncode == 0


def test_the_plain_install_ingests_text_markdown_and_html(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A plain text about talks.\n\nSecond paragraph here.\n")
    (tmp_path / "b.md").write_text("# Talks\n\nThe *Leader* said no talks.\n")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Talks</title></head><body><nav>menu</nav><article><h1>Talks</h1>"
        "<p>The Leader said there is no barrier to talks with the enemy.</p>"
        "<p>A second paragraph of the article, long enough to be kept as text.</p></article>"
        "</body></html>")
    store = tmp_path / "store.sqlite3"
    overture = str(installed / "overture")
    r = _run([overture, "corpus", "add", "a.txt", "b.md", "c.html", "--store", str(store)],
             cwd=tmp_path)
    assert r.returncode == 0, (r.stdout[-2000:], r.stderr[-2000:])
    r = _run([overture, "corpus", "search", "barrier", "--store", str(store)], cwd=tmp_path)
    assert r.returncode == 0 and "barrier" in r.stdout, (r.stdout, r.stderr)
    # the API of the installed package, served by its own `overture serve`
    import socket
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["OVERTURE_TOKEN"] = "t" * 20
    server = subprocess.Popen(
        [overture, "serve", "--port", str(port), "--corpus-store", str(store),
         "--token-env", "OVERTURE_TOKEN", "--log-level", "warning"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the installed server did not start")
        body = (b"<html><body><article><p>Indirect talks in Oman went on.</p>"
                b"<p>Another paragraph of the article to keep.</p></article></body></html>")
        req = urllib.request.Request(base + "/api/corpus/documents?filename=d.html", data=body,
                                     method="POST", headers={"Authorization": "Bearer " + "t" * 20,
                                                             "Content-Type": "text/html"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.status in (200, 201)
            assert json.loads(resp.read())["status"] == "added"
        with urllib.request.urlopen(base + "/api/corpus/search?q=Oman", timeout=30) as resp:
            assert "Oman" in resp.read().decode()
    finally:
        server.terminate()
        server.wait(10)
