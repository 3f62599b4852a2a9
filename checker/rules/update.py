"""A later report that changes the state of an earlier one: an update, not a contradiction."""

from __future__ import annotations

import re

from checker.models import Severity
from checker.rules.base import Finding, RuleContext
from checker.rules.registry import rule

FOLLOW_UP = re.compile(
    r"^(?:and\s+|but\s+)?(?:later|afterwards|subsequently|then|since\s+then|soon\s+after)\b[\s,]*"
    r"(?:it\s+(?:later\s+)?(?:became|was|has\s+become)\s+(?:known|clear|reported|revealed)\s+that\s+"
    r"|it\s+(?:emerged|turned\s+out)\s+that\s+)?(?:they|he|she|it|them|the\s+\w+)\b",
    re.IGNORECASE,
)


@rule("update", 'A later report changes what an earlier one described ("escaped", then "detained").')
def update(context: RuleContext, a: int, b: int) -> Finding | None:
    first, second = context.analyses[a], context.analyses[b]
    adjacent = first.claim.doc_id == second.claim.doc_id and first.sentence_index + 1 == second.sentence_index
    if not adjacent or first.paragraph != second.paragraph:
        return None
    if not FOLLOW_UP.match(second.claim.text):
        return None
    return Finding("update", a, b, Severity.LOW, "{b} reports a later development of what {a} described")
