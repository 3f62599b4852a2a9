"""Claims that point back at another claim: "Russia refutes that claim", "the military disputed that
toll", "called the report false", "denied claims made by Mr Hale". They name little of what they
answer, so neither embeddings nor shared words can pair them; the parse can: a noun for a statement or
a figure, made definite by a determiner or owner (or a plural: "dismissed claims"), read against the
other claims of the same document.

A statement noun points at the allegation of the story: the first claim another source put forward at
a distance ("X claimed", "reportedly", "X reported that"), or the first of the source it names ("claims
made by Mr Hale", "the TechCrunch report"); an opening denial may answer an allegation the article
tells after it. Failing one, and for a figure noun ("that toll"), the nearest earlier claim, within a
few claims, from another source, that holds what the noun asks for.

A report the article tells only inside the claim that contests it ("Leeds United denied media reports
that McDermott had been sacked", "despite reports that ...") is found by `described_report`, so that
the extractor can make it a claim of its own for the contesting claim to answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from checker.extract.attribution import SAID_CLAUSE, reports_something, tells_a_clause
from checker.extract.nlp import agent, token_end
from checker.models import Quantity, Stance

# Nouns that stand for something said, and nouns that stand for a figure someone gave.
STATEMENT_NOUNS = frozenset(
    {
        "claim", "report", "allegation", "account", "story", "statement", "rumour", "rumor", "assertion",
        "version", "accusation", "charge", "suggestion", "assessment", "characterization", "characterisation",
    }
)  # fmt: skip
FIGURE_NOUNS = frozenset({"figure", "toll", "number", "estimate", "count", "tally", "total", "numbers", "figures"})
DEICTIC = frozenset({"that", "this", "these", "those", "such", "the"})
PLURAL_TAG = "NNS"  # "deny claims": a bare plural still points at claims already made
FORMS_OF_ADDRESS = frozenset({"The", "Mr", "Mrs", "Ms", "Dr", "Prof"})  # capitalised, but no part of a name
OWNER_POS = frozenset({"PROPN", "NOUN"})  # "the opposition's figure" names its source, "its figure" none
AUTHORED = frozenset({"by", "from"})  # "that claim by the rebels", "the report from Reuters"
# Where a report came out: "a report in the Straits Times", "a report published on CNN"; a name must follow.
CARRIED = frozenset({"in", "on"})
NAME_POS = frozenset({"PROPN"})
INDEFINITE = frozenset({"a", "an"})
# "a German media report": a nationality says whose press carried it, as a name would.
ORIGIN_ENTITIES = frozenset({"NORP", "ORG", "GPE"})
ABOUT = frozenset({"of", "about"})  # "accounts of the biopsy" still points at the accounts given
# The small model sometimes labels a bare object noun "ccomp" ("refutes that claim").
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "ccomp"})
OBJECT_DEPS = frozenset({"dobj"})  # outside what was said: "denied claims", not "in its statement"
CLAUSE_HEADS = frozenset({"VERB", "AUX", "ADJ"})  # "refuted by that claim", "contrary to the reports"
QUANTIFIER_POS = frozenset({"PRON", "DET", "NUM"})  # "any of the claims", "all of the reports"
TIME_ENTITIES = frozenset({"DATE", "TIME"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DEMONSTRATIVES = frozenset({"this", "that"})
COPULA = "be"  # "This is false": a verdict on what was said; "This shows ..." tells something new
STATEMENT, FIGURE = "statement", "figure"
JUST_SAID = "just said"  # a Pointer kind: "This is false." answers the claim just before it
SAID_BEFORE = "said before"  # a Pointer kind: "KFC confirmed it." answers (or confirms) what was just told
PRONOUNS_ANSWERED = frozenset({"it", "this", "that"})
ANSWERING_LEMMAS = frozenset({"confirm", "deny", "dispute", "refute", "reject", "verify", "corroborate", "dismiss"})
# Claims: "that toll" (or a statement noun where the story has no allegation) answers a figure or claim
# given just before it, not one the story opened with.
LOOK_BACK = 6
STATED = frozenset({Stance.ASSERTS, Stance.CONFIRMS, Stance.HEDGED})
# Only a claim that answers points back: "the toll was at least 80" gives a figure of its own.
ANSWERING = frozenset({Stance.DENIES, Stance.NOT_CONFIRMED, Stance.CONFIRMS})
CONTESTING = frozenset({Stance.DENIES, Stance.NOT_CONFIRMED})


# What a report told only inside another claim is held against: "denied media reports that ...",
# "despite reports that ...", "contrary to claims that ...", "a denial of a report that ...".
CONTESTING_LEMMAS = frozenset({"deny", "dismiss", "reject", "refute", "rebut", "contradict", "dispute", "denial"})
AGAINST = frozenset({"despite", "contrary"})
CONTENT_CLAUSES = frozenset({"acl", "ccomp"})
# A figure given in passing as another source's: "not 11 as officials had claimed" (advcl); its source is
# the clause's subject or passive agent. ("the 25 that the ministry had reported" is left alone: "up from
# the 25 ..." tells a count that grew, not a rival count.)
PASSING_CLAUSES = frozenset({"advcl"})
SOURCE_DEPS = frozenset({"nsubj"})
AS = "as"
AS_DEPS = frozenset({"mark", "advmod"})  # "as officials said", "as earlier reported by"
CONTRAST_WORDS = frozenset({"not", "instead", "rather"})  # "not 11 civilians", "instead of 3:30 p.m."
CONTRAST_WINDOW = 3  # tokens before the figure's phrase where its contrast stands
TELLING_PARTICIPLE = "acl"  # "reports suggesting that ...": the participle that tells the report's content
# What a sentence may tell as its subject: a statement noun, or the news and rumours going round.
TELLING_NOUNS = STATEMENT_NOUNS | {"news", "rumours", "rumors", "speculation", "word"}


@dataclass(frozen=True)
class Described:
    """A report another claim describes, with what it says: "media reports that McDermott had been
    sacked" inside "Leeds United denied media reports that McDermott had been sacked". Character
    offsets in the describing sentence."""

    start: int
    end: int
    content_start: int
    content_end: int
    source: str
    against: bool  # held against the claim's own statement: "despite reports that", "contrary to claims that"
    carried: bool = True  # the source is a report or outlet ("media reports"); False for a body or person


@dataclass(frozen=True)
class Earlier:
    """What a referring claim may point at: an earlier claim of the same document."""

    source: str | None
    stance: Stance
    quantities: Sequence[Quantity]
    cited: str | None = None
    alleged: bool = False  # put forward at a distance: "X claimed", "reportedly", "it was claimed that"


@dataclass(frozen=True)
class Pointer:
    """ "that claim" (kind statement), "the toll" (kind figure), "the TechCrunch report" (named TechCrunch)."""

    kind: str
    named: str | None


def pointer(tokens: Doc, start: int, end: int) -> Pointer | None:
    """What the content between `start` and `end` points back at, if it points back; failing that, the
    object of the sentence's verb ("denied claims made by Mr Hale, saying ..."), outside the content;
    failing that, a demonstrative that a verdict is passed on ("This is false.", "That is not true")."""
    inside = _pointer(tokens, start, end, ARGUMENT_DEPS)
    if inside is None and not (start == 0 and end >= len(tokens.text)):
        inside = _pointer(tokens, 0, len(tokens.text), OBJECT_DEPS)
    return inside or _demonstrative(tokens, start, end) or _pronoun_answered(tokens)


def _demonstrative(tokens: Doc, start: int, end: int) -> Pointer | None:
    """ "This is false.", "That is not true": a demonstrative subject of a verdict stands for what was
    just said, not for the story's first allegation. (Not "it": "it is false that ..." says what is false.)"""
    for token in tokens:
        if start <= token.idx < end and token.dep_ in SUBJECT_DEPS and token.lower_ in DEMONSTRATIVES:
            verdict = token.head
            top = verdict.dep_ == "ROOT" or not start <= verdict.head.idx < end  # not "as this is not me"
            if top and verdict.lemma_ == COPULA and not any(c.dep_ in CONTENT_CLAUSES for c in verdict.children):
                return Pointer(JUST_SAID, None)
    return None


