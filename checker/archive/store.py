"""The archive's documents, claims (with their analyses) and vectors, in one SQLite file.

SQLite carries what must never be lost or half-written: WAL, so readers keep reading a consistent
snapshot while one writer adds; each batch of documents is one transaction, so a process killed
mid-add loses only the batch in flight and leaves the archive as it was after the last commit.
Claim rows are numbered by AUTOINCREMENT (never reused), which lets the vector index
(checker.archive.vectors) tell which claims it has not seen yet; removed claims are logged for it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.archive.records import (
    Analysed,
    content_digest,
    decode_analysis,
    document_digest,
    encode_analysis,
    encode_vector,
)
from checker.errors import ArchiveError
from checker.extract import Analysis
from checker.models import Document

DATABASE = "archive.sqlite3"
BUSY_TIMEOUT_S = 60.0  # a reader or a second writer waits this long for the writer's commit
LOOKUP_CHUNK = 500  # ids per SELECT: SQLite caps the variables of one statement
ANALYSIS_COMPRESSION = 6  # zlib level of the stored analysis JSON: a third of its size, ~40 us a claim
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, digest BLOB NOT NULL,
    content BLOB NOT NULL, source TEXT, published TEXT, url TEXT, text TEXT NOT NULL, claims INTEGER NOT NULL
);
CREATE INDEX documents_content ON documents (content);
CREATE TABLE claims (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT, doc INTEGER NOT NULL, analysis BLOB NOT NULL, vector BLOB NOT NULL
);
CREATE INDEX claims_doc ON claims (doc);
CREATE TABLE removed (seq INTEGER PRIMARY KEY AUTOINCREMENT, claim INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    analyses: list[Analysis]
    claim_rows: list[int]


class Store:
    """One connection to the archive's database; `writable` decides whether it may change it."""

    def __init__(self, folder: Path, *, writable: bool, create: bool = False) -> None:
        self.folder = folder
        self.path = folder / DATABASE
        self.writable = writable
        self.connection = self._connect(create)

    def _connect(self, create: bool) -> sqlite3.Connection:
        mode = "rwc" if create else ("rw" if self.writable else "ro")
        if not self.writable and _read_only(self.folder):
            # Nobody can write here, so nothing can change under a reader: SQLite may skip the WAL's
            # shared-memory file, which it could not create in a read-only directory.
            mode += "&immutable=1"
        try:
            connection = sqlite3.connect(
                f"{self.path.as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
            )
        except sqlite3.Error as error:
            raise storage_error(self.folder, error) from None
        try:
            if create:
                connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as error:
            connection.close()
            raise storage_error(self.folder, error) from None
        return connection

    def close(self) -> None:
        self.connection.close()

    def create(self, meta: dict[str, str]) -> None:
        with self.transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.connection.execute(statement)
            self.connection.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))

    def meta(self) -> dict[str, str]:
        try:
            return dict(self.connection.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise storage_error(self.folder, error) from None

    def set_meta(self, values: dict[str, str]) -> None:
        with self.transaction():
            self.connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(values.items()))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: all of it is committed, or none of it (also when the process dies)."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise storage_error(self.folder, error) from None
        try:
            yield self.connection
        except BaseException as failure:
            with suppress(sqlite3.Error):  # SQLite may have rolled back already (a full disk does that)
                self.connection.execute("ROLLBACK")
            if isinstance(failure, sqlite3.Error):
                raise storage_error(self.folder, failure) from None
            raise
        try:
            self.connection.execute("COMMIT")
        except sqlite3.Error as error:
            raise storage_error(self.folder, error) from None

    def digests(self, ids: Sequence[str]) -> dict[str, bytes]:
        """The stored digest of each of `ids` that is archived."""
        found: dict[str, bytes] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self._read(f"SELECT id, digest FROM documents WHERE id IN ({marks})", chunk)
            found.update((str(i), bytes(d)) for i, d in rows)
        return found

    def by_content(self, doc: Document) -> StoredDocument | None:
        """An archived document with the same text and date, if any: its analyses can be reused."""
        rows = self._read("SELECT id FROM documents WHERE content = ? ORDER BY rowid LIMIT 1", [content_digest(doc)])
        return self.document(str(rows[0][0])) if rows else None

    def document(self, doc_id: str) -> StoredDocument | None:
        rows = self._read("SELECT rowid, id, source, published, url, text FROM documents WHERE id = ?", [doc_id])
        if not rows:
            return None
        rowid, _, source, published, url, text = rows[0]
        date = dt.date.fromisoformat(published) if published else None
        document = Document(id=doc_id, text=text, source=source, url=url, published=date)
        claims = self._read("SELECT rowid, analysis FROM claims WHERE doc = ? ORDER BY rowid", [rowid])
        return StoredDocument(document, [_unpacked(a) for _, a in claims], [int(r) for r, _ in claims])

    def write(self, batch: Sequence[Analysed]) -> None:
        """Add or replace the documents of `batch` in one transaction."""
        with self.transaction() as connection:
            for item in batch:
                self._remove(connection, item.document.id)
                doc = item.document
                cursor = connection.execute(
                    "INSERT INTO documents (id, digest, content, source, published, url, text, claims)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc.id,
                        document_digest(doc),
                        content_digest(doc),
                        doc.source,
                        doc.published.isoformat() if doc.published else None,
                        doc.url,
                        doc.text,
                        len(item.analyses),
                    ),
                )
                connection.executemany(
                    "INSERT INTO claims (doc, analysis, vector) VALUES (?, ?, ?)",
                    [
                        (cursor.lastrowid, _packed(a), encode_vector(v))
                        for a, v in zip(item.analyses, item.vectors, strict=True)
                    ],
                )

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file, so that the size on disk is the archive's."""
        try:
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            raise storage_error(self.folder, error) from None

    def remove(self, ids: Sequence[str]) -> list[str]:
        """Remove the documents of `ids`, in one transaction; the ids that were archived."""
        removed: list[str] = []
        with self.transaction() as connection:
            for doc_id in ids:
                if self._remove(connection, doc_id):
                    removed.append(doc_id)
        return removed

    def _remove(self, connection: sqlite3.Connection, doc_id: str) -> bool:
        row = connection.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return False
        connection.execute("INSERT INTO removed (claim) SELECT rowid FROM claims WHERE doc = ?", (row[0],))
        connection.execute("DELETE FROM claims WHERE doc = ?", (row[0],))
        connection.execute("DELETE FROM documents WHERE rowid = ?", (row[0],))
        return True

    def claims(self, rows: Sequence[int]) -> tuple[list[int], list[Analysis], list[Document], list[bytes]]:
        """The claims of `rows` that still exist (in order of row), their documents and vectors."""
        found: dict[int, tuple[int, bytes, bytes]] = {}
        for chunk in _chunks(sorted(set(rows))):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT rowid, doc, analysis, vector FROM claims WHERE rowid IN ({marks})"
            found.update((int(r), (int(d), bytes(a), bytes(v))) for r, d, a, v in self._read(query, chunk))
        kept = sorted(found)
        docs = self._documents(sorted({found[r][0] for r in kept}))
        return kept, [_unpacked(found[r][1]) for r in kept], docs, [found[r][2] for r in kept]

    def vectors(self, rows: Sequence[int]) -> list[bytes]:
        found: dict[int, bytes] = {}
        for chunk in _chunks(sorted(set(rows))):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT rowid, vector FROM claims WHERE rowid IN ({marks})"
            found.update((int(r), bytes(v)) for r, v in self._read(query, chunk))
        return [found[r] for r in rows]

    def _documents(self, rowids: list[int]) -> list[Document]:
        documents: list[Document] = []
        for chunk in _chunks(rowids):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, source, published, url, text FROM documents WHERE rowid IN ({marks})"
            for doc_id, source, published, url, text in self._read(query, chunk):
                date = dt.date.fromisoformat(published) if published else None
                documents.append(Document(id=doc_id, text=text, source=source, published=date, url=url))
        return sorted(documents, key=lambda d: d.id)

    def claims_after(self, last_row: int, limit: int) -> list[tuple[int, bytes]]:
        """Claim rows above `last_row`, with their vectors: what the vector index has not seen."""
        rows = self._read("SELECT rowid, vector FROM claims WHERE rowid > ? ORDER BY rowid LIMIT ?", [last_row, limit])
        return [(int(r), bytes(v)) for r, v in rows]

    def removed_after(self, last_seq: int) -> list[tuple[int, int]]:
        rows = self._read("SELECT seq, claim FROM removed WHERE seq > ? ORDER BY seq", [last_seq])
        return [(int(s), int(c)) for s, c in rows]

    def last_rows(self) -> tuple[int, int]:
        """The highest claim row ever given and the highest removal logged (0 for none)."""
        rows = self._read("SELECT name, seq FROM sqlite_sequence", [])
        seqs = {str(n): int(s) for n, s in rows}
        return seqs.get("claims", 0), seqs.get("removed", 0)

    def counts(self) -> dict[str, object]:
        (documents, claims, first, last) = self._read(
            "SELECT COUNT(*), COALESCE(SUM(claims), 0), MIN(published), MAX(published) FROM documents", []
        )[0]
        return {"documents": int(documents), "claims": int(claims), "first": first, "last": last}

    def document_ids(self) -> list[str]:
        return [str(r[0]) for r in self._read("SELECT id FROM documents ORDER BY id", [])]

    def _read(self, query: str, parameters: Sequence[object]) -> list[tuple[Any, ...]]:
        try:
            return list(self.connection.execute(query, list(parameters)).fetchall())
        except sqlite3.Error as error:
            raise storage_error(self.folder, error) from None


