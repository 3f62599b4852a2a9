"""The trained stance model (checker.learn) reads one claim's article as disputing another claim.

The cue rules judge what they can read: a denial word, "not confirmed", two figures. Reporting also
disputes without such words ("A hoax is an understatement", "was seen alive on Tuesday"); this rule
raises those pairs when the model's P(disagree) passes the threshold recorded with its weights, and
says so in the explanation. A pair a cue rule already judged is left to it (see `registry.run`).
"""

from __future__ import annotations

from checker.models import Severity
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import independent
from checker.rules.registry import rule

LEARNED = "learned"


@rule(
    LEARNED,
    "Off unless enabled: the trained stance model reads a source as disputing another where no cue word says so.",
    default=False,
)
def learned(context: RuleContext, a: int, b: int) -> Finding | None:
    reading = context.reading
    if reading is None or not reading.reads(a, b):
        return None
    scores = reading.scores(a, b)
    if scores is None or scores.disagree < reading.model.threshold:
        return None
    claim, partner = reading.oriented(a, b)
    if not context.stated(claim) or not independent(context, claim, partner):
        return None
    severity = Severity.LOW if context.hedged(claim) or context.hedged(partner) else Severity.MEDIUM
    reason = (
        f"the stance model reads {{a}} as disputing {{b}} (P(disagree) {scores.disagree:.2f}, "
        f"threshold {reading.model.threshold:.2f}); no denial word decided it"
    )
    return Finding(LEARNED, partner, claim, severity, reason)
