from __future__ import annotations

from dataclasses import replace

from checker.archive.records import decode_analysis, encode_analysis
from checker.extract import extract
from checker.models import Document


def test_an_analysis_comes_back_from_its_record_whole() -> None:
    """All but the claim's place on the timeline, which a check over the archive sets afresh."""
    text = (
        "The firm said it shipped 1.5 million phones in the fourth quarter, in Boston. "
        "The launch has been delayed, the company said. "
        "The claims could not be immediately independently verified. "
        "Neither the agency nor any other body has announced a launch date."
    )
    for analysis in extract([Document(id="d", text=text)]):
        back = decode_analysis(encode_analysis(analysis))
        assert back.claim.model_copy(update={"stated_at": analysis.claim.stated_at}) == analysis.claim
        assert replace(back, claim=analysis.claim) == analysis


def test_the_caution_and_the_negative_readings_survive_the_archive() -> None:
    text = "The claims could not be immediately independently verified.\n\nNobody has claimed the attack, police said."
    analyses = extract([Document(id="d", text=text)])
    back = [decode_analysis(encode_analysis(a)) for a in analyses]
    assert (
        [(a.caveat, a.says_no) for a in back]
        == [(a.caveat, a.says_no) for a in analyses]
        == [(True, True), (False, True)]
    )


def test_the_rules_reading_survives_the_archive() -> None:
    (analysis,) = extract([Document(id="d", text="The firm said it shipped 1.5 million phones in the fourth quarter.")])
    back = decode_analysis(encode_analysis(analysis))
    assert back.periods == frozenset({"quarter"}) == analysis.periods
