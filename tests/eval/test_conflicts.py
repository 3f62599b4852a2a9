"""Conflict scoring on small synthetic cases: matching, recall/precision, kind, status, traps, fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.eval.conflicts import (
    AnnotatedClaim,
    ConflictDocument,
    GoldConflict,
    Reported,
    Split,
    Stage,
    Trap,
    assign_splits,
    conflict_summary,
    diagnose,
    load_conflict_gold,
    matches,
    overlaps,
    reported_conflicts,
    score_claim_fields,
    score_conflicts,
    stage_reached,
)
from checker.eval.gold import GoldQuantity, Scores
from checker.models import (
    Conflict,
    DocumentInfo,
    Quantity,
    Report,
    Severity,
    Stance,
    Status,
)
from tests.helpers import gold_claim, predicted_claim

OPEN, SUPERSEDED = Status.OPEN, Status.SUPERSEDED


def annotated(claim_id: str, start: int, end: int, **fields: object) -> AnnotatedClaim:
    return AnnotatedClaim(claim_id, gold_claim(start, end, **fields), (), None)


def document(
    conflicts: tuple[GoldConflict, ...] = (), traps: tuple[Trap, ...] = (), claims: tuple[AnnotatedClaim, ...] = ()
) -> ConflictDocument:
    # c1 asserts (0-50), c2 repeats it (51-100), c3 denies (101-150), c4 speculates (151-200)
    claims = claims or (
        annotated("c1", 0, 50),
        annotated("c2", 51, 100),
        annotated("c3", 101, 150),
        annotated("c4", 151, 200),
    )
    return ConflictDocument(300, "", Split.TUNE, claims, conflicts, traps)


DENIAL = GoldConflict((("c3",), ("c1", "c2")), "denial", OPEN, "")
SPECULATION = Trap((("c4",), ("c3",)), "speculation", "")
UPDATE = Trap((("c1",), ("c4",)), "update", "")


def report(a: tuple[int, int], b: tuple[int, int], kind: str = "denial", status: Status = OPEN) -> Reported:
    return Reported((a, b), kind, status)


def test_overlap_needs_one_shared_character() -> None:
    assert overlaps((0, 10), (9, 20))
    assert not overlaps((0, 10), (10, 20))


def test_a_report_matches_either_order_and_any_claim_of_a_side() -> None:
    sides = (((101, 150),), ((0, 50), (51, 100)))
    assert matches(report((120, 130), (60, 70)), sides)
    assert matches(report((0, 10), (140, 160)), sides)
    assert not matches(report((0, 10), (60, 70)), sides)  # both on one side
    assert not matches(report((101, 150), (151, 200)), sides)


def test_recall_precision_kind_and_status() -> None:
    scores = score_conflicts(
        document((DENIAL,)),
        [report((101, 150), (0, 50)), report((101, 150), (51, 100), "numeric"), report((0, 50), (151, 200))],
    )
    figures = conflict_summary(scores)
    assert figures["conflict_recall"] == 1.0
    assert figures["conflict_precision"] == pytest.approx(2 / 3)
    assert figures["kind_accuracy"] == 1.0  # one matching report has the annotated kind
    assert figures["status_accuracy"] == 1.0
    assert scores.counts["conflicts.found.denial"] == 1


def test_a_wrong_kind_and_status_are_counted_on_the_matched_conflict() -> None:
    scores = score_conflicts(document((DENIAL,)), [report((101, 150), (0, 50), "numeric", SUPERSEDED)])
    figures = conflict_summary(scores)
    assert (figures["kind_accuracy"], figures["status_accuracy"]) == (0.0, 0.0)
    trouble = diagnose(document((DENIAL,)), [report((101, 150), (0, 50), "numeric", SUPERSEDED)])
    assert len(trouble.wrong_kind) == len(trouble.wrong_status) == 1


def test_status_is_judged_on_reports_of_the_right_kind() -> None:
    reports = [report((101, 150), (0, 50), "numeric", OPEN), report((101, 150), (51, 100), "denial", SUPERSEDED)]
    figures = conflict_summary(score_conflicts(document((DENIAL,)), reports))
    assert (figures["kind_accuracy"], figures["status_accuracy"]) == (1.0, 0.0)


def test_a_missed_conflict_and_no_reports() -> None:
    scores = score_conflicts(document((DENIAL,)), [])
    figures = conflict_summary(scores)
    assert figures["conflict_recall"] == 0.0
    assert figures["conflict_precision"] is None
    assert figures["kind_accuracy"] is None


def test_trap_hits_are_false_alarms_counted_separately() -> None:
    scores = score_conflicts(document((DENIAL,), (SPECULATION,)), [report((151, 200), (101, 150))])
    assert scores.counts["traps.hit"] == 1
    assert conflict_summary(scores)["conflict_precision"] == 0.0
    assert conflict_summary(scores)["trap_hit_rate"] == 1.0


def test_a_report_matching_a_conflict_is_no_trap_hit() -> None:
    # the trap shares c3 with the conflict; a report on c3-c1 is the conflict, not the trap
    trap = Trap((("c3",), ("c1",)), "same_source", "")
    scores = score_conflicts(document((DENIAL,), (trap,)), [report((101, 150), (0, 50))])
    assert scores.counts["traps.hit"] == 0
    assert conflict_summary(scores)["conflict_precision"] == 1.0


def test_an_update_shown_as_superseded_is_accepted_but_not_an_open_one() -> None:
    accepted = score_conflicts(document((), (UPDATE,)), [report((0, 50), (151, 200), "update", SUPERSEDED)])
    assert accepted.counts["reported"] == 0
    assert accepted.counts["reported.accepted"] == 1
    assert accepted.counts["traps.hit"] == 0
    wrong = score_conflicts(document((), (UPDATE,)), [report((0, 50), (151, 200), "numeric", OPEN)])
    assert wrong.counts["traps.hit"] == 1
    assert conflict_summary(wrong)["conflict_precision"] == 0.0


def test_counts_add_up_over_documents() -> None:
    total = Scores()
    total.add(score_conflicts(document((DENIAL,)), [report((101, 150), (0, 50))]))
    total.add(score_conflicts(document((DENIAL,)), []))
    assert conflict_summary(total)["conflict_recall"] == 0.5
    assert conflict_summary(total)["conflict_precision"] == 1.0


def test_split_rule_is_a_stratified_third_by_hash() -> None:
    kinds = {str(n): (["denial"] if n < 9 else ["numeric"] if n < 12 else []) for n in range(15)}
    splits = assign_splits(kinds)
    tested = [doc for doc, split in splits.items() if split is Split.TEST]
    assert sum(1 for d in tested if kinds[d] == ["denial"]) == 3  # a third of nine
    assert sum(1 for d in tested if kinds[d] == ["numeric"]) == 1  # a third of three, rounded up
    assert sum(1 for d in tested if not kinds[d]) == 1
    assert assign_splits(dict(reversed(list(kinds.items())))) == splits  # order of input does not matter


def test_split_stratum_is_the_rarest_kind() -> None:
    kinds = {"a": ["denial", "numeric"], "b": ["denial"], "c": ["denial"]}
    splits = assign_splits(kinds)
    assert splits["a"] is Split.TEST  # alone in the numeric stratum


def test_claim_fields_on_annotated_claims_only() -> None:
    gold = document(
        claims=(
            annotated("c1", 0, 50, speaker="Police", quantities=(GoldQuantity("at least 80", 80, None, "people"),)),
            annotated("c2", 51, 100, speaker="the ministry", stance=Stance.DENIES),
        )
    )
    found = [
        predicted_claim(
            0,
            49,
            speaker="police",
            quantities=[Quantity(text="80", value=80, low=80, high=80, approx=False, unit="people")],
        ),
        predicted_claim(51, 100, speaker="ministry", stance=Stance.ASSERTS),
        predicted_claim(200, 250),  # not annotated: no effect
    ]
    figures = conflict_summary(score_claim_fields(gold, found))
    assert figures["claim_recall"] == 1.0
    assert figures["speaker"] == 1.0
    assert figures["stance"] == 0.5
    assert figures["quantities_f1"] == 1.0


def test_references_are_scored_on_the_annotated_answering_claims() -> None:
    gold = document(
        claims=(
            annotated("c1", 0, 50),
            annotated("c2", 51, 100),
            AnnotatedClaim("c3", gold_claim(101, 150), (), "c1"),
            AnnotatedClaim("c4", gold_claim(151, 200), (), "c1"),
        )
    )
    found = [
        predicted_claim(0, 50),
        predicted_claim(51, 100, refers_to="d:0"),  # annotated as referring to nothing: a wrong referent
        predicted_claim(101, 150, refers_to="d:0"),
        predicted_claim(151, 200, refers_to="d:51"),
    ]
    figures = conflict_summary(score_claim_fields(gold, found))
    assert (figures["refers_to_recall"], figures["refers_to_precision"]) == (0.5, 1 / 3)


def test_reported_conflicts_reads_spans_of_one_document() -> None:
    claims = [
        predicted_claim(0, 50, id="d:1"),
        predicted_claim(60, 90, id="d:2"),
        predicted_claim(0, 10, id="e:1", doc_id="e"),
    ]
    conflicts = [
        Conflict(
            id="C1",
            kind="denial",
            claim_ids=["d:1", "d:2"],
            status=OPEN,
            severity=Severity.HIGH,
            resolved_by=None,
            as_of=None,
            explanation="",
        ),
        Conflict(
            id="C2",
            kind="denial",
            claim_ids=["d:1", "e:1"],
            status=OPEN,
            severity=Severity.HIGH,
            resolved_by=None,
            as_of=None,
            explanation="",
        ),
    ]
    info = DocumentInfo(id="d", source=None, published=None, url=None)
    result = reported_conflicts(Report(documents=[info], claims=claims, topics=[], conflicts=conflicts), "d")
    assert result == [Reported(((0, 50), (60, 90)), "denial", OPEN)]


def write(tmp_path: Path, documents: dict[str, object]) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"documents": documents}), encoding="utf-8")
    return path


def gold_entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "length": 10,
        "sha": "x",
        "split": "tune",
        "claims": [
            {
                "id": "c1",
                "start": 0,
                "end": 4,
                "sha": "a",
                "speaker": None,
                "speaker_role": None,
                "cited_source": None,
                "stance": "asserts",
                "quantities": [{"text": "3", "low": 3, "high": 3, "unit": None, "event": "e"}],
                "mentions": [],
                "refers_to": None,
            },
            {
                "id": "c2",
                "start": 5,
                "end": 9,
                "sha": "b",
                "speaker": "X",
                "speaker_role": None,
                "cited_source": None,
                "stance": "denies",
                "quantities": [],
                "mentions": [],
                "refers_to": "c1",
            },
        ],
        "conflicts": [{"claims": [["c2"], ["c1"]], "kind": "denial", "status": "open", "note": ""}],
        "traps": [],
    }
    entry.update(changes)
    return entry


def test_load_reads_a_well_formed_file(tmp_path: Path) -> None:
    loaded = load_conflict_gold(write(tmp_path, {"7": gold_entry()}))
    assert loaded["7"].conflicts[0].sides == (("c2",), ("c1",))
    assert loaded["7"].claims[1].refers_to == "c1"
    assert loaded["7"].claims[0].events == ("e",)


@pytest.mark.parametrize(
    "changes",
    [
        {"conflicts": [{"claims": [["c9"], ["c1"]], "kind": "denial", "status": "open", "note": ""}]},
        {"conflicts": [{"claims": [["c2"], ["c1"]], "kind": "contradiction", "status": "open", "note": ""}]},
        {"traps": [{"claims": [["c2"], ["c1"]], "type": "maybe", "note": ""}]},
        {"split": "train"},
        {"claims": [{**gold_entry()["claims"][1], "id": "c1", "refers_to": "c7"}], "conflicts": []},  # type: ignore[index]
    ],
)
def test_load_refuses_bad_entries(tmp_path: Path, changes: dict[str, object]) -> None:
    with pytest.raises(InputError):
        load_conflict_gold(write(tmp_path, {"7": gold_entry(**changes)}))


DENIAL_SIDES = (((101, 150),), ((0, 50), (51, 100)))


@pytest.mark.parametrize(
    ("claims", "reported", "expected"),
    [
        ([(0, 50, Stance.ASSERTS), (101, 150, Stance.DENIES)], [report((101, 150), (0, 50))], Stage.FOUND),
        ([(0, 50, Stance.ASSERTS), (101, 150, Stance.DENIES)], [report((101, 150), (151, 200))], Stage.NOT_PAIRED),
        ([(51, 100, Stance.ASSERTS), (101, 150, Stance.ASSERTS)], [], Stage.NO_CUE),
        ([(101, 150, Stance.DENIES), (151, 200, Stance.ASSERTS)], [], Stage.NO_CLAIM),
    ],
    ids=["found", "wrong-partner", "content-only", "side-without-claim"],
)
def test_an_annotated_conflict_stops_at_the_first_stage_it_fails(
    claims: list[tuple[int, int, Stance]], reported: list[Reported], expected: Stage
) -> None:
    extracted = [predicted_claim(start, end, stance=stance) for start, end, stance in claims]
    assert stage_reached("denial", DENIAL_SIDES, extracted, reported) is expected


def test_a_numeric_conflict_needs_figures_on_both_sides() -> None:
    figure = Quantity(text="12", value=12.0, low=12.0, high=12.0, approx=False, unit="people")
    extracted = [predicted_claim(0, 50, quantities=[figure]), predicted_claim(101, 150)]
    assert stage_reached("numeric", DENIAL_SIDES, extracted, []) is Stage.NO_CUE
    extracted[1] = predicted_claim(101, 150, quantities=[figure])
    assert stage_reached("numeric", DENIAL_SIDES, extracted, []) is Stage.NOT_PAIRED
