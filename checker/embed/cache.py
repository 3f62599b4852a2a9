"""An embedding cache: vectors computed once are read back, so a re-check embeds only what changed.

Rows are keyed by the embedder's model id and the SHA-256 of the text and hold float32 bytes, in
SQLite: WAL so that concurrent runs read while one writes, a busy timeout instead of "database is
locked", INSERT OR IGNORE so that two runs storing the same text agree, one transaction per batch.
A cache that cannot be opened, read or written is switched off with one warning on stderr: it may
make a check faster, never make one fail.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from checker.embed.base import Embedder, Vectors
from checker.errors import UsageError

CACHE_FILE = "embeddings.sqlite3"
BUSY_TIMEOUT_S = 30.0
LOOKUP_CHUNK = 500  # keys per SELECT: SQLite caps the variables of one statement
VECTOR_DTYPE = np.dtype("<f4")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS embeddings ("
    "model TEXT NOT NULL, digest BLOB NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, digest)"
    ") WITHOUT ROWID"
)


def default_cache_path() -> Path:
    """$XDG_CACHE_HOME/checker/embeddings.sqlite3, else ~/.cache/checker/embeddings.sqlite3."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "checker" / CACHE_FILE


def cache_path(cache: Path | None, no_cache: bool) -> Path | None:
    """The cache file that `--cache FILE` / `--no-cache` choose: the default when neither is given."""
    if cache is not None and no_cache:
        raise UsageError("--cache and --no-cache contradict each other; give one of them.")
    return None if no_cache else cache or default_cache_path()


def warn(message: str) -> None:
    sys.stderr.write(f"checker: warning: {message}\n")


class CachedEmbedder:
    """Wraps an embedder: texts already in the cache are not embedded again."""

    def __init__(self, inner: Embedder, path: Path, on_warning: Callable[[str], None] = warn) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.path = path
        self.embedded = 0  # texts handed to the wrapped embedder, for benchmarks and tests
        self._on_warning = on_warning
        self._connection: sqlite3.Connection | None = None
        self._off = False
        # Chunks are embedded side by side (checker.embed.background); one connection serves them in turn.
        self._lock = threading.RLock()

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts or self._off:
            return self._embed(list(texts))
        digests = [hashlib.sha256(text.encode("utf-8")).digest() for text in texts]
        with self._lock:
            found = self._lookup(sorted(set(digests)))
        missing = {d: t for d, t in zip(digests, texts, strict=True) if d not in found}
        if missing:
            fresh = self._embed(list(missing.values()))
            rows = dict(zip(missing, fresh, strict=True))
            with self._lock:
                self._store(rows)
            found.update(rows)
        vectors = [found[d] for d in digests]
        if len({v.shape for v in vectors}) != 1:
            self._disable("it holds vectors of another size")
            return self._embed(list(texts))
        return np.stack(vectors).astype(np.float32, copy=False)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _embed(self, texts: list[str]) -> Vectors:
        with self._lock:
            self.embedded += len(texts)
        return self.inner.encode(texts)

    def _lookup(self, digests: list[bytes]) -> dict[bytes, Vectors]:
        found: dict[bytes, Vectors] = {}
        if self._off:  # another chunk's lookup found the cache unusable meanwhile
            return found
        try:
            connection = self._connect()
            for start in range(0, len(digests), LOOKUP_CHUNK):
                chunk = digests[start : start + LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT digest, vector FROM embeddings WHERE model = ? AND digest IN ({marks})"
                for digest, blob in connection.execute(query, [self.model_id, *chunk]):
                    if isinstance(blob, bytes) and blob and len(blob) % VECTOR_DTYPE.itemsize == 0:
                        found[digest] = np.frombuffer(blob, dtype=VECTOR_DTYPE)
        except (sqlite3.Error, OSError) as error:
            self._disable(str(error))
            return {}
        return found

    def _store(self, rows: dict[bytes, Vectors]) -> None:
        if self._off:
            return
        values = [(self.model_id, d, np.asarray(v, dtype=VECTOR_DTYPE).tobytes()) for d, v in rows.items()]
        try:
            connection = self._connect()
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.executemany("INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?)", values)
            except sqlite3.Error:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        except (sqlite3.Error, OSError) as error:
            self._disable(str(error))

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute(SCHEMA)
            except sqlite3.Error:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _disable(self, reason: str) -> None:
        with self._lock:
            if self._off:
                return
            self._off = True
            self.close()
        self._on_warning(f"embedding cache {self.path} is not usable ({reason}); continuing without it.")
