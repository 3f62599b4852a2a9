"""Which pairs the stance model reads, oriented and put together as it was trained (no model needed)."""

from __future__ import annotations

from collections.abc import Iterable

from checker.models import StanceScores
from checker.rules.reading import CONTEXT_SENTENCES, READ_FLOOR, Reading
from tests.fakes import FakeStanceModel
from tests.helpers import predicted_claim

HEADLINE = predicted_claim(0, 10, id="h:0", doc_id="h", text="Bridge collapses")
BODY = [
    predicted_claim(start, start + 10, id=f"b:{start}", doc_id="b", text=text)
    for start, text in [(0, "One."), (20, "The bridge is fine, engineers said."), (40, "Three."), (60, "Four.")]
]
SHORT = predicted_claim(0, 10, id="s:0", doc_id="s", text="The bridge stands.")
CLAIMS = [HEADLINE, *BODY, SHORT]
# How close each claim is to the headline (index 0); all other pairs are far apart.
NEAR_HEADLINE = {2: 0.9, 4: 0.7, 1: 0.6, 3: 0.2, 5: 0.8}


def similarity(a: int, b: int) -> float:
    if a == b:
        return 1.0
    if 0 in (a, b):
        return NEAR_HEADLINE[a or b]
    return 0.1


def candidates() -> Iterable[tuple[int, int]]:
    return [(0, i) for i in range(1, len(CLAIMS))]


def reading(model: FakeStanceModel | None = None) -> Reading:
    return Reading(model or FakeStanceModel(), CLAIMS, similarity, candidates)


def test_a_headline_is_read_against_the_article_with_more_claims() -> None:
    assert reading().oriented(3, 0) == (0, 3)


def test_only_an_article_body_is_read_and_never_within_one_article() -> None:
    read = reading()
    assert read.readable(0, 2)
    assert not read.readable(0, 5)  # the partner article has one sentence
    assert not read.readable(1, 2)


def test_the_headline_meets_the_body_once_through_its_closest_claim() -> None:
    assert reading().pairs == [(0, 2)]


def test_the_context_is_the_partner_and_the_closest_sentences_in_reading_order() -> None:
    text = reading().context(0, 2)
    assert text == "One. The bridge is fine, engineers said. Four."
    assert len(text.split(". ")) == CONTEXT_SENTENCES


def test_scores_are_computed_once_each_in_batches() -> None:
    model = FakeStanceModel(disputing=("fine",))
    read = reading(model)
    scores = read.scores(2, 0)
    assert isinstance(scores, StanceScores) and scores.disagree > model.threshold
    assert read.scores(0, 2) is scores and len(model.pairs) == 1
    assert read.scores(0, 5) is None


def test_the_budget_has_a_floor_for_short_checks() -> None:
    assert reading().budget == READ_FLOOR
