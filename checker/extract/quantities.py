"""Figures in a sentence as intervals: "nearly 11,000 soldiers", "ten thousand troops", "dozens"."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from number_parser import parse_number
from spacy.tokens import Doc, Span, Token

from checker.extract.attribution import REPORTING_LEMMAS
from checker.extract.measures import COUNT_NOUNS, SUBJECTS, counted_noun, measure_of, verb_of
from checker.models import AGE_MEASURE, PART_SCOPE, Quantity

NEARLY_BAND = 0.05  # "nearly 11,000" sits just below 11,000, not anywhere below it
ABOUT_BAND = 0.05  # "about 10,000" is a round figure give or take a few percent
OPEN_UPPER_FACTOR = 2.0  # "more than 600": an upper bound the text never gives
PLUS = re.compile(r"-?plus\b(?!\s*\d)", re.IGNORECASE)  # "1 million-plus", not "5 plus 3"
WORD_NUMBER_CACHE = 4096
MIN_WORD_NUMBER = 2  # "one" is usually a pronoun ("one of them"), not a figure
ENTITY_LABELS = frozenset({"NORP", "GPE", "ORG", "LOC", "FAC", "PERSON"})
LIGHT_VERBS = frozenset({"undergo", "be", "have", "get", "receive", "take", "make"})
MAX_HEAD_STEPS = 3
MAX_NESTED_CLAUSES = 1  # a date in a clause inside the figure's ("when a train derailed last year") still dates it
ELIDED_ROLES = frozenset({"dobj", "attr"})  # "tallied more than 2,000": the noun is left out
YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|from|until|of|during|before|after)\s+$", re.IGNORECASE)
YEARS = range(1900, 2101)
DATE_ENTITIES = frozenset({"DATE"})
# Dates that set a figure in another year than the story's: "late last year", "two years ago". A month
# ("last August", "three days ago") may still be the story's own event.
PAST_DATE = re.compile(r"\blast\s+year\b|\byears?\s+ago\b|\bprevious\s+year\b", re.IGNORECASE)
PLURAL_NOUN = "NNS"
CLAUSE_BREAKS = frozenset({"VERB", "AUX", "PUNCT", "ADP", "SCONJ"})  # where the figure's noun phrase has ended
RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "that", "which", "who" opening a clause on the figure
PART_PREPOSITIONS = frozenset({"including", "among"})  # "including eight who drowned"
PART_VERBS = frozenset({"include", "comprise"})
# A count of bodies is what has been found so far: a part of the toll ("six bodies had been recovered",
# "the remains of 12 people were pulled out"), not a rival count of the dead.
FOUND_SO_FAR = frozenset({"body", "corpse", "remains"})
RECOVERY_VERBS = frozenset({"recover", "retrieve", "exhume"})
FOUND_ROLES = frozenset({"dobj", "nsubjpass"})  # "recovered 12 people", "12 were recovered"; not "12 recovered from"
INCREMENT_BEFORE = re.compile(r"\b(?:another|an\s+additional|a\s+further)\s+$", re.IGNORECASE)
INCREMENT_AFTER = re.compile(r"\s+(?:more|additional|further|other)\b(?!\s+than)", re.IGNORECASE)
ONLY_HERE = frozenset({"alone"})  # "in his province alone": a part of the whole, by place
COUNTED_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})
DESCRIBING_CLAUSES = frozenset({"relcl", "acl"})  # "the attack, in which ...", "floods that left 300 dead"
YEAR_DIGITS = 4
CURRENCIES = {"$": "usd", "€": "eur", "£": "gbp"}
MONEY = frozenset(CURRENCIES.values())
PERCENT_UNIT = "percent"
PERCENT = re.compile(r"\s?(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
# Nouns naming a share: a bare figure said to be one ("the voting percentage was as low as 22") is a
# percentage, though the text writes no "%".
SHARE_NOUNS = frozenset({"percentage", "proportion", "share", "percent"})
SHARE_CLIMB = 3  # steps from the figure up to the verb whose subject names the share ("was as low as 22")
WHOLE_SHARE = 100.0  # a share said as a bare figure is at most the whole ("his share was 3 million" is money)
# "100 percent false", "90% sure": a share grading how sure or how true says how much, not how many
# ("95 percent effective", "5 percent higher" are figures).
DEGREE_DEPS = frozenset({"npadvmod", "advmod"})
CERTAINTY_WORDS = frozenset(
    {"sure", "certain", "confident", "convinced", "positive", "true", "false", "fake", "real", "right", "wrong",
     "correct", "accurate", "inaccurate", "untrue", "honest"}
)  # fmt: skip
# "Maria Lopez, 52, was arrested": a whole number in apposition to a person is an age in years.
AGE_UNIT = "year"
MAX_AGE = 130
AGE_HOLDERS = frozenset({"NOUN", "PROPN"})
PERSON_ENTITY = "PERSON"
YEAR_OLD = re.compile(r"[\s-]*years?[\s-]*old\b", re.IGNORECASE)  # "an 81-year-old", "she is 81 years old"
RATIO_PREPOSITIONS = frozenset({"in", "of"})
DESIGNATION = re.compile(r"\b[A-Za-z]+-$")  # letters joined to a number by a hyphen name a model: "AC-130"
DESIGNATION_WINDOW = 12  # characters before a number where a model's letters may stand
CLOCK = re.compile(r"\s*(?:a\.?m\.?|p\.?m\.?|GMT|UTC|o'clock)(?!\w)", re.IGNORECASE)

_WORD = (
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion"
)
# Scale words, the Indian "lakh" (100,000) and "crore" (10 million) too: "2 lakh people", "Rs 500 crore".
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
_SCALE_WORDS = "|".join(_SCALE)
# Digits grouped in thousands ("112,000") or, in Indian English, in lakhs and crores ("1,12,000").
_GROUPED = r"\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}"
NUMBER = re.compile(
    r"(?<![\w.,])(?P<thousands>\d+(?:\.\d+)?)[kK]\b"  # "500k"
    rf"|(?<![\w.,])(?P<digits>{_GROUPED}|\d+(?:\.\d+)?)(?!\w|-\d|,\d)(?:\s+(?P<scale>{_SCALE_WORDS})\b)?"
    rf"|\b(?P<words>(?:{_WORD})(?:(?:\s+and\s+|[\s-])(?:{_WORD}))*)\b",
    re.IGNORECASE,
)
_FIGURE = rf"{_GROUPED}|\d+(?:\.\d+)?"
RANGE = re.compile(
    rf"(?P<between>\bbetween\s+)?(?<![\w.,])(?P<low>{_FIGURE})\s*(?:-|–|to|(?(between)and|(?!)))\s*(?P<high>{_FIGURE})"
    r"(?![\w-]|,\d)"
    rf"(?:\s+(?P<scale>{_SCALE_WORDS})\b)?",
    re.IGNORECASE,
)
CHANGE = re.compile(r"\bfrom\s+(?:\w+\s+){0,2}$", re.IGNORECASE)  # "rose from 2 to 5 million": a change, not a range
RANGE_MAX_RATIO = 10  # "10-12", "20-30", "135,000 and 150,000"; not "555-1234"
HALF = re.compile(r"\bhalf\s+an?\s+$", re.IGNORECASE)
APPROX = re.compile(
    r"(?P<cue>nearly|almost|close\s+to|just\s+under|about|around|approximately|roughly|some|an\s+estimated"
    r"|no\s+more\s+than|no\s+fewer\s+than|no\s+less\s+than|not\s+more\s+than|at\s+most"
    r"|more\s+than|over|at\s+least|upwards\s+of|less\s+than|fewer\s+than|under|up\s+to|as\s+many\s+as)\s+$",
    re.IGNORECASE,
)
# A negation before a comparative turns it round: "would not be less than 200" is a floor, "was not more
# than 10" a ceiling.
NEGATED_CUE = re.compile(r"\b(?:not|n't|never)\s+(?:(?:be|been|is|was|are|were)\s+)?$", re.IGNORECASE)
FLOOR_CUES = frozenset({"more than", "over", "at least", "upwards of", "no fewer than", "no less than"})
CEILING_CUES = frozenset({"less than", "fewer than", "under"})
# "up to 200,000 joined", "as many as 75 percent struck": a source claims a figure that reaches N, the way
# "more than 600" claims one past 600; its lower end, which the text never gives, mirrors that open end.
HIGH_ESTIMATE_CUES = frozenset({"up to", "as many as"})
APPROX_WINDOW = 20  # characters before a figure where its cue may stand ("no fewer than")
NEGATION_WINDOW = 20  # characters before a cue where its negation may stand ("would not be")
NEGATABLE_CUES = frozenset({"less than", "fewer than", "more than"})  # "not less than" reads "no less than"
VAGUE = {
    "tens of thousands": (20_000.0, 99_999.0),
    "several thousand": (2_000.0, 9_000.0),
    "thousands": (2_000.0, 9_999.0),
    "several hundred": (200.0, 900.0),
    "hundreds": (200.0, 999.0),
    "dozens": (24.0, 99.0),
    "a dozen": (12.0, 12.0),
}
VAGUE_PATTERN = re.compile(r"\b(?:" + "|".join(sorted(VAGUE, key=len, reverse=True)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    value: float
    low: float
    high: float
    approx: bool


def find_quantities(doc: Doc, skip: list[tuple[int, int]], before: Sequence[Quantity] = ()) -> list[Quantity]:
    """Quantities in a parsed sentence, ignoring spans in `skip` (dates).

    `before` holds the figures of the clause before, when the sentence was cut into reporting clauses.
    """
    vague = _vague(doc.text)
    matches = _numbers(doc.text, vague) + vague + _counted_ones(doc)
    kept = [m for m in matches if not any(s <= m.start < e for s, e in skip) and not _dated_year(doc, m)]
    # Token starts and entities once per sentence: per figure they made a run-on sentence quadratic.
    starts = [token.idx for token in doc]
    names = [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]
    found: list[Quantity] = []
    for match in sorted(kept, key=lambda m: m.start):
        quantity, figure = _to_quantity(doc, match, starts, names)
        if figure is not None and quantity.unit == PERCENT_UNIT and _a_degree(figure):
            continue
        previous = found[-1] if found else (before[-1] if before else None)
        # an age counts nothing a bare figure after it could carry on
        if (
            previous is not None
            and previous.measure != AGE_MEASURE
            and figure is not None
            and _elided(quantity, figure)
        ):
            quantity = quantity.model_copy(update={"unit": previous.unit, "measure": previous.measure})
        found.append(quantity)
    return found


def _counted_ones(doc: Doc) -> list[_Match]:
    """ "only one person was killed": "one" counting a noun is a figure ("one of them" is not)."""
    return [
        _with_approx(doc.text, token.idx, token.idx + len(token), 1.0)
        for token in doc
        if token.lower_ == "one" and token.dep_ == "nummod" and token.head.pos_ == "NOUN" and not _a_speaker(token.head)
    ]


def _a_speaker(noun: Token) -> bool:
    """ "..., said one protester": the one who speaks is no count."""
    return noun.dep_ in SUBJECTS and noun.head.lemma_.lower() in REPORTING_LEMMAS


def _dated_year(doc: Doc, match: _Match) -> bool:
    """ "an early 2015 release", "in 2016 and 2017": a year the parser reads as part of a date."""
    text = doc.text[match.start : match.end]
    if not (text.isdigit() and len(text) == YEAR_DIGITS and int(text) in YEARS):
        return False
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ in DATE_ENTITIES for t in span)


def _elided(quantity: Quantity, figure: Token) -> bool:
    """ "Police counted 300 protesters, while organisers tallied more than 2,000": a bare figure that
    completes a verb counts what the figure before it in the same sentence counts."""
    bare = quantity.unit is None and quantity.measure is None
    return bare and figure.dep_ in ELIDED_ROLES and figure.head.pos_ == "VERB"


def _ranges(text: str) -> list[_Match]:
    """ "10-12 people", "60 to 65 militants", "between 135,000 and 150,000": one figure, an interval."""
    found = []
    for match in RANGE.finditer(text):
        low, high = (float(match[g].replace(",", "")) for g in ("low", "high"))
        scale = _SCALE[match["scale"].lower()] if match["scale"] else 1.0
        plausible = low < high <= low * RANGE_MAX_RATIO and not CHANGE.search(text, 0, match.start())
        years = all(value.is_integer() and int(value) in YEARS for value in (low, high))
        if plausible and not years and not CLOCK.match(text, match.end()):
            found.append(_Match(match.start(), match.end(), (low + high) / 2 * scale, low * scale, high * scale, True))
    return found


def _numbers(text: str, vague: list[_Match]) -> list[_Match]:
    found: list[_Match] = _ranges(text)
    taken = [*vague, *found]
    for match in NUMBER.finditer(text):
        value = _value(match)
        if value is None or any(v.start <= match.start() < v.end for v in taken) or _is_year(text, match, value):
            continue
        if CLOCK.match(text, match.end()):
            continue  # "4 p.m." is a time of day, not a figure
        if DESIGNATION.search(text, max(0, match.start() - DESIGNATION_WINDOW), match.start()):
            continue  # "an AC-130 gunship", "the Tu-154": a model's name, not a figure
        start = match.start()
        half = HALF.search(text, 0, start)
        if match["words"] and half is not None and half.end() == start:
            value, start = value / 2, half.start()  # "half a million"
        found.append(_with_plus(text, _with_approx(text, start, match.end(), value)))
    return found


def _with_plus(text: str, match: _Match) -> _Match:
    """ "1 million-plus", "50-plus": a floor, like "more than"."""
    if not PLUS.match(text, match.end):
        return match
    return _Match(match.start, match.end, match.value, match.value, match.value * OPEN_UPPER_FACTOR, True)


def _value(match: re.Match[str]) -> float | None:
    if match["thousands"]:
        return float(match["thousands"]) * _SCALE["thousand"]
    if match["digits"]:
        number = float(match["digits"].replace(",", ""))
        return number * _SCALE[match["scale"].lower()] if match["scale"] else number
    parsed = _parse_words(match["words"].lower())
    if parsed is None or parsed < MIN_WORD_NUMBER:
        return None
    return float(parsed)


@lru_cache(maxsize=WORD_NUMBER_CACHE)
def _parse_words(words: str) -> float | None:
    """number-parser rebuilds its word tables on every call; the same words recur across documents."""
    parsed = parse_number(words)
    return None if parsed is None else float(parsed)


def _is_year(text: str, match: re.Match[str], value: float) -> bool:
    plain = match["digits"] is not None and "," not in match["digits"] and "." not in match["digits"]
    before = text[max(0, match.start() - 10) : match.start()]
    return plain and int(value) in YEARS and YEAR_CONTEXT.search(before) is not None


def _with_approx(text: str, start: int, end: int, value: float) -> _Match:
    cue = APPROX.search(text[max(0, start - APPROX_WINDOW) : start])
    if cue is None:
        return _Match(start, end, value, value, value, False)
    word = " ".join(cue["cue"].lower().split())
    cue_start = start - len(cue.group())  # the cue ends where the figure starts
    if NEGATED_CUE.search(text[max(0, cue_start - NEGATION_WINDOW) : cue_start]):
        word = "no " + word if word in NEGATABLE_CUES else word
    low, high = _interval(word, value)
    return _Match(cue_start, end, value, low, high, True)


def _interval(cue: str, value: float) -> tuple[float, float]:
    if cue in {"nearly", "almost", "close to", "just under"}:
        return value * (1 - NEARLY_BAND), value
    if cue in {"no more than", "not more than", "at most"}:
        return 0.0, value  # "no more than 10": a ceiling, not a floor
    if cue in FLOOR_CUES:
        return value, value * OPEN_UPPER_FACTOR
    if cue in CEILING_CUES:
        return 0.0, value
    if cue in HIGH_ESTIMATE_CUES:
        return value / OPEN_UPPER_FACTOR, value
    return value * (1 - ABOUT_BAND), value * (1 + ABOUT_BAND)


def _vague(text: str) -> list[_Match]:
    found = []
    for match in VAGUE_PATTERN.finditer(text):
        low, high = VAGUE[match.group().lower()]
        found.append(_Match(match.start(), match.end(), (low + high) / 2, low, high, True))
    return found


def _to_quantity(doc: Doc, match: _Match, starts: list[int], names: list[Span]) -> tuple[Quantity, Token | None]:
    start, end, symbol = _with_symbol(doc.text, match.start, match.end)
    unit = None if symbol else _unit_token(doc, starts, match.end)
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    figure = span[-1] if span is not None and len(span) else None
    if symbol is None and unit is None and figure is not None and match.high <= WHOLE_SHARE and _a_share(figure):
        symbol = PERCENT_UNIT
    if symbol is None and unit is None and figure is not None:
        unit = counted_noun(figure)  # "the total number of miners was close to 300"
    aged = figure.head if symbol is None and unit is None and figure is not None and _an_age(figure, match) else None
    age = aged is not None or YEAR_OLD.match(doc.text, match.end) is not None
    symbol = AGE_UNIT if age else symbol
    quantity = Quantity(
        text=doc.text[start:end],
        value=match.value,
        low=match.low,
        high=match.high,
        approx=match.approx,
        unit=symbol or (unit.text.lower() if unit is not None else None),
        qualifiers=_whose(names, unit, aged),
        event=_event(unit) if unit is not None else _priced(figure) if symbol in MONEY and figure is not None else None,
        measure=AGE_MEASURE if age else _counted_measure(figure, unit, match, symbol),
        scope=PART_SCOPE if _increment(doc.text, match) else _scope(figure) if figure is not None else None,
        event_date=_event_date(figure) if figure is not None else None,
    )
    return quantity, figure


def _counted_measure(figure: Token | None, unit: Token | None, match: _Match, symbol: str | None) -> str | None:
    """What the figure counts, by the parse (`measures.measure_of`), when it can count anything at all."""
    return measure_of(figure, unit) if figure is not None and _countable(match, symbol) else None


def _whose(names: list[Span], unit: Token | None, aged: Token | None) -> list[str]:
    """The names that narrow what a figure counts ("North Korean troops"), or whose age it is."""
    if unit is not None:
        return _qualifiers(names, unit)
    return _named(names, aged) if aged is not None else []


def _a_degree(figure: Token) -> bool:
    """ "The memo is 100 percent false", "I am 90% sure": a share that grades how sure or how true is no
    figure anyone could dispute ("95 percent effective", "5 percent higher" are figures)."""
    share = figure.head if figure.dep_ == "nummod" else figure
    return share.dep_ in DEGREE_DEPS and share.head.lemma_.lower() in CERTAINTY_WORDS


def _an_age(figure: Token, match: _Match) -> bool:
    """ "Maria Lopez, 52, was arrested", "Tom Reyes, 61, who founded the firm ...": a whole number set in
    apposition beside a person is the person's age; the parser marks it a date or puts it beside a name.
    ("The death toll, 81, is expected to rise" counts deaths: a toll is neither.)"""
    holder = figure.head
    if figure.dep_ != "appos" or holder.pos_ not in AGE_HOLDERS or holder.lemma_.lower() in COUNT_NOUNS or match.approx:
        return False
    whole = match.value.is_integer() and 0 < match.value <= MAX_AGE
    return whole and (holder.ent_type_ == PERSON_ENTITY or figure.ent_type_ in DATE_ENTITIES)


def _a_share(figure: Token) -> bool:
    """ "The voting percentage was as low as 22", "its share stood at 40": a bare figure completing a
    verb whose subject names a share."""
    if figure.dep_ == "pobj" and figure.head.lower_ in RATIO_PREPOSITIONS:
        return False  # "one in five": a ratio, not a percentage
    verb = verb_of(figure, SHARE_CLIMB)
    return verb is not None and any(c.dep_ in SUBJECTS and c.lemma_.lower() in SHARE_NOUNS for c in verb.children)


def _countable(match: _Match, symbol: str | None) -> bool:
    """Whether the figure can count people or things: a whole number, or a share or sum ("51.5 percent",
    "$1.5"). "A magnitude 7.8 earthquake" counts nothing, whatever toll its sentence names."""
    whole = float(match.value).is_integer() or (float(match.low).is_integer() and float(match.high).is_integer())
    return symbol is not None or whole  # "60-65" counts: its middle is 62.5


def _increment(text: str, match: _Match) -> bool:
    """ "One more person was killed", "another 430 were rescued", "170 other people": what was added to
    a count, a part of the total, not a rival total."""
    return bool(INCREMENT_BEFORE.search(text, 0, match.start) or INCREMENT_AFTER.match(text, match.end))


def _scope(figure: Token) -> str | None:
    """What part of a whole the figure counts: a share named with another figure ("19 people had died,
    including eight who drowned", "four of the 58"), or a place it is limited to ("94 people died in his
    province alone"). A place without "alone" is where the whole story happened: no scope."""
    counted = figure.head if figure.dep_ == "nummod" else figure
    while counted.dep_ == "conj" and counted.head is not counted:
        counted = counted.head  # "includes the 21 bodies ... and the 42 complaints"
    if counted.dep_ == "pobj" and counted.head.lower_ in PART_PREPOSITIONS:
        return PART_SCOPE
    if counted.dep_ == "dobj" and counted.head.lemma_.lower() in PART_VERBS:
        return PART_SCOPE  # "the count of 63 dead includes the 21 bodies"
    if any(child.dep_ == "prep" and child.lower_ == "of" and _a_whole(child) for child in figure.children):
        return PART_SCOPE
    if _found_so_far(counted):
        return PART_SCOPE
    verb = counted.head if counted.dep_ in COUNTED_ROLES else None
    for prep in verb.children if verb is not None else ():
        place = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
        if place is not None and any(t.lower_ in ONLY_HERE for t in place.subtree):
            return " ".join(t.lower_ for t in place.subtree if t.lower_ not in ONLY_HERE)
    return None


def _found_so_far(counted: Token) -> bool:
    """ "21 bodies", "dozens of bodies", "the remains of six people", "12 people were recovered": bodies
    found so far."""
    owner = counted.head.head if counted.dep_ == "pobj" and counted.head.lower_ == "of" else None
    counted_of = [c for of in counted.children if of.lower_ == "of" for c in of.children if c.dep_ == "pobj"]
    if any(t is not None and _bodies(t) for t in (owner, counted, *counted_of)):
        return True
    return counted.dep_ in FOUND_ROLES and counted.head.lemma_.lower() in RECOVERY_VERBS


def _bodies(token: Token) -> bool:
    """ "bodies", "corpses", "remains": not "a governing body"."""
    return token.lower_ == "remains" or (token.lemma_.lower() in FOUND_SO_FAR and token.tag_ == PLURAL_NOUN)


def _a_whole(of: Token) -> bool:
    """ "of the 58", "of them": the figure is a share of a set already counted."""
    return any(c.dep_ == "pobj" and (c.pos_ in {"NUM", "PRON"} or c.like_num) for c in of.children)


def _event_date(figure: Token) -> str | None:
    """The date of the event a figure is told about in a clause of its own: "the October 7 attack, in which
    militants killed about 1,200 people", "last year's floods, which left 300 dead". Background about
    another event, not a count of the story's own; a date said in the figure's own clause ("killed 27 on
    Thursday") dates the count, not another event."""
    clause = figure
    for _ in range(MAX_HEAD_STEPS + 1):
        if clause.pos_ in {"VERB", "AUX"} or clause.head is clause:
            break
        clause = clause.head
    if clause.dep_ not in DESCRIBING_CLAUSES or clause.head.pos_ not in {"NOUN", "PROPN"}:
        return _past(clause)
    inside = range(clause.left_edge.i, clause.right_edge.i + 1)
    dates = [t for t in clause.head.subtree if t.ent_type_ in DATE_ENTITIES and t.i not in inside and t.dep_ != "case"]
    return " ".join(t.lower_ for t in dates) or None


def _past(clause: Token) -> str | None:
    """A date in the figure's own clause that sets it in another year than the story's ("150 died when a
    train derailed late last year", "two years ago, 40 died", "that of 1987, when at least 96 died"):
    background about an earlier event. "On Thursday" or "three days ago" dates the story's own count."""
    owner = clause.head if clause.dep_ in {"advcl", "relcl"} else None
    tokens = [t for t in clause.subtree if _clauses_between(t, clause) <= MAX_NESTED_CLAUSES]
    for token in [*tokens, *([owner] if owner is not None else [])]:
        if token.ent_type_ not in DATE_ENTITIES:
            continue
        entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        if PAST_DATE.search(entity.text) or (token is owner and token.like_num):
            return entity.text.lower()
    return None


def _clauses_between(token: Token, clause: Token) -> int:
    """How many verbs stand between a word and the verb of `clause` above it: "150 died when a train derailed
    late last year" has one ("derailed"); "two million turned out to demand ... in what is becoming the
    biggest challenge since Hong Kong returned 22 years ago" has three, and the date is none of the count's."""
    count, current = 0, token
    while current.i != clause.i and current.head.i != current.i:
        current = current.head
        if current.i != clause.i and current.pos_ in {"VERB", "AUX"}:
            count += 1
    return count


def _with_symbol(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """Widen the span over "$"/"€"/"£" before or "%"/"percent" after; the symbol is the unit."""
    before = text[max(0, start - 1) : start]
    if before in CURRENCIES:
        return start - 1, end, CURRENCIES[before]
    percent = PERCENT.match(text, end)
    if percent:
        return start, percent.end(), PERCENT_UNIT
    return start, end, None


def _unit_token(doc: Doc, starts: list[int], end: int) -> Token | None:
    """The counted noun: the first noun after the figure, before any verb ("20,000-seat": after the hyphen)."""
    for token in doc[bisect_left(starts, end) :]:
        if token.text == "-" and token.idx == end:
            continue
        if token.pos_ in CLAUSE_BREAKS and token.text.lower() != "of":
            return None  # "drew 50,000 while police said": "police" belongs to the next clause
        if token.tag_ in RELATIVE_TAGS:
            return None  # "the 25 that the ministry reported": the noun after "that" is no counted thing
        if token.pos_ == "NOUN":
            return _phrase_head(token, end)
    return None


def _phrase_head(noun: Token, end: int) -> Token:
    """ "three army men", "50 sales employees", "11 million of the nation's 55 million people": the counted
    thing is the head the first noun modifies, not the modifier; "20,000-seat arena" counts seats, written
    onto the figure."""
    head = noun
    while head.head.i > head.i and (
        (head.dep_ == "compound" and head.head.tag_ == PLURAL_NOUN)
        or (head.dep_ == "poss" and head.head.pos_ == "NOUN")
    ):
        head = head.head  # not "two soldiers training": a head in the singular is no counted plural
    return noun if noun.idx == end + 1 and noun.doc.text[end : end + 1] == "-" else head


def _qualifiers(names: list[Span], unit: Token) -> list[str]:
    """Named entities inside the counted thing's phrase: "North Korean troops", "soldiers from X"."""
    lo, hi = unit.left_edge.i, unit.right_edge.i
    return sorted({ent.text for ent in names if lo <= ent.start and ent.end - 1 <= hi})


def _named(names: list[Span], person: Token) -> list[str]:
    """The name of the person an age is given of ("Maria Lopez, 52,"): whose age it is."""
    return sorted({ent.text for ent in names if ent.start <= person.i < ent.end})


def _event(unit: Token) -> str | None:
    """The verb the counted thing takes part in ("training", "escaped"), as a lemma."""
    token = unit
    for _ in range(MAX_HEAD_STEPS):
        if token.head is token:
            break
        token = token.head
        if token.pos_ == "VERB":
            return _light_verb_object(token) or token.lemma_.lower()
    return None


def _priced(figure: Token) -> str | None:
    """The word a sum of money is told by, as a lemma: the noun it qualifies ("the $300,000 dinner", "a
    price tag upward of $15,000": tag) or the verb it completes ("priced at $500", "offered $4 billion").
    Two sums of one story are rival figures only when these words are alike (the numeric rule's
    `similar_words`), so a dinner's cost and a bottle's price tag are not compared."""
    token = figure
    for _ in range(MAX_HEAD_STEPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "NOUN":
            return token.lemma_.lower()
        if token.pos_ == "VERB":
            return _light_verb_object(token) or token.lemma_.lower()
    return None


def _light_verb_object(verb: Token) -> str | None:
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return objects[0].lemma_.lower() if objects else None
