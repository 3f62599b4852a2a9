"""Group claims into topics: average-linkage clustering of their embeddings, cut at a similarity.

The linkage itself (sparse, sub-quadratic, exact for small inputs) is in checker.topics.linkage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checker.embed import Vectors
from checker.models import Topic
from checker.topics.linkage import average_linkage

TOPIC_MIN_SIMILARITY = 0.35
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


def _label(members: list[int], contents: list[str], vectors: Vectors) -> str:
    """The member closest to the others: the claim that best states what the topic is about."""
    block = np.asarray(vectors[members], dtype=np.float64)
    # Row sums of the members' similarity matrix, without building the matrix: (B B^T) 1 = B (B^T 1).
    closeness = block @ block.sum(axis=0)
    centre = int(np.flatnonzero(closeness >= closeness.max() - LABEL_TIE)[0])
    text = " ".join(contents[members[centre]].split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
