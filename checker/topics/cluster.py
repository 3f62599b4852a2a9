"""Group claims into topics: average-linkage clustering of their embeddings, cut at a similarity.

Two levels: a topic is a story (cut at TOPIC_MIN_SIMILARITY), loose enough that a denial meets
what it denies, which the rules need; within it, a matter holds the claims that say nearly the
same (cut at MATTER_MIN_SIMILARITY), the grouping a reader or one-rumour evaluation wants.
The linkage itself (sparse, sub-quadratic, exact for small inputs) is in checker.topics.linkage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from checker.embed import Vectors
from checker.models import Topic
from checker.topics.linkage import average_linkage

TOPIC_MIN_SIMILARITY = 0.35
MATTER_MIN_SIMILARITY = 0.55  # chosen on FNC-1 training headlines (benchmarks/matters.py), not on Emergent
LABEL_CHARS = 80
LABEL_TIE = 1e-6  # closeness differing by rounding only (both members of a pair tie): the first claim wins


@dataclass(frozen=True)
class Clustering:
    topics: list[Topic]
    assignment: list[str]
    matters: list[Topic]
    matter_assignment: list[str]


def cluster(
    claim_ids: list[str],
    contents: list[str],
    vectors: Vectors,
    min_similarity: float = TOPIC_MIN_SIMILARITY,
    matter_similarity: float = MATTER_MIN_SIMILARITY,
) -> Clustering:
    """Topics numbered in order of their first claim, so the same input gives the same ids; the
    matters of topic T3 are T3.1, T3.2, ... in the same order."""
    groups = _groups(average_linkage(vectors, min_similarity), range(len(claim_ids)))
    topics, topic_of = _named(groups, "T", claim_ids, contents, vectors)
    assignment = [topic_of[i] for i in range(len(claim_ids))]
    matters: list[Topic] = []
    matter_assignment = [""] * len(claim_ids)
    for topic, members in zip(topics, groups, strict=True):
        cut = average_linkage(vectors[members], matter_similarity) if len(members) > 1 else [0]
        found, names = _named(_groups(cut, members), f"{topic.id}.", claim_ids, contents, vectors)
        matters += found
        for index, name in zip(members, (names[i] for i in members), strict=True):
            matter_assignment[index] = name
    return Clustering(topics, assignment, matters, matter_assignment)


def _groups(labels: Sequence[int], members: Sequence[int]) -> list[list[int]]:
    """`members` grouped by label, groups in order of their first member."""
    found: dict[int, list[int]] = {}
    for index, label in zip(members, labels, strict=True):
        found.setdefault(int(label), []).append(index)
    return list(found.values())


def _named(
    groups: list[list[int]], prefix: str, claim_ids: list[str], contents: list[str], vectors: Vectors
) -> tuple[list[Topic], dict[int, str]]:
    """Topics `prefix`1, `prefix`2, ... of `groups`, and each member's topic id by index."""
    topics: list[Topic] = []
    names: dict[int, str] = {}
    for number, members in enumerate(groups, start=1):
        name = f"{prefix}{number}"
        topics.append(
            Topic(id=name, label=_label(members, contents, vectors), claim_ids=[claim_ids[i] for i in members])
        )
        names.update((i, name) for i in members)
    return topics, names


def _label(members: list[int], contents: list[str], vectors: Vectors) -> str:
    """The member closest to the others: the claim that best states what the topic is about."""
    block = np.asarray(vectors[members], dtype=np.float64)
    # Row sums of the members' similarity matrix, without building the matrix: (B B^T) 1 = B (B^T 1).
    closeness = block @ block.sum(axis=0)
    centre = int(np.flatnonzero(closeness >= closeness.max() - LABEL_TIE)[0])
    text = " ".join(contents[members[centre]].split()).lstrip(" ,;:")
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
