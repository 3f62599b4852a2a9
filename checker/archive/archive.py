"""The `Archive`: a directory of documents, claims and vectors that drafts are checked against.

    archive = Archive.open_for_writing(Path("archive"), model_id)   # creates an empty directory's archive
    result = archive.add(documents, embedder)                       # idempotent; returns counts
    archive.info(); archive.remove(["doc-1"]); archive.close()

One writer at a time (a lock file); any number of readers, also while it writes. What makes an
archive is its database file; a directory holding anything else is refused, never written into.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import chain
from pathlib import Path
from typing import IO

from pydantic import BaseModel

from checker.archive.analyse import analyse
from checker.archive.records import Analysed, content_digest, decode_vectors, document_digest, renamed
from checker.archive.store import DATABASE, Store, storage_error
from checker.archive.vectors import VectorIndex
from checker.embed import DIMENSIONS, Embedder, Vectors
from checker.errors import ArchiveError
from checker.extract import Analysis
from checker.models import SCHEMA_VERSION, Document

ARCHIVE_FORMAT = "2"  # the layout of the database and index; bumped on any incompatible change
LOCK_FILE = "archive.lock"
ADD_BATCH = 16  # documents analysed and committed together: a kill loses at most this batch
INDEX_SAVE_S = 300.0  # a long add also saves the vector index this often, so readers seldom catch up
OWN_FILES = frozenset({DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", f"{DATABASE}-journal", LOCK_FILE})

Progress = Callable[[int, int], None]


class Engine(str, Enum):
    LOCAL = "local"
    RAY = "ray"


class ArchiveInfo(BaseModel):
    path: str
    documents: int
    claims: int
    first_published: dt.date | None
    last_published: dt.date | None
    model: str
    schema_version: str
    archive_format: str
    size_bytes: int


@dataclass
class AddResult:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    reused: int = 0  # documents whose text and date were archived already: their analyses were copied
    claims: int = 0
    not_english: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Nearby:
    """Archived claims near a draft's: their analyses, vectors and documents, in order of claim id."""

    analyses: list[Analysis]
    vectors: Vectors
    documents: list[Document]


# Analyses of documents, in the order given: per batch, how many documents it covered and the
# analyses of those that are English. An engine is free to cut batches.
Analyser = Callable[[list[Document]], Iterator[tuple[int, list[Analysed]]]]


