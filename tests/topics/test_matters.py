"""Matters: pair similarities of a topic's members, and the cut on a learned chance."""

from __future__ import annotations

import numpy as np
import pytest

from checker.errors import ModelError
from checker.topics.matters import MatterModel, PairBlock, matter_labels, pair_block
from checker.topics.words import vocabulary

# Two rumours of one story: a palace denies the king is ill, and a claim he bought an island.
CLAIMS = [
    "The king is gravely ill in hospital",
    "Palace says the king is not ill in hospital",
    "The king bought a private island",
    "A private island was bought by the king",
]
WORDS_ONLY = MatterModel(features=("lexical",), coefficients=(10.0,), intercept=-3.0, cut=0.5)


def _unit(rows: np.ndarray) -> np.ndarray:
    return np.asarray(rows / np.linalg.norm(rows, axis=1, keepdims=True), dtype=np.float32)


def test_pair_similarities_are_cosines_of_vectors_and_of_weighted_words() -> None:
    vectors = _unit(np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 2.0]]))
    block = pair_block(vectors, vocabulary(CLAIMS), [0, 1, 2, 3])
    assert block.dense[0, 1] == pytest.approx(2**-0.5)
    assert block.dense[2, 3] == pytest.approx(1.0)
    assert np.allclose(np.diag(block.lexical), 1.0)
    assert block.lexical[0, 1] > block.lexical[0, 2] > 0  # "ill", "hospital" shared against "king" alone
    assert block.lexical[2, 3] > block.lexical[1, 3]
    assert block.overlap[2, 3] == pytest.approx(1.0)  # {king, bought, private, island} both ways
    assert np.allclose(block.lexical, block.lexical.T) and np.allclose(block.overlap, block.overlap.T)


def test_a_claim_without_content_words_is_like_no_other() -> None:
    vectors = _unit(np.ones((2, 3)))
    block = pair_block(vectors, vocabulary(["It is.", "The king is ill."]), [0, 1])
    assert block.lexical[0, 1] == 0.0 and block.overlap[0, 1] == 0.0 and block.lexical[0, 0] == 0.0


def test_the_chance_grows_with_each_positively_weighted_feature() -> None:
    model = MatterModel(features=("dense", "lexical"), coefficients=(2.0, 3.0), intercept=-2.0, cut=0.5)
    low, high = (np.full((1, 1), value) for value in (0.1, 0.9))
    chances = [model.chance(PairBlock(d, w, low)) for d, w in ((low, low), (high, low), (high, high))]
    assert chances[0][0, 0] < chances[1][0, 0] < chances[2][0, 0]
    assert chances[2][0, 0] == pytest.approx(1 / (1 + np.exp(-(2.0 * 0.9 + 3.0 * 0.9 - 2.0))))


def test_one_story_splits_into_its_rumours_by_their_words() -> None:
    vectors = _unit(np.ones((4, 8)))  # embeddings alone cannot tell the rumours apart
    labels = matter_labels(WORDS_ONLY, pair_block(vectors, vocabulary(CLAIMS), [0, 1, 2, 3]))
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_the_cut_decides_how_much_is_joined() -> None:
    block = pair_block(_unit(np.ones((4, 8))), vocabulary(CLAIMS), [0, 1, 2, 3])
    strict = MatterModel(features=("lexical",), coefficients=(10.0,), intercept=-3.0, cut=0.99999)
    loose = MatterModel(features=("lexical",), coefficients=(10.0,), intercept=-3.0, cut=0.001)
    assert len(set(matter_labels(strict, block))) == 4
    assert len(set(matter_labels(loose, block))) == 1


@pytest.mark.parametrize(
    ("features", "coefficients", "cut", "message"),
    [
        (("dense",), (-1.0,), 0.5, "not below 0"),
        (("colour",), (1.0,), 0.5, "cannot compute: colour"),
        (("dense",), (1.0, 2.0), 0.5, "2 weights for 1"),
        (("dense",), (1.0,), 1.0, "between 0 and 1"),
    ],
)
def test_a_model_that_cannot_be_used_is_refused(
    features: tuple[str, ...], coefficients: tuple[float, ...], cut: float, message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        MatterModel(features=features, coefficients=coefficients, intercept=0.0, cut=cut)


def test_the_plain_overlap_may_weigh_against_a_match() -> None:
    model = MatterModel(features=("lexical", "overlap"), coefficients=(2.0, -1.0), intercept=0.0, cut=0.5)
    assert model.coefficients[1] < 0


def test_a_single_member_is_its_own_matter() -> None:
    block = pair_block(_unit(np.ones((1, 4))), vocabulary(CLAIMS[:1]), [0])
    assert matter_labels(WORDS_ONLY, block) == [0]
