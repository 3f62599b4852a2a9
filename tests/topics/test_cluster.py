"""Topics: sparse average linkage against full average linkage, and stories across outlets."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from checker.embed.base import Embedder
from checker.learn import load_matter_model
from checker.topics.cluster import TOPIC_MIN_SIMILARITY, cluster
from checker.topics.linkage import average_linkage
from checker.topics.matters import MatterModel
from tests.topics.test_neighbours import unit_rows

# One story per row, as three outlets would tell it.
STORIES = [
    [
        "A fire broke out overnight at a chemical plant in Dayton, Ohio, forcing hundreds of residents to leave.",
        "Hundreds of Dayton residents were evacuated after a blaze tore through a chemical factory overnight.",
        "Firefighters battled flames at an Ohio chemical plant through the night as nearby homes were emptied.",
    ],
    [
        "The central bank raised its main interest rate by a quarter point to fight stubborn inflation.",
        "Policymakers lifted borrowing costs by 0.25 percentage points, citing inflation that refuses to ease.",
        "Interest rates went up again on Thursday as the central bank tried to cool rising prices.",
    ],
    [
        "The striker completed his transfer to Madrid for a club-record fee on Monday.",
        "Madrid signed the forward on Monday, paying more than they have ever paid for a player.",
        "The club confirmed the record signing of the striker, who joins Madrid on a five-year contract.",
    ],
]


def scipy_labels(vectors: np.ndarray, min_similarity: float) -> list[int]:
    distances = np.clip(pdist(vectors.astype(np.float64), metric="cosine"), 0.0, 2.0)
    return [
        int(x) for x in fcluster(linkage(distances, method="average"), t=1.0 - min_similarity, criterion="distance")
    ]


def same_partition(left: list[int], right: list[int]) -> bool:
    pairs = set(zip(left, right, strict=True))
    return len(pairs) == len(set(left)) == len(set(right))


@pytest.mark.parametrize(
    ("count", "centres", "spread"), [(2, 1, 0.5), (25, 3, 1.2), (31, 5, 1.5), (400, 30, 1.0), (600, 12, 1.4)]
)
def test_sparse_average_linkage_gives_the_full_partition(count: int, centres: int, spread: float) -> None:
    vectors = unit_rows(count, seed=count, centres=centres, spread=spread)
    assert same_partition(average_linkage(vectors, TOPIC_MIN_SIMILARITY), scipy_labels(vectors, TOPIC_MIN_SIMILARITY))


def test_groups_are_named_by_their_first_row_and_runs_repeat() -> None:
    vectors = unit_rows(300, seed=7, centres=20, spread=1.2)
    labels = average_linkage(vectors, TOPIC_MIN_SIMILARITY)
    assert all(labels[i] <= i and labels[labels[i]] == labels[i] for i in range(len(labels)))
    assert labels == average_linkage(vectors, TOPIC_MIN_SIMILARITY)


def test_topics_are_numbered_in_order_of_their_first_claim() -> None:
    vectors = unit_rows(60, seed=11, centres=6, spread=1.0)
    found = cluster([f"c{i}" for i in range(60)], [f"text {i}" for i in range(60)], vectors)
    firsts = [int(t.claim_ids[0][1:]) for t in found.topics]
    assert firsts == sorted(firsts)
    assert [t.id for t in found.topics] == [f"T{n}" for n in range(1, len(found.topics) + 1)]
    assert all(found.assignment[int(c[1:])] == t.id for t in found.topics for c in t.claim_ids)


def test_a_pair_is_labelled_by_its_first_claim() -> None:
    vectors = unit_rows(2, seed=5, centres=1, spread=0.2)
    found = cluster(["a", "b"], ["the first claim", "the second claim"], vectors)
    assert [t.label for t in found.topics] == ["the first claim"]


def test_a_label_does_not_open_with_the_punctuation_a_clause_was_cut_after() -> None:
    found = cluster(["a"], [", according to intelligence, troops would arrive"], unit_rows(1, seed=3))
    assert found.topics[0].label == "according to intelligence, troops would arrive"


@pytest.mark.model
def test_one_story_from_several_outlets_is_one_topic_and_stories_stay_apart(real_embedder: Embedder) -> None:
    texts = [text for story in STORIES for text in story]
    found = cluster([str(i) for i in range(len(texts))], texts, real_embedder.encode(texts))
    stories = [{found.assignment[i] for i in range(s * 3, s * 3 + 3)} for s in range(len(STORIES))]
    assert all(len(topics) == 1 for topics in stories)
    assert len(set.union(*stories)) == len(STORIES)


def test_matters_split_a_topic_by_what_its_claims_say_and_nest_in_it() -> None:
    rng = np.random.default_rng(7)
    story, left, right = np.eye(16)[:3]
    # One story told two ways: across the sides a cosine of about 0.42 (one topic), within a side about 1.
    rows = _unit(np.stack([0.85 * story + (left, right)[i % 2] + 0.05 * rng.normal(size=16) for i in range(8)]))
    found = cluster([f"c{i}" for i in range(8)], [f"text {i}" for i in range(8)], rows)
    assert len(set(found.assignment)) == 1
    assert found.matter_assignment == ["T1.1", "T1.2"] * 4
    assert [m.claim_ids for m in found.matters] == [["c0", "c2", "c4", "c6"], ["c1", "c3", "c5", "c7"]]
    assert all(m.startswith(f"{t}.") for t, m in zip(found.assignment, found.matter_assignment, strict=True))


ONE_STORY = 0.05  # a topic cut low enough to hold every claim of the test in one topic


@pytest.mark.model
def test_the_learned_matters_tell_two_rumours_of_one_story_apart(real_embedder: Embedder) -> None:
    texts = [
        "The king is gravely ill in hospital, a court official said.",
        "The palace denied that the king is seriously ill in hospital.",
        "The king has bought a private island off the coast.",
        "Reports say the king purchased a private island.",
    ]
    ids = [f"c{i}" for i in range(len(texts))]
    vectors = real_embedder.encode(texts)
    found = cluster(ids, texts, vectors, min_similarity=ONE_STORY, matter_model=load_matter_model())
    assert len(set(found.assignment)) == 1
    matters = found.matter_assignment
    assert matters[0] == matters[1] != matters[2] == matters[3]


def test_a_topic_too_large_for_pairwise_matters_is_cut_on_embeddings(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _unit(np.ones((3, 4)))
    texts = ["The king is ill.", "The king bought an island.", "An island was sold."]
    model = MatterModel(features=("lexical",), coefficients=(10.0,), intercept=-3.0, cut=0.5)
    assert len(set(cluster(["a", "b", "c"], texts, rows, matter_model=model).matter_assignment)) > 1
    # The package exports the function `cluster` under the module's name: fetch the module itself.
    monkeypatch.setattr(importlib.import_module("checker.topics.cluster"), "PAIRWISE_LIMIT", 2)
    assert len(set(cluster(["a", "b", "c"], texts, rows, matter_model=model).matter_assignment)) == 1


def _unit(rows: np.ndarray) -> np.ndarray:
    return np.asarray(rows / np.linalg.norm(rows, axis=1, keepdims=True), dtype=np.float32)
