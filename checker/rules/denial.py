"""A denial against an assertion of the same matter.

Speculation ("Russia could send...") is not contradicted by a denial: nothing was asserted.
A sentence that borrows its subject from the one before ("They will be ready...") is judged
through that sentence, which is paired on its own.
"""

from __future__ import annotations

import re

from checker.extract import a_publication, says_false
from checker.models import Commitment, Severity, Stance
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import SAME_MATTER_MIN, answers_another, one_side, same_matter, share_terms
from checker.rules.registry import rule, sweep

# "The reports are false", "the story is a hoax": a denial aimed at what is being reported names
# little of it, so it is matched on meaning alone, a little more loosely.
META_DENIAL = re.compile(
    r"\b(?:reports?|reporting|claims?|stor(?:y|ies)|rumou?rs?|information|allegations?|accounts?|news"
    r"|photos?|photographs?|pictures?|images?|videos?|footage|hoax)\b",
    re.IGNORECASE,
)
META_MATTER_MIN = 0.45
ALLEGATION_MATTER_MIN = 0.4  # a denial and an allegation of one article
ANSWERED_ELSEWHERE_MIN = 0.5  # a denial pointing at another claim, and one it answers in its own words
CLOSEST_CLAIM_MIN = 0.4  # a denial in words that met no claim answers its article's closest one, if this close
CLOSEST_REASON = "{a} denies something close to what {b} asserts"


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
    retraction = context.analyses[denier].retracts and context.answer(denier, other)
    if one_side(context, denier, other) and not retraction:
        return None  # one source twice; unless it takes back what it said ("Vox later corrected its post")
    if META_DENIAL.search(context.analyses[denier].content) and says_false(context.claim(denier).text):
        if not same_matter(context, denier, other, META_MATTER_MIN):
            return None
    elif not same_matter(context, denier, other, _matter_min(context, denier, other)) or not share_terms(
        context, denier, other
    ):
        return None
    if retraction:
        return Finding("denial", denier, other, Severity.MEDIUM, "{a} takes back what {b} asserted", retraction=True)
    return Finding("denial", denier, other, _severity(context, denier, other), "{a} denies what {b} asserts")


@sweep("denial")
def unanswered(context: RuleContext, findings: list[Finding]) -> list[Finding]:
    """A denial in words ("the reports are false", "X denied it") denies something. When no claim passed
    the tests above, it answers the claim of its own article closest to it in meaning that another
    source put forward, if one is at least CLOSEST_CLAIM_MIN close: low severity, a guess at what it answers."""
    answered = {f.first for f in findings if f.kind == "denial"}
    found: list[Finding] = []
    for denier, analysis in enumerate(context.analyses):
        claim = analysis.claim
        if denier in answered or claim.stance is not Stance.DENIES or not says_false(claim.text):
            continue
        closest = _closest_stated(context, denier)
        if closest is not None:
            found.append(Finding("denial", denier, closest, Severity.LOW, CLOSEST_REASON))
    return found


def _closest_stated(context: RuleContext, denier: int) -> int | None:
    """The claim of the denier's article closest to it that another source put forward and nothing since
    settled, if it is close enough (and in the draft, when a draft is checked against an archive)."""
    candidates = [
        (context.similarity(denier, other), other)
        for other in context.by_document[context.claim(denier).doc_id]
        if _may_answer(context, denier, other)
    ]
    similarity, closest = max(candidates, default=(0.0, -1))
    return closest if similarity >= CLOSEST_CLAIM_MIN else None


def _may_answer(context: RuleContext, denier: int, other: int) -> bool:
    if other == denier or not context.stated(other) or context.analyses[other].leans_back:
        return False
    if context.focus is not None and denier not in context.focus and other not in context.focus:
        return False
    confirmed_since = context.claim(other).stance is Stance.CONFIRMS and context.later(other, denier)
    return not confirmed_since and not one_side(context, denier, other)


def _denies(context: RuleContext, index: int, other: int) -> bool:
    """A denial, by a source. Within its own article, the article's own voice denies only in words ("the
    story is false"): its bare negations ("the sensors didn't work as hoped") retell or explain what the
    article reports, they answer nobody. Another article's own voice is a source like any other."""
    claim = context.claim(index)
    if claim.stance is not Stance.DENIES:
        return False
    same_article = claim.doc_id == context.claim(other).doc_id
    return not (claim.unattributed and same_article) or says_false(claim.text)


