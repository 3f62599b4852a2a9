"""The conflict gold file is well-formed, follows its split rule, and fits the real FNC-1 text."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from checker.eval.conflicts import SPLIT_RULE, Split, assign_splits, load_conflict_gold
from checker.eval.gold import alignment_problems
from tests.conftest import DATASETS, ROOT

GOLD_FILE = ROOT / "fixtures" / "gold" / "conflicts.json"
GOLD = load_conflict_gold(GOLD_FILE)
FNC_BODIES = DATASETS / "fnc1" / "bodies-dev.csv"
MIN_BODIES = 40
MIN_TEST_BODIES = 14


def test_the_gold_set_is_large_enough_and_split_by_its_rule() -> None:
    assert len(GOLD) >= MIN_BODIES
    splits = assign_splits({doc_id: [c.kind for c in doc.conflicts] for doc_id, doc in GOLD.items()})
    assert {doc_id: doc.split for doc_id, doc in GOLD.items()} == splits
    assert sum(split is Split.TEST for split in splits.values()) >= MIN_TEST_BODIES
    assert json.loads(GOLD_FILE.read_text(encoding="utf-8"))["split_rule"] == SPLIT_RULE


def test_the_test_split_holds_several_kinds_and_bodies_without_conflicts() -> None:
    test = [doc for doc in GOLD.values() if doc.split is Split.TEST]
    kinds = Counter(c.kind for doc in test for c in doc.conflicts)
    assert len(kinds) >= 3
    assert any(not doc.conflicts for doc in test)


def test_claims_are_ordered_and_referenced_claims_exist() -> None:
    for doc_id, doc in GOLD.items():
        starts = [c.claim.start for c in doc.claims]
        assert starts == sorted(starts), doc_id
        ids = {c.id for c in doc.claims}
        assert len(ids) == len(doc.claims), doc_id
        for claim in doc.claims:
            assert claim.refers_to is None or claim.refers_to in ids, (doc_id, claim.id)
            assert len(claim.events) == len(claim.claim.quantities)
        used = {i for item in (*doc.conflicts, *doc.traps) for side in item.sides for i in side}
        assert used == ids, f"{doc_id}: claims outside every conflict and trap: {sorted(ids - used)}"


@pytest.mark.skipif(not FNC_BODIES.exists(), reason="FNC-1 dev bodies not available")
def test_every_gold_span_aligns_with_the_real_text() -> None:
    with FNC_BODIES.open(encoding="utf-8") as handle:
        texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    problems = {
        doc_id: alignment_problems(doc.as_gold(), texts[doc_id]) if doc_id in texts else ["text missing"]
        for doc_id, doc in GOLD.items()
    }
    assert {doc_id: found for doc_id, found in problems.items() if found} == {}
    for doc_id, doc in GOLD.items():
        for claim in doc.claims:
            span = texts[doc_id][claim.claim.start : claim.claim.end]
            for quantity in claim.claim.quantities:
                assert quantity.text in span, (doc_id, claim.id, quantity.text)


TRAIN_GOLD_FILE = ROOT / "fixtures" / "gold" / "conflicts_train.json"
TRAIN_BODIES = DATASETS / "fnc1-train" / "bodies-train.csv"
KINDS = {"denial", "confirmation", "numeric", "schedule"}


def test_the_development_gold_names_bodies_by_id_and_offsets_only() -> None:
    documents = json.loads(TRAIN_GOLD_FILE.read_text(encoding="utf-8"))["documents"]
    assert len(documents) >= MIN_BODIES
    for body_id, entry in documents.items():
        assert set(entry) == {"length", "sha", "annotator", "conflicts", "traps"}, body_id
        for item in (*entry["conflicts"], *entry["traps"]):
            assert set(item) <= {"kind", "type", "sides"}, body_id
            assert len(item["sides"]) == 2 and all(item["sides"]), body_id
            assert all(0 <= start < end <= entry["length"] for side in item["sides"] for start, end in side), body_id
        assert {c["kind"] for c in entry["conflicts"]} <= KINDS, body_id


HELDOUT_GOLD_FILE = ROOT / "fixtures" / "gold" / "conflicts_heldout.json"
STATUSES = {"open", "superseded", "resolved"}
TRAP_TYPES = {"speculation", "consistent", "other_event", "update", "repetition", "unverified", "same_source"}


def test_the_heldout_gold_names_other_bodies_by_id_and_offsets_only() -> None:
    documents = json.loads(HELDOUT_GOLD_FILE.read_text(encoding="utf-8"))["documents"]
    assert len(documents) >= MIN_BODIES
    assert not set(documents) & set(GOLD), "the held-out bodies lie outside conflicts.json"
    for body_id, entry in documents.items():
        assert set(entry) == {"length", "sha", "annotator", "conflicts", "traps"}, body_id
        for conflict in entry["conflicts"]:
            assert set(conflict) == {"kind", "status", "sides"}, body_id
            assert conflict["kind"] in KINDS and conflict["status"] in STATUSES, body_id
        for trap in entry["traps"]:
            assert set(trap) == {"type", "sides"} and trap["type"] in TRAP_TYPES, body_id
        for item in (*entry["conflicts"], *entry["traps"]):
            assert len(item["sides"]) == 2 and all(item["sides"]), body_id
            assert all(0 <= start < end <= entry["length"] for side in item["sides"] for start, end in side), body_id


@pytest.mark.parametrize(
    ("gold_file", "bodies"),
    [(TRAIN_GOLD_FILE, TRAIN_BODIES), (HELDOUT_GOLD_FILE, FNC_BODIES)],
    ids=["development", "heldout"],
)
def test_the_side_only_golds_fit_the_real_text(gold_file: Path, bodies: Path) -> None:
    if not bodies.exists():
        pytest.skip(f"{bodies.name} not available")
    documents = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
    with bodies.open(encoding="utf-8", newline="") as handle:
        texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    for body_id, entry in documents.items():
        text = texts[body_id]
        assert len(text) == entry["length"], body_id
        assert hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] == entry["sha"], body_id
        for item in (*entry["conflicts"], *entry["traps"]):
            for start, end in (span for side in item["sides"] for span in side):
                assert text[start:end].strip(), (body_id, start, end)
