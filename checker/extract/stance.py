"""How committed a claim is to what it says: asserts, denies, not_confirmed, confirms, hedged.

Cues are checked in order of strength: a "not yet confirmed" also contains "confirm",
and a denial of an "alleged" plan is a denial, not a hedge.
"""

from __future__ import annotations

import re

from checker.models import Commitment, Stance

# "neither confirmed nor denied the report": a comment withheld, no denial.
NEITHER_NOR = re.compile(r"\bneither\s+(?:\w+\s+)?confirm\w*\s+(?:\w+\s+)?n?or\s+den(?:y|ie[sd]|ying)\b", re.IGNORECASE)
NOT_CONFIRMED = re.compile(
    # A negation a few words before "confirm"/"verify": "has not yet confirmed", "isn't able to confirm",
    # "could not immediately verify", "not in a position to confirm", "would not confirm".
    r"(?:\b(?:not|never|unable|cannot|no\s+way\s+to)\b|n't\b)(?:\W+\w+){0,4}?\W+(?:confirm|verif|corroborat)\w*"
    r"|\bunconfirmed\b|\bunverified\b|\bno\s+(?:\w+\s+)?confirmation\b"
    r"|\b(?:declined|refused)\s+to\s+(?:confirm|comment)\b|\b(?:does|did|do|would|will)(?:\s+not|n['’]t)\s+comment\b"
    r"|\bno\s+comment\b|\bconfirm\w*\s+or\s+deny\b|" + NEITHER_NOR.pattern,
    re.IGNORECASE,
)
# The negated forms must carry a negation; guard the bare "has confirmed" case.
NEGATION = re.compile(
    r"\b(?:not|cannot|never|neither|unable|no|unconfirmed|unverified|declined|refused)\b|n['’]t\b", re.IGNORECASE
)
# Not settled yet, in the guideline's other forms: "it wasn't immediately clear what ...", "working as
# quickly as possible to determine its authenticity".
UNSETTLED = re.compile(
    r"\b(?:is|was|are|were)(?:\s+not|n['’]t)\s+(?:immediately\s+|yet\s+)?clear\b"
    r"|\b(?:working|trying|seeking)\s+(?:\w+\s+){0,5}?to\s+(?:determine|establish|verify|confirm|authenticate)\b",
    re.IGNORECASE,
)
# What a verdict says is not so ("not true", "isn't accurate"), and which reports a verb rejects ("the", "these").
_TRUE = r"(?:true|correct|accurate|real|genuine|authentic|the\s+case)"
_WHICH = r"(?:(?:the|these|those|such|all|any)\s+)?"
DENIES = re.compile(
    r"(?:\b(?:is|are|was|were|be)|['’](?:s|re))\s+(?:\w+ly\s+)?(?:not|n't)\s+" + _TRUE + r"\b"
    r"|\b(?:is|are|was|were)n['’]t\s+(?:\w+ly\s+)?" + _TRUE + r"\b"
    r"|\bnot\s+true\b|\buntrue\b|\bincorrect\b|\bunfounded\b|\b(?:is|are|was|were)\s+(?:\w+ly\s+)?wrong\b|\binaccurate\b|\bmyth\b|\bmade\s+(?:it\s+|this\s+|that\s+)?(?:all\s+)?up\b(?!\s+of\b)"
    r"|^\W*no\s*,|\brul(?:es|ed)\s+out\b|\bfalse(?:hood)?\b|\bfake\b|\bhoax\b|\bbaseless\b|\bgroundless\b"
    r"|\bfabricat\w+|\bdebunk\w*|\bno\s+evidence\b|\bno\s+truth\b|\bnonsense\b|\brubbish\b"
    r"|\b(?:is|was|are|were|as|it)\s+(?:\w+ly\s+)?propaganda\b"
    r"|\b(?:pure|complete|total)\s+fiction\b|\b(?:is|are|was|were)\s+(?:all\s+|just\s+|simply\s+)?(?:a\s+)?lies?\b(?!\s+detector)"
    r"|\bden(?:y|ies|ied|ying|ial)\b|\breject(?:s|ed)?\s+" + _WHICH + r"(?:claims?|reports?|allegations?)\b"
    r"|\brefut\w+|\bdismiss(?:es|ed)?\s+" + _WHICH + r"(?:claims?|reports?|allegations?|rumou?rs?)\b"
    r"|\bnever\s+(?:happened|existed|took\s+place)\b|\bdid\s+not\s+happen\b",
    re.IGNORECASE,
)
CONFIRMS = re.compile(
    r"\b(?:I|we)\s+can\s+(?:now\s+)?confirm\b|\bconfirm(?:s|ed|ing)?\b|\bconfirmation\b"
    r"|\bverified\b|\bofficially\s+(?:announced|acknowledged)\b|\backnowledged\s+that\b",
    re.IGNORECASE,
)
# A reporting verb that puts forward an expectation or estimate, not a fact: "forecasts", "expects".
HEDGING_VERB = re.compile(
    r"^(?:forecast|predict|expect|estimat|speculat|project|anticipat|believ|think|thought|hope|guess)",
    re.IGNORECASE,
)
# A reporting verb that itself disputes what it reports: "Russia refutes that claim".
DENYING_VERB = re.compile(r"^(?:den|refut|disput|reject|dismiss|rebut|contradict|contest)", re.IGNORECASE)
# A source taking back what it published denies it: "retracted the story", "corrected their post"
# (the attribution keeps these verbs only with something said or published as their object).
RETRACTING_VERB = re.compile(r"^(?:retract|withdr[ae]w|correct|recant)", re.IGNORECASE)
# "not fake", "no hoax", "have not yet ruled out": the cue itself negated, an adverb or article between.
NEGATED_CUE = re.compile(
    r"(?:\b(?:not|no|never|neither)|n't)\s+(?:(?:a|an|yet|ever|entirely|completely|fully|been)\s+)*$", re.IGNORECASE
)
# A denial cue in a condition or an open question denies nothing: "if the story is confirmed or denied".
CONDITION_BEFORE = re.compile(r"\b(?:if|whether|unless)\b[^,;:.]*$", re.IGNORECASE)
CONDITION_WINDOW = 60  # about a clause of characters before the cue; a condition further back has closed
# Negations that deny nothing: "This isn't the first time we've heard this rumor" counts occasions, and
# "authorities have not yet ruled out a second shooter" leaves it open (a hedge).
NOT_THE_FIRST = re.compile(r"(?:\bnot|n['’]t)\s+(?:the\s+)?(?:first|only)\s+(?:time|occasion)\b", re.IGNORECASE)
NOT_RULED_OUT = re.compile(r"(?:\bnot|n['’]t)\s+(?:\w+\s+){0,2}?rul(?:e|es|ed|ing)\s+out\b", re.IGNORECASE)
NEGATION_WINDOW = 24  # room for "not", an adverb or two and an article before the cue
QUESTION = re.compile(r"\?[\"”’']?\s*$")
# The reporter keeps a distance from what a source says: "Reports say", "X claims", "sources".
DISTANCING = re.compile(
    r"\b(?:claim(?:s|ed)?|alleg(?:es|ed)|reports?|sources?|rumou?rs?|reportedly|purportedly|speculat\w+)\b",
    re.IGNORECASE,
)
# "...: sources", "... -- analyst", "... REPORT": the headline hands the claim to someone else.
DISTANCING_TAIL = re.compile(
    r"(?:[:,\-–—]\s*(?:\w+\s+){0,2}(?:reports?|sources?|analysts?|officials?|media|experts?|report\s+says)"
    r"|\breports?)\s*[.!]?\s*$",
    re.IGNORECASE,
)
HEDGED = re.compile(
    r"\b(?:could|(?<!in\s)may(?!\s+\d)|might|alleged(?:ly)?|reportedly|likely|unlikely|possibl[ey]|perhaps"
    r"|rumou?r(?:s|ed)?|speculat\w+|purported(?:ly)?|suspected|apparently|believed\s+to"
    r"|appears?\s+to|seems?\s+to|seemingly|expected\s+to|said\s+to|claims?\s+to|purports?\s+to"
    # The passive of hearsay ("reported to be near", "thought to have fled"), not "reported to police".
    r"|(?:reported|rumou?red|thought|understood)\s+to\s+(?:be|have)\b"
    # Plans and deliberations are not facts yet.
    r"|in\s+talks|consider(?:s|ed|ing)?|looking\s+to|mulls?"
    r"|unknown|in\s+doubt|unclear|uncertain|unconfirmed)\b"
    r"|\bit\s*(?:was|is|'s|’s|has\s+been)\s+(?:reported|estimated|believed|thought|said|claimed|alleged|rumou?red)\b"
    r"|\breports?\s+(?:say|said|suggest\w*)\b"
    r"|\b(?:if|whether)\b|\?\s*$",
    re.IGNORECASE,
)