def _denial_pair(context: RuleContext, a: int, b: int) -> tuple[int, int] | None:
    """(denier, denied). What is denied must have been put forward as fact: asserted, confirmed, or
    reported at a distance ("allegedly", "X claims"); a claim the denial answers by name ("refutes that
    claim") is denied whatever its stance, and so is what a report floats ("might bid"). Other speculation
    ("could", "may") asserts nothing to deny."""
    if _denies(context, a, b) and _deniable(context, b, a):
        return a, b
    if _denies(context, b, a) and _deniable(context, a, b):
        return b, a
    return None


def _deniable(context: RuleContext, claim: int, denier: int) -> bool:
    if context.claim(claim).stance in {Stance.DENIES, Stance.NOT_CONFIRMED} or _agrees(context, claim, denier):
        return False
    if context.answer(claim, denier):
        return True
    if answers_another(context, denier, claim) and not (
        _answered_in_words(context, denier, claim) or _restates_answered(context, denier, claim)
    ):
        return False
    if _alleged_by_the_press(context, claim) and META_DENIAL.search(context.analyses[denier].content):
        return True
    return context.stated(claim) and not _background(context, claim, denier)


def _agrees(context: RuleContext, claim: int, denier: int) -> bool:
    """A negative statement beside a denial in its own article ("Neither the ministry nor the army has announced
    a curfew") says no with it: the article's debunk, not what the denial answers. A denial that itself
    denies a negative ("the mayor denied that the town had no water") answers it; and in another article
    a negative statement is a source's assertion like any other ("the actor is not right for the part")."""
    negative, denial = context.analyses[claim], context.analyses[denier]
    return negative.says_no and not denial.says_no and negative.claim.doc_id == denial.claim.doc_id


def _answered_in_words(context: RuleContext, denier: int, claim: int) -> bool:
    """A denial that names what it answers ("Saudi officials deny the claim") may name the wrong one, or
    answer several: it still meets a claim of its article that it answers this closely in meaning and
    words ("the assertion that terrorists were caught at the border is false")."""
    return _answers_closely(context, denier, claim, ANSWERED_ELSEWHERE_MIN)


def _restates_answered(context: RuleContext, denier: int, claim: int) -> bool:
    """ "The ministry rejected these allegations": the allegations are the one the denial points at and
    every claim of its article that tells the same matter in other sources' words."""
    answered = context.answers[denier]
    return _answers_closely(context, answered, claim, SAME_MATTER_MIN)


def _answers_closely(context: RuleContext, denier: int, claim: int, minimum: float) -> bool:
    """The denial answers the claim in its own words: one matter at `minimum`, and a term in common."""
    return same_matter(context, denier, claim, minimum) and share_terms(context, denier, claim)


def _alleged_by_the_press(context: RuleContext, claim: int) -> bool:
    """A report's speculation ("A news report suggested that Reliance might make an offer", "the paper
    cited a schedule as saying the opening might slip") is what the report alleges: a denial of "the
    reports" answers it as much as a report stated as fact."""
    found = context.claim(claim)
    return found.stance is Stance.HEDGED and (a_publication(found.speaker) or found.cited_source is not None)


def _background(context: RuleContext, claim: int, denier: int) -> bool:
    """What an article states in its own voice, plainly, beside a denial it reports ("Apple bought the
    service in May"): the story's background, which the reporter vouches for, not what its sources deny.
    Across articles the other outlet's own voice is a source like any other; and a retold rumour is
    no background (`_retold`)."""
    stated, denial = context.claim(claim), context.claim(denier)
    told = stated.unattributed and stated.doc_id == denial.doc_id and stated.commitment is Commitment.ASSERTED
    return told and not _retold(context, claim, denier)


def _retold(context: RuleContext, claim: int, denier: int) -> bool:
    """A debunk retells the rumour in its own voice before its sources deny it ("Axl Rose passed away on
    Monday" ... "his agent said he is not dead"): a statement the denial answers this closely, in meaning
    and in words, is what is denied, not background."""
    return _answers_closely(context, denier, claim, SAME_MATTER_MIN)


def _severity(context: RuleContext, denier: int, other: int) -> Severity:
    anonymous = context.claim(denier).speaker is None or context.claim(other).speaker is None
    return Severity.MEDIUM if anonymous else Severity.HIGH


def _matter_min(context: RuleContext, denier: int, other: int) -> float:
    """How close in meaning the two must be. An allegation the same article carries (through an
    outlet, or at a distance: "a report, citing sources, said") is what a denial in it most likely
    answers, in other words: "the league has denied any plans for expansion"."""
    alleged, denial = context.claim(other), context.claim(denier)
    carried = alleged.cited_source is not None or alleged.commitment is not Commitment.ASSERTED
    in_words = says_false(denial.text)  # a bare negation ("they were not required to") must say more
    return ALLEGATION_MATTER_MIN if carried and in_words and alleged.doc_id == denial.doc_id else SAME_MATTER_MIN