def _packed(analysis: Analysis) -> bytes:
    return zlib.compress(encode_analysis(analysis).encode("utf-8"), ANALYSIS_COMPRESSION)


def _unpacked(blob: bytes) -> Analysis:
    return decode_analysis(zlib.decompress(blob).decode("utf-8"))


def _read_only(folder: Path) -> bool:
    """A read-only file system, or a directory this user may not write (root may write anywhere else)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
    except OSError:
        return False


def storage_error(folder: Path, error: BaseException) -> ArchiveError:
    """One line that says what went wrong with the archive, and that nothing committed was lost."""
    text = str(error)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered or getattr(error, "errno", None) in READ_ONLY_ERRNOS:
        return ArchiveError(f"archive {folder} is read-only: nothing was changed.")
    if "disk is full" in lowered or getattr(error, "errno", None) == errno.ENOSPC:
        return ArchiveError(
            f"the disk holding archive {folder} is full: the batch in progress was not added; "
            "everything added before it is kept."
        )
    if "unable to open" in lowered or "not a database" in lowered or "no such table" in lowered:
        return ArchiveError(f"{folder} is not a checker archive (or it is damaged): {text}.")
    return ArchiveError(f"archive {folder} cannot be used: {text}.")


def _chunks(values: list[object] | list[int] | list[str]) -> Iterator[list[object]]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield list(values[start : start + LOOKUP_CHUNK])
