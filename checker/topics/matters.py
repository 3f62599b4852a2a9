"""Matters within a topic: a learned chance that two claims say the same, and average linkage on it.

The chance is a logistic model over a few similarities of the pair (their embeddings' cosine, the
cosine of their rare words, the share of words they have in common, and the product of the first
two), trained on FNC-1 training headlines grouped by rumour (`python -m checker.learn.matters`).
Claims are grouped by average linkage on 1 - chance and cut where the average chance falls below
the model's cut. Embeddings alone group by story; the words tell one rumour of a story from another.
scipy loads on the first grouping, not on import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from checker.embed import Vectors

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
from checker.topics.words import Vocabulary

PAIRWISE_LIMIT = 2500  # members of a topic beyond which its matters fall back to embeddings alone (n^2 memory)
LINKAGE_METHOD = "average"


@dataclass(frozen=True)
class PairBlock:
    """The similarities of every pair of a topic's members, each an n x n matrix."""

    dense: np.ndarray
    lexical: np.ndarray
    overlap: np.ndarray


FEATURES: dict[str, Callable[[PairBlock], np.ndarray]] = {
    "dense": lambda block: block.dense,
    "lexical": lambda block: block.lexical,
    "overlap": lambda block: block.overlap,
    "dense_x_lexical": lambda block: block.dense * block.lexical,
}


@dataclass(frozen=True)
class MatterModel:
    """Logistic weights over named FEATURES, and the average chance at which matters are cut."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    cut: float

    def chance(self, block: PairBlock) -> np.ndarray:
        logit = np.full(block.dense.shape, self.intercept)
        for name, weight in zip(self.features, self.coefficients, strict=True):
            logit += weight * FEATURES[name](block)
        return np.asarray(1.0 / (1.0 + np.exp(-logit)))


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
