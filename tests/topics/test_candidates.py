"""Candidate pairs: every pair in a small topic; near neighbours and rule-relevant groups in a large one."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from checker import check
from checker.extract.claims import Analysis, extract
from checker.models import Document, Report
from checker.topics import candidates
from checker.topics.candidates import CONTESTED, CONTESTING, candidate_pairs
from tests.fakes import FakeEmbedder


@pytest.fixture(scope="module")
def seed_analyses(seed_document: Document) -> tuple[list[Analysis], np.ndarray]:
    analyses = extract([seed_document])
    return analyses, FakeEmbedder().encode([a.content for a in analyses])


@pytest.mark.parametrize("size", [0, 1, 2, 10, candidates.RULE_NEIGHBOURS + 1])
def test_a_small_topic_keeps_every_pair(seed_analyses: tuple[list[Analysis], np.ndarray], size: int) -> None:
    analyses, vectors = seed_analyses
    members = list(range(size))[::-1]
    assert candidate_pairs(analyses, vectors, members) == list(combinations(range(size), 2))


@pytest.mark.parametrize("k", [2, 4])
def test_a_large_topic_keeps_neighbours_and_rule_groups(
    seed_analyses: tuple[list[Analysis], np.ndarray], monkeypatch: pytest.MonkeyPatch, k: int
) -> None:
    monkeypatch.setattr(candidates, "RULE_NEIGHBOURS", k)
    analyses, vectors = seed_analyses
    members = list(range(len(analyses)))
    pairs = candidate_pairs(analyses, vectors, members)
    assert pairs == sorted(set(pairs)) and all(a < b for a, b in pairs)
    assert len(pairs) < len(members) * (len(members) - 1) // 2
    partners = {m: {b if a == m else a for a, b in pairs if m in (a, b)} for m in members}
    assert all(len(p) >= k for p in partners.values())
    stances = [a.claim.stance for a in analyses]
    contest = {
        (min(a, b), max(a, b)) for a in members for b in members if stances[a] in CONTESTING and stances[b] in CONTESTED
    }
    assert contest and contest <= set(pairs)
    adjacent = {(a, a + 1) for a in members[:-1] if analyses[a].paragraph == analyses[a + 1].paragraph}
    assert adjacent <= set(pairs)


@pytest.mark.model
def test_the_seed_conflicts_survive_a_small_neighbourhood(
    seed_document: Document, seed_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(candidates, "RULE_NEIGHBOURS", 4)
    narrow = check([seed_document])
    assert narrow.conflicts == seed_report.conflicts
