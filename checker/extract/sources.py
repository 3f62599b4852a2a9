"""Whether two source names are one source: plain string work, free of the parser, for the rules too."""

from __future__ import annotations

import re


def same_source(a: str, b: str) -> bool:
    """ "the military" and "The Israeli military" are one source; "Israeli officials" and "Palestinian
    officials" are two. A shorter name counts as the longer one when all its words are in it and both
    end in the same head word."""
    left, right = _source_words(a), _source_words(b)
    if not left or not right:
        return False
    if left == right:
        return True
    shorter, longer = sorted((left, right), key=len)
    return shorter[-1] == longer[-1] and set(shorter) <= set(longer)


def _source_words(name: str) -> list[str]:
    words = re.sub(r"[’']s\b", "", name.lower()).replace(",", " ").split()
    return words[1:] if words[:1] == ["the"] else words
