"""Nearest neighbours: exact blocks against brute force; the partitioned search on clustered data."""

from __future__ import annotations

import numpy as np
import pytest

from checker.topics import neighbours
from checker.topics.neighbours import NO_NEIGHBOUR, nearest, search

DIMENSIONS = 384


def unit_rows(count: int, seed: int, centres: int = 0, spread: float = 0.3) -> np.ndarray:
    """Random unit vectors; with `centres`, scattered around that many story centres."""
    generator = np.random.default_rng(seed)
    rows = generator.normal(size=(count, DIMENSIONS))
    if centres:
        anchors = generator.normal(size=(centres, DIMENSIONS))
        anchors /= np.linalg.norm(anchors, axis=1, keepdims=True)
        rows = anchors[generator.integers(0, centres, count)] + spread * rows / np.sqrt(DIMENSIONS)
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def brute_force(vectors: np.ndarray, k: int) -> np.ndarray:
    scores = vectors @ vectors.T
    np.fill_diagonal(scores, -np.inf)
    return np.argsort(-scores, axis=1, kind="stable")[:, :k]


@pytest.mark.parametrize(("count", "k"), [(2, 1), (5, 10), (40, 7), (1500, 20)])
def test_exact_search_matches_brute_force(count: int, k: int) -> None:
    vectors = unit_rows(count, seed=count)
    found = nearest(vectors, k)
    expected = brute_force(vectors, min(k, count))
    width = min(k, count - 1)
    assert np.array_equal(found.indices[:, :width], expected[:, :width])
    assert (found.indices[:, width:] == NO_NEIGHBOUR).all()
    assert np.all(np.diff(found.similarities[:, :width], axis=1) <= 0)


def test_one_row_has_no_neighbour() -> None:
    found = nearest(unit_rows(1, seed=1), 5)
    assert (found.indices == NO_NEIGHBOUR).all()


def test_search_between_two_sets_excludes_the_query_itself() -> None:
    vectors = unit_rows(30, seed=3)
    queries, pool = np.array([0, 5]), np.arange(10)
    found = search(vectors, queries, pool, 3)
    assert not any(q in row for q, row in zip(queries, found.indices, strict=True))
    assert set(found.indices.ravel()) <= set(pool.tolist())


@pytest.mark.parametrize(("count", "centres"), [(2000, 40), (2000, 160)])
def test_partitioned_search_finds_nearly_all_true_neighbours(
    monkeypatch: pytest.MonkeyPatch, count: int, centres: int
) -> None:
    monkeypatch.setattr(neighbours, "EXACT_LIMIT", 100)
    vectors = unit_rows(count, seed=centres, centres=centres)
    k = 10
    found = nearest(vectors, k).indices
    expected = brute_force(vectors, k)
    recall = np.mean([len(set(a) & set(b)) / k for a, b in zip(found, expected, strict=True)])
    assert recall >= 0.95
    assert np.array_equal(found, nearest(vectors, k).indices)
