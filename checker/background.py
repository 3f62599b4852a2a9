"""Embed claim contents in a background thread while the parser works on the next documents.

Torch computes outside the GIL and the parser keeps one core busy, so the two overlap. Texts go
to the embedder in fixed chunks of EMBED_CHUNK, in input order, never in whatever happens to be
ready: the make-up of a batch changes vectors in their last bits, and the same input must give the
same bytes.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from checker.embed import Embedder, Vectors, sharing_cores

EMBED_CHUNK = 256


class BackgroundEncoder:
    """Collects texts with `add`, embeds them behind the caller's back, returns all rows with `result`."""

    def __init__(self, encoder: Embedder) -> None:
        self._encoder = encoder
        self._pending: list[str] = []
        self._chunks: list[Future[Vectors]] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checker-embed")
        self._foreground_busy = True

    def add(self, texts: list[str]) -> None:
        self._pending.extend(texts)
        while len(self._pending) >= EMBED_CHUNK:
            self._submit(self._pending[:EMBED_CHUNK])
            del self._pending[:EMBED_CHUNK]

    def result(self) -> Vectors:
        """Every text added so far, one row each, in order; the caller's own work is over."""
        self._foreground_busy = False
        if self._pending:
            self._submit(self._pending)
            self._pending = []
        try:
            parts = [chunk.result() for chunk in self._chunks]
        finally:
            self.close()
        return np.concatenate(parts) if parts else self._encoder.encode([])

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, texts: list[str]) -> None:
        self._chunks.append(self._pool.submit(self._encode, list(texts)))

    def _encode(self, texts: list[str]) -> Vectors:
        with sharing_cores(self._foreground_busy):
            return self._encoder.encode(texts)
