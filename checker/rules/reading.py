"""How the rules put pairs of claims to the stance model (checker.learn), as it was trained.

The model was trained on a headline against the three sentences of a body closest to it. A pair of
claims from two articles is read the same way: the claim from the article with fewer claims against
the partner's sentence and the partner article's sentences closest to the claim, in reading order.
A partner article of fewer sentences than that is no body, and a pair within one article is not what
the model learned: neither is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from checker.models import Claim, StanceScores

if TYPE_CHECKING:
    from checker.learn import StanceReader

CONTEXT_SENTENCES = 3
# The model's reading vetoes a cue rule's pair only when "unrelated" is both its likeliest reading and
# more likely than not.
UNRELATED_MIN = 0.5
# The learned rule reads pairs of one matter only (cosine of the two claims' contents), and at most
# READ_SHARE of the claims' count of them (READ_FLOOR for a short check): the cross-encoder reads
# about 30 pairs a second on 2 cores, so an unbounded reading would cost more than the whole check.
READ_MATTER_MIN = 0.5
READ_SHARE = 0.1
READ_FLOOR = 64

Pair = tuple[int, int]


class Reading:
    """The model's scores for pairs of claims (indices into `claims`), computed in batches, once each."""

    def __init__(
        self,
        model: StanceReader,
        claims: list[Claim],
        similarity: Callable[[int, int], float],
        candidates: Callable[[], Iterable[Pair]],
    ) -> None:
        self.model = model
        self.claims = claims
        self.similarity = similarity
        self.candidates = candidates
        self._scores: dict[Pair, StanceScores] = {}

    @cached_property
    def by_document(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for index, claim in enumerate(self.claims):
            groups.setdefault(claim.doc_id, []).append(index)
        return groups

    @cached_property
    def _sentences(self) -> dict[str, set[str]]:
        return {doc: {self.claims[i].text for i in members} for doc, members in self.by_document.items()}

    def readable(self, a: int, b: int) -> bool:
        """Two articles, and the partner's long enough to give a body's context."""
        if self.claims[a].doc_id == self.claims[b].doc_id:
            return False
        partner = self.oriented(a, b)[1]
        return len(self._sentences[self.claims[partner].doc_id]) >= CONTEXT_SENTENCES

    def oriented(self, a: int, b: int) -> Pair:
        """(claim, partner): the claim from the article with fewer claims (a headline, a short report) is
        read against the partner's article; on a tie, the earlier claim."""
        sizes = [len(self.by_document[self.claims[i].doc_id]) for i in (a, b)]
        return (a, b) if (sizes[0], a) <= (sizes[1], b) else (b, a)

    def scores(self, a: int, b: int) -> StanceScores | None:
        """The model's reading of the pair, None where it cannot read it. The first call scores every
        pair the learned rule reads, in one batch."""
        if not self.readable(a, b):
            return None
        pair = self.oriented(a, b)
        if pair not in self._scores:
            self.score(self.pairs)
            self.score([pair])
        return self._scores[pair]

    def score(self, pairs: Iterable[Pair]) -> None:
        """Score the readable pairs not scored yet, in one batch."""
        wanted = {self.oriented(a, b) for a, b in pairs if self.readable(a, b)}
        missing = sorted(wanted - set(self._scores))
        if missing:
            texts = [(self.claims[claim].text, self.context(claim, partner)) for claim, partner in missing]
            self._scores.update(zip(missing, self.model.score(texts), strict=True))

    def unrelated(self, a: int, b: int) -> bool:
        """Whether the model reads the two claims as about different things."""
        scores = self.scores(a, b)
        return scores is not None and scores.unrelated >= max(
            UNRELATED_MIN, scores.agree, scores.disagree, scores.discuss
        )

    @cached_property
    def pairs(self) -> list[Pair]:
        """The pairs the learned rule reads: oriented readable candidate pairs of one matter whose partner
        is, of its article, the claim closest to the claim (an article is read once per claim); the
        closest first, at most `budget` of them, so that the model's cost stays bounded."""
        found = set()
        for a, b in self.candidates():
            if self.readable(a, b) and self.similarity(a, b) >= READ_MATTER_MIN:
                claim, partner = self.oriented(a, b)
                if self.nearest_in_article(claim, partner):
                    found.add((claim, partner))
        ranked = sorted(found, key=lambda pair: (-self.similarity(*pair), pair))
        return sorted(ranked[: self.budget])

    @property
    def budget(self) -> int:
        return max(READ_FLOOR, int(READ_SHARE * len(self.claims)))

    def reads(self, a: int, b: int) -> bool:
        """Whether the learned rule reads this pair (see `pairs`)."""
        return self.oriented(a, b) in self._read

    @cached_property
    def _read(self) -> frozenset[Pair]:
        return frozenset(self.pairs)

    def nearest_in_article(self, claim: int, partner: int) -> bool:
        """Whether `partner` is the claim of its article closest in meaning to `claim`."""
        members = self.by_document[self.claims[partner].doc_id]
        return min(members, key=lambda i: (-self.similarity(claim, i), i)) == partner

    def context(self, claim: int, partner: int) -> str:
        """The partner's sentence and its article's sentences closest in meaning to `claim`, in reading order."""
        chosen = {self.claims[partner].text: self.claims[partner].start}
        for i in sorted(self.by_document[self.claims[partner].doc_id], key=lambda i: (-self.similarity(claim, i), i)):
            if len(chosen) >= CONTEXT_SENTENCES:
                break
            chosen.setdefault(self.claims[i].text, self.claims[i].start)
        return " ".join(sorted(chosen, key=lambda text: chosen[text]))