def _pronoun_answered(tokens: Doc) -> Pointer | None:
    """ "KFC confirmed it.", "The company denied this on Monday": a pronoun as what an answering verb
    answers stands for what was just told."""
    for token in tokens:
        verb = token.head
        answering = verb.dep_ == "ROOT" and verb.lemma_.lower() in ANSWERING_LEMMAS
        if token.dep_ in OBJECT_DEPS and token.lower_ in PRONOUNS_ANSWERED and answering:
            return Pointer(SAID_BEFORE, None)
    return None


def _pointer(tokens: Doc, start: int, end: int, deps: frozenset[str]) -> Pointer | None:
    """The first statement or figure noun between `start` and `end`, in one of `deps`, that points back."""
    span = tokens.char_span(start, end, alignment_mode="expand") if end > start else None
    for token in span or ():
        if not start <= token.idx < end or not _argument(token, deps) or _source_named(token):
            continue
        lemma = token.lemma_.lower()
        kind = FIGURE if lemma in FIGURE_NOUNS else STATEMENT if lemma in STATEMENT_NOUNS else None
        if kind is None:
            continue
        author = _author(token)
        if _known(token, kind) and (kind == FIGURE or not _own_matter(token, author)):
            return Pointer(kind, author or _owner(token))
    return None


def _argument(token: Token, deps: frozenset[str]) -> bool:
    """In one of `deps`, itself or through a quantifier: "denied any of the claims", "rejected some of
    the reports"."""
    if token.dep_ in deps:
        return token.dep_ != "pobj" or token.head.head.pos_ in CLAUSE_HEADS  # not "a decision on charges"
    of, quantifier = token.head, token.head.head
    return token.dep_ == "pobj" and of.lower_ == "of" and quantifier.dep_ in deps and quantifier.pos_ in QUANTIFIER_POS


