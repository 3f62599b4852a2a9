"""`--engine ray` writes the same archive as the local engine: identical claims and vectors (a local Ray)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.archive import Archive
from checker.archive.ray_engine import ray_analyser
from checker.embed import MiniLMEmbedder
from tests.archive.helpers import riverside_variants, seed_document

ray = pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")

pytestmark = pytest.mark.model

RAY_CPUS = 2


@pytest.fixture(scope="module")
def local_ray() -> object:
    ray.init(num_cpus=RAY_CPUS, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def contents(folder: Path, ids: list[str]) -> list[tuple[str, list[str], list[bytes]]]:
    with Archive.open(folder) as archive:
        found = []
        for doc_id in ids:
            stored = archive.store.document(doc_id)
            assert stored is not None
            claims = [a.claim.model_dump_json() + a.content for a in stored.analyses]
            found.append((doc_id, claims, archive.store.vectors(stored.claim_rows)))
        return found


def test_the_ray_engine_writes_the_same_claims_and_vectors_as_the_local_one(local_ray: object, tmp_path: Path) -> None:
    documents = [seed_document(), *riverside_variants(40)]
    non_english = documents[0].model_copy(update={"id": "other", "text": "Это совсем не английский текст, а русский."})
    documents.append(non_english)
    embedder = MiniLMEmbedder()
    with Archive.open_for_writing(tmp_path / "local", embedder.model_id) as archive:
        local = archive.add(documents, embedder)
    with Archive.open_for_writing(tmp_path / "ray", embedder.model_id) as archive:
        distributed = archive.add(documents, embedder, analyser=ray_analyser(embedder))
    assert local == distributed
    assert local.not_english == ["other"] and local.added == len(documents) - 1
    ids = sorted(d.id for d in documents if d.id != "other")
    assert contents(tmp_path / "ray", ids) == contents(tmp_path / "local", ids)
