"""A fast, deterministic stand-in for the sentence embedder: hashed bag of words."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from checker.embed.base import Vectors

DIMENSIONS = 384
WORD = re.compile(r"[a-z0-9]+")


class FakeEmbedder:
    """Texts sharing words get similar vectors; nothing else is modelled."""

    model_id = "fake-hashing"

    def __init__(self, backend: object = None) -> None:  # accepts MiniLMEmbedder's arguments
        self.calls: list[int] = []
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(len(texts))
        self.texts.extend(texts)
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in WORD.findall(text.lower()):
                digest = hashlib.sha1(word.rstrip("s").encode()).digest()
                vectors[row, int.from_bytes(digest[:4], "big") % DIMENSIONS] += 1.0
            norm = np.linalg.norm(vectors[row])
            vectors[row] = vectors[row] / norm if norm else vectors[row]
        return vectors
