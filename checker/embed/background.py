"""Embed claim contents in background threads while the parser works on the next documents.

Texts go to the embedder in fixed chunks of EMBED_CHUNK, in input order, never in whatever happens
to be ready: the make-up of a batch changes vectors in their last bits, and the same input must give
the same bytes. Each distinct text is embedded once, in the chunk of its first occurrence: wire copy
repeated by several outlets costs nothing more, and no two chunks share a text, so what one chunk
finds in the embedding cache never depends on how far another has got.

Chunks run side by side, each on one torch thread, one per core that the caller leaves free: while
the parser works it keeps a core, and once it hands over (`result`) every core embeds. Torch
computes outside the GIL, so no core is left idle and none is oversubscribed.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from checker.embed.base import Embedder, OneTorchThread, Vectors, embedding_workers

# Within a chunk texts are sorted by length and cut into batches of 8, so 64 texts already make
# batches with little padding (4 % more CPU than sorting all claims at once, docs/benchmarks.md),
# and chunks this small keep every worker busy until the end.
EMBED_CHUNK = 64


class BackgroundEncoder:
    """Collects texts with `add`, embeds them behind the caller's back, returns all rows with `result`."""

    def __init__(self, encoder: Embedder, workers: int | None = None) -> None:
        self._encoder = encoder
        self._pending: list[str] = []
        self._chunks: list[Future[Vectors]] = []
        self._rows: dict[str, int] = {}  # each distinct text -> its row among the embedded ones
        self._order: list[int] = []  # each added text -> the row that holds its vector
        self._failure: Exception | None = None
        workers = workers or embedding_workers()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="checker-embed")
        self._threads = OneTorchThread()
        self._cores = threading.Semaphore(workers)
        self._cores.acquire()  # the caller's, until it hands over in `result`
        self._caller_holds_core = True

    def add(self, texts: list[str]) -> None:
        for text in texts:
            row = self._rows.get(text)
            if row is None:
                row = self._rows[text] = len(self._rows)
                self._pending.append(text)
            self._order.append(row)
        while len(self._pending) >= EMBED_CHUNK:
            self._submit(self._pending[:EMBED_CHUNK])
            del self._pending[:EMBED_CHUNK]

    def result(self) -> Vectors:
        """Every text added so far, one row each, in order; the caller's own work is over."""
        self._hand_over_core()
        if self._pending:
            self._submit(self._pending)
            self._pending = []
        try:
            parts = [chunk.result() for chunk in self._chunks]
        finally:
            self.close()
        distinct = np.concatenate(parts) if parts else self._encoder.encode([])
        return distinct[np.asarray(self._order, dtype=np.intp)]

    def close(self) -> None:
        self._hand_over_core()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._threads.release()

    def _hand_over_core(self) -> None:
        if self._caller_holds_core:
            self._caller_holds_core = False
            self._cores.release()

    def _submit(self, texts: list[str]) -> None:
        self._chunks.append(self._pool.submit(self._encode, list(texts)))

    def _encode(self, texts: list[str]) -> Vectors:
        with self._cores:
            # A model that failed to load would otherwise be loaded again, slowly, for every chunk.
            if self._failure is not None:
                raise self._failure
            self._threads.hold()
            try:
                return self._encoder.encode(texts)
            except Exception as error:
                self._failure = error
                raise
