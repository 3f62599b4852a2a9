"""The archive's vector index: usearch (HNSW), kept beside the database and brought up to date from it.

The database is the truth; the index is derived from it and may lag. A writer saves it under a new
name, then records that name in the database's `meta` with the last claim row and removal it
covers, then deletes older files: a reader always finds a complete file matching what the database
says, and a writer killed while saving leaves at worst an orphan file, swept by the next save.

A writer loads the index and adds each committed claim (one thread: the graph then depends only on
the order of the rows, never on timing). A reader maps the saved file (only the pages a search
touches are read: a cold check does not load the whole index) and scans, exactly, the few claims
added since it was saved (an add in progress, or one that was killed); removed claims are dropped
when their rows are looked up.

Up to EXACT_CLAIMS claims a query is answered by an exact scan: the same neighbours however the
archive was built. Above, the HNSW graph answers with SEARCH_EXPANSION. The similarities the
rules see are recomputed from the float32 vectors in the database.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from checker.archive.records import decode_vectors
from checker.archive.store import Store, storage_error
from checker.embed import DIMENSIONS, Vectors

if TYPE_CHECKING:
    from usearch.index import Index

INDEX_PREFIX = "vectors-"
INDEX_SUFFIX = ".usearch"
EXACT_CLAIMS = 50_000  # an exact scan of 50,000 x 384 float32 is a few ms per query
CONNECTIVITY = 16  # HNSW "M"
ADD_EXPANSION = 128  # HNSW "efConstruction"
SEARCH_EXPANSION = 256  # HNSW "ef" (docs/benchmarks.md: recall against an exact search)
CATCH_UP_ROWS = 20_000  # claim rows read from the database at once when the index is behind
REMOVED_MARGIN = 16  # extra neighbours asked for, in place of removed claims still in a saved index
LOAD_TRIES = 3  # a writer may replace the file between reading its name and opening it


@dataclass(frozen=True)
class Hits:
    """For each query row, archived claim rows (database rowids), most similar first."""

    rows: list[list[int]]
    similarities: list[list[float]]


class VectorIndex:
    def __init__(self, store: Store, *, writable: bool) -> None:
        self.store = store
        self.folder = store.folder
        self.writable = writable
        self.changed = False
        self.index = self._open()
        self._lag_rows = np.zeros(0, dtype=np.int64)
        self._lag_vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)

    def _open(self) -> Index:
        for _ in range(LOAD_TRIES):
            meta = self.store.meta()
            self.name = meta.get("index_file", "")
            self.claims_upto = int(meta.get("index_claims", "0"))
            self.removed_upto = int(meta.get("index_removed", "0"))
            index = _new_index()
            if not self.name:
                return index
            try:
                if self.writable:
                    index.load(str(self.folder / self.name))
                else:
                    index.view(str(self.folder / self.name))
                return index
            except (OSError, RuntimeError, ValueError):
                continue
        # The recorded file cannot be read: start over from the database, which holds every vector.
        self.name, self.claims_upto, self.removed_upto, self.changed = "", 0, 0, True
        return _new_index()

    def __len__(self) -> int:
        return len(self.index) + len(self._lag_rows)

    def catch_up(self) -> None:
        """Take in the claims the index has not seen and the removals it has not applied, in database order."""
        for seq, claim in self.store.removed_after(self.removed_upto):
            if self.writable and claim in self.index:
                self.index.remove(claim)
            self.removed_upto = seq
            self.changed = True
        while True:
            batch = self.store.claims_after(self.claims_upto, CATCH_UP_ROWS)
            if not batch:
                break
            keys = np.array([r for r, _ in batch], dtype=np.int64)
            vectors = decode_vectors([v for _, v in batch], DIMENSIONS)
            if self.writable:
                self.index.add(keys.astype(np.uint64), vectors, threads=1)
            else:
                self._lag_rows = np.concatenate([self._lag_rows, keys])
                self._lag_vectors = np.concatenate([self._lag_vectors, vectors])
            self.claims_upto = int(keys[-1])
            self.changed = True

    def save(self) -> None:
        """Write the index under a new name, record it in the database, then delete older files."""
        if not self.changed or not self.writable:
            return
        name = f"{INDEX_PREFIX}{secrets.token_hex(8)}{INDEX_SUFFIX}"
        try:
            self.index.save(str(self.folder / name))
        except (OSError, RuntimeError) as error:
            (self.folder / name).unlink(missing_ok=True)
            raise storage_error(self.folder, error) from None
        self.store.set_meta(
            {"index_file": name, "index_claims": str(self.claims_upto), "index_removed": str(self.removed_upto)}
        )
        self.name, self.changed = name, False
        for old in self.folder.glob(f"{INDEX_PREFIX}*{INDEX_SUFFIX}"):
            if old.name != name:
                old.unlink(missing_ok=True)

    def search(self, queries: Vectors, k: int, floor: float) -> Hits:
        """Each query's `k` nearest claims at least `floor` similar (fewer once removed rows are dropped)."""
        self.catch_up()
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        candidates: list[list[tuple[float, int]]] = [[] for _ in range(len(queries))]
        if len(self.index) and len(queries):
            exact = len(self.index) <= EXACT_CLAIMS
            found: Any = self.index.search(queries, k + REMOVED_MARGIN, exact=exact, threads=1)
            keys = np.asarray(found.keys).reshape(len(queries), -1)
            with np.errstate(invalid="ignore"):  # the unused slots past each row's count hold no distance
                similarities = 1.0 - np.asarray(found.distances, dtype=np.float64).reshape(len(queries), -1)
            # One query gives a Matches holding only the hits found; several a BatchMatches with `counts`.
            counts = found.counts.tolist() if hasattr(found, "counts") else [len(found.keys)]
            for row, count in enumerate(counts):
                candidates[row] += zip(similarities[row, :count].tolist(), keys[row, :count].tolist(), strict=True)
        if len(self._lag_rows) and len(queries):
            scores = queries @ self._lag_vectors.T
            for row in range(len(queries)):
                top = np.argsort(-scores[row], kind="stable")[: k + REMOVED_MARGIN]
                candidates[row] += zip(scores[row, top].tolist(), self._lag_rows[top].tolist(), strict=True)
        rows: list[list[int]] = []
        best: list[list[float]] = []
        for found_row in candidates:
            kept = sorted(((-s, int(key)) for s, key in found_row if s >= floor))[: k + REMOVED_MARGIN]
            rows.append([key for _, key in kept])
            best.append([-s for s, _ in kept])
        return Hits(rows, best)


def _new_index() -> Index:
    try:
        from usearch.index import Index
    except ImportError:
        from checker.errors import ArchiveError

        raise ArchiveError("the archive needs the usearch package: pip install usearch==2.26.6") from None
    return Index(
        ndim=DIMENSIONS,
        metric="ip",
        dtype="f32",
        connectivity=CONNECTIVITY,
        expansion_add=ADD_EXPANSION,
        expansion_search=SEARCH_EXPANSION,
    )
