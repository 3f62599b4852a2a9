"""Background embedding: fixed chunks in input order, the same rows as one call, errors surface."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from checker import background
from checker.background import BackgroundEncoder
from checker.embed import Vectors
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
