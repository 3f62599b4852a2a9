"""A "not (yet) confirmed" against a confirmation of the same matter."""

from __future__ import annotations

from checker.models import Severity, Stance
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import same_matter
from checker.rules.registry import rule

# Looser than for denials: a "not confirmed" and a "confirmed" in one topic already point at one matter.
CONFIRMATION_MATTER_MIN = 0.5


@rule("confirmation", "One source has not (yet) confirmed what another source confirms.")
def confirmation(context: RuleContext, a: int, b: int) -> Finding | None:
    stances = context.claim(a).stance, context.claim(b).stance
    if stances == (Stance.NOT_CONFIRMED, Stance.CONFIRMS):
        pending, confirmed = a, b
    elif stances == (Stance.CONFIRMS, Stance.NOT_CONFIRMED):
        pending, confirmed = b, a
    else:
        return None
    if not same_matter(context, pending, confirmed, CONFIRMATION_MATTER_MIN):
        return None
    return Finding("confirmation", pending, confirmed, Severity.MEDIUM, "{a} had not confirmed what {b} confirms")
