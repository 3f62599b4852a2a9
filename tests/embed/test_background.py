"""Background embedding: fixed chunks in input order, the same rows as one call, errors surface."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from checker.embed import background
from checker.embed.background import BackgroundEncoder
from checker.embed.base import OneTorchThread, Vectors
from checker.embed.cache import CachedEmbedder
from checker.errors import ModelError
from tests.fakes import FakeEmbedder

TEXTS = ["Troops crossed the border.", "The ministry denied it.", "Prices rose.", "The bridge reopened.", "Rain fell."]


@pytest.mark.parametrize(
    ("groups", "chunk", "calls"),
    [([TEXTS], 2, [2, 2, 1]), ([TEXTS[:1], TEXTS[1:4], TEXTS[4:]], 2, [2, 2, 1]), ([TEXTS[:3], TEXTS[3:]], 10, [5])],
)
def test_chunks_are_fixed_by_the_input_and_rows_stay_in_order(
    monkeypatch: pytest.MonkeyPatch, groups: list[list[str]], chunk: int, calls: list[int]
) -> None:
    monkeypatch.setattr(background, "EMBED_CHUNK", chunk)
    inner = FakeEmbedder()
    encoder = BackgroundEncoder(inner)
    for group in groups:
        encoder.add(group)
    assert np.array_equal(encoder.result(), FakeEmbedder().encode(TEXTS))
    assert sorted(inner.calls) == sorted(calls)  # chunks run side by side, so calls may start in any order


def test_nothing_added_gives_no_rows() -> None:
    assert BackgroundEncoder(FakeEmbedder()).result().shape == (0, 384)


class BrokenEmbedder:
    model_id = "broken"

    def encode(self, texts: Sequence[str]) -> Vectors:
        raise ModelError("The embedding model is not installed.")


def test_an_embedder_error_reaches_the_caller() -> None:
    encoder = BackgroundEncoder(BrokenEmbedder())
    encoder.add(TEXTS)
    with pytest.raises(ModelError, match="not installed"):
        encoder.result()


class Gate(FakeEmbedder):
    """Records whether any chunk ran before the caller handed over its core."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.started.set()
        return super().encode(texts)


def test_on_one_core_chunks_wait_until_the_caller_hands_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "EMBED_CHUNK", 2)
    inner = Gate()
    encoder = BackgroundEncoder(inner, workers=1)
    encoder.add(TEXTS)
    assert not inner.started.wait(timeout=0.2)  # the caller's parse keeps the only core
    assert encoder.result().shape == (len(TEXTS), 384)
    assert inner.started.is_set()


def test_with_two_cores_a_chunk_runs_while_the_caller_works(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "EMBED_CHUNK", 2)
    inner = Gate()
    encoder = BackgroundEncoder(inner, workers=2)
    encoder.add(TEXTS)
    assert inner.started.wait(timeout=5)
    assert np.array_equal(encoder.result(), FakeEmbedder().encode(TEXTS))


@pytest.fixture
def two_torch_threads() -> Iterator[object]:
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    torch.set_num_threads(2)  # so that one thread is a change even on a one-core machine
    yield torch
    torch.set_num_threads(before)


def test_torch_runs_one_thread_until_the_last_hold_is_released(two_torch_threads: Any) -> None:
    torch = two_torch_threads
    first, second = OneTorchThread(), OneTorchThread()
    first.hold()
    second.hold()
    second.hold()  # every chunk holds; one encoder counts once
    first.release()
    assert torch.get_num_threads() == 1  # the second encoder's chunks still run
    second.release()
    second.release()
    assert torch.get_num_threads() == 2


def test_a_worker_thread_holds_and_the_caller_releases(two_torch_threads: Any) -> None:
    torch = two_torch_threads
    threads, seen = OneTorchThread(), []

    def worker() -> None:
        threads.hold()
        seen.append(torch.get_num_threads())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    threads.release()
    assert seen == [1] and torch.get_num_threads() == 2


def test_each_distinct_text_is_embedded_once_and_every_row_comes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "EMBED_CHUNK", 2)
    inner = FakeEmbedder()
    encoder = BackgroundEncoder(inner, workers=2)
    texts = [TEXTS[0], TEXTS[1], TEXTS[0], TEXTS[2], TEXTS[1], TEXTS[3]]
    encoder.add(texts[:3])
    encoder.add(texts[3:])
    assert np.array_equal(encoder.result(), FakeEmbedder().encode(texts))
    assert sorted(inner.texts) == sorted(TEXTS[:4])


class BatchSensitive(FakeEmbedder):
    """Like the real model, a vector's last bits depend on what else is in its batch."""

    def encode(self, texts: Sequence[str]) -> Vectors:
        return super().encode(texts) + np.float32(1e-6) * len(texts)


def test_with_a_shared_cache_the_rows_never_depend_on_timing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "EMBED_CHUNK", 3)
    wire = [f"Wire copy sentence {i}." for i in range(12)]
    texts = [text for i in range(40) for text in (f"Own sentence {i}.", wire[i % 12])]
    results = []
    for run in range(4):
        cached = CachedEmbedder(BatchSensitive(), tmp_path / f"run-{run}.sqlite3")
        encoder = BackgroundEncoder(cached, workers=4)
        encoder.add(texts)
        results.append(encoder.result())
        cached.close()
    assert all(np.array_equal(results[0], other) for other in results[1:])


class FailingOnce(FakeEmbedder):
    def encode(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(len(texts))
        raise ModelError("The embedding model failed to load.")


def test_after_one_chunk_fails_the_others_do_not_try_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "EMBED_CHUNK", 1)
    inner = FailingOnce()
    encoder = BackgroundEncoder(inner, workers=1)
    encoder.add(TEXTS)
    with pytest.raises(ModelError, match="failed to load"):
        encoder.result()
    assert inner.calls == [1]
