"""What a figure counts, from the parse: the same measure in other words."""

from __future__ import annotations

import pytest

from checker.extract.claims import extract
from checker.extract.nlp import parse
from checker.extract.quantities import find_quantities
from checker.models import Document


def measures(text: str) -> list[tuple[str, str | None]]:
    (doc,) = parse([text])
    return [(q.text, q.measure) for q in find_quantities(doc, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 19 people were killed in the strike.", [("At least 19", "deaths")]),
        ("The death toll rose to 2,360 on Sunday.", [("2,360", "deaths")]),
        ("Officials said the toll stood at 80.", [("80", "deaths")]),
        ("Medics said 31 people died overnight.", [("31", "deaths")]),
        ("Twelve people were injured in the blast.", [("Twelve", "injuries")]),
        # who turned out (voters, a crowd) the article says: claims._inherit_measures
        ("Turnout was 51.5 percent.", [("51.5 percent", "turnout")]),
        ("Only 30 percent of voters turned out.", [("30 percent", "turnout")]),
        ("Police arrested 45 protesters.", [("45", "crowd")]),
        ("The company will cut 1,500 jobs.", [("1,500", "jobs")]),
        ("More than 300 homes were damaged.", [("More than 300", None)]),
        ("The coast guard revised its count to 31 missing.", [("31", "missing")]),
        ("The ministry updated the figure to 212 dead.", [("212", "deaths")]),
        ("The coast guard said 443 passengers had been rescued.", [("443", "rescued")]),
        ("About 30 employees were trapped after a landslide.", [("About 30", "trapped")]),
        ("The death toll from the magnitude 7.8 earthquake rose.", [("7.8", None)]),
        ("60-65 fighters were killed.", [("60-65", "deaths")]),
        ("The estimate of militants killed was about 25.", [("about 25", "deaths")]),
        ("Up to 200,000 people joined the protest.", [("Up to 200,000", "crowd")]),
        ("One officer and 15 soldiers lost their lives.", [("One", "deaths"), ("15", "deaths")]),
        ("Tribesmen put the army casualties at seven.", [("seven", "casualties")]),
        ("Police estimates put the protesters' numbers at 30,000.", [("30,000", "crowd")]),
        ("The president said the polling percentage was 26.", [("26", "votes")]),
    ],
)
def test_the_measure_of_a_figure(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert measures(text) == expected


def test_a_bare_figure_completing_a_verb_counts_what_the_figure_before_it_counts() -> None:
    assert measures("Police counted 300 protesters and organisers tallied more than 2,000.") == [
        ("300", "crowd"),
        ("more than 2,000", "crowd"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Organisers said one million people marched. Police said 240,000.", [["crowd"], ["crowd"]]),
        ("The ministry said 42 people had died. Rescuers said 80.", [["deaths"], ["deaths"]]),
        ("The ministry said 42 people had died.\n\nRescuers said 80.", [["deaths"], [None]]),
        ("The ministry said 42 people had died. The minister resigned. Rescuers said 80.", [["deaths"], [None]]),
    ],
    ids=["crowd", "toll", "next-paragraph", "not-next-sentence"],
)
def test_a_bare_figure_right_after_a_counted_one_counts_the_same(text: str, expected: list[list[str | None]]) -> None:
    """ "Police said 240,000": the count the sentence before gave, in another source's words; only in the
    next sentence of the same paragraph."""
    found = [a.claim.quantities for a in extract([Document(id="d", text=text)])]
    assert [[q.measure for q in figures] for figures in found if figures] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The organiser put the turnout at 510,000. Police said 98,600 people joined the march.",
            [[("510,000", "crowd")], [("98,600", "crowd")]],
        ),
        (
            "The commission put the turnout at 51.5 percent. Officials said 2 million ballots were cast.",
            [[("51.5 percent", "votes")], [("2 million", "votes")]],
        ),
        (
            "Police said 98,600 people joined the march. Academics estimated the total was 150,000.",
            [[("98,600", "crowd")], [("150,000", "crowd")]],
        ),
        (
            "Police said 98,600 people joined the march and 12 were injured. Academics estimated the total was 150,000.",
            [[("98,600", "crowd"), ("12", "injuries")], [("150,000", None)]],
        ),
        ("Officials said the number of schools closed rose to 40.", [[("40", None)]]),
    ],
)
def test_a_bare_count_counts_what_the_article_counts(text: str, expected: list[list[tuple[str, str | None]]]) -> None:
    found = [a.claim for a in extract([Document(id="d", text=text)])]
    assert [[(q.text, q.measure) for q in claim.quantities] for claim in found] == expected


def test_put_it_at_counts_what_the_article_counts() -> None:
    text = "The commission put it at 51.5 percent, but the opposition said only 30 percent had turned out."
    found = [a.claim for a in extract([Document(id="d", text=text)])]
    assert [[(q.text, q.measure) for q in c.quantities] for c in found] == [
        [("51.5 percent", "votes")],
        [("30 percent", "votes")],
    ]
