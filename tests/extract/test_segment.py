from __future__ import annotations

import pytest

from checker.extract.segment import MAX_SENTENCE_CHARS, split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One claim here. Another claim there.", ["One claim here.", "Another claim there."]),
        ("Censor.NET reports it. Fine.", ["Censor.NET reports it.", "Fine."]),
        ("Mr. Smith said so. He left.", ["Mr. Smith said so.", "He left."]),
        ('"It is over," he said. Then silence.', ['"It is over," he said.', "Then silence."]),
        ("Kursk region... This is new.", ["Kursk region...", "This is new."]),
        ("It rose 3.5 percent. Then it fell.", ["It rose 3.5 percent.", "Then it fell."]),
        ("U.S. officials spoke.", ["U.S. officials spoke."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_heading_is_marked_and_split_from_next_line() -> None:
    text = "Troops Enter the Region\nOn Monday, the army said it moved in."
    found = split_sentences(text)
    assert [s.is_heading for s in found] == [True, False]
    assert text[found[1].start : found[1].end] == "On Monday, the army said it moved in."


def test_paragraphs_are_numbered() -> None:
    found = split_sentences("First one. Second one.\n\nThird one.")
    assert [s.paragraph for s in found] == [0, 0, 1]


def test_run_on_sentence_is_cut_into_bounded_pieces() -> None:
    text = "word " * (MAX_SENTENCE_CHARS // 2)
    found = split_sentences(text)
    assert len(found) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in found)
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in found)


@pytest.mark.parametrize(
    "line",
    [
        "Fighter denies claim and says the trade 'would bring in peanuts'",
        "Leading marine biologist says the picture is fake and that the creature shown in it could never "
        "have lived in the cold waters off the coast",
        "(Reporting by A. Writer in London; Editing by B. Editor)",
    ],
)
def test_a_headline_standfirst_or_credit_is_a_heading(line: str) -> None:
    found = split_sentences(f"{line}\n\nThe museum said on Monday that the picture was edited.")
    assert [s.is_heading for s in found] == [True, False]


def test_a_line_ending_inside_its_closing_quote_is_a_sentence() -> None:
    found = split_sentences("He said the report was 'not true.'\n\nThe museum said so too.")
    assert [s.is_heading for s in found] == [False, False]
