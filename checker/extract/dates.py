"""Dates in news prose: "On 17 October", "in early October", "27-28 October", "Today", "Later".

Day-month dates take their year from a reference date (the publication date); a statement
is never dated after its own publication.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from checker.models import DateMention, Precision

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PART = r"(?:(?P<part>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of)[\s-]+)?"
_DAYS = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
DATE_PATTERNS = (
    re.compile(rf"\b{_PART}{_DAYS}\s+(?:of\s+)?{_MONTH}{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_PART}{_MONTH}\s+{_DAYS}{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_PART}{_MONTH}{_YEAR}\b", re.IGNORECASE),
)
# Launch dates and schedules also come as halves of the year and seasons (northern, as news mostly means).
SEASONS = re.compile(
    r"\b(?:the\s+)?(?P<half>first|second|1st|2nd)\s+half\s+of\s+(?:the\s+year|this\s+year|(?P<year>(?:19|20)\d{2}))\b"
    r"|\b(?P<lead>in\s+(?:the\s+)?|this\s+|next\s+|by\s+(?:the\s+)?)(?P<season>spring|summer|autumn|fall(?!\s+(?:of|in)\b)|winter)"
    r"(?:\s+(?:of\s+)?(?P<season_year>(?:19|20)\d{2}))?\b",
    re.IGNORECASE,
)
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
HALF_MONTHS = {"first": (1, 6), "1st": (1, 6), "second": (7, 12), "2nd": (7, 12)}
MONTHS_A_YEAR = 12
DEICTIC = re.compile(r"\b(?P<word>today|yesterday|tomorrow)\b", re.IGNORECASE)
DEICTIC_OFFSET = {"today": 0, "yesterday": -1, "tomorrow": 1}
NOT_BEFORE = re.compile(r"(?:as\s+early\s+as|not\s+before|no\s+earlier\s+than|starting|from|after)\s+(?:on\s+)?$", re.I)
NOT_AFTER = re.compile(r"(?:as\s+late\s+as|no\s+later\s+than|not\s+after|by|before|until)\s+(?:on\s+)?$", re.I)
BOUND_WINDOW = 25
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
MAX_MENTION_YEARS_AWAY = 1
# A bare month name is only a date after a preposition ("in October"); "May" is also a verb.
BARE_MONTH_CONTEXT = re.compile(r"\b(?:in|since|by|during|until|from|through|of|last|next|this)\s+$", re.I)


class Relative(str, Enum):
    LATER = "later"
    EARLIER = "earlier"
    SAME = "same"


RELATIVE_LEAD = re.compile(
    r"^(?:and\s+|but\s+)?(?P<marker>earlier|previously|before\s+that|later|afterwards|subsequently|then"
    r"|since\s+then|soon\s+after|at\s+the\s+same\s+time|meanwhile|simultaneously)\b",
    re.IGNORECASE,
)
RELATIVE_KIND = {
    "earlier": Relative.EARLIER,
    "previously": Relative.EARLIER,
    "before that": Relative.EARLIER,
    "at the same time": Relative.SAME,
    "meanwhile": Relative.SAME,
    "simultaneously": Relative.SAME,
}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    date_from: dt.date
    date_to: dt.date
    precision: Precision
    has_year: bool
    bound: str | None


def find_dates(text: str, reference: dt.date | None) -> list[Found]:
    """Absolute and deictic dates in `text`, non-overlapping, in order."""
    found: list[Found] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(found, match.start(), match.end()) or not _plausible(text, match):
                continue
            parsed = _parse(match, reference)
            if parsed is not None:
                found.append(parsed)
    for match in SEASONS.finditer(text):
        season = _season(match, reference)
        if season is not None and not _overlaps(found, season.start, season.end):
            found.append(season)
    return sorted(found, key=lambda f: f.start)


def reference_in(text: str) -> dt.date | None:
    """The date an undated article gives itself: its first full date with a year ("MOSCOW (Sputnik - 28th
    November, 2020)", "On March 3, 2014 the ministry said"), else the latest month it names with a year.
    Dates without a year ("on April 11") take theirs from it, as from a publication date."""
    written = [f for f in find_dates(text, None) if f.has_year]
    days = [f for f in written if f.precision is Precision.DAY]
    if days:
        return days[0].date_from
    return max((f.date_to for f in written), default=None)


def _season(match: re.Match[str], reference: dt.date | None) -> Found | None:
    """ "the second half of the year" (July to December), "in the spring" (March to May), "next summer"."""
    written = match["year"] or match["season_year"]
    if written:
        year = int(written)
    elif reference is not None:
        year = reference.year
    else:
        return None
    if (match["lead"] or "").strip().lower() == "next":
        year += 1
    first, last = HALF_MONTHS[match["half"].lower()] if match["half"] else SEASON_MONTHS[match["season"].lower()]
    last_year, last_month = year + (last - 1) // MONTHS_A_YEAR, (last - 1) % MONTHS_A_YEAR + 1
    start = match.start("season") if match["season"] else match.start()
    end_day = dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    by = (match["lead"] or "").lower().startswith("by")  # "by the winter": no later than
    bound = "not_after" if by else _bound(match.string, match.start())
    return Found(start, match.end(), dt.date(year, first, 1), end_day, Precision.SEASON, bool(written), bound)


def relative_marker(text: str) -> Relative | None:
    match = RELATIVE_LEAD.match(text.strip())
    if match is None:
        return None
    return RELATIVE_KIND.get(" ".join(match["marker"].lower().split()), Relative.LATER)


def as_statement_date(found: Found, published: dt.date | None) -> dt.date:
    """A statement cannot postdate its publication: roll a year back when it would."""
    date = found.date_from
    if published is not None and not found.has_year and date > published:
        return _shift_year(date, -1)
    return date


def to_mention(found: Found, offset: int, text: str) -> DateMention:
    return DateMention(
        text=text[found.start : found.end],
        start=offset + found.start,
        end=offset + found.end,
        date_from=found.date_from,
        date_to=found.date_to,
        precision=found.precision,
        bound=found.bound,
    )


def midpoint_ordinal(date_from: dt.date, date_to: dt.date) -> float:
    return (date_from.toordinal() + date_to.toordinal()) / 2


def _plausible(text: str, match: re.Match[str]) -> bool:
    if match.groupdict().get("d1") or match.groupdict().get("year") or match.groupdict().get("part"):
        return True
    return BARE_MONTH_CONTEXT.search(text[max(0, match.start() - 12) : match.start()]) is not None


def _overlaps(found: list[Found], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in found)


def _parse(match: re.Match[str], reference: dt.date | None) -> Found | None:
    groups = match.groupdict()
    month = MONTHS[groups["month"].lower().rstrip(".")]
    year = int(groups["year"]) if groups.get("year") else _guess_year(month, reference)
    if year is None:
        return None
    span = _day_span(groups, year, month)
    if span is None:
        return None
    (first, last), precision = span
    bound = _bound(match.string, match.start())
    return Found(match.start(), match.end(), first, last, precision, bool(groups.get("year")), bound)


def _day_span(groups: dict[str, str | None], year: int, month: int) -> tuple[tuple[dt.date, dt.date], Precision] | None:
    last_day = calendar.monthrange(year, month)[1]
    try:
        if groups.get("d1"):
            d1 = int(groups["d1"] or 0)
            d2 = int(groups["d2"] or d1)
            return (dt.date(year, month, d1), dt.date(year, month, max(d1, d2))), Precision.DAY
    except ValueError:
        return None
    part = (groups.get("part") or "").lower()
    if part:
        key = "early" if "beginning" in part else "late" if "end" in part else part
        lo, hi = MONTH_PARTS[key]
        return (dt.date(year, month, lo), dt.date(year, month, min(hi, last_day))), Precision.MONTH_PART
    return (dt.date(year, month, 1), dt.date(year, month, last_day)), Precision.MONTH


def _guess_year(month: int, reference: dt.date | None) -> int | None:
    """The year that puts the month nearest the reference date."""
    if reference is None:
        return None
    candidates = [reference.year + d for d in range(-MAX_MENTION_YEARS_AWAY, MAX_MENTION_YEARS_AWAY + 1)]
    return min(candidates, key=lambda y: abs((dt.date(y, month, 15) - reference).days))


def _bound(text: str, start: int) -> str | None:
    before = text[max(0, start - BOUND_WINDOW) : start]
    if NOT_BEFORE.search(before):
        return "not_before"
    if NOT_AFTER.search(before):
        return "not_after"
    return None


def find_deictic(text: str, reference: dt.date, found: list[Found]) -> list[Found]:
    """ "Today", "yesterday", "tomorrow", relative to the statement's own date."""
    result = []
    for match in DEICTIC.finditer(text):
        if _overlaps(found, match.start(), match.end()):
            continue
        day = reference + dt.timedelta(days=DEICTIC_OFFSET[match["word"].lower()])
        result.append(Found(match.start(), match.end(), day, day, Precision.DAY, True, None))
    return result


def _shift_year(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)
