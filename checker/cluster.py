"""Group claims into topics: average-linkage clustering of their embeddings, cut at a similarity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checker.embed import Vectors
from checker.models import Topic

TOPIC_MIN_SIMILARITY = 0.35
LABEL_CHARS = 80


@dataclass(frozen=True)
class Clustering:
    topics: list[Topic]
    assignment: list[str]


def cluster(
    claim_ids: list[str], contents: list[str], vectors: Vectors, min_similarity: float = TOPIC_MIN_SIMILARITY
) -> Clustering:
    """Topics numbered in order of their first claim, so the same input gives the same ids."""
    labels = _labels(vectors, min_similarity)
    order: dict[int, str] = {}
    for label in labels:
        order.setdefault(int(label), f"T{len(order) + 1}")
    assignment = [order[int(label)] for label in labels]
    topics = []
    for raw, topic_id in order.items():
        members = [i for i, label in enumerate(labels) if int(label) == raw]
        topics.append(
            Topic(id=topic_id, label=_label(members, contents, vectors), claim_ids=[claim_ids[i] for i in members])
        )
    return Clustering(topics, assignment)


def _labels(vectors: Vectors, min_similarity: float) -> list[int]:
    if len(vectors) < 2:
        return [0] * len(vectors)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    distances = np.clip(pdist(vectors.astype(np.float64), metric="cosine"), 0.0, 2.0)
    tree = linkage(distances, method="average")
    return [int(x) for x in fcluster(tree, t=1.0 - min_similarity, criterion="distance")]


def _label(members: list[int], contents: list[str], vectors: Vectors) -> str:
    """The member closest to the others: the claim that best states what the topic is about."""
    block = vectors[members]
    centre = int(np.argmax((block @ block.T).sum(axis=1)))
    text = " ".join(contents[members[centre]].split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
