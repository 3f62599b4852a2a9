"""Time-aware statuses, end to end through `check()` with the real models."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import Document, check
from checker.models import Report, Status

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2024, 10, 28)


def report_for(text: str) -> Report:
    return check([Document(id="d", text=text, published=PUBLISHED)])


def kinds(report: Report) -> dict[str, list[tuple[Status, str | None]]]:
    found: dict[str, list[tuple[Status, str | None]]] = {}
    for conflict in report.conflicts:
        found.setdefault(conflict.kind, []).append((conflict.status, conflict.resolved_by))
    return found


def test_confirmation_after_not_confirmed_supersedes_it() -> None:
    report = report_for(
        "On 10 October, Health Minister Jane Doe said that the government has not yet confirmed that the virus "
        "reached the capital.\n\nOn 14 October, the health agency confirmed that the virus had reached the capital."
    )
    assert kinds(report)["confirmation"] == [(Status.SUPERSEDED, "d:2")]


def test_not_confirmed_after_a_confirmation_stays_open() -> None:
    report = report_for(
        "On 10 October, the health agency confirmed that the virus had reached the capital.\n\n"
        "On 14 October, Health Minister Jane Doe said that the government has not yet confirmed that the virus "
        "reached the capital."
    )
    assert kinds(report)["confirmation"] == [(Status.OPEN, None)]


DENIAL_THEN = (
    "On 3 October, Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are false.\n\n"
    "On 5 October, residents' leader Ann Cole said that a chemical leak at the Riverside plant forced families to flee.\n\n"
)


def test_denial_settled_by_two_later_independent_confirmations() -> None:
    report = report_for(
        DENIAL_THEN + "On 9 October, the environment agency confirmed a chemical leak at the Riverside plant.\n\n"
        "On 10 October, the plant's owner Rita Gomez confirmed that a chemical leak at the Riverside plant happened."
    )
    statuses = kinds(report)["denial"]
    assert statuses == [(Status.RESOLVED, "d:3")]


def test_denial_with_one_later_voice_stays_open() -> None:
    report = report_for(
        DENIAL_THEN + "On 9 October, the environment agency confirmed a chemical leak at the Riverside plant."
    )
    assert kinds(report)["denial"] == [(Status.OPEN, None)]


def test_a_body_and_its_spokesperson_denying_again_are_one_later_voice() -> None:
    report = report_for(
        "On 2 October, the Daily Ledger reported that Harbor Freight Lines will cut 900 jobs.\n\n"
        "On 3 October, Harbor Freight Lines denied that it will cut 900 jobs.\n\n"
        "On 4 October, Harbor Freight Lines spokeswoman Amy Lund denied that the firm will cut 900 jobs.\n\n"
        "On 5 October, Harbor Freight Lines chief executive Tom Berg denied that the firm will cut 900 jobs."
    )
    assert {status for status, _ in kinds(report)["denial"]} == {Status.OPEN}


def test_source_revising_its_own_figure_is_superseded() -> None:
    report = report_for(
        "On 3 October, the ministry said that 300 people were evacuated from the flood zone.\n\n"
        "On 6 October, the ministry said that 1,200 people were evacuated from the flood zone."
    )
    assert kinds(report)["numeric"] == [(Status.SUPERSEDED, "d:2")]


def test_explanation_names_both_speakers_and_dates() -> None:
    report = report_for(DENIAL_THEN)
    (conflict,) = report.conflicts
    assert "Tom Reed (3 October 2024)" in conflict.explanation
    assert "Ann Cole (5 October 2024)" in conflict.explanation
    assert conflict.as_of == dt.date(2024, 10, 5)


def test_wire_copy_in_two_outlets_is_one_source_not_two() -> None:
    denial = Document(id="a", text=DENIAL_THEN, published=PUBLISHED)
    wire = "On 9 October, a chemical leak at the Riverside plant was confirmed by inspectors."
    copies = [Document(id=f"w{i}", text=wire, source=f"Outlet {i}", published=PUBLISHED) for i in (1, 2)]
    report = check([denial, *copies])
    (conflict,) = [c for c in report.conflicts if c.kind == "denial"]
    assert conflict.status is Status.OPEN  # two carriers of one statement do not settle it
    third = Document(
        id="w3",
        text="On 10 October, the plant's owner Rita Gomez confirmed the chemical leak at the Riverside plant.",
        published=PUBLISHED,
    )
    (settled,) = [c for c in check([denial, *copies, third]).conflicts if c.kind == "denial"]
    assert settled.status is Status.RESOLVED


def test_cross_document_conflict_names_the_outlets() -> None:
    left = Document(
        id="a",
        text="Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are false.",
        source="Daily Bugle",
        published=PUBLISHED,
    )
    right = Document(
        id="b",
        text="Residents' leader Ann Cole said that a chemical leak at the Riverside plant forced families to flee.",
        source="Evening Star",
        published=PUBLISHED,
    )
    (conflict,) = check([left, right]).conflicts
    assert "Tom Reed in Daily Bugle" in conflict.explanation and "Ann Cole in Evening Star" in conflict.explanation


def test_a_retraction_supersedes_what_its_source_published() -> None:
    report = report_for(
        "Max Fisher wrote a story for Vox.com arguing that the gesture had spread from Ferguson to Hong Kong. "
        "Vox later corrected their post, addressing the controversy."
    )
    assert kinds(report)["denial"] == [(Status.SUPERSEDED, "d:2")]
