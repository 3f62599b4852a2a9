from __future__ import annotations

import pytest

from checker.extract.nlp import parse
from checker.extract.periods import counted_over


def periods(text: str) -> frozenset[str]:
    (doc,) = parse([text])
    return counted_over(doc, 0, len(doc.text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company will ship 10 million phones annually.", {"year"}),
        ("The firm shipped 1.5 million phones in the fourth quarter.", {"quarter"}),
        ("The plant made 6 million cars in 2016.", {"year"}),
        ("Some 400 people cross the border every day.", {"day"}),
        ("Some 2,000 civilians have been killed in the region this year.", {"year"}),
        # dating an event is no span a figure is counted over
        ("Forty people were killed in the flood zone a day earlier.", set()),
        ("The turnout was as low as 22, half of the polling reported in 1993 elections.", set()),
        ("Police said 20,000 people joined the march.", set()),
        # an earlier time than the story's: another event's count
        ("Last August nearly 30 people were killed in a garbage slide.", {"earlier"}),
        ("Officials vowed a review after airstrikes killed 15 children last month.", {"earlier"}),
        ("Two years ago a similar flood killed 40 people.", {"earlier"}),
        # a stretch of a span, named by its words
        ("The group said 1,300 civilians were killed in the first half of the year.", {"stretch: first half"}),
        ("Monitors counted 2,700 deaths in the first eight months of 2019.", {"stretch: first eight months"}),
        ("Rescuers pulled 45 survivors from the rubble over the past 24 hours.", {"stretch: past 24 hours"}),
        # a side clause's time is not the figure's
        (
            "Almost two million turned out on Sunday in what is becoming the biggest challenge to the"
            " government since the city returned to Chinese rule 22 years ago.",
            set(),
        ),
    ],
)
def test_the_span_a_figure_is_counted_over(text: str, expected: set[str]) -> None:
    assert periods(text) == expected


def test_only_the_given_range_is_read() -> None:
    (doc,) = parse(["The annual march's organiser put the crowd at 90,000."])
    start = doc.text.index("put")
    assert counted_over(doc, 0, len(doc.text)) == {"year"}
    assert counted_over(doc, start, len(doc.text)) == frozenset()
