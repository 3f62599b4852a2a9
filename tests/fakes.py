"""A fast, deterministic stand-in for the sentence embedder: hashed bag of words."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from checker.embed.base import Vectors
from checker.models import StanceScores

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


class FakeStanceModel:
    """Reads a context as disputing the claim when it holds one of `disputing`, as unrelated otherwise."""

    threshold = 0.5

    def __init__(self, disputing: Sequence[str] = ("hoax",)) -> None:
        self.disputing = tuple(word.lower() for word in disputing)
        self.pairs: list[tuple[str, str]] = []

    def score(self, pairs: list[tuple[str, str]]) -> list[StanceScores]:
        self.pairs.extend(pairs)
        return [self._one(context) for _, context in pairs]

    def _one(self, context: str) -> StanceScores:
        if any(word in context.lower() for word in self.disputing):
            return StanceScores(agree=0.05, disagree=0.9, discuss=0.03, unrelated=0.02)
        return StanceScores(agree=0.1, disagree=0.05, discuss=0.05, unrelated=0.8)
