"""A denial against an assertion of the same matter.

Speculation ("Russia could send...") is not contradicted by a denial: nothing was asserted.
A sentence that borrows its subject from the one before ("They will be ready...") is judged
through that sentence, which is paired on its own.
"""

from __future__ import annotations

from checker.models import Severity, Stance
from checker.rules import rule
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import independent, same_matter, share_terms

OPPOSED = frozenset({Stance.ASSERTS, Stance.CONFIRMS})


@rule("denial", 'A source denies ("not true", "fake", "denied") what another source asserts.')
def denial(context: RuleContext, a: int, b: int) -> Finding | None:
    pair = _denial_pair(context, a, b)
    if pair is None:
        return None
    denier, other = pair
    if context.analyses[other].leans_back:
        return None
    # A confirmation made after the denial answers it: it settles the conflict, it is not another one.
    if context.claim(other).stance is Stance.CONFIRMS and context.later(other, denier):
        return None
    if not independent(context, denier, other) or not same_matter(context, denier, other):
        return None
    if not share_terms(context, denier, other):
        return None
    return Finding("denial", denier, other, _severity(context, denier, other), "{a} denies what {b} asserts")


def _denial_pair(context: RuleContext, a: int, b: int) -> tuple[int, int] | None:
    stances = context.claim(a).stance, context.claim(b).stance
    if stances[0] is Stance.DENIES and stances[1] in OPPOSED:
        return a, b
    if stances[1] is Stance.DENIES and stances[0] in OPPOSED:
        return b, a
    return None


def _severity(context: RuleContext, denier: int, other: int) -> Severity:
    anonymous = context.claim(denier).speaker is None or context.claim(other).speaker is None
    return Severity.MEDIUM if anonymous else Severity.HIGH
