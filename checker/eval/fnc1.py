"""FNC-1: headline x article body, labelled agree / disagree / discuss / unrelated."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from checker.errors import CheckerError
from checker.eval.emergent import Progress
from checker.eval.metrics import rate
from checker.learn.data import Pair, read_pairs
from checker.models import Document, Report

DEFAULT_UNRELATED = 300
HEADLINE_ID = "headline"
BODY_ID = "body"


class Fnc1Result(BaseModel):
    agree: int
    disagree: int
    unrelated: int
    recall_disagree: float
    specificity_agree: float
    balanced_accuracy: float
    false_alarm_unrelated: float
    shared_topic_unrelated: float


def read_fnc1(data: Path) -> list[Pair]:
    """Headline/body pairs from `bodies*.csv` and `stances*.csv` in the folder `data`."""
    return read_pairs(data)


def select(pairs: list[Pair], limit: int | None, unrelated: int) -> list[Pair]:
    """Agree/disagree pairs (the first `limit`), plus a fixed pseudo-random sample of unrelated ones."""
    stance_pairs = [p for p in pairs if p.label in {"agree", "disagree"}][:limit]
    others = sorted((p for p in pairs if p.label == "unrelated"), key=_stable_key)
    return stance_pairs + others[:unrelated]


def _stable_key(pair: Pair) -> str:
    return hashlib.sha256(f"{pair.body_id}\t{pair.headline}".encode()).hexdigest()


def evaluate(pairs: list[Pair], check: Callable[[list[Document]], Report], progress: Progress) -> Fnc1Result:
    outcomes: dict[str, list[tuple[bool, bool]]] = {"agree": [], "disagree": [], "unrelated": []}
    for pair in progress(pairs, "FNC-1 pairs"):
        outcomes[pair.label].append(_judge(pair, check))
    disagree = rate(sum(c for c, _ in outcomes["disagree"]), len(outcomes["disagree"]))
    agree = rate(sum(not c for c, _ in outcomes["agree"]), len(outcomes["agree"]))
    unrelated = outcomes["unrelated"]
    return Fnc1Result(
        agree=len(outcomes["agree"]),
        disagree=len(outcomes["disagree"]),
        unrelated=len(unrelated),
        recall_disagree=disagree,
        specificity_agree=agree,
        balanced_accuracy=(disagree + agree) / 2,
        false_alarm_unrelated=rate(sum(c for c, _ in unrelated), len(unrelated)),
        shared_topic_unrelated=rate(sum(t for _, t in unrelated), len(unrelated)),
    )


def _judge(pair: Pair, check: Callable[[list[Document]], Report]) -> tuple[bool, bool]:
    """(a conflict between a headline claim and a body claim, a topic holding both)."""
    documents = [Document(id=HEADLINE_ID, text=pair.headline), Document(id=f"{BODY_ID}", text=pair.body)]
    try:
        report = check(documents)
    except CheckerError:
        return False, False
    doc_of = {c.id: c.doc_id for c in report.claims}
    conflict = any({doc_of[i] for i in c.claim_ids} == {HEADLINE_ID, BODY_ID} for c in report.conflicts)
    shared = any({doc_of[i] for i in t.claim_ids} >= {HEADLINE_ID, BODY_ID} for t in report.topics)
    return conflict, shared
