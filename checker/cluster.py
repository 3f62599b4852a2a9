"""Group claims into topics: average-linkage clustering of their embeddings, cut at a similarity.

Average linkage merges, again and again, the two groups whose claims are on average the most
similar, and stops when no two groups reach TOPIC_MIN_SIMILARITY. For unit-length vectors the
average cosine between two groups is the dot product of their mean vectors, so a group is kept as
the sum of its vectors and each comparison costs one dot product. Only groups joined by a
nearest-neighbour link (a claim among another's TOPIC_NEIGHBOURS most similar) are compared, so the
work grows with n * TOPIC_NEIGHBOURS rather than n * n. When every claim has at most
TOPIC_NEIGHBOURS others above the threshold, the result is exactly full average linkage.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from checker.embed import Vectors
from checker.models import Topic
from checker.neighbours import NO_NEIGHBOUR, Indices, nearest

TOPIC_MIN_SIMILARITY = 0.35
TOPIC_NEIGHBOURS = 30
LABEL_CHARS = 80
LABEL_TIE = 1e-6  # closeness differing by rounding only (both members of a pair tie): the first claim wins


@dataclass(frozen=True)
class Clustering:
    topics: list[Topic]
    assignment: list[str]


def cluster(
    claim_ids: list[str], contents: list[str], vectors: Vectors, min_similarity: float = TOPIC_MIN_SIMILARITY
) -> Clustering:
    """Topics numbered in order of their first claim, so the same input gives the same ids."""
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(average_linkage(vectors, min_similarity)):
        groups.setdefault(label, []).append(index)
    names = {label: f"T{number}" for number, label in enumerate(groups, start=1)}
    topics = [
        Topic(id=names[label], label=_label(members, contents, vectors), claim_ids=[claim_ids[i] for i in members])
        for label, members in groups.items()
    ]
    assignment = [""] * len(claim_ids)
    for label, members in groups.items():
        for index in members:
            assignment[index] = names[label]
    return Clustering(topics, assignment)


def average_linkage(vectors: Vectors, min_similarity: float, neighbours: int = TOPIC_NEIGHBOURS) -> list[int]:
    """Each row's group, named by the group's first row."""
    merger = _Merger(vectors)
    graph = nearest(vectors, neighbours)
    rows = np.repeat(np.arange(len(vectors)), graph.indices.shape[1])
    columns = graph.indices.ravel()
    keep = (columns != NO_NEIGHBOUR) & (graph.similarities.ravel() >= min_similarity)
    merger.link(rows[keep], columns[keep], min_similarity)
    merger.run(min_similarity)
    return [merger.find(i) for i in range(len(vectors))]


class _Merger:
    """Greedy average linkage over a sparse graph of groups, each named by its first row."""

    def __init__(self, vectors: Vectors) -> None:
        rows = np.asarray(vectors, dtype=np.float64)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        self.sums = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
        self.sizes = np.ones(len(vectors), dtype=np.float64)
        self.parent = list(range(len(vectors)))
        self.version = [0] * len(vectors)
        self.adjacent: list[set[int]] = [set() for _ in range(len(vectors))]
        self.queue: list[tuple[float, int, int, int, int]] = []

    def link(self, rows: Indices, columns: Indices, min_similarity: float) -> None:
        count = len(self.parent)
        keys = np.unique(np.minimum(rows, columns) * count + np.maximum(rows, columns))
        left, right = keys // count, keys % count
        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            self.adjacent[a].add(b)
            self.adjacent[b].add(a)
        similarities = np.einsum("ij,ij->i", self.sums[left], self.sums[right]).tolist()
        self.queue = [
            (-s, a, b, 0, 0)
            for s, a, b in zip(similarities, left.tolist(), right.tolist(), strict=True)
            if s >= min_similarity
        ]
        heapq.heapify(self.queue)

    def run(self, min_similarity: float) -> None:
        while self.queue:
            _, a, b, version_a, version_b = heapq.heappop(self.queue)
            # Entries are never updated in place: one made before either group last changed is stale.
            if (
                self.parent[a] == a
                and self.parent[b] == b
                and (version_a, version_b)
                == (
                    self.version[a],
                    self.version[b],
                )
            ):
                self._merge(a, b, min_similarity)

    def _merge(self, keep: int, gone: int, min_similarity: float) -> None:
        self.parent[gone] = keep
        self.version[keep] += 1
        self.sums[keep] += self.sums[gone]
        self.sizes[keep] += self.sizes[gone]
        for other in self.adjacent[gone]:
            self.adjacent[other].discard(gone)
            if other != keep:
                self.adjacent[other].add(keep)
        self.adjacent[keep] |= self.adjacent[gone]
        self.adjacent[keep] -= {keep, gone}
        self.adjacent[gone] = set()
        self._queue_neighbours(keep, min_similarity)

    def _queue_neighbours(self, group: int, min_similarity: float) -> None:
        others = sorted(self.adjacent[group])
        if not others:
            return
        similarities = (self.sums[others] @ self.sums[group]) / (self.sizes[others] * self.sizes[group])
        for other, similarity in zip(others, similarities.tolist(), strict=True):
            if similarity >= min_similarity:
                a, b = min(group, other), max(group, other)
                heapq.heappush(self.queue, (-similarity, a, b, self.version[a], self.version[b]))

    def find(self, row: int) -> int:
        while self.parent[row] != row:
            self.parent[row] = self.parent[self.parent[row]]
            row = self.parent[row]
        return row


def _label(members: list[int], contents: list[str], vectors: Vectors) -> str:
    """The member closest to the others: the claim that best states what the topic is about."""
    block = np.asarray(vectors[members], dtype=np.float64)
    # Row sums of the members' similarity matrix, without building the matrix: (B B^T) 1 = B (B^T 1).
    closeness = block @ block.sum(axis=0)
    centre = int(np.flatnonzero(closeness >= closeness.max() - LABEL_TIE)[0])
    text = " ".join(contents[members[centre]].split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
