"""Stage 2, extract: sentences, attributed claims, stance, dates, a timeline and quantities, per document.

The parser loads with the first use of `extract`: `same_source` and `looks_english` stay light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from checker.extract.language import looks_english
from checker.extract.segment import Sentence, split_sentences
from checker.extract.sources import a_publication, an_outlet, dateline_agency, identified, same_source, speaks_for
from checker.extract.stance import says_false
from checker.extract.timing import Timing

if TYPE_CHECKING:
    from checker.extract.claims import Analysis, extract

__all__ = [
    "Analysis",
    "Sentence",
    "Timing",
    "a_publication",
    "an_outlet",
    "dateline_agency",
    "extract",
    "identified",
    "looks_english",
    "same_source",
    "says_false",
    "speaks_for",
    "split_sentences",
]
_LAZY = {"Analysis": "checker.extract.claims", "extract": "checker.extract.claims"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'checker.extract' has no attribute {name!r}")
