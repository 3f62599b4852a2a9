"""The `check()` facade's own contract: a progress hook that raises ends the check where it is."""

from __future__ import annotations

import pytest

from checker import check
from checker.errors import Cancelled
from checker.models import Document
from tests.conftest import RIVERSIDE
from tests.fakes import FakeEmbedder

TEXT = RIVERSIDE.read_text(encoding="utf-8")


def documents(count: int) -> list[Document]:
    return [Document(id=f"d{n}", text=TEXT.replace("Riverside", f"Town{n}")) for n in range(count)]


def test_a_progress_hook_that_raises_stops_the_check_between_documents() -> None:
    told: list[tuple[str, int]] = []

    def progress(stage: str, done: int, total: int) -> None:
        told.append((stage, done))
        if done == 2:
            raise Cancelled("stopped")

    embedder = FakeEmbedder()
    with pytest.raises(Cancelled):
        check(documents(4), embedder=embedder, progress=progress)
    assert told == [("Parsing", 0), ("Parsing", 1), ("Parsing", 2)]  # the last two documents were never parsed
    assert not any("Town3" in text for text in embedder.texts)


HEADLINE = Document(id="headline", text="The old stone bridge in Riverton collapsed on Sunday, the city council said.")
BODY = Document(
    id="body",
    text=(
        "Engineers inspected the old stone bridge in Riverton on Monday. "
        "Reports that the bridge collapsed on Sunday are false, the chief engineer said. "
        "Traffic crossed the bridge as usual on Tuesday morning, police said."
    ),
)


@pytest.mark.model
def test_enable_learned_loads_the_model_and_scores_conflicts_between_articles() -> None:
    cues = check([HEADLINE, BODY])
    assert "learned" not in cues.rules
    assert cues.conflicts and all(c.stance_scores is None for c in cues.conflicts)
    with_model = check([HEADLINE, BODY], enable=("learned",))
    assert "learned" in with_model.rules
    scored = [c for c in with_model.conflicts if c.stance_scores is not None]
    assert scored and all(abs(sum(c.stance_scores.model_dump().values()) - 1) < 1e-3 for c in scored)
