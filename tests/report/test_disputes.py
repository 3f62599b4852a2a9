"""Disputes: every conflict in exactly one, one statement against its critics, competing figures per counted thing."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from pathlib import Path

import pytest

from checker import check
from checker.models import Claim, Document, Quantity, Report, Severity, SideRole, Stance, Status
from checker.report.disputes import group_disputes, statement_key
from checker.report.view import hide_below
from tests import reports
from tests.conftest import DATASETS, HOSTILE, RIVERSIDE, fixture_document
from tests.fakes import FakeEmbedder

FNC_BODIES = DATASETS / "fnc1" / "bodies-dev.csv"
FNC_SAMPLE = 100  # bodies checked together, as in the README's corpus figures
SEED_MOST_DISPUTES = 6  # the goal: an editor takes the seed in as at most six problems
PUBLISHED = dt.date(2024, 10, 28)
REED = "On 3 October, Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are false."
# Three outlets: one denial against three accounts, three figures for one counted thing.
OUTLETS = [
    Document(
        id="north",
        source="Northern Post",
        published=PUBLISHED,
        text=f"{REED}\n\nOn 5 October, Ann Cole said that a chemical leak at the Riverside plant forced families to "
        "flee.\n\nOn 9 October, the council said that 300 families were evacuated from the Riverside district.",
    ),
    Document(
        id="south",
        source="Southern Star",
        published=PUBLISHED,
        text=f"{REED}\n\nOn 6 October, plant worker Ben Ward said that a chemical leak at the Riverside plant forced "
        "the night shift to flee.\n\nOn 10 October, the Red Cross said that 320 families were evacuated from the "
        "Riverside district.",
    ),
    Document(
        id="east",
        source="East Gazette",
        published=PUBLISHED,
        text="On 7 October, the fire brigade said that a chemical leak at the Riverside plant forced families to "
        "flee.\n\nOn 11 October, the mayor said that 450 families were evacuated from the Riverside district.",
    ),
]


def assert_partition(report: Report, numbered: bool = True) -> None:
    """Every conflict in exactly one dispute; each dispute's sides hold the claims of its conflicts (and the
    other carriers of the disputed statement).

    `numbered`: the disputes are D1, D2, ... (after --min-severity, the ones left keep their ids).
    """
    conflicts = {c.id: c for c in report.conflicts}
    listed = [i for d in report.disputes for i in d.conflict_ids]
    assert sorted(listed) == sorted(conflicts) and len(listed) == len(set(listed))
    numbers = [int(d.id.removeprefix("D")) for d in report.disputes]
    assert numbers == (list(range(1, len(numbers) + 1)) if numbered else sorted(set(numbers)))
    for dispute in report.disputes:
        mine = [conflicts[i] for i in dispute.conflict_ids]
        assert {c.kind for c in mine} == {dispute.kind}
        on_sides = [i for side in dispute.sides for i in side.claim_ids]
        assert len(on_sides) == len(set(on_sides))
        paired = {i for c in mine for i in c.claim_ids}
        assert paired <= set(on_sides)
        carriers = set(on_sides) - paired  # outlets that carried the disputed statement without being paired
        assert all(i in dispute.sides[0].claim_ids for i in carriers)
        urgent = max(mine, key=lambda c: (c.status is Status.OPEN, c.severity.rank))
        assert (dispute.status, dispute.severity) == (urgent.status, urgent.severity)
        assert (dispute.resolved_by is None) == (dispute.status is Status.OPEN or not any(c.resolved_by for c in mine))
        if len(mine) == 1:
            assert dispute.explanation == mine[0].explanation
        else:
            assert all(side.who.casefold() in dispute.explanation.casefold() for side in dispute.sides)
    # The gate judges conflicts; a dispute is open exactly when one of its conflicts is.
    open_conflicts = {c.id for c in report.conflicts if c.status is Status.OPEN}
    assert {d.id for d in report.disputes if d.status is Status.OPEN} == {
        d.id for d in report.disputes if open_conflicts.intersection(d.conflict_ids)
    }


@pytest.mark.parametrize("path", [RIVERSIDE, HOSTILE], ids=["riverside", "hostile"])
def test_fixtures_lose_and_duplicate_no_conflict(path: Path) -> None:
    report = check([fixture_document(path)], embedder=FakeEmbedder())
    assert report.conflicts
    assert_partition(report)


def test_one_denial_against_three_outlets_is_one_dispute() -> None:
    report = check(OUTLETS, embedder=FakeEmbedder())
    assert_partition(report)
    denials = [d for d in report.disputes if d.kind == "denial"]
    (dispute,) = denials
    assert len(dispute.conflict_ids) == len([c for c in report.conflicts if c.kind == "denial"]) > 1
    assert dispute.sides[0].role is SideRole.DISPUTED and dispute.sides[0].who == "Tom Reed"
    assert dispute.sides[0].stance is Stance.DENIES
    assert dispute.sides[0].claim_ids == ["north:1", "south:1"]  # the wire copy in both outlets: one side
    assert {"Ann Cole", "Ben Ward", "the fire brigade"} <= {s.who for s in dispute.sides[1:]}
    assert dispute.explanation.startswith("Tom Reed in Northern Post (3 October 2024) denies what")


def test_competing_figures_for_one_counted_thing_are_one_dispute() -> None:
    report = check(OUTLETS, embedder=FakeEmbedder())
    (figures,) = [d for d in report.disputes if d.kind == "numeric"]
    assert len(figures.conflict_ids) == len([c for c in report.conflicts if c.kind == "numeric"]) > 1
    assert [s.what for s in figures.sides] == ["300 families", "320 families", "450 families"]
    assert {s.role for s in figures.sides} == {SideRole.FIGURE}
    assert figures.disputed == "how many families"
    assert figures.severity is Severity.MEDIUM  # the worst open gap (450 against 300), not the first


def _claim(doc: Document, text: str, number: int, speaker: str | None, **fields: object) -> Claim:
    return reports.claim(doc, text, number, speaker, **fields)


def test_a_statement_carried_by_two_outlets_is_one_side() -> None:
    wire = "Tom Reed said the bridge is closed."
    north = Document(id="n", source="Northern Post", text=f"{wire} Ann Cole said the bridge is open.")
    south = Document(id="s", source="Southern Star", text=f"{wire.upper()} Ben Ward said the bridge is open.")
    reed_n = _claim(north, wire, 1, "Tom Reed", stance=Stance.DENIES)
    reed_s = _claim(south, wire.upper(), 1, "Tom Reed", stance=Stance.DENIES)
    cole = _claim(north, "Ann Cole said the bridge is open.", 2, "Ann Cole")
    ward = _claim(south, "Ben Ward said the bridge is open.", 2, "Ben Ward")
    assert statement_key(reed_n) == statement_key(reed_s)
    report = reports.report(
        [north, south],
        [reed_n, reed_s, cole, ward],
        [
            reports.conflict(1, "denial", (reed_n, cole), Status.OPEN, Severity.HIGH),
            reports.conflict(2, "denial", (reed_s, ward), Status.OPEN, Severity.HIGH),
        ],
    )
    assert_partition(report)
    (dispute,) = report.disputes
    assert dispute.sides[0].claim_ids == [reed_n.id, reed_s.id]
    assert [s.who for s in dispute.sides[1:]] == ["Ann Cole", "Ben Ward"]


def test_one_assertion_denied_by_several_is_disputed_by_them() -> None:
    doc = Document(id="d", text="Ann Cole said it rained. Tom Reed denied it. Ben Ward denied it too.")
    cole = _claim(doc, "Ann Cole said it rained.", 1, "Ann Cole")
    reed = _claim(doc, "Tom Reed denied it.", 2, "Tom Reed", stance=Stance.DENIES)
    ward = _claim(doc, "Ben Ward denied it too.", 3, "Ben Ward", stance=Stance.DENIES)
    report = reports.report(
        [doc],
        [cole, reed, ward],
        [
            reports.conflict(1, "denial", (reed, cole), Status.OPEN, Severity.HIGH),
            reports.conflict(2, "denial", (ward, cole), Status.OPEN, Severity.MEDIUM),
        ],
    )
    (dispute,) = report.disputes
    assert dispute.sides[0].who == "Ann Cole" and dispute.severity is Severity.HIGH
    assert dispute.explanation.startswith("Ann Cole (undated) asserts what Tom Reed and Ben Ward deny")


def test_two_counted_things_in_one_claim_stay_two_disputes() -> None:
    doc = Document(
        id="d",
        text="Ann Cole said 20 people died and 50 were hurt. Tom Reed said 25 people died. Ben Ward said 70 were hurt.",
    )

    def figure(text: str, value: float, event: str) -> Quantity:
        return Quantity(text=text, value=value, low=value, high=value, approx=False, unit="people", event=event)

    died, hurt = figure("20", 20, "die"), figure("50", 50, "hurt")
    cole = _claim(doc, "Ann Cole said 20 people died and 50 were hurt.", 1, "Ann Cole", quantities=[died, hurt])
    reed = _claim(doc, "Tom Reed said 25 people died.", 2, "Tom Reed", quantities=[figure("25", 25, "die")])
    ward = _claim(doc, "Ben Ward said 70 were hurt.", 3, "Ben Ward", quantities=[figure("70", 70, "hurt")])
    conflicts = [
        reports.conflict(1, "numeric", (cole, reed), Status.OPEN, Severity.MEDIUM),
        reports.conflict(2, "numeric", (cole, ward), Status.OPEN, Severity.MEDIUM),
    ]
    figures = {
        (cole.id, reed.id): (died, reed.quantities[0]),
        (cole.id, ward.id): (hurt, ward.quantities[0]),
    }
    report = reports.report([doc], [cole, reed, ward], conflicts, figures)
    assert_partition(report)
    assert [[s.what for s in d.sides] for d in report.disputes] == [
        ["20 people", "25 people"],
        ["50 people", "70 people"],
    ]
    # Without knowing which figures were compared, the conflicts meet in the claim they share.
    assert len(group_disputes(report.model_copy(update={"disputes": []}))) == 1


def test_hiding_conflicts_redoes_their_disputes() -> None:
    report = check(OUTLETS, embedder=FakeEmbedder())
    shown = hide_below(report, Severity.MEDIUM)
    assert_partition(shown, numbered=False)
    (figures,) = [d for d in shown.disputes if d.kind == "numeric"]
    assert len(figures.conflict_ids) < len(next(d for d in report.disputes if d.kind == "numeric").conflict_ids)
    assert {d.id for d in shown.disputes} <= {d.id for d in report.disputes}


def test_grouping_depends_only_on_the_report() -> None:
    report = check(OUTLETS, embedder=FakeEmbedder())
    again = check(list(reversed(OUTLETS)), embedder=FakeEmbedder())
    assert again.disputes == report.disputes


@pytest.mark.model
def test_seed_reads_as_a_handful_of_disputes(seed_report: Report) -> None:
    assert_partition(seed_report)
    assert len(seed_report.disputes) <= SEED_MOST_DISPUTES < len(seed_report.conflicts)
    claims = {c.id: c for c in seed_report.claims}
    # Kovalenko's one denial, against every source it contradicts, is one dispute settled by the Pentagon.
    (kovalenko,) = [c.id for c in seed_report.claims if c.speaker == "Andrii Kovalenko"]
    denials = {c.id for c in seed_report.conflicts if c.kind == "denial" and kovalenko in c.claim_ids}
    (dispute,) = [d for d in seed_report.disputes if denials & set(d.conflict_ids)]
    assert set(dispute.conflict_ids) == denials and len(denials) > 1
    assert dispute.sides[0].claim_ids == [kovalenko] and dispute.status is Status.RESOLVED
    assert claims[str(dispute.resolved_by)].speaker == "the Pentagon"
    # The figures for the North Korean troops are one dispute, one side per figure.
    (figures,) = [d for d in seed_report.disputes if d.kind == "numeric"]
    assert len(figures.sides) == len({i for c in figures.conflict_ids for i in _pair(seed_report, c)})
    # Austin's "not yet confirmed", against every source it meets, is one dispute led by it.
    (austin_claim,) = [c.id for c in seed_report.claims if c.speaker == "Lloyd Austin"]
    (austin,) = [d for d in seed_report.disputes if d.kind == "confirmation"]
    assert austin.sides[0].claim_ids == [austin_claim]
    assert set(austin.conflict_ids) == {c.id for c in seed_report.conflicts if austin_claim in c.claim_ids}
    assert {"the Pentagon", "Mark Rutte"} <= {s.who for s in austin.sides[1:]}


def _pair(report: Report, conflict_id: str) -> list[str]:
    return next(c.claim_ids for c in report.conflicts if c.id == conflict_id)


@pytest.mark.model
@pytest.mark.skipif(not FNC_BODIES.exists(), reason="../shared/datasets/fnc1 is absent")
def test_fnc1_bodies_lose_and_duplicate_no_conflict() -> None:
    with FNC_BODIES.open(encoding="utf-8", newline="") as handle:
        rows = list(itertools.islice(csv.DictReader(handle), FNC_SAMPLE))
    documents = [Document(id=f"body-{row['Body ID']}", text=row["articleBody"]) for row in rows]
    report = check(documents)
    assert len(report.conflicts) > len({c.kind for c in report.conflicts})  # enough to group
    assert_partition(report)
    assert_partition(hide_below(report, Severity.MEDIUM), numbered=False)
