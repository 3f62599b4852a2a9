"""What every embedding module shares: the vector type, the Embedder protocol, the backends and the thread policy.

The modules of this package import from here and never from each other upwards: `model` (the
loaded MiniLM behind an Embedder) sits on top and reaches down to `minilm`, `onnx`, `background`
and `cache`, each of which needs only these definitions.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from enum import Enum
from typing import Protocol

import numpy as np
import numpy.typing as npt

DIMENSIONS = 384
MAX_WORKERS = 8  # beyond this, chunks are too few to keep more workers busy


class Backend(str, Enum):
    """How MiniLM is run: the same weights and vectors (to float32 rounding) either way."""

    TORCH = "torch"
    ONNX = "onnx"
    SENTENCE_TRANSFORMERS = "sentence-transformers"


Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    model_id: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def cosine(vectors: Vectors) -> Vectors:
    """Pairwise cosine similarity of unit-length rows."""
    return np.asarray(vectors @ vectors.T, dtype=np.float32)


def embedding_workers() -> int:
    """How many chunks to embed side by side: one per core this process may use, within a cap."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


class OneTorchThread:
    """Holds torch at one intra-op thread while several chunks are embedded side by side.

    Chunks on one thread each keep every core busy with no waiting: torch's own threads spin while
    they wait for each other, and spin worse while the parser holds a core. Vectors do not depend
    on the thread count. Torch is only touched once something else has imported it. Holds of
    several encoders (concurrent checks in one process) are counted together: the first saves
    torch's thread count and the last release restores it.
    """

    _lock = threading.Lock()
    _holders = 0
    _saved: int | None = None

    def __init__(self) -> None:
        self._holding = False

    def hold(self) -> None:
        """Called by each worker before each chunk: the setting reaches every worker thread."""
        torch = sys.modules.get("torch")
        if torch is None:
            return
        cls = type(self)
        with cls._lock:
            if not self._holding:
                self._holding = True
                if cls._holders == 0:
                    cls._saved = torch.get_num_threads()
                cls._holders += 1
        torch.set_num_threads(1)

    def release(self) -> None:
        cls = type(self)
        with cls._lock:
            if not self._holding:
                return
            self._holding = False
            cls._holders -= 1
            torch = sys.modules.get("torch")
            if cls._holders == 0 and cls._saved is not None and torch is not None:
                torch.set_num_threads(cls._saved)
                cls._saved = None
