"""Incompatible dates for the same event."""

from __future__ import annotations

import datetime as dt

from checker.models import DateMention, Severity
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import same_matter
from checker.rules.registry import rule

SCHEDULE_MATTER_MIN = 0.5
DEICTIC = frozenset({"today", "yesterday", "tomorrow"})


@rule("schedule", "Two sources give incompatible dates for the same event.")
def schedule(context: RuleContext, a: int, b: int) -> Finding | None:
    if not context.analyses[a].terms & context.analyses[b].terms:
        return None
    if not same_matter(context, a, b, SCHEDULE_MATTER_MIN):
        return None
    for left in _event_dates(context, a):
        for right in _event_dates(context, b):
            if _disjoint(_window(left), _window(right)):
                reason = f"{{a}} dates it {_phrase(left)} where {{b}} dates it {_phrase(right)}"
                return Finding("schedule", a, b, Severity.MEDIUM, reason)
    return None


def _event_dates(context: RuleContext, index: int) -> list[DateMention]:
    return [m for m in context.claim(index).mentions if m.text.lower() not in DEICTIC]


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
