"""The doctrines an app serves: the shipped ones (loaded on first use) and uploaded ones.

Uploaded doctrines live in memory, and also as YAML files in `Settings.doctrine_dir` when one is
configured (reloaded at start). Unknown names are 404s listing the known names.
"""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import HTTPException

from overture.doctrine import (
    DEFAULT_DOCTRINE,
    Doctrine,
    list_shipped_doctrines,
    load_doctrine,
    parse_doctrine,
)
from overture.errors import InputError


class DoctrineRegistry:
    """Name → doctrine, thread-safe; shipped doctrines cannot be replaced by uploads."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._loaded: dict[str, Doctrine] = {}
        self._uploaded: set[str] = set()
        self._texts: dict[str, str] = {}  # uploaded doctrines' text, as sent
        if directory is not None and directory.is_dir():
            for path in sorted(directory.glob("*.yaml")):
                doctrine = load_doctrine(path)
                self._loaded[doctrine.id] = doctrine
                self._uploaded.add(doctrine.id)
                self._texts[doctrine.id] = path.read_text(encoding="utf-8")

    @property
    def default(self) -> str:
        """The doctrine the page opens first."""
        shipped = list_shipped_doctrines()
        if DEFAULT_DOCTRINE in shipped:
            return DEFAULT_DOCTRINE
        names = self.names()
        return names[0] if names else DEFAULT_DOCTRINE

    def names(self) -> list[str]:
        """Every doctrine name, shipped first."""
        with self._lock:
            uploaded = sorted(self._uploaded)
        shipped = list_shipped_doctrines()
        return shipped + [n for n in uploaded if n not in shipped]

    def is_shipped(self, name: str) -> bool:
        return name in list_shipped_doctrines()

    def text(self, name: str) -> str:
        """The doctrine's file as written (a shipped one's YAML, an upload as sent)."""
        doctrine = self.get(name)
        with self._lock:
            kept = self._texts.get(name)
        if kept is not None:
            return kept
        if doctrine.path is None:  # pragma: no cover - shipped doctrines have files
            raise HTTPException(404, f"the text of doctrine {name!r} is not available")
        return doctrine.path.read_text(encoding="utf-8")

    def get(self, name: str) -> Doctrine:
        """The doctrine called `name` (HTTP 404 naming the known ones if there is none)."""
        with self._lock:
            found = self._loaded.get(name)
        if found is not None:
            return found
        if name not in list_shipped_doctrines():
            known = ", ".join(self.names()) or "(none)"
            raise HTTPException(404, f"unknown doctrine {name!r}; known doctrines: {known}")
        doctrine = load_doctrine(name)
        with self._lock:
            self._loaded[name] = doctrine
        return doctrine

    def add(self, text: str, replace: bool = False) -> tuple[Doctrine, bool]:
        """Parse, check and register an uploaded doctrine; return it and whether it is new.

        Raises `OvertureError` (422) for an invalid doctrine, HTTP 409 when the id is taken
        by a shipped doctrine or (without `replace`) by an earlier upload.
        """
        doctrine = parse_doctrine(text, "<uploaded doctrine>")
        name = doctrine.id
        if self.is_shipped(name):
            raise HTTPException(
                409, f"doctrine id {name!r} is a shipped doctrine; choose another id"
            )
        if replace and name in self._uploaded:
            # A replacement must pass its own tests: a failing edit never overwrites a good one.
            from overture.verdict.checking import run_tests

            failing = [t for t in run_tests(doctrine) if not t.ok]
            if failing:
                shown = "; ".join(f"{t.id}: {t.summary}" for t in failing[:5])
                more = f" (and {len(failing) - 5} more)" if len(failing) > 5 else ""
                raise InputError(f"not saved: {len(failing)} of the doctrine's tests fail "
                                 f"({shown}{more}); the stored doctrine is unchanged")
        with self._lock:
            exists = name in self._uploaded
            if exists and not replace:
                raise HTTPException(
                    409,
                    f"doctrine {name!r} already exists; upload with ?replace=true to replace it",
                )
            if self.directory is not None:
                self.directory.mkdir(parents=True, exist_ok=True)
                tmp = self.directory / f".{name}.yaml.tmp"
                tmp.write_text(text, encoding="utf-8")
                tmp.replace(self.directory / f"{name}.yaml")
            self._loaded[name] = doctrine
            self._uploaded.add(name)
            self._texts[name] = text
        return doctrine, not exists
