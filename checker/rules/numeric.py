"""Two different figures for the same counted thing."""

from __future__ import annotations

from checker.models import AGE_MEASURE, PART_SCOPE, Claim, Quantity, Severity
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import (
    entities_compatible,
    same_entity,
    same_matter,
    similar_words,
)
from checker.rules.registry import rule

NUMERIC_MATTER_MIN = 0.5  # lower than for stances: unit, qualifiers and event must already agree
# Two figures of one named measure ("240 people killed", "the death toll stood at 96") already agree on
# what is counted; the rest of the two sentences may share little ("killed in the villages" / "toll").
MEASURE_MATTER_MIN = 0.4
# Within one article (one story) two figures of one named measure need less: "the government spokesman
# said 471 were rescued" / "the merchant marine said 443 passengers had been rescued after the ferry ran
# aground" share the count, not the words around it.
ARTICLE_MEASURE_MATTER_MIN = 0.3
PERCENT = "percent"
# The vague figures `quantities.VAGUE` reads without a count word: an order of magnitude, no count.
MAGNITUDES = frozenset({"dozens", "hundreds", "thousands", "tens of thousands"})
MIN_PARTS = 2  # a total and at least two figures that add up to it
PARTS_TOLERANCE = 0.01  # "116" is 88 + 27 + 1; rounding aside, the parts must add up
LOW_GAP = 0.15  # gaps are relative to the larger figure
HIGH_GAP = 0.5


@rule("numeric", "Two sources give different figures for the same counted thing.")
def numeric(context: RuleContext, a: int, b: int) -> Finding | None:
    if not (context.stated(a) and context.stated(b)):
        return None  # a possibility gives no figure to dispute: "it was possible up to 20,000 had died"
    if _one_narrator(context, a, b):
        return None  # the reporter's own two figures count two things; a named source may revise itself
    spans = context.analyses[a].periods, context.analyses[b].periods
    if not same_matter(context, a, b, _measure_matter_min(context, a, b)) or not _same_period(context, a, b, spans):
        return None
    if not _same_place(context, a, b):
        return None
    loose = not same_matter(context, a, b, NUMERIC_MATTER_MIN)
    # A toll of one event against deaths counted over a year ("26 people were killed when the train
    # derailed" / "India recorded 27,581 railway deaths in 2014"): the second is a statistic.
    one_period_only = bool(spans[0]) != bool(spans[1])
    pairs = [
        (left, right)
        for left in _compared(context.claim(a).quantities)
        for right in _compared(context.claim(b).quantities)
        if not (loose and (left.measure is None or left.measure != right.measure))
        and same_count(context, left, right)
        and _same_event(left, right, context.claim(a), context.claim(b))
        and not ((left.measure or right.measure) and one_period_only)
    ]
    gaps = [(_scoped_gap(left, right), left, right) for left, right in _same_groups(context, pairs)]
    worst = max((found for found in gaps if found[0] > 0), key=lambda found: found[0], default=None)
    if worst is None:
        return None
    gap, left, right = worst
    severity = Severity.LOW if context.hedged(a) or context.hedged(b) else gap_severity(gap)
    return Finding(
        "numeric",
        a,
        b,
        severity,
        f"{{a}} gives {left.label} where {{b}} gives {right.label}",
        (left, right),
    )


def _compared(quantities: list[Quantity]) -> list[Quantity]:
    """The figures a claim gives as counts: not an order of magnitude ("has killed thousands in its
    campaign", "hundreds of people"), which tells the scale of a story, not a count another can
    contradict; and not the parts of a total it also gives."""
    return [q for q in _without_parts(quantities) if q.text.lower() not in MAGNITUDES]


def _without_parts(quantities: list[Quantity]) -> list[Quantity]:
    """A claim's figures less those that add up to another of its figures of the same measure ("the toll
    rose to 116, out of which 88 bodies were at the trauma centre, 27 at Etah hospital and one at Hathras"):
    the parts of a total the claim gives are no rival counts of it."""
    parts: set[int] = set()
    for measure in {q.measure for q in quantities if q.measure}:
        same = [i for i, q in enumerate(quantities) if q.measure == measure]
        for total in same:
            rest = [quantities[i].value for i in same if i != total]
            whole = quantities[total].value
            if whole > 0 and len(rest) >= MIN_PARTS and abs(sum(rest) - whole) <= PARTS_TOLERANCE * whole:
                parts.update(i for i in same if i != total)
    return [q for i, q in enumerate(quantities) if i not in parts]


