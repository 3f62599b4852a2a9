"""What every rule sees (the claims, their vectors and topics) and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from checker.embed import Vectors
from checker.models import Claim, Severity, Stance
from checker.topics import candidate_pairs

if TYPE_CHECKING:
    from checker.extract import Analysis

HEDGED_STANCES = frozenset({Stance.HEDGED})
SAME_STATEMENT_MIN = 0.9  # near-identical wording: the same sentence, lightly edited


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one pair: `first` and `second` index `RuleContext.analyses`."""

    kind: str
    first: int
    second: int
    severity: Severity
    reason: str


@dataclass
class RuleContext:
    analyses: list[Analysis]
    vectors: Vectors
    topics: list[str]
    embed_words: Callable[[Sequence[str]], Vectors]
    nli: Callable[[str, str], float] | None = None
    # With `focus` (a draft checked against an archive), rules judge only pairs with a claim in it.
    focus: frozenset[int] | None = None
    _word_vectors: dict[str, Vectors] = field(default_factory=dict)

    def claim(self, index: int) -> Claim:
        return self.analyses[index].claim

    @cached_property
    def by_topic(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for index, topic in enumerate(self.topics):
            groups.setdefault(topic, []).append(index)
        return groups

    def pairs(self) -> Iterator[tuple[int, int]]:
        """Candidate pairs: near neighbours within one topic (see checker.topics.candidates), earlier-in-input first."""
        for members in self.by_topic.values():
            yield from candidate_pairs(self.analyses, self.vectors, members)

    def rule_pairs(self) -> Iterator[tuple[int, int]]:
        """The candidate pairs the rules judge: all of them, or those that touch `focus`."""
        for a, b in self.pairs():
            if self.focus is None or a in self.focus or b in self.focus:
                yield a, b

    @cached_property
    def statements(self) -> list[int]:
        """For each claim, the first claim of the same statement: wire copy relayed by several outlets
        is one statement with several carriers, not several independent sources. Two named people
        saying the same words are still two sources."""
        canonical = list(range(len(self.analyses)))
        for a, b in self.pairs():
            left, right = self.claim(a), self.claim(b)
            same_voice = (left.speaker or "").lower() == (right.speaker or "").lower()
            same_words = self.similarity(a, b) >= SAME_STATEMENT_MIN and left.stance is right.stance
            if same_voice and same_words and canonical[b] == b:
                canonical[b] = canonical[a]
        return canonical

    def similarity(self, a: int, b: int) -> float:
        return float(np.dot(self.vectors[a], self.vectors[b]))

    def word_similarity(self, a: str, b: str) -> float:
        self.embed_missing([a, b])
        return float(np.dot(self._word_vectors[a], self._word_vectors[b]))

    def embed_missing(self, words: Iterable[str]) -> None:
        """Embed the words not seen yet in one call: each call streams all of the model's weights.

        A word's vector can differ in its last bits with the words embedded beside it, so a
        similarity within about 1e-7 of a threshold may fall either side depending on which rules
        ran; the same input and flags always give the same result.
        """
        missing = sorted({w for w in words if w not in self._word_vectors})
        if missing:
            for word, vector in zip(missing, self.embed_words(missing), strict=True):
                self._word_vectors[word] = vector

    def later(self, a: int, b: int) -> bool:
        """Whether claim `a` was stated after claim `b` on the shared timeline."""
        return self.claim(a).stated_at.order > self.claim(b).stated_at.order

    def hedged(self, index: int) -> bool:
        return self.claim(index).stance in HEDGED_STANCES
