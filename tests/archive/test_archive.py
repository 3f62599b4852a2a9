"""The Archive: add (idempotent, replacing, reusing identical texts), info, remove, versions, bad folders."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from checker.archive import Archive
from checker.archive.analyse import analyse
from checker.archive.records import retime
from checker.archive.store import DATABASE
from checker.errors import ArchiveError
from checker.extract import extract
from checker.models import SCHEMA_VERSION, Document
from tests.archive.helpers import riverside_variants, seed_document
from tests.fakes import FakeEmbedder


def build(folder: Path, documents: list[Document]) -> Archive:
    archive = Archive.open_for_writing(folder, FakeEmbedder.model_id)
    archive.add(documents, FakeEmbedder())
    return archive


def test_add_is_idempotent_replaces_changed_documents_and_counts(tmp_path: Path) -> None:
    documents = riverside_variants(3)
    with Archive.open_for_writing(tmp_path / "a", FakeEmbedder.model_id) as archive:
        first = archive.add(documents, FakeEmbedder())
        claims = sum(len(a.analyses) for a in analyse(documents, FakeEmbedder()))
        assert (first.added, first.replaced, first.unchanged, first.claims) == (3, 0, 0, claims)
        again = archive.add(documents, FakeEmbedder())
        assert (again.added, again.replaced, again.unchanged, again.claims) == (0, 0, 3, 0)
        changed = documents[1].model_copy(
            update={"text": documents[1].text + "\n\nMayor Lisa Grant said the plant is safe."}
        )
        third = archive.add([changed], FakeEmbedder())
        assert (third.added, third.replaced) == (0, 1)
        info = archive.info()
        stored = archive.store.document(changed.id)
        assert stored is not None and stored.document == changed
        assert info.documents == 3 and info.claims == claims + 1
        assert str(info.first_published) == "2024-10-09" and info.model == FakeEmbedder.model_id
        assert info.size_bytes > 0


def test_an_identical_text_under_another_id_reuses_the_analyses(tmp_path: Path) -> None:
    original = riverside_variants(1)[0]
    copy = original.model_copy(update={"id": "copy", "source": "Another outlet"})
    with Archive.open_for_writing(tmp_path / "a", FakeEmbedder.model_id) as archive:
        embedder = FakeEmbedder()
        result = archive.add([original, copy], embedder)
        assert (result.added, result.reused) == (2, 1)
        left, right = archive.store.document(original.id), archive.store.document("copy")
        assert left is not None and right is not None
        assert [a.claim.id for a in right.analyses] == [a.claim.id.replace(original.id, "copy") for a in left.analyses]
        assert [a.claim.text for a in right.analyses] == [a.claim.text for a in left.analyses]
        assert {a.doc_source for a in right.analyses} == {"Another outlet"}
        assert archive.store.vectors(right.claim_rows) == archive.store.vectors(left.claim_rows)
        # The copy was not embedded again: only the original's distinct contents were.
        assert len(embedder.texts) == len({a.content for a in left.analyses})


def test_archived_claims_equal_those_of_one_check_of_all_documents(tmp_path: Path) -> None:
    """Per-document analysis plus `retime` gives exactly the claims (timeline order included) of one run."""
    documents = sorted([*riverside_variants(2), seed_document()], key=lambda d: d.id)
    together = extract(documents)
    apart = retime(sorted((a for d in documents for a in extract([d])), key=lambda a: (a.claim.doc_id, a.claim.start)))
    assert [a.claim for a in apart] == [a.claim for a in together]
    assert [(a.content, a.entities, a.time_key) for a in apart] == [
        (a.content, a.entities, a.time_key) for a in together
    ]
    with build(tmp_path / "a", documents) as archive:
        stored = [a for d in documents for a in (archive.store.document(d.id) or pytest.fail()).analyses]
    assert [a.claim for a in retime(stored)] == [a.claim for a in together]


def test_remove_drops_documents_claims_and_their_vectors(tmp_path: Path) -> None:
    documents = riverside_variants(3)
    with build(tmp_path / "a", documents) as archive:
        doomed = archive.store.document(documents[0].id)
        assert doomed is not None
        assert archive.remove([documents[0].id, "never-added"]) == [documents[0].id]
        assert archive.info().documents == 2
        probe = FakeEmbedder().encode([doomed.analyses[0].content])
        near = archive.near(probe, 50, -1.0)
    assert documents[0].id not in {a.claim.doc_id for a in near.analyses}
    assert {a.claim.doc_id for a in near.analyses} == {documents[1].id, documents[2].id}


def test_near_returns_archived_claims_with_their_stored_vectors(tmp_path: Path) -> None:
    documents = riverside_variants(2)
    with build(tmp_path / "a", documents) as archive:
        target = (archive.store.document(documents[1].id) or pytest.fail()).analyses[2]
        query = FakeEmbedder().encode([target.content])
    with Archive.open(tmp_path / "a") as reader:
        near = reader.near(query, 1, 0.5)
    assert [a.claim.id for a in near.analyses] in ([target.claim.id], [target.claim.id.replace("0001", "0000")])
    np.testing.assert_allclose(near.vectors[0], query[0], atol=1e-6)
    assert [d.id for d in near.documents] == [near.analyses[0].claim.doc_id]


def test_another_model_or_version_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    build(tmp_path / "a", riverside_variants(1)).close()
    with pytest.raises(ArchiveError, match="holds vectors of model 'fake-hashing', not 'other-model'"):
        Archive.open(tmp_path / "a", model_id="other-model")
    with sqlite3.connect(tmp_path / "a" / DATABASE) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    connection.close()
    with pytest.raises(
        ArchiveError, match=f"archive format 0, report schema {SCHEMA_VERSION}; this checker reads format 2"
    ):
        Archive.open(tmp_path / "a")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.write_text("x"), "is not a directory"),
        (lambda p: (p.mkdir(), (p / "notes.txt").write_text("mine")), "holds no archive.sqlite3"),
        (lambda p: (p.mkdir(), (p / DATABASE).write_text("not a database " * 100)), "not a checker archive"),
    ],
    ids=["missing", "file", "foreign-folder", "foreign-database"],
)
def test_a_missing_or_foreign_folder_is_refused(tmp_path: Path, make: object, message: str) -> None:
    folder = tmp_path / "archive"
    make(folder)  # type: ignore[operator]
    with pytest.raises(ArchiveError, match=message):
        Archive.open(folder).close()


def test_writing_into_a_foreign_folder_is_refused_and_leaves_it_alone(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(ArchiveError, match="not a checker archive and not empty"):
        Archive.open_for_writing(folder, FakeEmbedder.model_id)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_second_writer_is_refused_while_one_writes(tmp_path: Path) -> None:
    with build(tmp_path / "a", riverside_variants(1)), pytest.raises(ArchiveError, match="another process"):
        Archive.open_for_writing(tmp_path / "a", FakeEmbedder.model_id)
