"""What every rule sees (the claims, their vectors and topics) and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np

from checker.embed import Vectors
from checker.models import Claim, Commitment, Quantity, Severity, Stance, StanceScores
from checker.rules.reading import Reading
from checker.topics import candidate_pairs

if TYPE_CHECKING:
    from checker.extract import Analysis
    from checker.learn import StanceReader

HEDGED_STANCES = frozenset({Stance.HEDGED})
FIGURE_NEIGHBOURS = 24  # later figures of one measure that each figure of an article meets
CONTESTING = frozenset({Stance.DENIES, Stance.NOT_CONFIRMED})
STATED = frozenset({Stance.ASSERTS, Stance.CONFIRMS, Stance.HEDGED})
SAME_STATEMENT_MIN = 0.9  # near-identical wording: the same sentence, lightly edited


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one pair: `first` and `second` index `RuleContext.analyses`."""

    kind: str
    first: int
    second: int
    severity: Severity
    reason: str
    figures: tuple[Quantity, Quantity] | None = None  # for a numeric finding: the figure of each claim
    retraction: bool = False  # for a denial: its source takes back its own claim ("corrected their post")


@dataclass
class RuleContext:
    analyses: list[Analysis]
    vectors: Vectors
    topics: list[str]
    embed_words: Callable[[Sequence[str]], Vectors]
    nli: Callable[[str, str], float] | None = None
    # With `focus` (a draft checked against an archive), rules judge only pairs with a claim in it.
    focus: frozenset[int] | None = None
    stance_model: StanceReader | None = None
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
        """Candidate pairs: near neighbours within one topic (see checker.topics.candidates), earlier-in-input
        first; then each claim that answers another ("Russia refutes that claim") with the claim it answers,
        wherever the two were grouped; then, inside each article, every denial or caution with what it may
        contest and every two claims with figures of one named measure. Every rule judges every pair."""
        seen: set[tuple[int, int]] = set()
        for members in self.by_topic.values():
            for pair in candidate_pairs(self.analyses, self.vectors, members):
                seen.add(pair)
                yield pair
        for pair in sorted(self.answers.items(), key=lambda item: item[0]):
            answered, answering = sorted((pair[1], pair[0]))
            if (answered, answering) not in seen:
                seen.add((answered, answering))
                yield answered, answering
        for pair in self._contests_within_documents + self._figures_within_documents:
            if pair not in seen:
                seen.add(pair)
                yield pair

    @cached_property
    def by_document(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for index, analysis in enumerate(self.analyses):
            groups.setdefault(analysis.claim.doc_id, []).append(index)
        return groups

    @cached_property
    def reading(self) -> Reading | None:
        """The stance model's reading of pairs of claims (checker.rules.reading); None without the model."""
        if self.stance_model is None:
            return None
        claims = [analysis.claim for analysis in self.analyses]
        return Reading(self.stance_model, claims, self.similarity, self.rule_pairs)

    def stance_scores(self, a: int, b: int) -> StanceScores | None:
        """The stance model's reading of the pair; None without the model or where it cannot read it."""
        return self.reading.scores(a, b) if self.reading is not None else None

    def read_as_unrelated(self, a: int, b: int) -> bool:
        """Whether the stance model reads the two claims as about different things: the cue rules then
        leave the pair alone. False without the model or where it cannot read the pair."""
        return self.reading is not None and self.reading.unrelated(a, b)

    @cached_property
    def _contests_within_documents(self) -> list[tuple[int, int]]:
        """Inside one article every denial or "not confirmed" meets every earlier claim that could be
        what it contests, and every later allegation, whatever topic each was grouped in: a reply
        follows what it answers, a lede's denial comes before the reports it answers, and a denial
        that names little of it ("the reports are false") is grouped apart from it."""
        found: set[tuple[int, int]] = set()
        for members in self.by_document.values():
            contesting = [i for i in members if self.claim(i).stance in CONTESTING]
            for a in contesting:
                found.update((b, a) for b in members if b < a and self.claim(b).stance in STATED)
                found.update((a, b) for b in members if b > a and self._alleged(b))
        return sorted(found)

    @cached_property
    def _figures_within_documents(self) -> list[tuple[int, int]]:
        """Inside one article figures of one named measure meet, whatever topic each claim was grouped in:
        an article is one story, and "the district administration said the tragedy killed 63" and "locals
        said the toll would not be less than 200" share little but the count. Each meets the next
        FIGURE_NEIGHBOURS of its measure, so a document of thousands of tolls stays linear."""
        found: set[tuple[int, int]] = set()
        for members in self.by_document.values():
            measured = [(i, {q.measure for q in self.claim(i).quantities if q.measure}) for i in members]
            measured = [(i, m) for i, m in measured if m]
            for x, (a, left) in enumerate(measured):
                later = (measured[y][0] for y in range(x + 1, len(measured)) if left & measured[y][1])
                found.update((a, b) for b in islice(later, FIGURE_NEIGHBOURS))
        return sorted(found)

    def _alleged(self, index: int) -> bool:
        """Stated as the story's allegation: kept at a distance ("it was claimed that") or carried by an
        outlet ("X told Reuters", "according to the Journal")."""
        claim = self.claim(index)
        carried = claim.commitment is Commitment.REPORTED or claim.cited_source is not None
        return carried and claim.stance in STATED

    @cached_property
    def answers(self) -> dict[int, int]:
        """Claim index -> index of the earlier claim it answers (`Claim.refers_to`)."""
        index = {analysis.claim.id: i for i, analysis in enumerate(self.analyses)}
        return {
            i: index[analysis.claim.refers_to]
            for i, analysis in enumerate(self.analyses)
            if analysis.claim.refers_to in index
        }

    def answer(self, a: int, b: int) -> bool:
        """Whether one of the two claims answers the other."""
        return self.answers.get(a) == b or self.answers.get(b) == a

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
        """Hedged by its speaker or handed on by the reporter at a distance ("X claims")."""
        claim = self.claim(index)
        return claim.stance in HEDGED_STANCES or claim.commitment is not Commitment.ASSERTED

    def stated(self, index: int) -> bool:
        """Put forward as fact by its speaker: asserted, confirmed, or only kept at a distance by the
        reporter ("allegedly", "X claims"), not speculated ("could", "may")."""
        claim = self.claim(index)
        if claim.stance in HEDGED_STANCES:
            return claim.commitment is Commitment.REPORTED
        return claim.stance in {Stance.ASSERTS, Stance.CONFIRMS}
