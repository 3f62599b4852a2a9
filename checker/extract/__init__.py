"""Stage 2, extract: sentences, attributed claims, stance, dates, a timeline and quantities, per document."""

from __future__ import annotations

from checker.extract.claims import Analysis, extract
from checker.extract.language import looks_english
from checker.extract.segment import Sentence, split_sentences

__all__ = ["Analysis", "Sentence", "extract", "looks_english", "split_sentences"]
