"""Stage 3, embed: MiniLM sentence vectors (torch, ONNX or sentence-transformers), chunked and cached.

Only numpy is imported here; the model stacks load on the first `encode`.
"""

from __future__ import annotations

from checker.embed.background import BackgroundEncoder
from checker.embed.base import DIMENSIONS, Backend, Embedder, Vectors, cosine
from checker.embed.cache import CachedEmbedder, cache_path, default_cache_path
from checker.embed.model import MiniLMEmbedder

__all__ = [
    "DIMENSIONS",
    "Backend",
    "BackgroundEncoder",
    "CachedEmbedder",
    "Embedder",
    "MiniLMEmbedder",
    "Vectors",
    "cache_path",
    "cosine",
    "default_cache_path",
]
