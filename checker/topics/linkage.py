"""Average linkage on a sparse nearest-neighbour graph, in about n * TOPIC_NEIGHBOURS work.

Average linkage merges, again and again, the two groups whose members are on average the most
similar, and stops when no two groups reach the threshold. For unit-length vectors the average
cosine between two groups is the dot product of their sums over the product of their sizes, so a
group is kept as the sum of its vectors and a comparison costs one dot product. Only groups joined
by a neighbour link (one member among another's TOPIC_NEIGHBOURS most similar, above the
threshold) are compared: an average can only reach the threshold if some pair of members does.
When no row has more than TOPIC_NEIGHBOURS others above the threshold, the result is exactly full
average linkage.

The queue holds one entry per group, for its best partner; an entry goes stale when either group
changes, and a stale entry that was a group's best makes that group look for its best again.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np

from checker.embed import Vectors
from checker.topics.neighbours import NO_NEIGHBOUR, Indices, Neighbours, nearest

TOPIC_NEIGHBOURS = 30
LINK_CHUNK = 8192  # links whose similarity is computed at once: 2 x 8,192 x 384 doubles, 50 MB

Entry = tuple[float, int, int, int, int]  # (-similarity, first group, second group, their versions)


def average_linkage(vectors: Vectors, min_similarity: float, neighbours: int = TOPIC_NEIGHBOURS) -> list[int]:
    """Each row's group, named by the group's first row."""
    merger = _Merger(vectors, min_similarity)
    merger.link(nearest(vectors, neighbours, min_similarity))
    merger.run()
    return [merger.find(row) for row in range(len(vectors))]


@dataclass
class _Merger:
    vectors: Vectors
    floor: float
    sums: np.ndarray = field(init=False)
    sizes: np.ndarray = field(init=False)
    key: np.ndarray = field(init=False)  # similarity of each group's queued best entry, -inf if none
    parent: list[int] = field(init=False)
    version: list[int] = field(init=False)
    best: list[Entry | None] = field(init=False)
    adjacent: list[set[int]] = field(init=False)
    queue: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        count = len(self.vectors)
        rows = np.asarray(self.vectors, dtype=np.float64)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        self.sums = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
        self.sizes = np.ones(count, dtype=np.float64)
        self.key = np.full(count, -np.inf)
        self.parent = list(range(count))
        self.version = [0] * count
        self.best = [None] * count
        self.adjacent = [set() for _ in range(count)]

    def link(self, graph: Neighbours) -> None:
        count = len(self.parent)
        rows = np.repeat(np.arange(count, dtype=np.int64), graph.indices.shape[1])
        columns = graph.indices.ravel()
        kept = (columns != NO_NEIGHBOUR) & (graph.similarities.ravel() >= self.floor)
        keys = np.unique(np.minimum(rows[kept], columns[kept]) * count + np.maximum(rows[kept], columns[kept]))
        left, right = keys // count, keys % count
        sources, targets = np.concatenate([left, right]), np.concatenate([right, left])
        order = np.argsort(sources, kind="stable")
        bounds = np.cumsum(np.bincount(sources, minlength=count))[:-1]
        self.adjacent = [set(group.tolist()) for group in np.split(targets[order], bounds)]
        similarities = np.tile(self._pair_similarities(left, right), 2)
        self._queue_first_bests(sources, targets, similarities)

    def _pair_similarities(self, left: Indices, right: Indices) -> np.ndarray:
        parts = [
            np.einsum("ij,ij->i", self.sums[left[i : i + LINK_CHUNK]], self.sums[right[i : i + LINK_CHUNK]])
            for i in range(0, len(left), LINK_CHUNK)
        ]
        return np.concatenate(parts) if parts else np.zeros(0)

    def _queue_first_bests(self, sources: Indices, targets: Indices, similarities: np.ndarray) -> None:
        order = np.lexsort((targets, -similarities, sources))
        ordered = sources[order]
        firsts = order[np.r_[True, ordered[1:] != ordered[:-1]]] if len(order) else order
        for source, target, similarity in zip(
            sources[firsts].tolist(), targets[firsts].tolist(), similarities[firsts].tolist(), strict=True
        ):
            if similarity >= self.floor:
                self._push(source, target, similarity)

    def run(self) -> None:
        while self.queue:
            entry = heapq.heappop(self.queue)
            _, a, b, version_a, version_b = entry
            if (
                self.parent[a] == a
                and self.parent[b] == b
                and (self.version[a], self.version[b]) == (version_a, version_b)
            ):
                self._merge(a, b)
                continue
            # Stale: a group whose best this was looks again (its best can only have got worse).
            for group in (a, b):
                if self.best[group] is entry and self.parent[group] == group:
                    self._refresh(group)

    def _merge(self, keep: int, gone: int) -> None:
        self.parent[gone] = keep
        self.version[keep] += 1
        self.sums[keep] += self.sums[gone]
        self.sizes[keep] += self.sizes[gone]
        self.best[gone] = None
        for other in self.adjacent[gone]:
            self.adjacent[other].discard(gone)
            if other != keep:
                self.adjacent[other].add(keep)
        self.adjacent[keep] |= self.adjacent[gone]
        self.adjacent[keep] -= {keep, gone}
        self.adjacent[gone] = set()
        others, similarities = self._similarities(keep)
        self._choose(keep, others, similarities)
        # The new group may now be a neighbour's best: queue it for them.
        gains = (similarities >= self.floor) & (similarities > self.key[others])
        for other, similarity in zip(others[gains].tolist(), similarities[gains].tolist(), strict=True):
            self._push(other, keep, similarity)

    def _refresh(self, group: int) -> None:
        self._choose(group, *self._similarities(group))

    def _similarities(self, group: int) -> tuple[Indices, np.ndarray]:
        others = np.sort(np.fromiter(self.adjacent[group], dtype=np.int64, count=len(self.adjacent[group])))
        if len(others) == 0:
            return others, np.zeros(0)
        return others, (self.sums[others] @ self.sums[group]) / (self.sizes[others] * self.sizes[group])

    def _choose(self, group: int, others: Indices, similarities: np.ndarray) -> None:
        self.best[group], self.key[group] = None, -np.inf
        if len(others) and similarities.max() >= self.floor:
            top = int(np.argmax(similarities))
            self._push(group, int(others[top]), float(similarities[top]))

    def _push(self, group: int, partner: int, similarity: float) -> None:
        first, second = min(group, partner), max(group, partner)
        entry = (-similarity, first, second, self.version[first], self.version[second])
        heapq.heappush(self.queue, entry)
        self.best[group], self.key[group] = entry, similarity

    def find(self, row: int) -> int:
        while self.parent[row] != row:
            self.parent[row] = self.parent[self.parent[row]]
            row = self.parent[row]
        return row
