"""Background embedding: fixed chunks in input order, the same rows as one call, errors surface."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from checker import background
from checker.background import BackgroundEncoder
from checker.embed import OneTorchThread, Vectors
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


def test_torch_runs_one_thread_while_held_and_gets_its_threads_back() -> None:
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    threads = OneTorchThread()
    threads.hold()
    threads.hold()  # every chunk holds; the first count seen is the one restored
    assert torch.get_num_threads() == 1
    threads.release()
    assert torch.get_num_threads() == before
