"""A "not (yet) confirmed" against what another source confirms or states as fact.

"The White House could not confirm the video" contests SITE's "the video is authentic" as much as
a confirmation: a named source stating it as fact, or claiming it ("hackers claimed to have ..."). Against
what the reporter alone keeps at a distance ("allegedly"), the article's own voice, or a press report
("Al-Arabiya TV reported") it is no conflict: nobody vouched for it, and caution about a report is what a
careful source owes it. Nor is the reporter's own caveat ("the claims could not be verified").
"""

from __future__ import annotations

import re

from checker.extract import an_outlet, dateline_agency, identified
from checker.models import Commitment, Severity, Stance
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import answers_another, independent, same_matter
from checker.rules.registry import rule

# A comment withheld ("declined to comment", "had no comment") answers the report the outlet put to the
# source, so it meets what an outlet carries, not every statement of the story.
NO_COMMENT = re.compile(r"\bcomment", re.IGNORECASE)
# The reporter's own "it was not immediately clear ...", no source's caution.
UNCLEAR = re.compile(
    r"\bit\s+(?:is|was|remains|remained)\s+(?:still\s+)?(?:not\s+(?:yet\s+)?(?:immediately\s+)?(?:clear|known)|unclear)\b",
    re.IGNORECASE,
)
# Looser than for denials: a "not confirmed" and a "confirmed" in one topic already point at one matter.
CONFIRMATION_MATTER_MIN = 0.5


@rule("confirmation", "One source has not (yet) confirmed what another source confirms or states as fact.")
def confirmation(context: RuleContext, a: int, b: int) -> Finding | None:
    if context.claim(a).stance is Stance.NOT_CONFIRMED and _vouched(context, b, a):
        pending, confirmed = a, b
    elif context.claim(b).stance is Stance.NOT_CONFIRMED and _vouched(context, a, b):
        pending, confirmed = b, a
    else:
        return None
    if not independent(context, pending, confirmed) or answers_another(context, pending, confirmed):
        return None
    if _own_caveat(context, pending, confirmed):
        return None
    if NO_COMMENT.search(context.claim(pending).text) and context.claim(confirmed).cited_source is None:
        return None  # "HP declined to comment" answers the story put to it, not what its own CEO said
    if not same_matter(context, pending, confirmed, CONFIRMATION_MATTER_MIN):
        return None
    if context.claim(confirmed).stance is Stance.CONFIRMS:
        return Finding("confirmation", pending, confirmed, Severity.MEDIUM, "{a} had not confirmed what {b} confirms")
    return Finding("confirmation", pending, confirmed, Severity.LOW, "{a} could not confirm what {b} states")


def _own_caveat(context: RuleContext, pending: int, confirmed: int) -> bool:
    """The article's own caution about what it reports: "it was not immediately clear how officials arrived
    at the number", "the claims could not be independently verified" (a caution that names nobody who
    holds it, or any outlet: "CNN cannot independently verify the tape": `Analysis.caveat`), or the
    outlet that filed it ("ISLAMABAD (Reuters) - ..." / "Reuters was not able to verify the
    accounts"). The reporter's caveat, no source's."""
    caution = context.claim(pending)
    if an_outlet(caution.speaker):
        return True  # "Boston.com said it could not verify the email": the press's caveat, whichever outlet's
    if not caution.unattributed or caution.doc_id != context.claim(confirmed).doc_id:
        return False  # "ISAF is aware of the reports, but could not confirm who was killed": ISAF's caution
    first = context.claim(context.by_document[caution.doc_id][0])
    reporters = {name for name in (context.analyses[pending].doc_source, dateline_agency(first.text)) if name}
    unclear = UNCLEAR.search(caution.text) is not None or context.analyses[pending].caveat
    return unclear or any(caution.text.startswith(name) for name in reporters)


def _vouched(context: RuleContext, index: int, pending: int) -> bool:
    """Confirmed, or asserted by an identified source, in its own words or handed on at a distance ("hackers
    claimed to have breached the network": their claim, the reporter's distance), not the article's own
    voice ("reportedly"), a source's speculation, what the press reports ("Al-Arabiya TV reported",
    "some reports say": a caution about a report is a careful reporter's, no dispute with it), nor what an
    unidentified source says ("an unnamed official told the paper", "sources said"); or a
    source's claim the caution names as what it cannot confirm ("A group claimed responsibility" /
    "officials could not authenticate the claim"), however the reporter kept it at a distance."""
    claim = context.claim(index)
    named = context.answer(pending, index) and claim.speaker is not None
    if named and claim.stance in {Stance.ASSERTS, Stance.CONFIRMS, Stance.HEDGED}:
        return True
    asserted = claim.stance is Stance.ASSERTS and claim.commitment is not Commitment.SPECULATIVE
    return claim.stance is Stance.CONFIRMS or (asserted and identified(claim.speaker) and not an_outlet(claim.speaker))
