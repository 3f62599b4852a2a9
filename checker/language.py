"""A cheap guard: the extraction rules are English, so other languages are refused, not passed."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Basic Latin, Latin-1, Latin Extended-A/B and Additional: accented names stay "Latin".
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
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
MIN_LATIN_LETTER_SHARE = 0.5  # English copy quoting another script stays far above; Chinese, Russian near 0
SAMPLE_CHARS = 20_000


def looks_english(text: str) -> bool:
    sample = text[:SAMPLE_CHARS]
    if _latin_share(sample) < MIN_LATIN_LETTER_SHARE:
        return False
    words = [w.lower() for w in WORD.findall(sample)]
    if len(words) < MIN_WORDS_TO_JUDGE:
        return True
    share = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / len(words)
    return share >= MIN_FUNCTION_WORD_SHARE


def _latin_share(sample: str) -> float:
    """Counted in letters, not words: Chinese and Japanese run whole clauses without a space."""
    letters = len(LETTER.findall(sample))
    return len(LATIN_LETTER.findall(sample)) / letters if letters else 1.0
