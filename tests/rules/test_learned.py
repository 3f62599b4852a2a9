"""The learned rule, with a stand-in stance model: when its reading raises a conflict, and when not."""

from __future__ import annotations

import dataclasses

import pytest

from checker.embed.base import Embedder
from checker.models import Severity
from checker.rules import all_rules, run, select
from checker.rules.base import RuleContext
from checker.rules.registry import REGISTRY
from tests.fakes import FakeStanceModel
from tests.helpers import context_for

pytestmark = pytest.mark.model

CLAIM = "The city council said that the old stone bridge collapsed on Sunday."
DISPUTE = (
    "Engineers inspected the old stone bridge on Monday. The story of its collapse is a hoax, they said. "
    "Traffic crossed the bridge as usual on Tuesday morning."
)


def with_model(context: RuleContext, model: FakeStanceModel) -> RuleContext:
    return dataclasses.replace(context, stance_model=model)


def test_a_read_dispute_without_a_cue_is_a_learned_conflict(real_embedder: Embedder) -> None:
    model = FakeStanceModel(disputing=("tall tale",))
    context = with_model(context_for([CLAIM, DISPUTE.replace("is a hoax", "is a tall tale")], real_embedder), model)
    found = [f for f in run(context, select(enabled=["learned"])) if f.kind == "learned"]
    assert len(found) == 1
    assert context.claim(found[0].second).text == CLAIM
    assert found[0].severity is Severity.MEDIUM
    assert "P(disagree) 0.90" in found[0].reason
    # The claim is read against its partner's article, sentences in reading order, as in training.
    assert model.pairs and all(claim == CLAIM for claim, _ in model.pairs)


def test_a_pair_a_cue_rule_judged_is_left_to_it(real_embedder: Embedder) -> None:
    texts = [CLAIM, "The council's claim that the old stone bridge collapsed is false, engineers said."]
    context = with_model(context_for(texts, real_embedder), FakeStanceModel(disputing=("false",)))
    kinds = sorted(f.kind for f in run(context, select(enabled=["learned"])))
    assert kinds == ["denial"]


def test_nothing_is_disputed_when_the_model_reads_no_dispute(real_embedder: Embedder) -> None:
    context = with_model(
        context_for([CLAIM, DISPUTE.replace("is a hoax", "was sad")], real_embedder), FakeStanceModel()
    )
    assert [f for f in run(context, select(enabled=["learned"])) if f.kind == "learned"] == []


def test_speculation_is_not_disputed(real_embedder: Embedder) -> None:
    speculating = "The city council said that the old stone bridge could collapse on Sunday."
    context = with_model(
        context_for([speculating, DISPUTE.replace("is a hoax", "is a tall tale")], real_embedder),
        FakeStanceModel(("tall tale",)),
    )
    assert [f for f in run(context, select(enabled=["learned"])) if f.kind == "learned"] == []


def test_a_headline_is_not_read_against_another_headline(real_embedder: Embedder) -> None:
    model = FakeStanceModel(("tall tale",))
    context = with_model(
        context_for([CLAIM, "The bridge collapse is a tall tale, engineers said."], real_embedder), model
    )
    assert [f for f in run(context, select(enabled=["learned"])) if f.kind == "learned"] == []
    assert model.pairs == []  # out of the model's training: it reads a claim against an article's body


def test_without_the_model_the_rule_is_silent(real_embedder: Embedder) -> None:
    all_rules()
    context = context_for([CLAIM, DISPUTE], real_embedder)
    assert context.stance_scores(0, 1) is None
    assert all(REGISTRY["learned"].check(context, a, b) is None for a, b in context.pairs())


def test_a_cue_pair_the_model_reads_as_unrelated_is_dropped(real_embedder: Embedder) -> None:
    article = DISPUTE.replace(
        "The story of its collapse is a hoax", "Reports that the old stone bridge collapsed are false"
    )
    cues = context_for([CLAIM, article], real_embedder)
    assert [f.kind for f in run(cues, select())] == ["denial"]
    reads_unrelated = with_model(context_for([CLAIM, article], real_embedder), FakeStanceModel(disputing=()))
    assert run(reads_unrelated, select(enabled=["learned"])) == []
