"""The native-solver adapter: its output is read right, its input written right, and a
missing compiler or source tree is a skip with a reason, not a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from afbench import native


def test_output_parsed_to_zero_based_extensions() -> None:
    assert native.parse("SE-PR", "[a1,a3]\n") == (None, frozenset({0, 2}))
    assert native.parse("SE-PR", "[]\n") == (None, frozenset())
    assert native.parse("SE-ST", "NO\n") == (None, None)
    assert native.parse("DS-PR", "YES\n") == (True, None)
    assert native.parse("DC-CO", "NO\n") == (False, None)
    for bad in ("", "maybe", "a1,a3"):
        with pytest.raises(ValueError):
            native.parse("SE-PR" if bad != "maybe" else "DS-PR", bad)


def test_apx_names_every_argument_and_attack(tmp_path: Path) -> None:
    out = tmp_path / "x.apx"
    native.to_apx(3, np.array([[0, 1], [2, 0]]), out)
    assert out.read_text().splitlines() == [
        "arg(a1).", "arg(a2).", "arg(a3).", "att(a1,a2).", "att(a3,a1)."]


def test_missing_sources_are_a_reasoned_skip(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "PEER_SOURCES", tmp_path / "absent")
    binary, why = native.build(tmp_path)
    assert binary is None and "no native solver sources" in why
    monkeypatch.setattr(native, "PEER_SOURCES", tmp_path)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    binary, why = native.build(tmp_path / "w")
    assert binary is None and "no C++ compiler" in why