def _owner(noun: Token) -> str | None:
    """Whose statement or figure the noun is: "the TechCrunch report", "Alhakim's claims", "the
    opposition's figure"; not "its figure" or "his claims", which name nobody."""
    names = [
        " ".join(t.text for t in child.subtree if t.dep_ not in {"det", "case"})
        for child in noun.children
        if (child.dep_ == "compound" and child.pos_ == "PROPN") or (child.dep_ == "poss" and child.pos_ in OWNER_POS)
    ]
    return " ".join(names) or None


def _known(noun: Token, kind: str) -> bool:
    """ "that claim", "Alhakim's claims", "deny claims": a statement or figure the reader already met; or
    a report told by where it came out ("denied a German media report", "a report by Kyodo News"), which
    the article may tell before or after."""
    definite = any(child.dep_ == "det" and child.lower_ in DEICTIC for child in noun.children)
    owned = any(child.dep_ == "poss" for child in noun.children)
    return definite or owned or (kind == STATEMENT and (noun.tag_ == PLURAL_TAG or _singled_out_by_outlet(noun)))


def _singled_out_by_outlet(noun: Token) -> bool:
    """ "a German media report", "a Reuters report", "a report by Japan's Kyodo News agency", "a report
    published in the Straits Times": one report, singled out by the outlet or press that carried it."""
    if not any(child.dep_ == "det" and child.lower_ in INDEFINITE for child in noun.children):
        return False
    described = any(
        (child.dep_ == "amod" and child.ent_type_ in ORIGIN_ENTITIES) or child.dep_ == "compound"
        for child in noun.children
    )
    return described or _author(noun) is not None


def _own_matter(noun: Token, author: str | None) -> bool:
    """ "the report on the budget" names a matter of its own: it points nowhere. "claims made by X"
    names who made them and "claims that ..." what they claimed: they still point back. (A figure points
    back whatever qualifies it, "the figures in the severance package": `_pointer` does not ask.)"""
    if any(
        child.dep_ in {"prep", "relcl"}
        and child.lower_ not in ABOUT | AUTHORED
        and not (child.lower_ in CARRIED and author)
        and not _when(child)
        for child in noun.children
    ):
        return True
    return not author and any(child.dep_ == "acl" and not _content_clause(child) for child in noun.children)


def _when(modifier: Token) -> bool:
    """ "(disputed Hunter's claim) on Wednesday morning": when it was answered, not a matter of its own."""
    return modifier.dep_ == "prep" and all(t.ent_type_ in TIME_ENTITIES for t in modifier.subtree if t.i != modifier.i)


def _content_clause(clause: Token) -> bool:
    """ "claims that it will split": the clause says what was claimed, the noun still points at the claims."""
    return any(child.dep_ == "mark" and child.lower_ == "that" for child in clause.children)


def _source_named(noun: Token) -> bool:
    """ "According to the report, ...": the report is where the claim comes from, not what it answers."""
    return noun.dep_ == "pobj" and noun.head.head.lower_ == "according"


def _author(noun: Token) -> str | None:
    """ "claims made by Mr Alhakim", "that claim by the rebels": who made the statement the noun stands for."""
    for child in noun.children:
        # "claims made by Mr Alhakim"; not "claims that he was suspended by the Tour", which says what was claimed
        told = child.dep_ == "acl" and not _content_clause(child)
        named = (agent(child) or _carrier(child)) if told else None
        if child.dep_ == "prep" and child.lower_ in AUTHORED:
            named = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ in CARRIED:
            named = _carrier(noun)
        if named is not None:
            return " ".join(t.text for t in named.subtree if t.dep_ != "det")
    return None


