"""Fixtures for the corpus tests: fresh stores, the seeds ingested, a toy embedder."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from overture.corpus import CorpusStore, add_source_files

SEED_000 = "000_c3a760e5657fa5f1.txt"
SEED_002 = "002_7550b8a60dc3b61d.txt"
SEED_004 = "004_399d3c9bc731ef2f.txt"


class HashingEmbedder:
    """A deterministic bag-of-words embedder (feature hashing), standing in for the model."""

    name = "test-hashing-64"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=2).digest()
                out[row, int.from_bytes(digest, "little") % 64] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out


@pytest.fixture
def toy_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CorpusStore]:
    with CorpusStore.open(tmp_path / "corpus.sqlite3") as opened:
        yield opened


@pytest.fixture
def seeded(store: CorpusStore, seeds_dir: Path) -> CorpusStore:
    add_source_files(store, sorted(seeds_dir.glob("*.txt")), embedder=HashingEmbedder())
    return store


@pytest.fixture
def seed_ids(seeded: CorpusStore) -> dict[str, str]:
    return {d.source_name: d.id for d in seeded.documents()}
