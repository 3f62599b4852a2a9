"""Contradiction judged by a user-supplied NLI cross-encoder; runs only when one is given."""

from __future__ import annotations

from checker.models import Severity
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import independent, same_matter
from checker.rules.registry import rule

NLI_MATTER_MIN = 0.5  # only ask the model about claims that already look like one matter
CONTRADICTION_MIN = 0.5
STRONG_CONTRADICTION = 0.9


@rule("nli", "A user-supplied NLI model (--nli-model PATH) judges two claims contradictory.")
def nli(context: RuleContext, a: int, b: int) -> Finding | None:
    if context.nli is None or not independent(context, a, b):
        return None
    if not same_matter(context, a, b, NLI_MATTER_MIN):
        return None
    left, right = context.analyses[a].content, context.analyses[b].content
    probability = max(context.nli(left, right), context.nli(right, left))
    if probability < CONTRADICTION_MIN:
        return None
    severity = Severity.HIGH if probability >= STRONG_CONTRADICTION else Severity.MEDIUM
    if context.hedged(a) or context.hedged(b):
        severity = Severity.LOW
    return Finding("nli", a, b, severity, f"the NLI model finds that {{a}} contradicts {{b}} (p={probability:.2f})")
