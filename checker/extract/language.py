"""A cheap guard: the extraction rules are English, so other languages are refused, not passed.

Two signals: the share of letters outside the Latin script, and, for Latin-script text, whether
the function words of a common European language outnumber the English ones. Headlines are short
and light on function words, so the absence of English ones alone proves nothing.
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_CHARS = 20_000
MAX_NON_LATIN_SHARE = 0.3
MIN_FOREIGN_WORDS = 3
ENGLISH = frozenset(
    "the a an of to in and that is was for on with by as at from it he she they said has have had be "
    "are were not this which who will would or but its their his her".split()
)
OTHER_LANGUAGES = {
    "es": frozenset("el la los las del que y en un una por con para es son fue dijo según pero como".split()),
    "fr": frozenset("le la les des du que et en un une pour avec est sont été dit selon mais dans sur".split()),
    "de": frozenset("der die das und ist nicht mit sich des dem den ein eine für auf wurde sagte nach".split()),
    "it": frozenset("il lo la gli le del della che e è un una per con sono stato ha detto secondo".split()),
    "pt": frozenset("o a os as do da dos das que e em um uma para com não foi disse segundo".split()),
    "nl": frozenset("de het een en van in is op niet met voor zijn werd zei volgens maar".split()),
}


def looks_english(text: str) -> bool:
    sample = text[:SAMPLE_CHARS]
    if _non_latin_share(sample) > MAX_NON_LATIN_SHARE:
        return False
    words = [w.lower() for w in WORD.findall(sample)]
    english = sum(1 for w in words if w in ENGLISH)
    foreign = max(sum(1 for w in words if w in vocabulary) for vocabulary in OTHER_LANGUAGES.values())
    return not (foreign >= MIN_FOREIGN_WORDS and foreign > english)


def _non_latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return 1 - latin / len(letters)