def _carrier(word: Token) -> Token | None:
    """The outlet a report came out in: "(a report) in the Straits Times", "(published) on CNN"; not a
    time or a matter ("in March", "on the budget")."""
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in CARRIED:
            named = next((c for c in child.children if c.dep_ == "pobj"), None)
            if named is not None and named.pos_ in NAME_POS and named.ent_type_ != "DATE":
                return named
    return None


def origin(claim: Earlier, earlier: Sequence[Earlier], same_source: Callable[[str, str], bool]) -> int | None:
    """The allegation a denial or "not confirmed" answers when its statement noun names no source ("dismissed
    the claims"): the first claim in `earlier` put forward at a distance, or reported, by another source."""
    if claim.stance not in CONTESTING:
        return None
    statement = Pointer(STATEMENT, None)
    return next(
        (i for i, back in enumerate(earlier) if back.alleged and _fits(statement, claim, back, same_source)), None
    )


def referent(
    pointing: Pointer, claim: Earlier, earlier: Sequence[Earlier], same_source: Callable[[str, str], bool]
) -> int | None:
    """Index into `earlier` (oldest first) of the claim that `claim` answers, or None.

    "The TechCrunch report" points at the nearest claim TechCrunch made or carried; without a name,
    at the nearest claim of another source that fits the noun.
    """
    if claim.stance not in (CONTESTING if pointing.kind == JUST_SAID else ANSWERING):
        return None  # "This is real." may vouch for something else than what was just said
    fitting = [back for back in range(len(earlier) - 1, -1, -1) if _fits(pointing, claim, earlier[back], same_source)]
    if pointing.named:
        named = pointing.named
        by_name = [b for b in fitting if any(_names(named, name) for name in (earlier[b].source, earlier[b].cited))]
        alleged = [b for b in by_name if earlier[b].alleged]
        if alleged or by_name:
            if alleged or pointing.kind == STATEMENT:
                return min(alleged or by_name)  # what the source first put forward ("Hunter's claim")
            return by_name[0]  # the figure it gave last ("the ministry's toll")
    first = origin(claim, earlier, same_source) if pointing.kind == STATEMENT else None
    if first is not None:
        return first
    nearby = [back for back in fitting if back >= len(earlier) - LOOK_BACK]
    if pointing.kind in {JUST_SAID, SAID_BEFORE}:  # the allegation just told, else what was just said
        nearby = [back for back in nearby if earlier[back].alleged] or nearby
    return nearby[0] if nearby else None


def _names(named: str, name: str | None) -> bool:
    """ "Mr Alhakim" names "Mohamed Alhakim", "TechCrunch" names "TechCrunch"; "the Russian defence
    ministry" does not name "the foreign ministry": only the words written as names count."""
    if not name:
        return False
    words = {w.lower() for w in named.split() if w[:1].isupper() and w.rstrip(".") not in FORMS_OF_ADDRESS}
    return named.lower() in name.lower() or bool(words & set(name.lower().split()))


def _fits(pointing: Pointer, claim: Earlier, candidate: Earlier, same_source: Callable[[str, str], bool]) -> bool:
    if candidate.stance not in STATED:
        return False
    if claim.source and candidate.source and same_source(claim.source, candidate.source):
        return False
    return pointing.kind != FIGURE or bool(candidate.quantities)


def tells_a_report(tokens: Doc) -> bool:
    """Whether the sentence tells, in the article's own voice, what a report says, as its subject: "Reports
    that Baghdadi had been killed circulated in Turkish media", "News of the singer's death spread quickly",
    "The phony report mentions that he died in his condo". A report that tells nothing ("The report was
    published on Monday") is no telling."""
    for root in (t for t in tokens if t.dep_ == "ROOT"):
        subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
        for noun in [root, *subjects] if root.pos_ == "NOUN" else subjects:
            if noun.lemma_.lower() not in TELLING_NOUNS:
                continue
            about = any(c.dep_ == "prep" and c.lower_ in ABOUT for c in noun.children)
            if _told(noun) is not None or about or (noun is not root and tells_a_clause(root)):
                return True
    return False


