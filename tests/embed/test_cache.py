"""The embedding cache: a re-check embeds only what changed; a broken cache never breaks a check."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from checker import check
from checker.embed.cache import CachedEmbedder, default_cache_path
from checker.models import Document
from tests.fakes import FakeEmbedder

PUBLISHED = dt.date(2024, 10, 28)
DRAFT = (
    "Fire chief Dana Holt said that 300 residents were evacuated from the Eastside district on Monday.\n\n"
    "Mayor Luis Ortega said that the evacuation of the Eastside district was ordered as a precaution.\n\n"
    "The regional health office said that no injuries had been reported in the Eastside district."
)
EDITED = DRAFT.replace("300 residents", "450 residents")
TEXTS = ["Troops crossed the border at dawn.", "The ministry denied the report.", "Troops crossed the border at dawn."]


def _check(text: str, embedder: FakeEmbedder, cache: Path) -> list[str]:
    report = check([Document(id="draft", text=text, published=PUBLISHED)], embedder=embedder, cache=cache)
    return [c.text for c in report.claims]


def test_recheck_of_an_edited_draft_embeds_only_the_changed_sentence(tmp_path: Path) -> None:
    cache = tmp_path / "embeddings.sqlite3"
    first, second = FakeEmbedder(), FakeEmbedder()
    before = _check(DRAFT, first, cache)
    after = _check(EDITED, second, cache)
    (changed,) = [text for text in after if text not in before]
    assert len(second.texts) == 1 and second.texts[0] in changed
    assert len(first.texts) >= len(before)


def test_unchanged_recheck_embeds_nothing_and_gives_the_same_report(tmp_path: Path) -> None:
    cache = tmp_path / "embeddings.sqlite3"
    document = Document(id="draft", text=DRAFT, published=PUBLISHED)
    cold = check([document], embedder=FakeEmbedder(), cache=cache)
    again = FakeEmbedder()
    warm = check([document], embedder=again, cache=cache)
    assert again.texts == []
    assert warm == cold


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[:1], ["ünïcode “quotes” — and a dash"]])
def test_vectors_read_back_are_the_vectors_computed(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "embeddings.sqlite3"
    expected = FakeEmbedder().encode(texts)
    writer = CachedEmbedder(FakeEmbedder(), path)
    assert np.array_equal(writer.encode(texts), expected)
    writer.close()
    reader = CachedEmbedder(FakeEmbedder(), path)
    vectors = reader.encode(texts)
    assert reader.embedded == 0
    assert vectors.dtype == np.float32 and np.array_equal(vectors, expected)


def test_duplicates_in_one_batch_are_embedded_once(tmp_path: Path) -> None:
    inner = FakeEmbedder()
    vectors = CachedEmbedder(inner, tmp_path / "c.sqlite3").encode(TEXTS)
    assert inner.texts == TEXTS[:2]
    assert np.array_equal(vectors[0], vectors[2])


def test_models_do_not_share_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    CachedEmbedder(FakeEmbedder(), path).encode(TEXTS)
    other = FakeEmbedder()
    other.model_id = "another-model"
    CachedEmbedder(other, path).encode(TEXTS)
    assert other.texts == TEXTS[:2]


def _not_a_database(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not an SQLite database, just some bytes " * 100)
    return path


def _under_a_file(tmp_path: Path) -> Path:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x", encoding="utf-8")
    return blocker / "c.sqlite3"


def _a_directory(tmp_path: Path) -> Path:
    return tmp_path


def _wrong_vector_size(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    CachedEmbedder(FakeEmbedder(), path).encode(TEXTS[:1])
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE embeddings SET vector = ?", [np.zeros(3, dtype="<f4").tobytes()])
    return path


@pytest.mark.parametrize("make", [_not_a_database, _under_a_file, _a_directory, _wrong_vector_size])
def test_a_broken_cache_warns_once_and_the_check_goes_on(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    warnings: list[str] = []
    cached = CachedEmbedder(FakeEmbedder(), make(tmp_path), on_warning=warnings.append)
    first = cached.encode(TEXTS)
    second = cached.encode(TEXTS[::-1])
    assert np.array_equal(first, FakeEmbedder().encode(TEXTS))
    assert np.array_equal(second, FakeEmbedder().encode(TEXTS[::-1]))
    assert len(warnings) == 1 and "continuing without it" in warnings[0]


def _fill(path: str, offset: int) -> None:
    cached = CachedEmbedder(FakeEmbedder(), Path(path), on_warning=_raise)
    for start in range(0, 200, 20):
        cached.encode([f"sentence number {(start + i + offset) % 300}" for i in range(20)])
    cached.close()


def _raise(message: str) -> None:
    raise AssertionError(message)


def test_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    workers = [multiprocessing.get_context("spawn").Process(target=_fill, args=(str(path), o)) for o in (0, 100)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM embeddings").fetchone() == (300,)


@pytest.mark.parametrize(
    ("xdg", "expected"),
    [
        ("/tmp/xdg", Path("/tmp/xdg/checker/embeddings.sqlite3")),
        ("", Path.home() / ".cache/checker/embeddings.sqlite3"),
    ],
)
def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, xdg: str, expected: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert default_cache_path() == expected


def test_chunks_embedded_side_by_side_share_one_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.embed import background

    monkeypatch.setattr(background, "EMBED_CHUNK", 7)
    path = tmp_path / "c.sqlite3"
    texts = [f"sentence number {i}" for i in range(300)]
    cached = CachedEmbedder(FakeEmbedder(), path, on_warning=_raise)
    encoder = background.BackgroundEncoder(cached, workers=4)
    encoder.add(texts)
    assert np.array_equal(encoder.result(), FakeEmbedder().encode(texts))
    cached.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM embeddings").fetchone() == (300,)
