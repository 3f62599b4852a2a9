"""A cheap guard: the extraction rules are English, so other languages are refused, not passed."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "that",
        "is",
        "was",
        "for",
        "on",
        "with",
        "by",
        "as",
        "at",
        "from",
        "it",
        "he",
        "she",
        "they",
        "said",
        "has",
        "have",
        "had",
        "be",
        "are",
        "were",
        "not",
        "this",
        "which",
        "who",
        "will",
        "would",
        "or",
        "but",
        "its",
        "their",
        "his",
        "her",
    ]
)
MIN_FUNCTION_WORD_SHARE = 0.12  # English news prose runs at 0.35-0.5; other languages near 0
MIN_WORDS_TO_JUDGE = 8


def looks_english(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text[:20_000])]
    if len(words) < MIN_WORDS_TO_JUDGE:
        return True
    share = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / len(words)
    return share >= MIN_FUNCTION_WORD_SHARE
