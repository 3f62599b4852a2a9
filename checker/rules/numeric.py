"""Two different figures for the same counted thing."""

from __future__ import annotations

from checker.models import Quantity, Severity
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import entities_compatible, same_matter, similar_words
from checker.rules.registry import rule

NUMERIC_MATTER_MIN = 0.5  # lower than for stances: unit, qualifiers and event must already agree
# Two figures of one named measure ("240 people killed", "the death toll stood at 96") already agree on
# what is counted; the rest of the two sentences may share little ("killed in the villages" / "toll").
MEASURE_MATTER_MIN = 0.4
LOW_GAP = 0.15  # gaps are relative to the larger figure
HIGH_GAP = 0.5


@rule("numeric", "Two sources give different figures for the same counted thing.")
def numeric(context: RuleContext, a: int, b: int) -> Finding | None:
    if not same_matter(context, a, b, MEASURE_MATTER_MIN) or not _same_period(context, a, b):
        return None
    loose = not same_matter(context, a, b, NUMERIC_MATTER_MIN)
    worst: tuple[float, Quantity, Quantity] | None = None
    for left in context.claim(a).quantities:
        for right in context.claim(b).quantities:
            if loose and (left.measure is None or left.measure != right.measure):
                continue
            if not same_count(context, left, right):
                continue
            gap = relative_gap(left, right)
            if gap > 0 and (worst is None or gap > worst[0]):
                worst = (gap, left, right)
    if worst is None:
        return None
    gap, left, right = worst
    severity = Severity.LOW if context.hedged(a) or context.hedged(b) else gap_severity(gap)
    return Finding(
        "numeric",
        a,
        b,
        severity,
        f"{{a}} gives {left.text} {left.unit} where {{b}} gives {right.text} {right.unit}",
        (left, right),
    )


def _same_period(context: RuleContext, a: int, b: int) -> bool:
    """Figures dated to periods that do not meet ("in 2023" / "this week") count different things."""
    left, right = context.claim(a).mentions, context.claim(b).mentions
    if not left or not right:
        return True
    return any(x.date_from <= y.date_to and y.date_from <= x.date_to for x in left for y in right)


def relative_gap(left: Quantity, right: Quantity) -> float:
    """Distance between the two intervals over the larger figure; 0 when they overlap."""
    distance = max(right.low - left.high, left.low - right.high, 0.0)
    scale = max(left.high, right.high)
    return distance / scale if scale > 0 else 0.0


def gap_severity(gap: float) -> Severity:
    if gap < LOW_GAP:
        return Severity.LOW
    return Severity.MEDIUM if gap < HIGH_GAP else Severity.HIGH


def same_count(context: RuleContext, left: Quantity, right: Quantity) -> bool:
    if left.measure is not None and right.measure is not None:
        # "4,460 people killed" and "the death toll stood at 2,360" count the same thing in other words.
        return left.measure == right.measure and entities_compatible(left.qualifiers, right.qualifiers)
    if left.unit is None or right.unit is None:
        return False
    if not similar_words(context, left.unit, right.unit):
        return False
    if not entities_compatible(left.qualifiers, right.qualifiers):
        return False
    return left.event is None or right.event is None or similar_words(context, left.event, right.event)
