"""What every rule sees (the claims, their vectors and topics) and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from checker.embed import Vectors
from checker.models import Claim, Commitment, Quantity, Severity, Stance, StanceScores
from checker.topics import candidate_pairs

if TYPE_CHECKING:
    from checker.extract import Analysis
    from checker.learn import StanceReader

HEDGED_STANCES = frozenset({Stance.HEDGED})
CONTESTING = frozenset({Stance.DENIES, Stance.NOT_CONFIRMED})
STATED = frozenset({Stance.ASSERTS, Stance.CONFIRMS, Stance.HEDGED})
SAME_STATEMENT_MIN = 0.9  # near-identical wording: the same sentence, lightly edited
# The stance model reads a claim against its partner's sentence and the partner's article's sentences
# closest to the claim, as it was trained: a headline against the body's three closest sentences.
STANCE_CONTEXT_SENTENCES = 3
# The model's reading vetoes a cue rule's pair only when "unrelated" is both its likeliest reading and
# more likely than not.
UNRELATED_MIN = 0.5
# The learned rule reads pairs of one matter only (cosine of the two claims' contents), and at most
# READ_SHARE of the claims' count of them (READ_FLOOR for a short check): the cross-encoder reads
# about 30 pairs a second on 2 cores, so an unbounded reading would cost more than the whole check.
READ_MATTER_MIN = 0.5
READ_SHARE = 0.1
READ_FLOOR = 64


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one pair: `first` and `second` index `RuleContext.analyses`."""

    kind: str
    first: int
    second: int
    severity: Severity
    reason: str
    figures: tuple[Quantity, Quantity] | None = None  # for a numeric finding: the figure of each claim


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
    _scores: dict[tuple[int, int], StanceScores] = field(default_factory=dict)

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
        wherever the two were grouped."""
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
        for pair in self._contests_within_documents:
            if pair not in seen:
                yield pair

    @cached_property
    def by_document(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for index, analysis in enumerate(self.analyses):
            groups.setdefault(analysis.claim.doc_id, []).append(index)
        return groups

    def stance_scores(self, a: int, b: int) -> StanceScores | None:
        """The stance model's reading of the pair (see `oriented`); None without the model or for two
        claims of one article. The first call scores every pair the learned rule reads, in one batch."""
        if self.stance_model is None or not self.readable(a, b):
            return None
        pair = self.oriented(a, b)
        if pair not in self._scores:
            self.score_pairs(self.reading_pairs)
            self.score_pairs([pair])
        return self._scores[pair]

    def score_pairs(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Score the cross-article pairs not scored yet, in one batch."""
        if self.stance_model is None:
            return
        wanted = {self.oriented(a, b) for a, b in pairs if self.readable(a, b)}
        missing = sorted(wanted - set(self._scores))
        if missing:
            texts = [(self.claim(claim).text, self._stance_context(claim, partner)) for claim, partner in missing]
            self._scores.update(zip(missing, self.stance_model.score(texts), strict=True))

    def read_as_unrelated(self, a: int, b: int) -> bool:
        """Whether the stance model reads the two claims' articles as about different things: the cue
        rules then leave the pair alone. False without the model or within one article."""
        scores = self.stance_scores(a, b)
        return scores is not None and scores.unrelated >= max(
            UNRELATED_MIN, scores.agree, scores.disagree, scores.discuss
        )

    def readable(self, a: int, b: int) -> bool:
        """Whether the model can read the pair as it was trained: two articles, and the partner's
        article long enough to give a body's context (a headline against another headline is not)."""
        if self.claim(a).doc_id == self.claim(b).doc_id:
            return False
        partner = self.oriented(a, b)[1]
        return len(self._sentences[self.claim(partner).doc_id]) >= STANCE_CONTEXT_SENTENCES

    @cached_property
    def _sentences(self) -> dict[str, set[str]]:
        return {doc: {self.claim(i).text for i in members} for doc, members in self.by_document.items()}

    def oriented(self, a: int, b: int) -> tuple[int, int]:
        """(claim, partner): the claim from the article with fewer claims (a headline, a short report) is
        read against the partner's article, as the model was trained; on a tie, the earlier claim."""
        sizes = [len(self.by_document[self.claim(i).doc_id]) for i in (a, b)]
        return (a, b) if (sizes[0], a) <= (sizes[1], b) else (b, a)

    @cached_property
    def reading_pairs(self) -> list[tuple[int, int]]:
        """The pairs the learned rule reads: oriented candidate pairs of one matter whose partner is, of
        its article, the claim closest to the claim (an article is read once per claim); the closest
        pairs first, at most `reading_budget` of them, so that the model's cost stays bounded."""
        found = set()
        for a, b in self.rule_pairs():
            if self.readable(a, b) and self.similarity(a, b) >= READ_MATTER_MIN:
                claim, partner = self.oriented(a, b)
                if self.nearest_in_article(claim, partner):
                    found.add((claim, partner))
        ranked = sorted(found, key=lambda pair: (-self.similarity(*pair), pair))
        return sorted(ranked[: self.reading_budget])

    @property
    def reading_budget(self) -> int:
        return max(READ_FLOOR, int(READ_SHARE * len(self.analyses)))

    def reads(self, a: int, b: int) -> bool:
        """Whether the learned rule reads this pair (see `reading_pairs`)."""
        return self.oriented(a, b) in self._reading_set

    @cached_property
    def _reading_set(self) -> frozenset[tuple[int, int]]:
        return frozenset(self.reading_pairs)

    def nearest_in_article(self, claim: int, partner: int) -> bool:
        """Whether `partner` is the claim of its article closest in meaning to `claim`."""
        members = self.by_document[self.claim(partner).doc_id]
        return min(members, key=lambda i: (-self.similarity(claim, i), i)) == partner

    def _stance_context(self, claim: int, partner: int) -> str:
        """The partner's sentence and its article's sentences closest in meaning to `claim`, in reading order."""
        chosen = {self.claim(partner).text: self.claim(partner).start}
        members = self.by_document[self.claim(partner).doc_id]
        for i in sorted(members, key=lambda i: (-self.similarity(claim, i), i)):
            if len(chosen) >= STANCE_CONTEXT_SENTENCES:
                break
            chosen.setdefault(self.claim(i).text, self.claim(i).start)
        return " ".join(sorted(chosen, key=lambda text: chosen[text]))

    @cached_property
    def _contests_within_documents(self) -> list[tuple[int, int]]:
        """Inside one article every denial or "not confirmed" meets every earlier claim that could be
        what it contests, whatever topic each was grouped in: a reply follows what it answers, and a
        denial that names little of it ("the reports are false") is grouped apart from it."""
        found: set[tuple[int, int]] = set()
        for members in self.by_document.values():
            contesting = [i for i in members if self.claim(i).stance in CONTESTING]
            for a in contesting:
                found.update((b, a) for b in members if b < a and self.claim(b).stance in STATED)
        return sorted(found)

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
        return self.claim(index).stance in HEDGED_STANCES

    def stated(self, index: int) -> bool:
        """Put forward as fact by its speaker: asserted, confirmed, or only kept at a distance by the
        reporter ("allegedly", "X claims"), not speculated ("could", "may")."""
        claim = self.claim(index)
        if claim.stance in HEDGED_STANCES:
            return claim.commitment is Commitment.REPORTED
        return claim.stance in {Stance.ASSERTS, Stance.CONFIRMS}
