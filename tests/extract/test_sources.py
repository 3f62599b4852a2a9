"""Whether two names are one source, and whether a role speaks for a named body."""

from __future__ import annotations

import pytest

from checker.extract import a_publication, an_outlet, dateline_agency, same_source, speaks_for
from checker.extract.sources import dated_dateline_end, pointing_publication, publication_outlet


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("the military", "The Israeli military", True),
        ("Israeli officials", "Palestinian officials", False),
        ("The Journal", "the Wall Street Journal", True),
        ("Reuters", "Reuters", True),
        ("the ministry", "the ministry's spokesman", False),
    ],
)
def test_same_source(a: str, b: str, expected: bool) -> None:
    assert same_source(a, b) is expected


@pytest.mark.parametrize(
    ("role", "name", "expected"),
    [
        ("fire brigade spokesman", "The fire brigade", True),
        ("Agency spokeswoman", "the national weather agency", True),
        ("spokesperson for the city council", "the council", True),
        ("White House press secretary", "the White House", True),
        ("Israeli army spokesman", "Israeli officials", False),
        ("Governor", "the regional governor", False),
        ("analyst at Citi", "Morgan Stanley", False),
        (None, "the police", False),
    ],
)
def test_a_role_speaks_for_the_body_that_qualifies_it(role: str | None, name: str, expected: bool) -> None:
    assert speaks_for(role, name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A news report", True),
        ("local media reports", True),
        ("the newspaper", True),
        ("the Ledger", False),
        ("a police spokesman", False),
        (None, False),
    ],
)
def test_a_publication_is_a_report_or_the_press(name: str | None, expected: bool) -> None:
    assert a_publication(name) is expected


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("ISLAMABAD (Reuters) - Six soldiers died.", "Reuters"),
        ("Guwahati, May 2 (IANS) Officials said.", "IANS"),
        ("GENEVA — The agency said.", None),
        ("Police (in Paris) said.", None),
        ("John Smith (Reuters) said.", None),
        ("World Health Organization (WHO) said.", None),
        ("Senator John Cornyn (R-Texas) said.", None),
    ],
)
def test_the_agency_a_dateline_names(text: str, agency: str | None) -> None:
    assert dateline_agency(text) == agency


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CNBC", True),
        ("the Chicago Tribune", True),
        ("WCVB-TV", True),
        ("Vox.com", True),
        ("Kyodo News agency", True),
        ("South Korean news agencies", True),
        ("local media", True),
        ("the Haqqani Network", False),
        ("the International Energy Agency", False),
        ("the agency", False),
        ("Apple", False),
        (None, False),
    ],
)
def test_an_outlet_by_its_name_or_its_head_word(name: str | None, expected: bool) -> None:
    assert an_outlet(name) is expected


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("MOSCOW, March 20, 2014 - Samsung said", "MOSCOW, March 20, 2014 - "),
        ("BAIKONUR/MOSCOW (UrduPoint News / Sputnik - 11th July, 2019) The launch", "BAIKONUR/MOSCOW (UrduPoint News / Sputnik - 11th July, 2019) "),
        ("WASHINGTON (Reuters) - The army said", ""),
        ("Officials said on March 3, 2014 - no more", ""),
    ],
)  # fmt: skip
def test_a_dateline_that_dates_the_story(text: str, dateline: str) -> None:
    assert text[: dated_dateline_end(text)] == dateline


@pytest.mark.parametrize(
    ("phrase", "outlet"),
    [
        ("a story in Quartz", "Quartz"),
        ("a report by Reuters", "Reuters"),
        ("an article published in the Straits Times", "Straits Times"),
        ("a CNN report", "CNN"),
        ("the Journal's story", "Journal"),
        ("a German media report", None),
        ("a report in the local newspaper", None),
        ("the report", None),
    ],
)
def test_the_outlet_a_publication_names(phrase: str, outlet: str | None) -> None:
    assert publication_outlet(phrase) == outlet


@pytest.mark.parametrize(("phrase", "expected"), [("their story", True), ("its report", True), ("the report", False)])
def test_a_publication_of_an_outlet_named_before(phrase: str, expected: bool) -> None:
    assert pointing_publication(phrase) is expected
