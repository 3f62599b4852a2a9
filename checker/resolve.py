"""Time-aware resolution: is each conflict still open, overtaken by a later claim, or settled?"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from checker.models import Claim, Commitment, Conflict, Precision, Quantity, Report, Severity, Stance, StatedAt, Status
from checker.rules.base import Finding, RuleContext
from checker.rules.confirmation import CONFIRMATION_MATTER_MIN
from checker.rules.matching import independent, one_side, same_matter, source_of
from checker.rules.numeric import NUMERIC_MATTER_MIN, relative_gap, same_count

SETTLE_MIN_SOURCES = 2  # one later voice is another opinion; two independent ones settle it
SUPPORTING = frozenset({Stance.ASSERTS, Stance.CONFIRMS})
DISPUTING_KINDS = frozenset({"denial", "learned"})  # the first claim disputes the second; time may settle it
MONTH_PART_WORD = {1: "early", 11: "mid", 21: "late"}


@dataclass(frozen=True)
class Outcome:
    status: Status
    resolved_by: int | None
    note: str
    considered: tuple[int, ...] = ()
    revised: int | None = None  # the earlier claim whose figure a later claim repeats after it was revised


def resolve(context: RuleContext, findings: list[Finding]) -> list[Conflict]:
    if context.reading is not None:
        context.reading.score((f.first, f.second) for f in findings)
    ordered = sorted(findings, key=lambda f: _sort_key(context, f))
    return [_conflict(context, finding, f"C{n}") for n, finding in enumerate(ordered, start=1)]


def counted_figures(context: RuleContext, findings: list[Finding]) -> dict[tuple[str, str], tuple[Quantity, Quantity]]:
    """For each numeric conflict, keyed by its claim ids, the two figures it compares."""
    return {
        (context.claim(f.first).id, context.claim(f.second).id): f.figures for f in findings if f.figures is not None
    }


def _sort_key(context: RuleContext, finding: Finding) -> tuple[int, int, int, str]:
    topic = int(context.topics[finding.first].lstrip("T"))
    orders = sorted((context.claim(finding.first).stated_at.order, context.claim(finding.second).stated_at.order))
    return topic, orders[0], orders[1], finding.kind


def _conflict(context: RuleContext, finding: Finding, conflict_id: str) -> Conflict:
    outcome = _outcome(context, finding)
    considered = (finding.first, finding.second, *outcome.considered)
    text = finding.reason.replace("{a}", _describe(context, finding.first))
    text = text.replace("{b}", _describe(context, finding.second))
    return Conflict(
        id=conflict_id,
        kind=finding.kind,
        claim_ids=[context.claim(i).id for i in (finding.first, finding.second, outcome.revised) if i is not None],
        status=outcome.status,
        severity=finding.severity,
        resolved_by=context.claim(outcome.resolved_by).id if outcome.resolved_by is not None else None,
        as_of=_as_of(context, considered),
        explanation=f"{text[0].upper()}{text[1:]}. {outcome.note}",
        stance_scores=context.stance_scores(finding.first, finding.second),
    )


def _outcome(context: RuleContext, finding: Finding) -> Outcome:
    first, second = finding.first, finding.second
    if finding.kind == "update":
        return Outcome(Status.SUPERSEDED, second, "This is an update, not a contradiction.")
    if finding.retraction:
        return Outcome(Status.SUPERSEDED, first, "The source took back what it had published; the retraction stands.")
    if finding.kind == "confirmation":
        if context.later(second, first):
            return Outcome(Status.SUPERSEDED, second, "The later confirmation supersedes the earlier caution.")
        later = _later_confirmation(context, first)
        if later is not None:
            note = f"A later confirmation supersedes the caution: {_describe(context, later)}."
            return Outcome(Status.SUPERSEDED, later, note, (later,))
        return Outcome(Status.OPEN, None, "The caution came after the confirmation; nothing later settles it.")
    if finding.kind == "numeric":
        repeated = _repeats_revised(context, first, second)
        if repeated is not None:
            return repeated
    if not independent(context, first, second):
        latest = first if context.later(first, second) else second
        return Outcome(Status.SUPERSEDED, latest, "The same source revised its own account; the later one stands.")
    if finding.kind in DISPUTING_KINDS:
        return _settle(context, first, second)
    return Outcome(Status.OPEN, None, "Nothing later in the input settles it.")


def _later_confirmation(context: RuleContext, pending: int) -> int | None:
    """The first confirmation of the same matter, by another source, stated after the caution."""
    later = [
        i
        for i, analysis in enumerate(context.analyses)
        if analysis.claim.stance is Stance.CONFIRMS
        and context.later(i, pending)
        and independent(context, i, pending)
        and same_matter(context, i, pending, CONFIRMATION_MATTER_MIN)
    ]
    return min(later, key=lambda i: context.claim(i).stated_at.order, default=None)


def _repeats_revised(context: RuleContext, first: int, second: int) -> Outcome | None:
    """The later claim repeats a figure that its source had revised before: the older figure, stated again.

    Of the two claims, `other` is the earlier; a claim `old` stated before `other` by the same source,
    about the same count, gives the figure the later claim repeats (overlapping intervals) and
    `other` differs from: `other` revised `old`, and the later claim missed the revision.
    """
    later, other = (first, second) if context.later(first, second) else (second, first)
    members = sorted(context.by_topic[context.topics[other]], key=lambda i: context.claim(i).stated_at.order)
    for old in members:
        if old in (later, other) or not context.later(other, old) or independent(context, old, other):
            continue
        if not same_matter(context, old, later, NUMERIC_MATTER_MIN):
            continue
        if _figures_agree(context, old, later) and _figures_differ(context, old, other):
            note = (
                f"It repeats the figure of {_describe(context, old)}, which {_describe(context, other)} "
                "revised: the figure is out of date."
            )
            return Outcome(Status.OPEN, None, note, (old,), revised=old)
    return None


def _figures_agree(context: RuleContext, a: int, b: int) -> bool:
    return any(
        same_count(context, x, y) and relative_gap(x, y) == 0
        for x in context.claim(a).quantities
        for y in context.claim(b).quantities
    )


def _figures_differ(context: RuleContext, a: int, b: int) -> bool:
    return any(
        same_count(context, x, y) and relative_gap(x, y) > 0
        for x in context.claim(a).quantities
        for y in context.claim(b).quantities
    )


def _settle(context: RuleContext, denier: int, asserter: int) -> Outcome:
    """Later, independent sources on one side settle a denial for that side."""
    support = _later_voices(context, denier, asserter, SUPPORTING, refuted=denier)
    if len(support) >= SETTLE_MIN_SOURCES:
        confirming = [i for i in support.values() if context.claim(i).stance is Stance.CONFIRMS]
        settler = min(confirming or support.values(), key=lambda i: context.claim(i).stated_at.order)
        names = ", ".join(_describe(context, i) for i in support.values())
        return Outcome(
            Status.RESOLVED, settler, f"Later independent sources back it: {names}.", tuple(support.values())
        )
    denials = _later_voices(context, denier, asserter, frozenset({Stance.DENIES}), refuted=asserter)
    if len(denials) >= SETTLE_MIN_SOURCES:
        settler = min(denials.values(), key=lambda i: context.claim(i).stated_at.order)
        names = ", ".join(_describe(context, i) for i in denials.values())
        return Outcome(
            Status.RESOLVED, settler, f"Later independent sources deny it too: {names}.", tuple(denials.values())
        )
    return Outcome(Status.OPEN, None, "Nothing later in the input settles it.")


def _later_voices(context: RuleContext, a: int, b: int, stances: frozenset[Stance], refuted: int) -> dict[str, int]:
    """The earliest claim of each source, other than `a`'s and `b`'s, that answers `refuted` after it was made."""
    voices: dict[str, int] = {}
    members = sorted(context.by_topic[context.topics[refuted]], key=lambda i: context.claim(i).stated_at.order)
    for index in members:
        claim = context.claim(index)
        if claim.stance not in stances or claim.commitment is not Commitment.ASSERTED:
            continue  # a voice handed on at a distance ("X claims") settles nothing
        if not context.later(index, refuted):
            continue
        if claim.unattributed and context.analyses[index].doc_source is None:
            continue  # the reporter's own framing is a source only when we know whose it is
        heard = (a, b, *voices.values())  # a body and its spokesperson are one voice
        if any(one_side(context, index, other) for other in heard) or not same_matter(context, index, refuted):
            continue
        voices[source_of(context, index)] = index
    return voices


def _as_of(context: RuleContext, indices: tuple[int, ...]) -> dt.date | None:
    dates = [context.claim(i).stated_at.date for i in indices if context.claim(i).stated_at.date]
    if dates:
        return max(d for d in dates if d is not None)
    published = [context.analyses[i].published_key for i in indices]
    return dt.date.fromordinal(int(max(published))) if published and max(published) != float("inf") else None


def _describe(context: RuleContext, index: int) -> str:
    return describe(context.claim(index), context.analyses[index].doc_source)


def describe(claim: Claim, outlet: str | None = None) -> str:
    """ "Kyrylo Budanov in Reuters (17 October 2024)": who, where it was published, when."""
    who = claim.speaker or (f"a report relayed by {claim.cited_source}" if claim.cited_source else None)
    if who is None:
        return f"{outlet or 'the article'} ({when(claim)})"
    where = f" in {outlet}" if outlet and outlet.lower() != who.lower() else ""
    return f"{who}{where} ({when(claim)})"


def when(claim: Claim) -> str:
    stated = claim.stated_at
    if stated.date is None:
        return "undated"
    if stated.precision is Precision.MONTH_PART:
        return f"{MONTH_PART_WORD.get(stated.date.day, 'early')} {stated.date:%B %Y}"
    if stated.precision is Precision.MONTH:
        return f"{stated.date:%B %Y}"
    if stated.precision is Precision.SEASON:
        return f"from {stated.date:%B %Y}"  # the start of a season or half year
    return f"{stated.date.day} {stated.date:%B %Y}"


def iso_date(stated: StatedAt) -> str | None:
    """The statement date at the precision it is known: "2024-10-17", "2024-10" (early October), "2024"."""
    if stated.date is None:
        return None
    if stated.precision in {Precision.MONTH, Precision.MONTH_PART, Precision.SEASON}:
        return f"{stated.date:%Y-%m}"
    if stated.precision is Precision.YEAR:
        return f"{stated.date:%Y}"
    return stated.date.isoformat()


def severity_at_least(severity: Severity, floor: Severity) -> bool:
    return severity.rank >= floor.rank


class FailOn(str, Enum):
    """The gate's threshold: an open conflict at or above this severity fails it; `never` disables it."""

    NEVER = "never"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Verdict(str, Enum):
    """The gate's answer, as `checker check` exits with it (0, 1, 2) and `checker serve` reports it."""

    PASS = "pass"
    FAIL = "fail"
    INDETERMINATE = "indeterminate"

    @property
    def exit_code(self) -> int:
        """What `checker check` exits with: 0 pass, 1 fail, 2 indeterminate (as for an error)."""
        return {Verdict.PASS: 0, Verdict.FAIL: 1, Verdict.INDETERMINATE: 2}[self]


def gate_fails(report: Report, fail_on: FailOn) -> bool:
    """Whether an open conflict at or above `fail_on` is in the report; superseded and resolved never fail."""
    if fail_on is FailOn.NEVER:
        return False
    floor = Severity(fail_on.value)
    return any(c.status is Status.OPEN and severity_at_least(c.severity, floor) for c in report.conflicts)


def judge(report: Report, fail_on: FailOn) -> Verdict:
    """The gate on a whole report (before --min-severity hides anything): part of the input left unchecked
    is never a clean pass."""
    if report.unchecked:
        return Verdict.INDETERMINATE
    return Verdict.FAIL if gate_fails(report, fail_on) else Verdict.PASS
