"""Group claims into topics: average-linkage clustering of their embeddings, cut at a similarity.

Two levels: a topic is a story (cut at TOPIC_MIN_SIMILARITY), loose enough that a denial meets
what it denies, which the rules need; within it, a matter holds the claims that say nearly the
same, the grouping a reader or one-rumour evaluation wants: cut by a learned chance that two claims
say the same (checker.topics.matters) when a model is given, else at MATTER_MIN_SIMILARITY.
The linkage itself (sparse, sub-quadratic, exact for small inputs) is in checker.topics.linkage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from checker.embed import Vectors
from checker.models import Topic
from checker.topics.linkage import average_linkage
from checker.topics.matters import PAIRWISE_LIMIT, MatterModel, matter_labels, pair_block
from checker.topics.words import Vocabulary, vocabulary

TOPIC_MIN_SIMILARITY = 0.35
MATTER_MIN_SIMILARITY = 0.55  # the embedding-only cut (no model, a topic too large); chosen on FNC-1 training
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
    matter_model: MatterModel | None = None,
) -> Clustering:
    """Topics numbered in order of their first claim, so the same input gives the same ids; the
    matters of topic T3 are T3.1, T3.2, ... in the same order."""
    groups = _groups(average_linkage(vectors, min_similarity), range(len(claim_ids)))
    topics, topic_of = _named(groups, "T", claim_ids, contents, vectors)
    assignment = [topic_of[i] for i in range(len(claim_ids))]
    matters: list[Topic] = []
    matter_assignment = [""] * len(claim_ids)
    words = vocabulary(contents) if matter_model is not None else None
    for topic, members in zip(topics, groups, strict=True):
        cut = _matter_cut(vectors, members, matter_similarity, matter_model, words)
        found, names = _named(_groups(cut, members), f"{topic.id}.", claim_ids, contents, vectors)
        matters += found
        for index, name in zip(members, (names[i] for i in members), strict=True):
            matter_assignment[index] = name
    return Clustering(topics, assignment, matters, matter_assignment)


def _matter_cut(
    vectors: Vectors,
    members: list[int],
    matter_similarity: float,
    model: MatterModel | None,
    words: Vocabulary | None,
) -> Sequence[int]:
    """Each member's matter label: by the learned model if given (and the topic not too large)."""
    if len(members) < 2:
        return [0] * len(members)
    if model is not None and words is not None and len(members) <= PAIRWISE_LIMIT:
        return matter_labels(model, pair_block(vectors, words, members))
    return average_linkage(vectors[members], matter_similarity)


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
