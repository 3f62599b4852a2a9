"""Content words: one normal form per word, stop words out, rarer words weigh more."""

from __future__ import annotations

import pytest

from checker.topics.words import content_words, vocabulary


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The mayor's dogs were seen at the harbour.", {"mayor", "dog", "seen", "harbour"}),
        ("Rumours say the press witnessed it.", {"rumour", "press", "witnessed"}),
        ("News of a gas leak on the bus", {"new", "gas", "leak", "bus"}),
        ("He paid 300,000 for 12 meals.", {"paid", "300,000", "12", "meal"}),
        ("“Quoted” words—and dashes…", {"quoted", "word", "dashe"}),
    ],
)
def test_content_words_are_normalised_and_stop_words_left_out(text: str, words: set[str]) -> None:
    assert content_words(text) == words


def test_a_word_in_fewer_claims_weighs_more_and_every_weight_is_at_least_one() -> None:
    found = vocabulary(["The cheese rumour spread.", "The rumour spread fast.", "A rumour about the king."])
    assert found.words[0] == {"cheese", "rumour", "spread"}
    assert found.weight["cheese"] > found.weight["spread"] > found.weight["rumour"] >= 1.0


def test_an_empty_batch_has_no_words() -> None:
    assert vocabulary([]).weight == {}