def described_report(tokens: Doc) -> Described | None:
    """The report a sentence contests and tells the content of ("denied media reports that X", "despite
    reports that X"), or None. Its source is who made it when the sentence names them ("a report by
    Kyodo News that X"), else the report itself ("media reports")."""
    for noun in tokens:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in STATEMENT_NOUNS or not _contested(noun):
            continue
        clause = _told(noun)
        if clause is None:
            continue
        first = next(t for t in clause.subtree if t.dep_ != "mark")
        author = _author(noun)
        named = tokens[noun.left_edge.i : noun.i + 1].text
        source = author.replace(" 's", "'s").replace(" ’s", "’s") if author else named
        end = token_end(clause.right_edge)
        against = noun.dep_ == "pobj" and (noun.head.lower_ in AGAINST or noun.head.head.lower_ in AGAINST)
        return Described(noun.left_edge.idx, end, first.idx, end, source, against)
    return None


def figure_told_by_another(tokens: Doc) -> Described | None:
    """A figure a sentence gives as someone else's, in passing: "the organisers' estimate of 100,000",
    "not 11 civilians as local officials had claimed". Its
    source is who gave it; what it says is the figure's phrase."""
    for token in tokens:
        found = _owned_figure(token) or _reported_figure(token)
        if found is not None:
            return found
    return None


def _owned_figure(noun: Token) -> Described | None:
    """ "the Health Ministry's previous estimate of 61": a figure noun owned by a named source."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in FIGURE_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in OWNER_POS), None)
    figure = next((f for c in noun.children if c.dep_ == "prep" for f in c.children if f.like_num), None)
    if owner is None or figure is None:
        return None
    start, end = noun.left_edge.idx, token_end(noun.right_edge)
    source = " ".join(t.text for t in owner.subtree if t.dep_ not in {"det", "case"})
    return Described(start, end, start, end, source, against=False, carried=False)


def _reported_figure(verb: Token) -> Described | None:
    """ "not 11 civilians as local officials had claimed": an "as" clause after a figure the sentence sets
    against its own."""
    if verb.dep_ not in PASSING_CLAUSES or not reports_something(verb):
        return None
    source = next((c for c in verb.children if c.dep_ in SOURCE_DEPS), None) or agent(verb)
    if source is None or source.pos_ == "PRON":
        return None
    as_clause = any(c.lower_ == AS for c in verb.children if c.dep_ in AS_DEPS)
    phrase = _contrasted_figure(verb) if as_clause else None
    if phrase is None:
        return None
    first = next(t for t in phrase.subtree if t.lower_ not in CONTRAST_WORDS)  # "not 14 villagers": "14 villagers"
    start, end = first.idx, token_end(phrase.right_edge)
    named = " ".join(t.text for t in source.subtree)
    return Described(start, max(end, token_end(verb.right_edge)), start, end, named, against=False, carried=False)


def _contrasted_figure(verb: Token) -> Token | None:
    """The figure phrase right before an "as X claimed" clause, when the sentence sets it against its own
    ("not 11 civilians", "instead of 3:30 p.m."): the claimed figure, not the sentence's."""
    before = [t for t in verb.doc[: verb.left_edge.i] if t.like_num]
    if not before:
        return None
    figure = before[-1]
    phrase = figure.head if figure.dep_ == "nummod" else figure
    window = [*verb.doc[max(0, phrase.left_edge.i - CONTRAST_WINDOW) : phrase.left_edge.i], *phrase.subtree]
    return phrase if any(t.lower_ in CONTRAST_WORDS for t in window) else None


def _told(noun: Token) -> Token | None:
    """The clause that tells what a report says: "reports that X", or through a reporting participle,
    "reports suggesting that X", "claims saying X"."""
    for child in noun.children:
        if child.dep_ in CONTENT_CLAUSES and _content_clause(child):
            return child
        if child.dep_ == TELLING_PARTICIPLE and reports_something(child):
            return next((c for c in child.children if c.dep_ == SAID_CLAUSE), None)
    return None


def _contested(noun: Token) -> bool:
    """Whether the sentence holds the report against something: its verb denies it, or it stands after
    "despite", "contrary to" or "a denial of"."""
    head = noun.head
    if noun.dep_ == "dobj":
        return head.lemma_.lower() in CONTESTING_LEMMAS
    if noun.dep_ != "pobj":
        return False
    owner = head.head
    return (
        head.lower_ in AGAINST
        or owner.lower_ in AGAINST
        or (head.lower_ == "of" and owner.lemma_.lower() in CONTESTING_LEMMAS)
    )
