"""Plain metric functions, so the figures can be checked by hand on small cases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from math import comb


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def confusion(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """Rows are gold labels, columns predicted labels, both in `labels` order."""
    counts = Counter(zip(gold, predicted, strict=True))
    return [[counts[(g, p)] for p in labels] for g in labels]


def precision_recall_f1(gold: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand_index(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Hubert and Arabie's ARI: 1 for identical partitions, about 0 for random ones."""
    n = len(gold)
    if n < 2:
        return 1.0
    pairs = sum(comb(c, 2) for c in Counter(zip(gold, predicted, strict=True)).values())
    gold_pairs = sum(comb(c, 2) for c in Counter(gold).values())
    predicted_pairs = sum(comb(c, 2) for c in Counter(predicted).values())
    expected = gold_pairs * predicted_pairs / comb(n, 2)
    maximum = (gold_pairs + predicted_pairs) / 2
    return (pairs - expected) / (maximum - expected) if maximum != expected else 1.0


def rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0
