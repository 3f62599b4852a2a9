"""Whether two claims are about the same matter, and whether their sources are independent."""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.extract import same_source, speaks_for
from checker.rules.base import RuleContext

SAME_MATTER_MIN = 0.6
UNNAMED = re.compile(r"^(?:an?|the|one)\s", re.IGNORECASE)  # "a company spokesman", not "Mark Rutte"
SYNONYM_MIN = 0.7  # "troops" ~ "soldiers" (0.74); "soldiers" !~ "civilians" (0.65)
NEUTRAL_AGREEMENT = 0.5  # a claim naming nobody neither supports nor rules out a match
DEMONYM_PREFIX_SHARE = 0.8
MIN_DEMONYM_PREFIX = 4
# Widely used short forms of country and body names; names the text spells out need no entry.
ALIASES = {
    "dprk": "north korea",
    "rok": "south korea",
    "us": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "prc": "china",
    "uae": "united arab emirates",
    "eu": "european union",
    "un": "united nations",
    "russian federation": "russia",
}


def same_entity(a: str, b: str) -> bool:
    """ "north korean" ~ "north korea" ~ "dprk"; "south korea" is not "north korea"."""
    a, b = ALIASES.get(a, a), ALIASES.get(b, b)
    if a == b or _contained(a, b):
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    shorter = min(len(a), len(b))
    return shared >= MIN_DEMONYM_PREFIX and shared >= DEMONYM_PREFIX_SHARE * shorter


def _contained(a: str, b: str) -> bool:
    """ "korovin" names "dr. gwen korovin"; a surname or short form inside the full name."""
    shorter, longer = sorted((set(a.split()), set(b.split())), key=len)
    return bool(shorter) and shorter < longer and any(len(word) >= MIN_DEMONYM_PREFIX for word in shorter)


def entity_agreement(a: Iterable[str], b: Iterable[str]) -> float:
    """Share of the named entities the two claims have in common (Dice, alias-aware)."""
    left, right = _distinct(a), _distinct(b)
    if not left or not right:
        return NEUTRAL_AGREEMENT
    matched = sum(1 for x in left if any(same_entity(x, y) for y in right))
    matched += sum(1 for y in right if any(same_entity(x, y) for x in left))
    return matched / (len(left) + len(right))


def _distinct(names: Iterable[str]) -> list[str]:
    """One entry per entity: "russian" and "russians" count once."""
    kept: list[str] = []
    for name in sorted(set(names)):
        if not any(same_entity(name, other) for other in kept):
            kept.append(name)
    return kept


def entities_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """No contradiction between qualifiers: one side empty, or at least one shared."""
    left, right = [x.lower() for x in a], [y.lower() for y in b]
    return not left or not right or any(same_entity(x, y) for x in left for y in right)


def matter_score(context: RuleContext, a: int, b: int) -> float:
    """Meaning and participants together: embeddings alone rank any two claims of one story alike."""
    left, right = _seen(context, a, b), _seen(context, b, a)
    return (context.similarity(a, b) + entity_agreement(left, right)) / 2


def _seen(context: RuleContext, index: int, other: int) -> frozenset[str]:
    """A claim's entities, plus the other claim's entities that its text names but the tagger missed."""
    own, content = context.analyses[index].entities, context.analyses[index].content.lower()
    return own | {name for name in context.analyses[other].entities if name in content}


def same_matter(context: RuleContext, a: int, b: int, minimum: float = SAME_MATTER_MIN) -> bool:
    """One matter by meaning and participants, or because one claim answers the other ("that claim")."""
    return context.answer(a, b) or matter_score(context, a, b) >= minimum


def similar_words(context: RuleContext, a: str, b: str) -> bool:
    a, b = _word_form(a), _word_form(b)
    return _spelled_alike(a, b) or context.word_similarity(a, b) >= SYNONYM_MIN


def share_terms(context: RuleContext, a: int, b: int) -> bool:
    """Whether the claims name one thing or action in common (a lemma or a close synonym)."""
    if context.answer(a, b):
        return True
    left = sorted({_word_form(t) for t in context.analyses[a].terms})
    right = sorted({_word_form(t) for t in context.analyses[b].terms})
    if any(_spelled_alike(x, y) for x in left for y in right):
        return True
    context.embed_missing([*left, *right])
    return any(context.word_similarity(x, y) >= SYNONYM_MIN for x in left for y in right)


def _word_form(word: str) -> str:
    return word.lower().rstrip("s")


def _spelled_alike(a: str, b: str) -> bool:
    return a == b or a.startswith(b) or b.startswith(a)


def source_of(context: RuleContext, index: int) -> str:
    """Who answers for a claim: its speaker (the organisation, for "the company"), else the outlet it is
    relayed through, else its document.

    A statement carried by several outlets answers to its first carrier.
    """
    canonical = context.statements[index]
    analysis = context.analyses[canonical]
    claim, outlet = analysis.claim, analysis.doc_source
    return (analysis.body or claim.speaker or claim.cited_source or outlet or f"document {claim.doc_id}").lower()


def independent(context: RuleContext, a: int, b: int) -> bool:
    """Two sources, not one named twice ("the military" is "the Israeli military")."""
    return not same_source(source_of(context, a), source_of(context, b))


def answers_another(context: RuleContext, answering: int, claim: int) -> bool:
    """Whether a denial or "not confirmed" that points at what it answers ("refuted that claim", "could
    not verify the claim") points elsewhere than `claim`: it answers that claim and its source's other
    claims, not the rest of its article ("Ukraine's General Staff refuted that claim" does not deny its
    own side's spokesman a paragraph later)."""
    answered = context.answers.get(answering)
    if answered is None or not context.analyses[answering].points_back:
        return False  # "It's not true," he said: taken to answer the allegation, but it names nothing
    same_article = context.claim(claim).doc_id == context.claim(answering).doc_id
    return same_article and independent(context, claim, answered)


def one_side(context: RuleContext, a: int, b: int) -> bool:
    """One source named twice, or a body and the person who speaks for it ("Police" and "police spokesman
    Ibrahim Tompo"): the one cannot deny the other. (Its later confirmation still settles what it had not
    confirmed: that is the confirmation rule's, which asks only for `independent`.)"""
    if not independent(context, a, b):
        return True
    left, right = source_of(context, a), source_of(context, b)
    return speaks_for(_role(context, a), right) or speaks_for(_role(context, b), left)


def _role(context: RuleContext, index: int) -> str | None:
    """The speaker's role, or for a speaker described rather than named the phrase itself: "a company
    spokesman", "Dell officials"."""
    claim = context.claim(context.statements[index])
    speaker = claim.speaker or ""
    described = UNNAMED.match(speaker) is not None or (speaker[-1:].islower() and speaker.split()[-1][:1].islower())
    return claim.speaker_role or (speaker if described and len(speaker.split()) > 1 else None)
