"""Matters within a topic: a learned chance that two claims say the same, and average linkage on it.

The chance is a logistic model over a few similarities of the pair (their embeddings' cosine, the
cosine of their rare words, the share of words they have in common, and the product of the first
two), trained on FNC-1 training headlines grouped by rumour (`python -m checker.learn.matters`).
Claims are grouped by average linkage on 1 - chance and cut where the average chance falls below
the model's cut. Embeddings alone group by story; the words tell one rumour of a story from another.
A word's rarity is measured over the claims checked together (the collection's own inverse document
frequency): words every claim of a story uses weigh little, which is what tells its rumours apart; so a
matter is relative to what is checked with it, as a topic is. scipy loads on the first grouping.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from checker.embed import Vectors
from checker.errors import ModelError
from checker.topics.words import Vocabulary

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Members of a topic beyond which its matters fall back to embeddings alone: the pair matrices grow with
# the square of the size (a topic of 2,500 claims peaks at about 400-650 MB and takes about 3 s).
PAIRWISE_LIMIT = 2500
LINKAGE_METHOD = "average"


@dataclass(frozen=True)
class PairBlock:
    """The similarities of every pair of a topic's members, each an n x n matrix."""

    dense: np.ndarray
    lexical: np.ndarray
    overlap: np.ndarray


# Similarities, whose weights must be at least 0 (a pair more alike in one is never less likely one matter);
# the plain share of words in common is the exception: beside the rarity-weighted cosine it tells a pair
# that shares rare words (one rumour) from one that shares a story's common words, so its weight is free.
SIGN_FREE = frozenset({"overlap"})
FEATURES: dict[str, Callable[[PairBlock], np.ndarray]] = {
    "dense": lambda block: block.dense,
    "lexical": lambda block: block.lexical,
    "overlap": lambda block: block.overlap,
    "dense_x_lexical": lambda block: block.dense * block.lexical,
}


@dataclass(frozen=True)
class MatterModel:
    """Logistic weights over named FEATURES, and the average chance at which matters are cut.

    The weight of every similarity is at least 0; only SIGN_FREE features may weigh against a match.
    """

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    cut: float

    def __post_init__(self) -> None:
        unknown = sorted(set(self.features) - set(FEATURES))
        if unknown:
            raise ModelError(f"The matter model names features it cannot compute: {', '.join(unknown)}.")
        if len(self.features) != len(self.coefficients):
            raise ModelError(
                f"The matter model has {len(self.coefficients)} weights for {len(self.features)} features."
            )
        signed = [w for name, w in zip(self.features, self.coefficients, strict=True) if name not in SIGN_FREE]
        if not np.all(np.isfinite([*self.coefficients, self.intercept])) or min(signed, default=0) < 0:
            raise ModelError("The matter model's weights must be finite, and a similarity's not below 0.")
        if not 0 < self.cut < 1:
            raise ModelError(f"The matter model's cut must lie between 0 and 1, not {self.cut}.")

    def chance(self, block: PairBlock) -> np.ndarray:
        from scipy.special import expit

        logit = np.full(block.dense.shape, self.intercept)
        for name, weight in zip(self.features, self.coefficients, strict=True):
            logit += weight * FEATURES[name](block)
        return np.asarray(expit(logit))


def pair_block(vectors: Vectors, vocabulary: Vocabulary, members: Sequence[int]) -> PairBlock:
    """The pair similarities among `members` (rows of `vectors` and of `vocabulary.words`)."""
    rows = np.asarray(vectors[list(members)], dtype=np.float64)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    present, weighted = _word_matrices(vocabulary, members)
    shared = (present @ present.T).toarray()
    sizes = np.asarray(present.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    products = (weighted @ weighted.T).toarray()
    lengths = np.sqrt(np.diag(products))
    scale = np.outer(lengths, lengths)
    return PairBlock(
        dense=unit @ unit.T,
        lexical=np.divide(products, scale, out=np.zeros_like(products), where=scale > 0),
        overlap=np.divide(shared, union, out=np.zeros_like(shared), where=union > 0),
    )


def _word_matrices(vocabulary: Vocabulary, members: Sequence[int]) -> tuple[csr_matrix, csr_matrix]:
    """Which words each member has (0/1) and the same weighted by each word's rarity."""
    from scipy.sparse import csr_matrix

    columns: dict[str, int] = {}
    indices: list[int] = []
    weights: list[float] = []
    pointers = [0]
    for member in members:
        for word in sorted(vocabulary.words[member]):
            indices.append(columns.setdefault(word, len(columns)))
            weights.append(vocabulary.weight[word])
        pointers.append(len(indices))
    shape = (len(members), max(len(columns), 1))
    present = csr_matrix((np.ones(len(indices)), indices, pointers), shape=shape)
    weighted = csr_matrix((np.asarray(weights, dtype=np.float64), indices, pointers), shape=shape)
    return present, weighted


def matter_labels(model: MatterModel, block: PairBlock) -> list[int]:
    """Each member's matter (an arbitrary number; members with one number share a matter)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    count = block.dense.shape[0]
    if count < 2:
        return [0] * count
    distance = 1.0 - model.chance(block)
    np.fill_diagonal(distance, 0.0)
    distance = np.clip((distance + distance.T) / 2, 0.0, 1.0)
    tree = linkage(squareform(distance, checks=False), method=LINKAGE_METHOD)
    return [int(label) for label in fcluster(tree, 1.0 - model.cut, criterion="distance")]
