"""Split a text into paragraphs and sentences with exact character offsets.

A rule-based splitter rather than the parser's: news copy breaks dependency-based
sentence splitting on outlet names ("Censor.NET") and on headings without a full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")
LINE_BREAK = re.compile(r"\n")
# A boundary: terminal punctuation (or an ellipsis), optional closing quotes, then space
# and something that can open a sentence.
# A full stop glued to the next sentence by a lost space ("Sun News Network.The league") ends it too;
# one between capitals ("Censor.NET", "U.S.") does not.
SENTENCE_END = re.compile(r"(?:\.\.\.|…|[.!?])[\"'”’)\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])|(?<=[a-z]{2})\.(?=[A-Z][a-z])")
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "est",
    ]
)
MAX_HEADING_WORDS = 30  # a standfirst or caption runs to about this; a body paragraph is longer
MAX_SENTENCE_CHARS = 2000
TERMINAL = tuple(".!?:;…")
# Closing quotes and brackets after the last word: "... 'would bring in peanuts'" and "(AP Photo/X)" end
# no sentence; a full stop inside them ("... peanuts.'") does.
CLOSERS = "\"'”’)]"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    is_heading: bool


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraphs = _paragraphs(text)
    for index, (start, end) in enumerate(paragraphs):
        block = text[start:end]
        # A text that is one line (a headline fed on its own) is the statement, not a heading.
        heading = len(paragraphs) > 1 and _is_heading(block)
        for s, e in _sentence_spans(block):
            for cs, ce in _cap_length(block, s, e):
                sentences.append(Sentence(start + cs, start + ce, index, heading))
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.extend(_lines_if_headed(text, position, match.start()))
        position = match.end()
    spans.extend(_lines_if_headed(text, position, len(text)))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _lines_if_headed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A heading glued to the next line by a single newline is its own paragraph."""
    lines: list[tuple[int, int]] = []
    position = start
    for match in LINE_BREAK.finditer(text, start, end):
        line = text[position : match.start()]
        if line.strip() and _is_heading(line.strip()):
            lines.append((position, match.start()))
            position = match.end()
    lines.append((position, end))
    return lines


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading(block: str) -> bool:
    """A headline, standfirst, caption or credit: one short line that ends no sentence."""
    one_line = "\n" not in block
    short = len(block.split()) <= MAX_HEADING_WORDS
    return one_line and short and not block.rstrip().rstrip(CLOSERS).endswith(TERMINAL)


def _sentence_spans(block: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in SENTENCE_END.finditer(block):
        if _ends_with_abbreviation(block[position : match.start() + 1]):
            continue
        end = match.end() - (len(match.group()) - len(match.group().rstrip()))
        spans.append(_strip(block, position, end))
        position = match.end()
    spans.append(_strip(block, position, len(block)))
    return [(s, e) for s, e in spans if e > s]


def _ends_with_abbreviation(chunk: str) -> bool:
    if not chunk.endswith("."):
        return False
    words = chunk[:-1].split()
    if not words:
        return False
    last = words[-1].lower().lstrip("(\"'“")
    return last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _cap_length(block: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on 'sentence' into bounded pieces so later stages stay linear."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = block.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append(_strip(block, start, cut))
        start = cut
    pieces.append(_strip(block, start, end))
    return [(s, e) for s, e in pieces if e > s]
