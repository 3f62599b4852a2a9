"""Late or on time, from the parse of a claim's content."""

from __future__ import annotations

import pytest

from checker.extract import Timing
from checker.extract.nlp import parse
from checker.extract.timing import timing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The launch had been delayed to July 7.", Timing.DELAYED),
        ("The opening was pushed back until 2018.", Timing.DELAYED),
        ("The vote has been postponed.", Timing.DELAYED),
        ("The launch will take place on the previously set date.", Timing.ON_SCHEDULE),
        ("The opening will not be delayed.", Timing.ON_SCHEDULE),
        ("There will be no delay.", Timing.ON_SCHEDULE),
        ("The project remains on schedule.", Timing.ON_SCHEDULE),
        ("The bridge opened in March.", None),
        ("The casualty figure was unchanged.", None),
        ("Support for the party slipped in the polls.", None),
    ],
)
def test_timing(text: str, expected: Timing | None) -> None:
    (doc,) = parse([text])
    assert timing(doc, 0, len(text)) is expected