class Archive:
    def __init__(self, folder: Path, store: Store, lock: IO[str] | None = None) -> None:
        self.folder = folder
        self.store = store
        self._lock = lock
        meta = store.meta()
        self.model_id = meta.get("model", "")
        self._vectors: VectorIndex | None = None

    @classmethod
    def open(cls, folder: Path, *, model_id: str | None = None) -> Archive:
        """An existing archive, for reading; with `model_id`, one whose vectors come from that model."""
        _existing(folder)
        archive = cls(folder, Store(folder, writable=False))
        archive._check_versions(model_id)
        return archive

    @classmethod
    def open_for_writing(cls, folder: Path, model_id: str | None, *, create: bool = True) -> Archive:
        """The archive in `folder`, created if `folder` is missing or empty; locked against other writers."""
        if folder.exists() and not folder.is_dir():
            raise ArchiveError(f"{folder} is not a directory: an archive is a directory.")
        fresh = not (folder / DATABASE).exists()
        if fresh:
            if not create or model_id is None:
                raise _missing(folder)
            if folder.exists() and any(p.name not in OWN_FILES for p in folder.iterdir()):
                raise ArchiveError(f"{folder} is not a checker archive and not empty: refusing to write into it.")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise storage_error(folder, error) from None
        lock = _lock(folder)
        try:
            store = Store(folder, writable=True, create=fresh)
            if fresh:
                store.create(
                    {
                        "format": ARCHIVE_FORMAT,
                        "schema_version": SCHEMA_VERSION,
                        "model": model_id or "",
                        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    }
                )
            archive = cls(folder, store, lock)
            archive._check_versions(model_id)
        except BaseException:
            lock.close()
            raise
        return archive

    def close(self) -> None:
        self.store.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _check_versions(self, model_id: str | None) -> None:
        meta = self.store.meta()
        if "format" not in meta:
            raise ArchiveError(f"{self.folder} is not a checker archive: its database has no archive metadata.")
        found = (meta["format"], meta.get("schema_version", "?"))
        if found != (ARCHIVE_FORMAT, SCHEMA_VERSION):
            raise ArchiveError(
                f"archive {self.folder} was written in archive format {found[0]}, report schema {found[1]}; "
                f"this checker reads format {ARCHIVE_FORMAT}, schema {SCHEMA_VERSION}: "
                "add the documents to a new archive directory."
            )
        if model_id is not None and _base_model(meta.get("model", "")) != _base_model(model_id):
            raise ArchiveError(
                f"archive {self.folder} holds vectors of model {meta.get('model')!r}, not {model_id!r}: "
                "its claims cannot be compared; add the documents to a new archive directory."
            )

    def add(
        self,
        documents: Sequence[Document],
        embedder: Embedder,
        *,
        analyser: Analyser | None = None,
        on_progress: Progress | None = None,
    ) -> AddResult:
        """Archive `documents`: unchanged ones are skipped, changed ones replaced, each batch committed."""
        if self._lock is None:
            raise ArchiveError(f"archive {self.folder} was opened for reading: it cannot be added to.")
        self._check_versions(embedder.model_id)
        result = AddResult()
        stored = self.store.digests([d.id for d in documents])
        todo: list[Document] = []
        for doc in documents:
            digest = stored.get(doc.id)
            if digest == document_digest(doc):
                result.unchanged += 1
            else:
                todo.append(doc)
        index = self._index()
        index.catch_up()
        run = analyser or (lambda docs: _batches(docs, embedder))
        done, saved_at = result.unchanged, time.monotonic()
        if on_progress is not None:
            on_progress(done, len(documents))
        fresh, copies = _first_of_each_text(todo)
        fresh, reused = self._reuse(fresh)
        copied = {d.id for d in copies} | {item.document.id for item in reused}
        batches = chain([(len(reused), reused)] if reused else [], run(fresh), self._copies(copies))
        for covered, batch in batches:
            self.store.write(batch)
            for item in batch:
                result.replaced += item.document.id in stored
                result.added += item.document.id not in stored
                result.claims += len(item.analyses)
                result.reused += item.document.id in copied
            index.catch_up()
            done += covered
            if on_progress is not None:
                on_progress(done, len(documents))
            if time.monotonic() - saved_at > INDEX_SAVE_S:
                index.save()
                saved_at = time.monotonic()
        result.not_english = sorted({d.id for d in fresh} - set(self.store.digests([d.id for d in fresh])))
        index.save()
        self.store.checkpoint()
        return result

    def _reuse(self, documents: list[Document]) -> tuple[list[Document], list[Analysed]]:
        """Documents whose text and date are archived under another id take that one's analyses and vectors."""
        fresh: list[Document] = []
        reused: list[Analysed] = []
        for doc in documents:
            same = self.store.by_content(doc)
            if same is None or same.document.id == doc.id:
                fresh.append(doc)
                continue
            vectors = decode_vectors(self.store.vectors(same.claim_rows), DIMENSIONS)
            reused.append(Analysed(doc, [renamed(a, doc) for a in same.analyses], vectors))
        return fresh, reused

    def _copies(self, documents: list[Document]) -> Iterator[tuple[int, list[Analysed]]]:
        """Documents repeating the text of one added earlier in the same run, once that one is stored."""
        for start in range(0, len(documents), ADD_BATCH):
            batch = documents[start : start + ADD_BATCH]
            _, reused = self._reuse(batch)
            yield len(batch), reused

    def remove(self, ids: Sequence[str]) -> list[str]:
        """Remove documents by id; the ids that were not archived are returned apart by the caller."""
        if self._lock is None:
            raise ArchiveError(f"archive {self.folder} was opened for reading: nothing can be removed.")
        removed = self.store.remove(ids)
        index = self._index()
        index.catch_up()
        index.save()
        return removed

    def info(self) -> ArchiveInfo:
        counts = self.store.counts()
        meta = self.store.meta()
        return ArchiveInfo(
            path=str(self.folder),
            documents=int(str(counts["documents"])),
            claims=int(str(counts["claims"])),
            first_published=dt.date.fromisoformat(str(counts["first"])) if counts["first"] else None,
            last_published=dt.date.fromisoformat(str(counts["last"])) if counts["last"] else None,
            model=meta.get("model", ""),
            schema_version=meta.get("schema_version", ""),
            archive_format=meta.get("format", ""),
            size_bytes=_size(self.folder),
        )

    def near(self, vectors: Vectors, k: int, floor: float) -> Nearby:
        """The archived claims among the `k` nearest of any row of `vectors`, at least `floor` similar."""
        hits = self._index().search(vectors, k, floor)
        kept, analyses, documents, blobs = self.store.claims(sorted({row for found in hits.rows for row in found}))
        alive = set(kept)
        wanted = {row for found in hits.rows for row in [r for r in found if r in alive][:k]}
        order = sorted((i for i, row in enumerate(kept) if row in wanted), key=lambda i: _claim_key(analyses[i]))
        used = {analyses[i].claim.doc_id for i in order}
        return Nearby(
            [analyses[i] for i in order],
            decode_vectors([blobs[i] for i in order], DIMENSIONS),
            [d for d in documents if d.id in used],
        )

    def _index(self) -> VectorIndex:
        if self._vectors is None:
            self._vectors = VectorIndex(self.store, writable=self._lock is not None)
        return self._vectors


def _first_of_each_text(documents: list[Document]) -> tuple[list[Document], list[Document]]:
    """The first document of each text and date, and the others (analysed once, then copied)."""
    seen: set[bytes] = set()
    first: list[Document] = []
    copies: list[Document] = []
    for doc in documents:
        digest = content_digest(doc)
        (copies if digest in seen else first).append(doc)
        seen.add(digest)
    return first, copies


def _batches(documents: list[Document], embedder: Embedder) -> Iterator[tuple[int, list[Analysed]]]:
    for start in range(0, len(documents), ADD_BATCH):
        batch = documents[start : start + ADD_BATCH]
        yield len(batch), analyse(batch, embedder)


def _claim_key(analysis: Analysis) -> tuple[str, int]:
    return analysis.claim.doc_id, analysis.claim.start


def _existing(folder: Path) -> None:
    if not folder.exists():
        raise _missing(folder)
    if not folder.is_dir():
        raise ArchiveError(f"{folder} is not a directory: an archive is a directory.")
    if not (folder / DATABASE).is_file():
        raise ArchiveError(f"{folder} is not a checker archive (it holds no {DATABASE}).")


def _missing(folder: Path) -> ArchiveError:
    return ArchiveError(
        f"archive {folder} does not exist: create it with `checker archive add PATHS --archive {folder}`."
    )


def _lock(folder: Path) -> IO[str]:
    try:
        handle = open(folder / LOCK_FILE, "a", encoding="utf-8")  # noqa: SIM115 - held open while writing
    except OSError as error:
        raise storage_error(folder, error) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise ArchiveError(
            f"archive {folder} is being written by another process; try again when it is done."
        ) from None
    return handle


def _base_model(model_id: str) -> str:
    """Backends of one model (torch, ONNX, sentence-transformers) give the same vectors to float32 rounding."""
    return model_id.split("+")[0]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
