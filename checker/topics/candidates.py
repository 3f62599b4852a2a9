"""Which pairs of claims the rules compare: near neighbours within a topic, not every pair.

A rule only fires on claims about the same matter, and those are close in embedding space, so
each claim is paired with its RULE_NEIGHBOURS most similar claims of the topic. Near-duplicates
(one story retold by many outlets) could fill those places, so the search is repeated among the
claims that can meet in a rule: those with figures (numeric), those with dates (schedule), and
each denial or "not confirmed" against up to CONTEST_NEIGHBOURS assertions and confirmations.
Neighbouring sentences of one document are always paired (updates). A topic of at most
RULE_NEIGHBOURS + 1 claims keeps all its pairs. The work grows with the number of claims, not
with its square.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import combinations, pairwise
from typing import TYPE_CHECKING

import numpy as np

from checker.embed import Vectors
from checker.models import Claim, Commitment, Stance
from checker.topics.neighbours import NO_NEIGHBOUR, Indices, nearest, search

if TYPE_CHECKING:
    from checker.extract import Analysis

RULE_NEIGHBOURS = 24
# A denial and what it denies need not be close neighbours: in a story's topic every claim is about
# the story. So each denial or "not confirmed" meets this many assertions: all of one article's.
CONTEST_NEIGHBOURS = 100
CONTESTING = frozenset({Stance.DENIES, Stance.NOT_CONFIRMED})
CONTESTED = frozenset({Stance.ASSERTS, Stance.CONFIRMS})

Pair = tuple[int, int]


def candidate_pairs(analyses: list[Analysis], vectors: Vectors, members: list[int]) -> list[Pair]:
    """Pairs (a, b) of `members`, a earlier in the input than b, in input order."""
    if len(members) <= RULE_NEIGHBOURS + 1:
        return list(combinations(sorted(members), 2))
    claims = [analyses[i].claim for i in members]
    found: set[Pair] = set()
    for keep in (_everything, _has_figure, _has_date):
        found |= _within(vectors, _subset(members, claims, keep))
    contesting = _subset(members, claims, lambda c: c.stance in CONTESTING)
    contested = _subset(members, claims, lambda c: c.stance in CONTESTED and c.commitment is Commitment.ASSERTED)
    found |= _between(vectors, contesting, contested, CONTEST_NEIGHBOURS)
    found |= _same_paragraph_neighbours(analyses, sorted(members))
    return sorted(found)


def _subset(members: list[int], claims: list[Claim], keep: Callable[[Claim], bool]) -> Indices:
    return np.array([m for m, c in zip(members, claims, strict=True) if keep(c)], dtype=np.int64)


def _everything(_: Claim) -> bool:
    return True


def _has_figure(claim: Claim) -> bool:
    return any(q.unit is not None or q.measure is not None for q in claim.quantities)


def _has_date(claim: Claim) -> bool:
    return bool(claim.mentions)


def _within(vectors: Vectors, rows: Indices) -> set[Pair]:
    if len(rows) < 2:
        return set()
    found = nearest(vectors[rows], RULE_NEIGHBOURS)
    return _pairs(rows, rows[found.indices], found.indices != NO_NEIGHBOUR)


def _between(vectors: Vectors, queries: Indices, pool: Indices, k: int) -> set[Pair]:
    if len(queries) == 0 or len(pool) == 0:
        return set()
    found = search(vectors, queries, pool, k)
    return _pairs(queries, found.indices, found.indices != NO_NEIGHBOUR)


def _pairs(rows: Indices, partners: Indices, valid: np.ndarray) -> set[Pair]:
    left = np.repeat(rows, partners.shape[1])[valid.ravel()]
    right = partners.ravel()[valid.ravel()]
    return set(zip(np.minimum(left, right).tolist(), np.maximum(left, right).tolist(), strict=True))


def _same_paragraph_neighbours(analyses: list[Analysis], members: Iterable[int]) -> set[Pair]:
    return {
        (a, b)
        for a, b in pairwise(members)
        if analyses[a].claim.doc_id == analyses[b].claim.doc_id and analyses[a].paragraph == analyses[b].paragraph
    }
