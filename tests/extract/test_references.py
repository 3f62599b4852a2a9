"""Claims that answer an earlier claim by pointing at it ("that claim", "the figure")."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.claims import extract
from checker.models import Claim, Document

PUBLISHED = dt.date(2024, 5, 1)


def claims(text: str) -> list[Claim]:
    return [a.claim for a in extract([Document(id="d", text=text, published=PUBLISHED)])]


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("Rebel commanders said they had shot down two helicopters. The government refuted that claim.", {2: 1}),
        ("Rescuers said 120 people had died. Officials disputed that figure.", {2: 1}),
        (
            "Rescuers said 120 people had died. The governor said roads were open. Officials disputed that figure.",
            {3: 1},
        ),
        ("The union said the plant would close. The company denied the report on Friday.", {2: 1}),
        ("The union said the plant would close. The company denied the report on its finances.", {}),
        ("Rescuers said 120 people had died. Local officials said the toll was at least 80.", {}),
        ("The army said it had taken the town. The army denied that claim.", {}),
        (
            "Mark Hale claimed that the mine had flooded. Miners said the pumps had failed. "
            "The owner denied claims made by Mr Hale.",
            {3: 1},
        ),
        (
            "The Gazette reported that the mayor would resign. The mayor cut a ribbon on Monday. "
            "The council said it was working on the budget. Aides said the mayor was on holiday. "
            "The mayor later dismissed the rumours.",
            {5: 1},
        ),
        (
            "The airline dismissed claims that it will split its cabins. "
            "A few days ago, international media reported that the airline would split its cabins.",
            {1: 2},
        ),
        ("According to the report, the plant will not close. The union said the plant would close.", {}),
        (
            "The foreign ministry alleged that jets bombed the city. The Russian defence ministry said its jets "
            "hit only military targets. Kyiv denied claims made by the Russian defence ministry.",
            {3: 2},
        ),
        (
            "The union said 2,000 workers marched. Police said 600 people took part. "
            "The mayor dismissed the union's figure as inflated.",
            {3: 1},
        ),
        (
            "The Gazette reported that the mayor would resign. Aides said the mayor was on holiday. "
            '"That is completely false," the mayor said.',
            {3: 1},
        ),
        (
            "The union said the severance offer fell to 2.5 percent. "
            "A company spokeswoman would not confirm the figures in the severance package.",
            {2: 1},
        ),
        (
            "Rebels claimed that 40 soldiers were killed. The army said 3 soldiers died. "
            "Later, the army confirmed in its statement that 3 soldiers died.",
            {},
        ),
        (
            "The carmaker denied a German media report on Saturday that it had told customers of another delay. "
            "The chairman said sales were strong. German daily Die Welt reported that deliveries would slip.",
            {1: 3},
        ),
        (
            "Toyota denied a report by Japan's Kyodo News agency that it will recall the SUV. "
            "Kyodo News reported on Thursday that a recall of the SUV was planned.",
            {1: 2},
        ),
        ("The union said the plant would close. The company denied a report on its finances.", {}),
        # when it was answered is no matter of its own
        (
            "Senator Blake said smugglers had crossed the border. "
            "The agency spokeswoman disputed the senator's claim on Wednesday morning.",
            {2: 1},
        ),
        # a statement noun that only qualifies another noun points at nothing
        ("The union said the plant would close. The company denied that any decision on charges had been made.", {}),
        # through a quantifier
        (
            "The Gazette reported that the mine had flooded. Mark Hale said the pumps had failed. "
            "The owner denied any of the claims made by Mr Hale, saying the pumps worked.",
            {3: 2},
        ),
        # a named source's statement is what it first put forward, not its latest remark
        (
            "Senator Blake said smugglers had crossed the border. Blake said he had asked the patrol. "
            "The agency rejected Blake's claim.",
            {3: 1},
        ),
        # a demonstrative a verdict is passed on answers what was just said
        (
            "The union said the plant would close. The mayor said the budget was balanced. "
            '"This is false," a company spokesman said.',
            {3: 2},
        ),
        ('The union said the plant would close. "Please do not call us, as this is not our view," the mayor said.', {}),
        # a pronoun an answering verb answers stands for what was just told
        (
            "Union leaders claimed that wages would be cut. The Ledger reported that the plant would close. "
            "The owners denied it.",
            {3: 2},
        ),
        ("The Ledger reported that the plant would close. Update: the owners confirmed it.", {2: 1}),
        ("The union said the plant would close. The company issued a report on Monday.", {}),
    ],
)
def test_an_answer_points_at_the_claim_it_answers(text: str, answers: dict[int, int]) -> None:
    found = claims(text)
    by_id = {c.id: number for number, c in enumerate(found, start=1)}
    assert {by_id[c.id]: by_id[c.refers_to] for c in found if c.refers_to} == answers


def test_a_report_told_only_inside_its_denial_becomes_a_claim_the_denial_answers() -> None:
    found = claims("Leeds United have denied media reports that Brian McDermott has been sacked as manager.")
    denial, report = found
    assert report.text == "media reports that Brian McDermott has been sacked as manager"
    assert (report.speaker, report.cited_source) == ("media reports", "media reports")
    assert denial.refers_to == report.id
    assert report.start > denial.start and report.end <= denial.end


def test_a_report_told_through_a_participle_is_a_claim_with_its_own_figures() -> None:
    found = claims(
        "Contrary to earlier reports suggesting that 300 workers were laid off, the firm said on Monday "
        "that 45 jobs had been cut."
    )
    held, report = found
    assert report.text == "earlier reports suggesting that 300 workers were laid off"
    assert held.refers_to == report.id
    assert [q.text for q in report.quantities] == ["300"]
    assert [q.text for q in held.quantities] == ["45"]


@pytest.mark.parametrize(
    ("text", "source", "figure", "kept"),
    [
        (
            "Police put the crowd at 20,000, far below the organisers' estimate of 100,000.",
            "organisers",
            "100,000",
            "20,000",
        ),
        (
            "The army said the shelling killed four gunmen, not 14 villagers as the village elders had claimed.",
            "the village elders",
            "14",
            "four",
        ),
    ],
)
def test_a_figure_given_in_passing_as_another_sources_is_that_sources_claim(
    text: str, source: str, figure: str, kept: str
) -> None:
    host, told = claims(text)
    assert (told.speaker, told.cited_source, [q.text for q in told.quantities]) == (source, None, [figure])
    assert [q.text for q in host.quantities] == [kept]
    assert told.quantities[0].measure == host.quantities[0].measure


def test_a_figure_the_sentence_gives_twice_stays_with_its_own_claim_too() -> None:
    host, told = claims("Police put the crowd at the rally at 100,000, matching the organisers' estimate of 100,000.")
    assert [q.text for q in host.quantities] == ["100,000"]
    assert [q.text for q in told.quantities] == ["100,000"]


def test_a_figure_its_own_speaker_gave_is_not_split_off() -> None:
    (claim,) = claims("The ministry said that the ministry's estimate of 40 deaths was still correct.")
    assert claim.speaker == "the ministry"


def test_a_figure_in_passing_without_a_contrast_stays_in_its_sentence() -> None:
    (claim,) = claims("The storm killed 11 people, as local officials had said on Monday.")
    assert [q.text for q in claim.quantities] == ["11"]


def test_a_claim_held_despite_reports_denies_them() -> None:
    found = claims("Leeds said McDermott was still the manager despite widespread reports that he had been fired.")
    held, report = found
    assert held.refers_to == report.id
    assert held.stance.value == "denies"


def test_a_described_report_the_article_tells_elsewhere_is_answered_there() -> None:
    found = claims(
        "The official denied an earlier report that the accident was due to a landslide near a Bukit Asam mine. "
        "Earlier, Metro TV reported that 30 workers were trapped after a landslide near a Bukit Asam mine."
    )
    assert len(found) == 2
    assert found[0].refers_to == found[1].id


def test_a_denial_that_names_no_content_describes_no_report() -> None:
    assert len(claims("The company denied the report on Friday.")) == 1


def test_a_retraction_takes_back_its_own_source_s_claim_only() -> None:
    found = claims(
        "The mayor said the bridge would reopen in May. The Daily Ledger reported that the bridge had collapsed. "
        "The Daily Ledger later retracted the story."
    )
    assert found[2].refers_to == found[1].id
    unnamed = claims("The mayor said the bridge would reopen in May. The paper has since retracted the story.")
    assert unnamed[1].refers_to is None


def test_a_denial_that_tells_what_it_denies_answers_no_unrelated_later_allegation() -> None:
    found = claims(
        "Leeds United have denied media reports that Brian McDermott has been sacked as manager. "
        "Max Fisher wrote a story for Vox.com arguing that the gesture had spread."
    )
    assert [c.speaker for c in found] == ["Leeds United", "media reports", "Max Fisher"]
    assert found[0].refers_to == found[1].id


def test_who_made_a_denied_claim_is_not_the_agent_inside_what_it_claims() -> None:
    found = claims("The ministry denied claims that the general had been sacked by the president.")
    assert [c.speaker for c in found] == ["the ministry", "claims"]
