"""Conflicts inside one story that shared words cannot find: answers, figures in other words, one source twice."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import check
from checker.models import Document, Report

pytestmark = pytest.mark.model
PUBLISHED = dt.date(2024, 5, 1)


def report(text: str) -> Report:
    return check([Document(id="d", text=text, published=PUBLISHED)])


def kinds(found: Report) -> list[tuple[str, list[str]]]:
    return [(c.kind, c.claim_ids) for c in found.conflicts]


def test_a_denial_meets_the_claim_it_answers() -> None:
    found = report(
        "Rebel commanders claimed on Monday that their fighters had captured the airport outside the city.\n\n"
        "The defence ministry refuted that claim."
    )
    assert kinds(found) == [("denial", ["d:2", "d:1"])]


def test_figures_of_one_measure_in_other_words_are_compared() -> None:
    found = report(
        "Rescue workers said 240 people had been killed in the earthquake in the mountain villages.\n\n"
        "The provincial governor said the death toll from the earthquake stood at 96."
    )
    assert [kind for kind, _ in kinds(found)] == ["numeric"]


def test_figures_of_different_measures_are_not_compared() -> None:
    found = report(
        "Rescue workers said 240 people had been injured in the earthquake in the mountain villages.\n\n"
        "The provincial governor said 96 people had been killed in the earthquake in the mountain villages."
    )
    assert kinds(found) == []


def test_one_source_named_twice_is_not_in_conflict_with_itself() -> None:
    found = report(
        "The Israeli military said its forces had struck a weapons depot in the north of the city.\n\n"
        "The military denied reports that its forces had struck a weapons depot in the north of the city."
    )
    assert kinds(found) == []


def test_a_caution_is_superseded_by_a_later_confirmation_of_the_matter() -> None:
    found = report(
        "On 5 May, union leader Ann Cole said that the Riverside plant would close in June.\n\n"
        "On 6 May, the mayor said that the city had not confirmed that the Riverside plant would close.\n\n"
        "On 8 May, the owners confirmed that the Riverside plant would close in June."
    )
    cautions = [c for c in found.conflicts if c.kind == "confirmation"]
    assert cautions and all(c.status.value == "superseded" for c in cautions)
    assert {c.resolved_by for c in cautions} == {"d:3"}


def test_a_denial_meets_what_came_before_it_in_the_article_not_what_follows() -> None:
    found = report(
        "Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are false.\n\n"
        "The council said that 300 families were evacuated from the Riverside district on Friday."
    )
    assert [c for c in found.conflicts if c.kind == "denial"] == []


def test_a_denial_that_names_another_claim_still_meets_one_it_answers_in_its_own_words() -> None:
    found = report(
        "Local papers reported that the Riverside plant would close.\n\n"
        "Union leader Ann Cole said that the Riverside plant would close in June and that 300 jobs would go.\n\n"
        "The owners denied the claim, saying that the Riverside plant would not close in June."
    )
    denials = [c.claim_ids for c in found.conflicts if c.kind == "denial"]
    assert ["d:3", "d:2"] in denials, denials
