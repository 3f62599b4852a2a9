"""The span of time a claim counts its figures over, when it gives one: "for the fourth quarter",
"annually", "a day", "in 2016", or an earlier time than the story's ("last August", "two years ago").
Figures counted over spans of different lengths (a quarter's shipments, a year's), or of different
times, are different counts (the numeric rule reads `Analysis.periods`).

Read in what is said, not in who says it ("the annual march's organiser put the turnout at 510,000"
counts one march), and by the parse: a year written before a noun dates that noun ("half the polling
reported in 1993 elections"), it sets no span for the figures.
"""

from __future__ import annotations

import calendar
import re

from spacy.tokens import Doc, Token

from checker.extract.measures import verb_of

MONTHS = "|".join(calendar.month_name[1:])
# An earlier time than the story's own ("last August", "last month", "two years ago", "a month earlier"):
# figures told of it count an earlier event, as a year's count does another span.
EARLIER = re.compile(
    rf"\b(?:last|previous)\s+(?:month|{MONTHS}|spring|summer|autumn|fall|winter)\b"
    r"|\b\w+\s+(?:years?|months?)\s+(?:ago|earlier|before)\b",
    re.IGNORECASE,
)
# The span a figure is counted over, when the sentence gives one: "for the fourth quarter", "annually",
# "a day" (not "a day earlier", which dates an event). Figures counted over different spans (a quarter's
# shipments, a year's) are different counts.
NOT_DATING = r"(?!\s+(?:earlier|later|before|after))"
PERIODS = {
    "quarter": re.compile(r"\bquarter(?:ly|s)?\b|\bQ[1-4]\b", re.IGNORECASE),
    "year": re.compile(
        r"\bannual(?:ly)?\b|\byearly\b|\b(?:a|per|each|every)\s+year\b|\b(?:in|during|for|over|throughout)\s+(?:19|20)\d\d\b"
        r"|\b(?:last|past|previous|this)\s+year\b",
        re.IGNORECASE,
    ),
    "earlier": EARLIER,
    "month": re.compile(r"\bmonthly\b|\b(?:a|per|each|every)\s+month\b", re.IGNORECASE),
    "week": re.compile(rf"\bweekly\b|\b(?:a|per|each|every)\s+week\b{NOT_DATING}", re.IGNORECASE),
    "day": re.compile(rf"\bdaily\b|\b(?:a|per|each|every)\s+day\b{NOT_DATING}", re.IGNORECASE),
}
# A stretch of a span, named by its length: "in the first half of the year", "the first seven months of
# 2014", "the past 24 hours". Two stretches of different wording count different spans; each is its own
# period, named by its words.
STRETCH = re.compile(
    r"\b(?:first|last|past|previous|next)\s+(?:half|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|\w+teen|\w+ty(?:-\w+)?)\s+(?:months|weeks|days|hours|years))\b",
    re.IGNORECASE,
)
STRETCH_PREFIX = "stretch: "
NAMING_DEPS = frozenset({"nummod", "compound"})  # "1993 elections": the year names the elections
MAX_CLIMB = 4  # heads from a word to the verb of its clause
DATE_ENTITIES = frozenset({"DATE", "TIME"})  # "in 1997", "22 years ago": times, not figures


def counted_over(tokens: Doc, start: int, end: int) -> frozenset[str]:
    """The spans the text `tokens.text[start:end]` counts its figures over."""
    matches = [
        (name, found) for name, pattern in PERIODS.items() for found in pattern.finditer(tokens.text, start, end)
    ]
    matches += [(_stretch(found), found) for found in STRETCH.finditer(tokens.text, start, end)]
    inside = [(match.start(), match.end()) for _, match in matches]
    verbs = (
        _verb(token)
        for token in tokens
        if token.like_num
        and token.ent_type_ not in DATE_ENTITIES
        and start <= token.idx < end
        and not any(s <= token.idx < e for s, e in inside)
    )
    figures = {verb for verb in verbs if verb is not None}
    found: set[str] = set()
    for name, match in matches:
        last = _last_token(tokens, match.end())
        if name not in found and not _dates_a_noun(last) and _same_clause(last, figures):
            found.add(name)
    return frozenset(found)


def _stretch(found: re.Match[str]) -> str:
    return STRETCH_PREFIX + " ".join(found.group().lower().split())


def _verb(token: Token) -> Token | None:
    """The verb whose clause a token stands in: itself, or the verb a few heads up (`measures.verb_of`)."""
    return token if token.pos_ in {"VERB", "AUX"} else verb_of(token, MAX_CLIMB)


def _same_clause(token: Token | None, figures: set[Token]) -> bool:
    """Whether a period stands in the clause of one of the figures ("58 died last month"), not in a side
    clause of its own ("two million turned out, the biggest challenge since Hong Kong returned to Chinese
    rule 22 years ago"). Without figures or a verb to go by, it counts."""
    verb = _verb(token) if token is not None else None
    return verb is None or not figures or verb in figures


def _last_token(tokens: Doc, end: int) -> Token | None:
    span = tokens.char_span(max(0, end - 1), end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _dates_a_noun(token: Token | None) -> bool:
    return (
        token is not None
        and token.like_num
        and token.dep_ in NAMING_DEPS
        and token.head.pos_ == "NOUN"
        and token.head.i > token.i
    )