# The speaker's own uncertainty (a possibility, a forecast, a plan, a question), as opposed to the
# reporter's distance from a source ("allegedly", "reportedly", "claims"): only the first asserts nothing.
SPECULATION = re.compile(
    r"\b(?:could|(?<!in\s)may(?!\s+\d)|might|likely|unlikely|possibl[ey]|perhaps|expected\s+to"
    r"|in\s+talks|consider(?:s|ed|ing)?|looking\s+to|mulls?|plans?\s+to|would|if|whether)\b|\?\s*$",
    re.IGNORECASE,
)


def neither_confirms_nor_denies(sentence: str) -> bool:
    """ "A spokeswoman neither confirmed nor denied the rumor": a comment withheld, whatever the attribution
    took for its verb."""
    return NEITHER_NOR.search(sentence) is not None


def speculative(text: str) -> bool:
    """Whether a hedged claim hedges itself ("could", "may", "if") rather than being only reported."""
    return SPECULATION.search(text) is not None


def commitment(stance: Stance, text: str, frame: str = "") -> Commitment:
    """How far the speaker stands behind `text`: a hedge is speculation when the speaker hedges
    ("could", "may", "expects"), a report at a distance otherwise ("reportedly"); an assertion the
    reporter hands to someone else ("X claims", "Reports say", "...: sources") is reported too."""
    if stance is Stance.HEDGED:
        return Commitment.SPECULATIVE if speculative(text) else Commitment.REPORTED
    if stance is Stance.ASSERTS and (DISTANCING.search(frame) or DISTANCING_TAIL.search(text)):
        return Commitment.REPORTED
    return Commitment.ASSERTED