def _measure_matter_min(context: RuleContext, a: int, b: int) -> float:
    """How close two claims must be to compare their figures of one named measure: less within an article."""
    return ARTICLE_MEASURE_MATTER_MIN if context.claim(a).doc_id == context.claim(b).doc_id else MEASURE_MATTER_MIN


def _same_groups(context: RuleContext, pairs: list[tuple[Quantity, Quantity]]) -> list[tuple[Quantity, Quantity]]:
    """The pairs that count one named group, when there are any: "six soldiers and four militants" meets
    "18 soldiers" through its soldiers; figures whose nouns differ ("20 to 30 noncombatants" / "140
    civilians") are compared only when no such pair is found."""
    grouped = [
        (left, right)
        for left, right in pairs
        if left.unit is not None and right.unit is not None and similar_words(context, left.unit, right.unit)
    ]
    return grouped or pairs


def _same_place(context: RuleContext, a: int, b: int) -> bool:
    """Figures told of places that do not meet ("organizers in New York" / "150,000 rallied in Chicago")
    count different crowds; a sentence that names no place may count anywhere."""
    left, right = context.analyses[a].places, context.analyses[b].places
    return not left or not right or any(same_entity(x, y) for x in left for y in right)


def _scoped_gap(left: Quantity, right: Quantity) -> float:
    """The gap between two figures, minding what part of the whole each counts: a part ("including
    eight", "in his province alone") contradicts the whole only by exceeding it; two different parts
    are not compared."""
    if left.scope == right.scope and left.scope != PART_SCOPE:
        return relative_gap(left, right)
    if left.scope and right.scope:
        return 0.0  # two parts ("including eight" / "four of the 58"), or two places
    part, whole = (left, right) if left.scope else (right, left)
    return relative_gap(part, whole) if part.low > whole.high else 0.0


def _same_event(left: Quantity, right: Quantity, left_claim: Claim, right_claim: Claim) -> bool:
    """A figure told about another, dated event ("the October 7 attack, in which ... killed about 1,200")
    counts that event: it meets a figure of the same event, or one whose sentence names that date."""
    if left.event_date == right.event_date:
        return True
    if left.event_date and right.event_date:
        return False
    dated, other = (left, right_claim) if left.event_date else (right, left_claim)
    return str(dated.event_date) in other.text.lower()


def _same_period(context: RuleContext, a: int, b: int, spans: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Figures dated to periods that do not meet ("in 2023" / "this week"), or counted over spans of
    different lengths ("for the fourth quarter" / "annually"; `spans`, from `Analysis.periods`), count
    different things."""
    if all(spans) and not spans[0] & spans[1]:
        return False
    left, right = context.claim(a).mentions, context.claim(b).mentions
    if not left or not right:
        return True
    return any(x.date_from <= y.date_to and y.date_from <= x.date_to for x in left for y in right)


def _one_narrator(context: RuleContext, a: int, b: int) -> bool:
    """Both figures in one article's own voice: "five minutes after the call" / "two minutes after the
    firefighters came" time two things. A named source giving two figures revises itself (superseded)."""
    left, right = context.claim(a), context.claim(b)
    return left.unattributed and right.unattributed and left.doc_id == right.doc_id


def relative_gap(left: Quantity, right: Quantity) -> float:
    """Distance between the two intervals over the larger figure; 0 when they overlap."""
    distance = max(right.low - left.high, left.low - right.high, 0.0)
    scale = max(left.high, right.high)
    return distance / scale if scale > 0 else 0.0


def gap_severity(gap: float) -> Severity:
    if gap < LOW_GAP:
        return Severity.LOW
    return Severity.MEDIUM if gap < HIGH_GAP else Severity.HIGH


def _one_person(left: Quantity, right: Quantity) -> bool:
    """Two ages are rival figures only of one person named on both sides ("Maria Lopez, 52," / "Maria Lopez,
    57,"); "the suspect, 24," and "the victim, 31," are two people, and an age is no span of years ("the
    guard, 58," / "a 25-year career")."""
    both = left.measure == right.measure == AGE_MEASURE
    return both and bool(set(left.qualifiers) & set(right.qualifiers))


def same_count(context: RuleContext, left: Quantity, right: Quantity) -> bool:
    if (left.unit == PERCENT) != (right.unit == PERCENT):
        return False  # a share ("30 percent turned out") is no count ("30,000 marched")
    if left.measure == AGE_MEASURE or right.measure == AGE_MEASURE:
        return _one_person(left, right)
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
