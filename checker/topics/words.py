"""The content words of a claim and how rare each is in the batch: the lexical side of a matter.

Two reports of one rumour share its rare words (a name, a place, "cheese"); two rumours of one
story share the story's common words. Words are lower-cased, stripped of a possessive and a plural
"s", and spaCy's English stop words are left out. A word's weight is its inverse document
frequency over the claims checked together (smoothed, never below 1). spaCy (for its stop words)
loads on the first call, not on import.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")
EDGE_MARKS = "'’-.,"
POSSESSIVE = re.compile(r"['’]s$")
MIN_WORD_CHARS = 2
MIN_PLURAL_CHARS = 4  # "gas" and "bus" keep their s; "dogs" loses it (and "news" too, alike on both sides)
DOUBLE_S = "ss"  # "witness", "press"


def content_words(text: str) -> frozenset[str]:
    """The words of `text` that carry its matter, in one normal form each."""
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy loads on the first use, not on import

    found = set()
    for raw in WORD.findall(text):
        word = POSSESSIVE.sub("", raw.lower().strip(EDGE_MARKS))
        if len(word) < MIN_WORD_CHARS or word in STOP_WORDS:
            continue
        if word.endswith("s") and len(word) >= MIN_PLURAL_CHARS and not word.endswith(DOUBLE_S):
            word = word[:-1]
        found.add(word)
    return frozenset(found)


@dataclass(frozen=True)
class Vocabulary:
    """Content words of each claim of a batch and each word's weight (inverse document frequency)."""

    words: list[frozenset[str]]
    weight: dict[str, float]


def vocabulary(contents: Sequence[str]) -> Vocabulary:
    words = [content_words(text) for text in contents]
    counts = Counter(word for found in words for word in found)
    total = len(words)
    weight = {word: math.log((total + 1) / (count + 1)) + 1 for word, count in counts.items()}
    return Vocabulary(words, weight)