def classify(
    text: str,
    verb: str | None = None,
    *,
    frame: str = "",
    negated: bool = False,
    withheld: bool = False,
    negated_state: bool = False,
) -> Stance:
    """Stance of `text`, the claim's content.

    `verb` and `frame` are the attribution around it ("Reports say", "X claims"); `negated` says
    the content's main verb is negated ("Banksy has NOT been arrested", "Bale won't play Jobs");
    `withheld` that the parse found a confirmation or comment withheld ("has not commented", "did
    not have the resources to verify"); `negated_state` that it negates a state ("he is not dead"),
    which, confirmed, denies what was said of it. The reporter's distance from a source ("X claims")
    is no stance of the source's: see `commitment`.
    """
    lowered_verb = (verb or "").lower()
    left_open = NOT_RULED_OUT.search(text) is not None
    negated = negated and not NOT_THE_FIRST.search(text) and not left_open
    if withheld or UNSETTLED.search(text) or (NOT_CONFIRMED.search(text) and NEGATION.search(text)):
        return Stance.NOT_CONFIRMED
    if DENYING_VERB.match(lowered_verb) or RETRACTING_VERB.match(lowered_verb) or says_false(text) or negated:
        return Stance.DENIES
    if lowered_verb.startswith("confirm") or _unconditional(CONFIRMS, text):
        return Stance.DENIES if negated_state else Stance.CONFIRMS
    if left_open:
        return Stance.HEDGED
    if HEDGED.search(text) or HEDGING_VERB.match(lowered_verb):
        return Stance.HEDGED
    return Stance.ASSERTS


def says_false(text: str) -> bool:
    """Whether the sentence denies in words ("denied", "not true", "a hoax"), not only by negating its
    verb ("she wouldn't reveal his name"): a denial cue that is not itself negated ("not fake" and "no
    hoax" affirm, "have not yet ruled out" leaves open) nor put as a condition ("if the story is confirmed
    or denied"). A question denies nothing ("is it real or a hoax?")."""
    if QUESTION.search(text):
        return False
    return any(
        not NEGATED_CUE.search(text[max(0, match.start() - NEGATION_WINDOW) : match.start()])
        for match in _unconditional_matches(DENIES, text)
    )


def _unconditional_matches(cue: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The cue's matches outside a condition or an open question ("if it is confirmed", "whether ...")."""
    return [
        match
        for match in cue.finditer(text)
        if not CONDITION_BEFORE.search(text[max(0, match.start() - CONDITION_WINDOW) : match.start()])
    ]


def _unconditional(cue: re.Pattern[str], text: str) -> bool:
    return bool(_unconditional_matches(cue, text))
