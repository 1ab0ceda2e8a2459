"""ICCMA solving over HTTP against the conformance answers and a brute-force reference."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

CASES = ["chain", "cred-vs-skept", "mutual-attack", "self-attack", "sst", "traffic1"]


def _solution(iccma_dir: Path, name: str, task: str) -> list[list[str]]:
    """Parse a reference answer: `[a,b]` (SE) or `[[a,b],[c]]` (EE), names unquoted."""
    text = (iccma_dir / "conformance" / "solutions" / f"{name}.{task}").read_text().strip()
    quoted = re.sub(r"([^\[\],\s]+)", r'"\1"', text)
    data = json.loads(quoted)
    if task.startswith("SE"):
        return [[str(a) for a in data]]
    return sorted(sorted(str(a) for a in ext) for ext in data)


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("task", ["EE-PR", "EE-ST", "EE-CO", "SE-GR"])
def test_conformance_instances(client: TestClient, iccma_dir: Path, name: str, task: str) -> None:
    path = iccma_dir / "conformance" / "apx" / f"{name}.apx"
    sol = iccma_dir / "conformance" / "solutions" / f"{name}.{task}"
    if not sol.exists():
        pytest.skip(f"no reference answer {sol.name}")
    r = client.post("/api/af/solve", params={"task": task}, content=path.read_text())
    assert r.status_code == 200, r.text
    body = r.json()
    want = _solution(iccma_dir, name, task)
    if task.startswith("SE"):
        assert sorted(body["extension"]) == sorted(want[0])
    else:
        assert sorted(sorted(e) for e in body["extensions"]) == want
        assert body["count"] == len(want)


def _stable_brute(n: int, attacks: set[tuple[int, int]]) -> list[frozenset[int]]:
    out = []
    for bits in itertools.product([0, 1], repeat=n):
        s = {i for i in range(n) if bits[i]}
        if any((a, b) in attacks for a in s for b in s):
            continue
        if all(any((a, b) in attacks for a in s) for b in range(n) if b not in s):
            out.append(frozenset(s))
    return out


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 6).flatmap(
    lambda n: st.tuples(st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
))
def test_stable_tasks_match_brute_force(
    af_client: TestClient, case: tuple[int, set[tuple[int, int]]]
) -> None:
    n, attacks = case
    text = f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in sorted(attacks))
    stable = _stable_brute(n, attacks)
    r = af_client.post("/api/af/solve", params={"task": "CE-ST"}, content=text)
    assert r.json()["count"] == len(stable)
    for arg in range(n):
        cred = af_client.post("/api/af/solve", params={"task": "DC-ST", "arg": str(arg + 1)},
                              content=text).json()
        assert cred["accepted"] == any(arg in s for s in stable)
        skept = af_client.post("/api/af/solve", params={"task": "DS-ST", "arg": str(arg + 1)},
                               content=text).json()
        assert skept["accepted"] == all(arg in s for s in stable)


@pytest.fixture(scope="module")
def af_client() -> TestClient:
    from overture.web import Settings, create_app

    with TestClient(create_app(Settings())) as client:
        yield client


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"task": "XX-PR"}, "query.task"),
        ({"task": "DC-ZZ", "arg": "1"}, "query.task"),
        ({"task": "DC-PR"}, "query.arg"),
        ({"task": "DC-PR", "arg": "99"}, "query.arg"),
        ({"task": "EE-PR", "limit": "0"}, "query.limit"),
        ({"task": "SE-PR", "format": "xml"}, "query.format"),
    ],
)
def test_bad_task_parameters(client: TestClient, params: dict[str, str], field: str) -> None:
    r = client.post("/api/af/solve", params=params, content="p af 2\n1 2\n")
    assert r.status_code == 422, r.text
    assert field in {e["field"] for e in r.json()["errors"]}


def test_malformed_file_names_line_and_column(client: TestClient) -> None:
    r = client.post("/api/af/solve", params={"task": "SE-GR"}, content="p af 3\n1 2\n2 x\n")
    assert r.status_code == 422
    assert r.json()["detail"].startswith("<upload>:3:")


def test_hard_instance_hits_the_time_limit(
    make_client: Callable[..., TestClient], iccma_dir: Path
) -> None:
    client = make_client(time_limit_s=2.0)
    text = (iccma_dir / "bench" / "st_890_86_9_572.af").read_text()
    r = client.post("/api/af/solve", params={"task": "SE-PR"}, content=text)
    assert r.status_code == 503
    assert r.json()["error"] == "time_limit" and "2 s" in r.json()["detail"]
    # The server is still responsive and answers the next request.
    ok = client.post("/api/af/solve", params={"task": "SE-GR"}, content="p af 2\n1 2\n")
    assert ok.status_code == 200 and ok.json()["extension"] == ["1"]


def test_upload_limit(make_client: Callable[..., TestClient]) -> None:
    client = make_client(max_upload_bytes=1000)
    text = "p af 400\n" + "".join(f"{i} {i + 1}\n" for i in range(1, 400))
    r = client.post("/api/af/solve", params={"task": "SE-GR"}, content=text)
    assert r.status_code == 413
