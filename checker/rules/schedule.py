"""Incompatible dates for the same event."""

from __future__ import annotations

import datetime as dt
import re

from checker.extract import Timing
from checker.models import DateMention, Severity
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import one_side, same_matter
from checker.rules.registry import rule

SCHEDULE_MATTER_MIN = 0.5
DEICTIC = frozenset({"today", "yesterday", "tomorrow"})
# The plan a claim tells as given up ("the launch, initially scheduled for June 21, will be carried out on
# July 12"): its date is history, no date the claim puts forward.
FORMER_PLAN = re.compile(
    r"\b(?:initially|originally|previously|first|once)\s+(?:scheduled|planned|set|slated|due|expected|meant)"
    r"(?:\s+(?:for|on|to|in))?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
PLAN_WINDOW = 40  # characters before a date searched for its former plan


@rule(
    "schedule", "Two sources give incompatible dates for the same event, or one says it is late and the other on time."
)
def schedule(context: RuleContext, a: int, b: int) -> Finding | None:
    if not context.analyses[a].terms & context.analyses[b].terms:
        return None
    if not same_matter(context, a, b, SCHEDULE_MATTER_MIN):
        return None
    timings = context.analyses[a].timing, context.analyses[b].timing
    if set(timings) == {Timing.DELAYED, Timing.ON_SCHEDULE} and _contrary_timings(context, a, b):
        reason = f"{{a}} says it is {_said(timings[0])} where {{b}} says it is {_said(timings[1])}"
        return Finding("schedule", a, b, Severity.MEDIUM, reason)
    for left in _event_dates(context, a):
        for right in _event_dates(context, b):
            if _disjoint(_window(left), _window(right)):
                reason = f"{{a}} dates it {_phrase(left)} where {{b}} dates it {_phrase(right)}"
                return Finding("schedule", a, b, Severity.MEDIUM, reason)
    return None


def _contrary_timings(context: RuleContext, a: int, b: int) -> bool:
    """Late against on time, each stated as fact by a named one of two sides that do not agree on a date."""
    left, right = context.claim(a), context.claim(b)
    voiced = not (left.unattributed or right.unattributed)  # the article's own telling of a side is no side
    stated = context.stated(a) and context.stated(b)
    return voiced and stated and not one_side(context, a, b) and not _dates_meet(context, a, b)


def _said(timing: Timing | None) -> str:
    return "delayed" if timing is Timing.DELAYED else "on schedule"


def _dates_meet(context: RuleContext, a: int, b: int) -> bool:
    """Both claims date the event and the dates meet: "delayed to 30 May" and "on schedule for 30 May"
    agree on when, whatever each says of the plan."""
    return any(
        not _disjoint(_window(x), _window(y)) for x in _event_dates(context, a) for y in _event_dates(context, b)
    )


def _event_dates(context: RuleContext, index: int) -> list[DateMention]:
    claim = context.claim(index)
    return [m for m in claim.mentions if m.text.lower() not in DEICTIC and not _former_plan(claim.text, claim.start, m)]


def _former_plan(text: str, offset: int, mention: DateMention) -> bool:
    start = mention.start - offset
    return FORMER_PLAN.search(text[max(0, start - PLAN_WINDOW) : start]) is not None


def _window(mention: DateMention) -> tuple[dt.date, dt.date]:
    if mention.bound == "not_before":
        return mention.date_from, dt.date.max
    if mention.bound == "not_after":
        return dt.date.min, mention.date_to
    return mention.date_from, mention.date_to


def _disjoint(left: tuple[dt.date, dt.date], right: tuple[dt.date, dt.date]) -> bool:
    return left[1] < right[0] or right[1] < left[0]


def _phrase(mention: DateMention) -> str:
    prefix = {"not_before": "no earlier than ", "not_after": "no later than "}.get(mention.bound or "", "on ")
    return prefix + mention.text
