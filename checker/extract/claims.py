"""Document -> claims: sentences, attribution, stance, dates, figures, and a place on the timeline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from spacy.tokens import Doc, Token

from checker.extract import dates, nlp, references, stance
from checker.extract.attribution import (
    REPORTING_LEMMAS,
    SUBJECTS,
    WITHHOLDABLE,
    Attribution,
    Speakers,
    attribute,
    attribute_verb,
    borrows_subject,
    refused_to_someone,
    reporting_clauses,
    reporting_verb,
    reports_something,
    retracts,
)
from checker.extract.measures import ARTICLE_MEASURE, TURNOUT, TURNOUT_MEASURES
from checker.extract.periods import counted_over
from checker.extract.quantities import find_quantities
from checker.extract.segment import Sentence, split_sentences
from checker.extract.sources import (
    POSSESSIVE_PRONOUNS,
    a_publication,
    an_outlet,
    dated_dateline_end,
    pointing_publication,
    publication_outlet,
    same_source,
)
from checker.extract.timeline import Placed, TimeCue, place, stated_at
from checker.extract.timing import Timing, timing
from checker.models import AGE_MEASURE, Claim, Commitment, DateMention, Document, Precision, Quantity, Stance, StatedAt

PLACE_LABELS = frozenset({"GPE", "LOC"})
OWNER = re.compile(r"^(?:the\s+)?(?P<owner>[^'’]+?)['’]s\s+(?P<owned>\S.*)$", re.IGNORECASE)  # "the WSJ's sources"
# Where a count happened is said with a preposition of place ("killed in Iran", "organizers in Boston");
# a dateline ("ISLAMABAD (Reuters)"), a name ("the Pakistani Taliban") or a bearing ("near the border
# with Afghanistan") does not say where it was counted.
LOCATIVE = frozenset({"in", "at", "across", "throughout", "inside"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
CONTINUATION = re.compile(r"^(?:they|it|he|she|this|these|those)\b(?!\s+(?:was|is|has\s+been)\s+reported)", re.I)
# A sentence that leans on the previous one for its subject ("Later it became known that they...").
LEANS_BACK = re.compile(
    r"^[\"“]?(?:(?:and|but)\s+)?(?:(?:later|then|afterwards|earlier)\s*,?\s*)?"
    r"(?:it\s+(?:became|was)\s+known\s+that\s+|it\s+emerged\s+that\s+)?(?:they|he|she|it|these|those|this)\b"
    r"(?!\s+(?:was|is|has\s+been)\s+reported)",
    re.IGNORECASE,
)
CONTENT_WORDS = frozenset({"NOUN", "VERB", "ADJ"})
SPAN_REFERENCE = dt.date(2000, 1, 1)  # any year will do: only the spans of dates are used
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "am", "'re", "'s", "'m"})
IMPERSONAL = re.compile(
    r"^(?:and\s+)?(?:later\s*,?\s*)?it\s+(?:was|is|has\s+been)\s+(?:reported|known)|^it\s+became\s+known", re.I
)
# A quotation opening a sentence: double quotes, or single ones before a word ("'I can't reply," she wrote).
OPEN_QUOTE = re.compile(r"^(?:[\"“]|[‘'](?=\w))")
DOUBLE, SINGLE = "double", "single"  # which marks a quotation that is open was opened with
PLACE_PREDICATE = "prep"  # "is not in talks": the copula's predicate is a prepositional phrase
REFUSING = frozenset({"refuse", "decline", "unable", "fail"})
# How a withheld verb hangs from the verb that withholds it: "did not have the means to verify".
GOVERNED_BY = frozenset({"xcomp", "acl", "relcl", "advcl", "pobj", "prep", "dobj"})
WITHHELD_STEPS = 3
# The outlet's own attempts ("X could not be reached for comment", "did not immediately return calls"):
# a note on the reporting, not anybody's claim. ("X declined to comment" is X's answer: a claim.)
PROCESS_NOTE = re.compile(
    r"(?:\bnot|n't)\s+(?:been\s+|be\s+)?(?:immediately\s+)?(?:be\s+)?"
    r"(?:reached|return(?:ed)?|respond(?:ed)?|repl(?:y|ied)|available)\b[^.]*"
    r"\b(?:comment|calls?|e-?mails?|messages?|requests?|inquir(?:y|ies))\b",
    re.IGNORECASE,
)
MIN_CLAIM_WORDS = 3
ARTICLES = frozenset({"the", "a", "an"})
# Words of falsehood: adjectives, which may only describe a thing ("a fake passport"), and nouns ("a hoax").
VERDICT_ADJECTIVES = frozenset({"fake", "false", "bogus", "phony", "phoney", "fabricated", "made-up"})
VERDICT_NOUNS = frozenset({"hoax", "hoaxes", "myth", "lie", "lies", "fiction", "falsehood", "propaganda"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# What a source said or showed, and who told it, besides statement nouns: a verdict on one ("a fake photo", "a
# false witness") is a verdict on what was said.
SAID_THINGS = frozenset(
    {
        "photo", "image", "picture", "video", "footage", "tweet", "post", "quote", "page", "site", "website",
        "account", "witness", "testimony",
    }
)  # fmt: skip
REPORTS_FRAME = "reports"  # the words of a report the article tells as its subject ("News of his death spread")
REPORT_VERB = "reported"  # what a described report did: put something forward at a distance
STATING = frozenset({Stance.ASSERTS, Stance.CONFIRMS, Stance.HEDGED})
TOLD_ELSEWHERE_TERMS = 2  # things a described report and another claim must share to be one report
LEAD_IN_END = re.compile(r"\s*:\s*[\"“]?\s*$")  # "Fox News reports:" ends on a colon, and says nothing after it
DENYING_NOTHING = frozenset({"one", "idea"})  # "no one is allowed to enter" rules, "had no idea" knows nothing
NONE_DETERMINERS = frozenset({"no", "zero"})
NONE_DETERMINER_DEPS = frozenset({"det", "nummod"})  # "zero chance" may parse as a number
UNLESS_COMPLEMENTED = frozenset({"dobj", "attr"})
COMPLEMENTS = frozenset({"acl", "relcl", "prep", "ccomp", "xcomp"})  # "plans to expand", "chance of", "record of"
NEGATABLE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
CIRCUMSTANTIAL = frozenset(
    {"while", "although", "though", "whereas", "as", "because", "since", "after", "before", "when"}
)
CLAUSE_JOINERS = frozenset({"PUNCT", "CCONJ", "SCONJ"})  # ", but", ", while" between two reporting clauses


@dataclass(frozen=True)
class Analysis:
    """A claim plus what the later stages compare: the content to embed and who/what it names."""

    claim: Claim
    content: str
    entities: frozenset[str]
    terms: frozenset[str]
    leans_back: bool
    paragraph: int
    sentence_index: int
    time_key: float
    published_key: float
    doc_source: str | None = None
    body: str | None = None  # the organisation a generic speaker ("the company") stands for, for the rules
    places: frozenset[str] = frozenset()  # where the sentence puts an action or its doer ("organizers in Boston")
    points_back: bool = False  # names what it answers ("refuted that claim"): it answers nothing else
    timing: Timing | None = None  # says its event is delayed, or on schedule
    retracts: bool = False  # takes back what its source published ("Vox later corrected their post")
    periods: frozenset[str] = frozenset()  # the spans its figures are counted over ("quarter", "year": `periods`)
    # The article's own caution: it names nobody who holds it ("could not be verified", "it is not
    # clear"), or only the press ("CNN cannot independently verify the tape"): `_caveat`.
    caveat: bool = False
    says_no: bool = False  # its main clause is negative, whatever its stance ("Neither the army nor ..."): `_says_no`


@dataclass
class _Draft:
    sentence: Sentence
    parsed: Doc
    attribution: Attribution | None
    cue: TimeCue
    mentions: list[DateMention]
    index: int
    context: str
    context_entities: frozenset[str]
    continues_sentence: bool = False  # a later reporting clause of the sentence the draft before it began
    refers_to: int | None = None  # index among the document's drafts of the claim this one answers
    stance: Stance = Stance.ASSERTS
    figures: list[Quantity] = field(default_factory=list)
    body: str | None = None  # the organisation a generic speaker ("the company") stands for
    points_back: bool = False  # names what it answers ("that claim"), rather than answering the allegation
    retracts: bool = False  # takes back what its source published ("Vox later corrected their post")
    described: references.Described | None = None  # the report it contests and tells: "denied reports that ..."


def extract(documents: list[Document], on_document: Callable[[list[str]], None] | None = None) -> list[Analysis]:
    """Claims of all documents, numbered per document, ordered on one shared timeline.

    `on_document` receives each document's claim contents (what `Analysis.content` will be) as
    soon as they are known, so that embedding can start while later documents are parsed.
    """
    sentences = [[s for s in split_sentences(doc.text) if not s.is_heading] for doc in documents]
    parsed = nlp.parse_stream(
        doc.text[s.start : s.end] for doc, found in zip(documents, sentences, strict=True) for s in found
    )
    per_doc: list[tuple[Document, list[_Draft], list[Placed]]] = []
    contents: list[str] = []
    for doc, found in zip(documents, sentences, strict=True):
        drafts = _drafts(doc, found, list(islice(parsed, len(found))))
        embedded = [_embedded(d, drafts) for d in drafts]
        if on_document is not None:
            on_document(embedded)
        contents.extend(embedded)
        per_doc.append((doc, drafts, place([d.cue for d in drafts], doc.published)))
    keys = [
        (p.key, index, d.sentence.start)
        for index, (_, ds, ps) in enumerate(per_doc)
        for d, p in zip(ds, ps, strict=True)
    ]
    times = iter(stated_at([p for _, _, ps in per_doc for p in ps], keys))
    analyses: list[Analysis] = []
    remaining = iter(contents)
    for doc, drafts, positions in per_doc:
        published = float(doc.published.toordinal()) if doc.published else None
        for number, (draft, position) in enumerate(zip(drafts, positions, strict=True), start=1):
            claim_id = f"{doc.id}:{number}"
            analyses.append(
                _analysis(doc, draft, claim_id, next(times), position.key, published or position.key, next(remaining))
            )
        _link_references(analyses, drafts)
    return analyses


def _drafts(doc: Document, sentences: list[Sentence], parsed: list[Doc]) -> list[_Draft]:
    reference = doc.published or dates.reference_in(doc.text)  # what yearless dates take their year from
    sentences, parsed, clauses = _clauses(sentences, parsed)
    speakers = Speakers()
    attributions: list[Attribution | None] = []
    for p, c in zip(parsed, clauses, strict=True):
        # A clause the article narrates before a source's ("The toll remained at 20,000, but an official said")
        # is read on its own, like any sentence.
        if c is None or not reports_something(c.verb):
            found = attribute(p, speakers)
        else:
            found = attribute_verb(c.whole, c.verb, speakers, c.start, c.end)
        if found is not None and found.cited_source:
            speakers.outlets.add(found.cited_source)
        speakers.heard(found.speaker if found is not None else None)
        attributions.append(found)
    attributions = _carry_quotes(sentences, parsed, _spread_quotes(sentences, parsed, attributions))
    drafts: list[_Draft] = []
    relayed_by: dict[str, str] = {}  # speaker -> the outlet a meta sentence says carried them
    lead: tuple[Attribution, int] | None = None  # "Fox News reports:" and the paragraph it stands in
    for index, (sentence, tokens, found) in enumerate(zip(sentences, parsed, attributions, strict=True)):
        if found is not None and found.is_meta:
            _apply_meta(drafts, found, tokens, doc, reference)
            if found.speaker and found.cited_source:
                relayed_by[found.speaker] = found.cited_source
            continue
        if found is not None and _leads_in(tokens, found):
            lead = found, sentence.paragraph
            continue
        if len(tokens.text.split()) < MIN_CLAIM_WORDS or PROCESS_NOTE.search(tokens.text):
            continue
        found = found or _continuation(drafts, sentence, tokens)
        if lead is not None:
            found = _led(lead, found, sentence, tokens)
        if found is not None and found.speaker in relayed_by and found.cited_source is None:
            found = replace(found, cited_source=relayed_by[found.speaker])
        draft = _draft(doc, sentence, tokens, found, drafts, index, reference)
        draft.body = speakers.body_of(found.speaker) if found is not None and found.speaker else None
        clause = clauses[index]
        draft.continues_sentence = clause is not None and clause.start > 0
        # a bare figure right after a counted one, in the clause or sentence before, counts what that one counted
        follows = bool(drafts) and drafts[-1].index == index - 1 and drafts[-1].sentence.paragraph == sentence.paragraph
        draft.figures = _figures(draft, drafts[-1].figures if follows else [])
        draft.retracts = _retraction(draft)
        draft.described = references.described_report(tokens) or _told_by_another(tokens, found)
        drafts.append(draft)
    _outlets_in_their_own_name(drafts, speakers)
    _roles_throughout(drafts, speakers)
    _link_answers(drafts)
    drafts = _with_described_reports(doc, drafts, reference)
    _inherit_measures(drafts)
    return drafts


def _roles_throughout(drafts: list[_Draft], speakers: Speakers) -> None:
    """A speaker's role is theirs in every claim: "Mohamed Alhakim claimed ..." after "Iraq's ambassador to
    the UN, Mohamed Alhakim, said", and before it too (the whole article is read before any role is filled)."""
    for draft in drafts:
        found = draft.attribution
        if found is not None and found.speaker and found.role is None:
            role = speakers.role_of(found.speaker)
            if role is not None:
                draft.attribution = replace(found, role=role)


def _outlets_in_their_own_name(drafts: list[_Draft], speakers: Speakers) -> None:
    """An outlet reporting in its own name ("CNBC says", "Re/code says ...", before "told Re/code" names it
    an outlet further down) is the channel of what it says as well as its speaker, and so is the outlet of
    a publication ("a story in Quartz", "a CNN report", and "the story" or "their post" after one was
    named); an outlet's reporter or sources ("the WSJ's sources", "CNN's Barbara Starr") speak through it."""
    latest: str | None = None  # the outlet named last: whose "the story" is
    for draft in drafts:
        found = draft.attribution
        own = found is not None and found.cited_source in (None, found.speaker)  # "according to their story"
        if found is not None and found.speaker and own and not speakers.is_person(found.speaker):
            draft.attribution = found = _through_outlet(found, speakers, latest)
        if found is not None and found.cited_source:
            latest = found.cited_source


def _through_outlet(found: Attribution, speakers: Speakers, latest: str | None) -> Attribution:
    speaker = found.speaker or ""
    outlet = publication_outlet(speaker) or (latest if pointing_publication(speaker) else None)
    if outlet is not None:
        return replace(found, speaker=outlet, cited_source=outlet)
    owner = OWNER.match(speaker)
    if owner is not None and _outlet_of(owner["owner"], speakers):
        return replace(found, speaker=owner["owned"], cited_source=owner["owner"])
    if _outlet_of(speaker, speakers):
        return replace(found, cited_source=speaker)
    return found


def _outlet_of(name: str, speakers: Speakers) -> bool:
    """A news outlet by its name, or one the article names as a channel anywhere ("told Re/code"); "their
    story" is nobody's the sentence names."""
    if name.split()[0].lower() in POSSESSIVE_PRONOUNS:
        return False
    return an_outlet(name) or any(same_source(name, outlet) for outlet in speakers.outlets)


def _told_by_another(tokens: Doc, found: Attribution | None) -> references.Described | None:
    """A figure the sentence gives as another source's ("the organisers' estimate of 100,000"): not one
    its own speaker gave earlier ("the ministry's figure" in the ministry's statement)."""
    told = references.figure_told_by_another(tokens)
    own = found.speaker if found is not None else None
    return None if told is None or (own and same_source(own, told.source)) else told


def _inherit_measures(drafts: list[_Draft]) -> None:
    """Figures of a bare count noun ("the total was between 122,000 and 172,000") count what the article
    counts when it counts one thing (crowds, say), and otherwise nothing; a turnout is a crowd in an
    article that counts crowds and no votes ("put the turnout at 510,000" of a march), else votes."""
    not_counts = (None, ARTICLE_MEASURE, AGE_MEASURE)  # an age ("Maria Lopez, 52,") counts nothing
    measures = {q.measure for d in drafts for q in d.figures if q.measure not in not_counts}
    turnout = next((m for m in TURNOUT_MEASURES if m in measures), TURNOUT_MEASURES[0])
    measures = {turnout if m == TURNOUT else m for m in measures}
    inherited = next(iter(measures)) if len(measures) == 1 else None
    meant = {ARTICLE_MEASURE: inherited, TURNOUT: turnout}
    for draft in drafts:
        draft.figures = [
            q.model_copy(update={"measure": meant[q.measure]}) if q.measure in meant else q for q in draft.figures
        ]


def _with_described_reports(doc: Document, drafts: list[_Draft], reference: dt.date | None) -> list[_Draft]:
    """A report the article tells only inside the claim that contests it ("Leeds United denied media
    reports that McDermott had been sacked") becomes a claim of its own, in its own offsets, which the
    contesting claim answers. A claim that already answers another claim gets none."""
    out: list[_Draft] = []
    moved: dict[int, int] = {}
    described: dict[int, int] = {}  # contesting draft -> the report it describes, as indices into `out`
    for old, draft in enumerate(drafts):
        moved[old] = len(out)
        out.append(draft)
        found = draft.described if draft.refers_to is None else None
        if found is None:
            continue
        if found.against and draft.stance is Stance.ASSERTS:
            draft.stance = Stance.DENIES  # "remains our manager despite reports that he was fired"
        told = _told_elsewhere(old, found, drafts)
        if told is not None:
            if _alleged(drafts[told]):
                draft.refers_to = told  # "denied an earlier report that ..." / "Earlier, Metro TV reported that ..."
            continue
        described[len(out) - 1] = len(out)
        told_there = _report_draft(doc, draft, found, out, reference)
        draft.figures = _figures_outside(draft, found.content_start, found.content_end)  # the report's are its own
        told_there.figures = _measured_like(told_there.figures, draft.figures)
        out.append(told_there)
    for draft in out:
        if draft.refers_to is not None:
            draft.refers_to = moved[draft.refers_to]
    for host, report in described.items():
        out[host].refers_to = report
        out[host].points_back = True
    return out


def _figures_outside(draft: _Draft, start: int, end: int) -> list[Quantity]:
    """The draft's figures that stand outside `draft.parsed.text[start:end]`, found in order of the text."""
    text, kept, position = draft.parsed.text, [], 0
    for figure in draft.figures:
        at = text.find(figure.text, position)
        if at < 0:
            kept.append(figure)
            continue
        position = at + len(figure.text)
        if not start <= at < end:
            kept.append(figure)
    return kept


def _measured_like(figures: list[Quantity], against: list[Quantity]) -> list[Quantity]:
    """A figure told in passing names no measure of its own ("not 11 civilians as officials claimed", "the
    organisers' estimate of 100,000"): it counts what the figure it is set against counts."""
    measures = {q.measure for q in against if q.measure}
    if len(measures) != 1:
        return figures
    (measure,) = measures
    return [q if q.measure else q.model_copy(update={"measure": measure}) for q in figures]


def _told_elsewhere(position: int, found: references.Described, drafts: list[_Draft]) -> int | None:
    """The claim of the article that tells what the claim at `position` describes, if one does: one told
    at a distance or by an outlet, anywhere ("the accident was due to a landslide near a Bukit Asam mine" / "Earlier,
    Metro TV reported that 30 employees were trapped after a landslide near a Bukit Asam mine"), or any
    claim stating it before ("The military said its forces had struck a depot" / "The military denied
    reports that its forces had struck a depot"), naming at least `TOLD_ELSEWHERE_TERMS` of the same
    things. (A later plain statement is the answer, not the report: "remains our manager".)"""
    wanted = _named_terms(drafts[position].parsed, found.content_start, found.content_end)
    for index, other in enumerate(drafts):
        stating = index < position and other.stance in STATING
        if index == position or not (_alleged(other) or stating):
            continue
        start, end = (other.attribution.content_start, other.attribution.content_end) if other.attribution else (0, 0)
        if len(wanted & _named_terms(other.parsed, start, end)) >= TOLD_ELSEWHERE_TERMS:
            return index
    return None


def _named_terms(tokens: Doc, start: int, end: int) -> frozenset[str]:
    """Content lemmas and names: what two tellings of one report share."""
    names = frozenset(t.lower_ for t in tokens if t.pos_ == "PROPN" and start <= t.idx < end)
    return _terms(tokens, start, end) | names


def _report_draft(
    doc: Document, host: _Draft, found: references.Described, before: list[_Draft], reference: dt.date | None
) -> _Draft:
    """The described report as a draft: its source (the outlet that made it, or "media reports") reports
    what the clause says."""
    whole = host.parsed
    span = whole.char_span(found.start, found.end, alignment_mode="expand")
    tokens = span.as_doc() if span is not None else whole
    offset = span.start_char if span is not None else 0
    sentence = replace(
        host.sentence, start=host.sentence.start + offset, end=host.sentence.start + offset + len(tokens.text)
    )
    said = Attribution(
        found.source,
        None,
        found.source if found.carried else None,
        REPORT_VERB,
        found.content_start - offset,
        found.content_end - offset,
    )
    draft = _draft(doc, sentence, tokens, said, before, host.index, reference)
    draft.figures = _figures(draft, [])
    return draft


@dataclass(frozen=True)
class _Clause:
    """A reporting clause cut out of a sentence: its verb in the whole sentence's parse, its span there."""

    whole: Doc
    verb: Token
    start: int
    end: int


def _clauses(sentences: list[Sentence], parsed: list[Doc]) -> tuple[list[Sentence], list[Doc], list[_Clause | None]]:
    """A sentence in which two sources each report ("X put turnout at 51.5 percent, but Y said only 30
    percent turned out") is two claims, each with its own speaker and exact offsets."""
    out: tuple[list[Sentence], list[Doc], list[_Clause | None]] = ([], [], [])
    for sentence, tokens in zip(sentences, parsed, strict=True):
        bounds = _clause_bounds(tokens)
        if len(bounds) == 1:
            out[0].append(sentence)
            out[1].append(tokens)
            out[2].append(None)
            continue
        for verb, first, last in bounds:
            span = tokens[first:last]
            start = sentence.start + span.start_char
            out[0].append(replace(sentence, start=start, end=start + len(span.text)))
            out[1].append(span.as_doc())
            out[2].append(_Clause(tokens, verb, span.start_char, span.end_char))
    return out


def _clause_bounds(tokens: Doc) -> list[tuple[Token, int, int]]:
    """Token ranges of the reporting clauses, the ", but" / ", while" between them left out."""
    # "X denied the report and said ...": one source, one claim; a verb sharing its subject starts no clause.
    reporting = reporting_clauses(tokens)
    verbs = [verb for verb in reporting if not borrows_subject(verb)] or reporting
    kept = verbs[:1]
    starts = [0]
    for verb in verbs[1:]:
        # "While the railways maintained that five died, a police official said seven died": the
        # official's clause starts after the clause it governs, not at the sentence's first word.
        inside = {t.i for other in verbs if other is not verb and _governs(verb, other) for t in other.subtree}
        first = min((t.i for t in verb.subtree if t.pos_ not in CLAUSE_JOINERS and t.i not in inside), default=0)
        if first > starts[-1] and first > kept[-1].i:
            kept.append(verb)
            starts.append(first)
    narrated = _narrated_before(kept[0]) if kept else None
    if narrated is not None:
        kept.insert(0, narrated)
        starts.insert(1, min(t.i for t in kept[1].subtree if t.pos_ not in CLAUSE_JOINERS))
    if len(kept) < 2:
        return [(verbs[0] if verbs else tokens[0], 0, len(tokens))]
    bounds = []
    for index, (verb, first) in enumerate(zip(kept, starts, strict=True)):
        last = starts[index + 1] if index + 1 < len(starts) else len(tokens)
        if index + 1 < len(starts):
            while last - 1 > first and tokens[last - 1].pos_ in CLAUSE_JOINERS:
                last -= 1
        bounds.append((verb, first, last))
    return bounds


def _narrated_before(verb: Token) -> Token | None:
    """The figure the article gives in its own voice before a source gives another ("That official toll
    remained at around 20,000 people, but a senior army official said ... between 35,000 and 40,000"): a
    main clause with a subject of its own, coordinated with the reporting clause, each with a figure, is
    the article's claim, not the source's. (Without figures to set apart, the sentence stays whole: "the
    plant leaked, but the company said it did not" is the company's answer to what it is told.)"""
    head = verb.head
    if verb.dep_ != "conj" or head is verb or head.i > verb.i or head.dep_ != "ROOT":
        return None
    if reports_something(head) or not any(child.dep_ in SUBJECTS for child in head.children):
        return None
    own = {t.i for t in verb.subtree}
    narrated_figure = any(t.like_num for t in head.subtree if t.i not in own)
    return head if narrated_figure and any(verb.doc[i].like_num for i in own) else None


def _governs(verb: Token, other: Token) -> bool:
    """Whether `other` stands in a clause that hangs off `verb` before it ("While X maintained ..., Y said")."""
    return other.i < verb.i and other in verb.subtree and other is not verb


def _link_references(analyses: list[Analysis], drafts: list[_Draft]) -> None:
    """Store on each referring claim the id of the claim it answers (the document's last claims)."""
    own = analyses[len(analyses) - len(drafts) :]
    for analysis, draft in zip(own, drafts, strict=True):
        if draft.refers_to is not None:
            analysis.claim.refers_to = own[draft.refers_to].claim.id


def _figures(draft: _Draft, before: list[Quantity]) -> list[Quantity]:
    text, offset = draft.parsed.text, draft.sentence.start
    date_spans = [(m.start - offset, m.end - offset) for m in draft.mentions]
    return find_quantities(draft.parsed, date_spans + _date_spans(text), before)


def _link_answers(drafts: list[_Draft]) -> None:
    """Set what each claim answers (`refers_to`): an earlier claim it points at ("that claim", "the toll",
    "claims made by X"); failing one, for a statement noun, an allegation the article tells after it
    ("The airline dismissed claims that ..." before "A few days ago, media reported that ..."). A denial
    in words that points at nothing ("It's not true," he said) answers the story's allegation before it."""
    views = [_as_earlier(d) for d in drafts]
    for position, draft in enumerate(drafts):
        if draft.retracts:
            draft.refers_to = _retracted(draft, drafts[:position])
            draft.points_back = draft.refers_to is not None
            continue
        pointing = _pointer(draft)
        claim = references.Earlier(_source(draft), draft.stance, draft.figures)
        if pointing is None:
            if draft.stance is Stance.DENIES and stance.says_false(draft.parsed.text):
                draft.refers_to = references.origin(claim, views[:position], same_source)  # "it's not true"
            continue
        draft.points_back = True
        draft.refers_to = references.referent(pointing, claim, views[:position], same_source)
        # An allegation told after the denial, for a denial that names none; one that tells what it denies
        # ("denied media reports that ...") is matched on that content (`_with_described_reports`).
        if draft.refers_to is None and pointing.kind == references.STATEMENT and draft.described is None:
            later = references.origin(claim, views[position + 1 :], same_source)
            draft.refers_to = None if later is None else position + 1 + later


def _retraction(draft: _Draft) -> bool:
    """ "Vox later corrected their post": the source takes back what it published (see `retracts`)."""
    verb = reporting_verb(draft.parsed, draft.attribution) if draft.attribution is not None else None
    return verb is not None and retracts(verb)


def _retracted(draft: _Draft, earlier: list[_Draft]) -> int | None:
    """What a retraction takes back: the first earlier claim its source made, carried, or is named in
    ("Max Fisher wrote a story for Vox.com ..." for "Vox later corrected their post")."""
    source = _source(draft)
    if not source:
        return None
    names = {w.lower() for w in source.split() if w[:1].isupper() and w.lower() not in ARTICLES}
    for index, other in enumerate(earlier):
        said_by = " ".join(filter(None, (_source(other), _cited(other)))).lower()
        text = other.parsed.text.lower()
        if any(name in said_by or re.search(rf"\b{re.escape(name)}\b", text) for name in names):
            return index
    return None


def _pointer(draft: _Draft) -> references.Pointer | None:
    found = draft.attribution
    start, end = (found.content_start, found.content_end) if found else (0, len(draft.parsed.text))
    return references.pointer(draft.parsed, start, end)


def _as_earlier(draft: _Draft) -> references.Earlier:
    """A claim as another claim may point at it."""
    return references.Earlier(_source(draft), draft.stance, draft.figures, _cited(draft), _alleged(draft))


def _alleged(draft: _Draft) -> bool:
    """Put forward at a distance ("X claimed", "reportedly") or by an outlet reporting ("X reported that"):
    what a denial that names no claim answers."""
    found = draft.attribution
    if found is not None and (found.by_outlet or a_publication(found.speaker)):
        return True
    start, end = (found.content_start, found.content_end) if found else (0, len(draft.parsed.text))
    text = draft.parsed.text[start:end]
    return stance.commitment(draft.stance, text, _frame(found, draft.parsed)) is Commitment.REPORTED


def _source(draft: _Draft) -> str | None:
    found = draft.attribution
    return (found.speaker or found.cited_source) if found else None


def _cited(draft: _Draft) -> str | None:
    return draft.attribution.cited_source if draft.attribution else None


def _spread_quotes(
    sentences: list[Sentence], parsed: list[Doc], found: list[Attribution | None]
) -> list[Attribution | None]:
    """A closing attribution ("...," X said) covers the earlier sentences of its quote."""
    result = list(found)
    for index, attribution in enumerate(found):
        if attribution is None or not attribution.closing:
            continue
        back = index - 1
        while back >= 0 and result[back] is None and sentences[back].paragraph == sentences[index].paragraph:
            result[back] = replace(attribution, content_start=0, content_end=len(parsed[back].text), closing=False)
            if OPEN_QUOTE.match(parsed[back].text):
                break
            back -= 1
    return result


def _carry_quotes(
    sentences: list[Sentence], parsed: list[Doc], found: list[Attribution | None]
) -> list[Attribution | None]:
    """A quotation goes on in its speaker's voice: the later sentences of a quote opened in an
    attributed sentence, and a quote opening right after an attributed sentence of its paragraph."""
    result = list(found)
    open_quote: str | None = None
    for index, tokens in enumerate(parsed):
        if index == 0 or sentences[index].paragraph != sentences[index - 1].paragraph:
            open_quote = None
        previous = result[index - 1] if index else None
        quoting = open_quote is not None or OPEN_QUOTE.match(tokens.text) is not None
        if result[index] is None and previous is not None and not previous.is_meta and quoting:
            result[index] = replace(previous, content_start=0, content_end=len(tokens.text), closing=False)
        open_quote = _quoting_after(tokens.text, open_quote)
    return result


def _quoting_after(text: str, open_quote: str | None) -> str | None:
    """Which quotation is open after `text` (DOUBLE, SINGLE or None), given the one open before it. Single
    quotes count at a word's edge only: "'Guys, I'm safe,'" opens and closes one, "I'm" and "Rosenberg's"
    are apostrophes; single quotes inside a double quotation are a quote within the quote."""
    for at, char in enumerate(text):
        if char == "“" or (char == '"' and open_quote is None):
            open_quote = DOUBLE
        elif char == "”" or (char == '"' and open_quote == DOUBLE):
            open_quote = None
        elif char in "‘'’" and open_quote is None and _opens_word(text, at):
            open_quote = SINGLE
        elif char in "'’" and open_quote == SINGLE and _closes_word(text, at):
            open_quote = None
    return open_quote


def _opens_word(text: str, at: int) -> bool:
    """A mark before a word, not inside one: "'Guys", not "I'm"."""
    before, after = _beside(text, at)
    return not before.isalnum() and after.isalnum()


def _closes_word(text: str, at: int) -> bool:
    """A mark after a word or its punctuation, not inside a word: "captured.'", not "don't"."""
    before, after = _beside(text, at)
    return not before.isspace() and not after.isalnum()


def _beside(text: str, at: int) -> tuple[str, str]:
    """The characters before and after position `at`, a space beyond either end."""
    return (text[at - 1] if at else " "), (text[at + 1] if at + 1 < len(text) else " ")


def _leads_in(tokens: Doc, found: Attribution) -> bool:
    """ "Fox News reports:", "He told the BBC:": an attribution with nothing after it but a colon hands
    the paragraphs that follow to its source; it is no claim of its own."""
    rest = tokens.text[found.content_start : found.content_end].strip()
    return (
        not found.closing
        and LEAD_IN_END.search(tokens.text) is not None
        and LEAD_IN_END.fullmatch(rest or ":") is not None
    )


def _led(
    lead: tuple[Attribution, int], found: Attribution | None, sentence: Sentence, tokens: Doc
) -> Attribution | None:
    """What a lead-in gives a claim after it. The paragraph right after it is its source's, in its words;
    later claims of unnamed sources are carried by its outlet, up to the next lead-in ("Fox News
    reports:" / "The idea was never discussed, according to the source.": the source's claim, through
    Fox News); a named source speaks for itself, and the article's own voice is its own again."""
    opener, paragraph = lead
    outlet = opener.cited_source or (opener.speaker if opener.by_outlet else None)
    if found is None:
        if sentence.paragraph != paragraph + 1:
            return None
        return replace(opener, content_start=0, content_end=len(tokens.text), closing=False)
    if outlet is None or found.cited_source is not None or _named(found.speaker):
        return found  # "Reuters said separately": a named source speaks for itself
    return replace(found, cited_source=outlet)


def _named(speaker: str | None) -> bool:
    """Whether a speaker is named ("Reuters", "the Kremlin") rather than described ("the source")."""
    return any(word[:1].isupper() for word in (speaker or "").split() if word.lower() not in ARTICLES)


def _continuation(drafts: list[_Draft], sentence: Sentence, tokens: Doc) -> Attribution | None:
    """ "They will be ready..." right after an attributed sentence continues the same speaker."""
    if not drafts or IMPERSONAL.match(tokens.text) or not CONTINUATION.match(tokens.text):
        return None
    previous = drafts[-1]
    if previous.attribution is None or previous.sentence.paragraph != sentence.paragraph:
        return None
    return replace(previous.attribution, content_start=0, content_end=len(tokens.text), closing=False)


def _apply_meta(
    drafts: list[_Draft], found: Attribution, tokens: Doc, doc: Document, reference: dt.date | None
) -> None:
    """ "He said this at a briefing on 28 October" dates and sources the speaker's earlier claims."""
    stated = dates.find_dates(tokens.text, reference)
    for draft in reversed(drafts):
        if draft.attribution is None or draft.attribution.speaker != found.speaker:
            break
        if stated and draft.cue.date_from is None:
            first = stated[0]
            day = dates.as_statement_date(first, doc.published)
            draft.cue = TimeCue(day, day + (first.date_to - first.date_from), first.precision)
        if found.cited_source and draft.attribution.cited_source is None:
            draft.attribution = replace(draft.attribution, cited_source=found.cited_source)


def _draft(
    doc: Document,
    sentence: Sentence,
    tokens: Doc,
    found: Attribution | None,
    drafts: list[_Draft],
    index: int,
    reference: dt.date | None,
) -> _Draft:
    """One claim as first read. `reference` gives yearless dates their year: the publication date, else
    the date the text gives itself (`dates.reference_in`); only a publication date bounds when it was said."""
    text = tokens.text
    all_dates = dates.find_dates(text, reference)
    lead_end = found.content_start if found is not None and not found.closing else _lead_end(text)
    lead_end = max(lead_end, dated_dateline_end(text))  # "MOSCOW, March 20, 2014 -": when it was filed
    lead = [d for d in all_dates if d.end <= lead_end]
    mentions = [dates.to_mention(d, sentence.start, text) for d in all_dates if d.end > lead_end]
    cue = _cue(text, lead, doc, found, drafts)
    context, context_entities = "", frozenset[str]()
    if drafts and drafts[-1].sentence.paragraph == sentence.paragraph and LEANS_BACK.match(_content(tokens, found)):
        previous = drafts[-1]
        context = _content(previous.parsed, previous.attribution)
        span = (
            (previous.attribution.content_start, previous.attribution.content_end)
            if previous.attribution
            else (0, len(previous.parsed.text))
        )
        context_entities = _entities(previous.parsed, *span)
    drafted = _Draft(sentence, tokens, found, cue, mentions, index, context, context_entities)
    c_start, c_end = (found.content_start, found.content_end) if found else (0, len(text))
    drafted.stance = _stance(tokens, found, c_start, c_end)
    return drafted


def _content(tokens: Doc, found: Attribution | None) -> str:
    start, end = (found.content_start, found.content_end) if found else (0, len(tokens.text))
    return tokens.text[start:end].strip() or tokens.text


def _lead_end(text: str) -> int:
    """Unattributed sentences: a date before the first comma dates the statement."""
    comma = text.find(",")
    return comma if 0 < comma < len(text) // 2 else 0


def _cue(text: str, lead: list[dates.Found], doc: Document, found: Attribution | None, drafts: list[_Draft]) -> TimeCue:
    quoted = bool(OPEN_QUOTE.match(text))
    relative = None if quoted else dates.relative_marker(text)
    if lead:
        first = lead[0]
        day = dates.as_statement_date(first, doc.published)
        return TimeCue(day, day + (first.date_to - first.date_from), first.precision)
    same_speaker = (
        bool(drafts)
        and found is not None
        and drafts[-1].attribution is not None
        and (drafts[-1].attribution.speaker == found.speaker)
    )
    return TimeCue(relative=relative, inherit=relative is None and same_speaker)


def _analysis(
    doc: Document,
    draft: _Draft,
    claim_id: str,
    when: StatedAt,
    key: float,
    published: float,
    embedded: str,
) -> Analysis:
    tokens, found, sentence = draft.parsed, draft.attribution, draft.sentence
    c_start, c_end = (found.content_start, found.content_end) if found else (0, len(tokens.text))
    date_spans = [(m.start - sentence.start, m.end - sentence.start) for m in draft.mentions]
    mentions = draft.mentions + _deictic(tokens.text, when, doc, sentence.start, date_spans)
    claim = Claim(
        id=claim_id,
        doc_id=doc.id,
        text=doc.text[sentence.start : sentence.end],
        start=sentence.start,
        end=sentence.end,
        speaker=found.speaker if found else None,
        speaker_role=found.role if found else None,
        cited_source=found.cited_source if found else None,
        stance=draft.stance,
        commitment=stance.commitment(draft.stance, embedded, _frame(found, tokens)),
        stated_at=when,
        quantities=draft.figures,
        mentions=sorted(mentions, key=lambda m: m.start),
    )
    entities = _entities(tokens, c_start, c_end) | draft.context_entities
    terms = _terms(tokens, c_start, c_end)
    return Analysis(
        claim,
        embedded,
        entities,
        terms,
        bool(draft.context),
        sentence.paragraph,
        draft.index,
        key,
        published,
        doc.source,
        draft.body,
        _places(tokens),
        draft.points_back,
        timing(tokens, c_start, c_end),
        draft.retracts,
        counted_over(tokens, c_start, c_end),
        found is None and _caveat(tokens),
        _says_no(tokens, c_start, c_end),
    )


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
HOLDERLESS_SUBJECTS = frozenset({"nsubjpass", "expl", "csubj"})  # the thing verified, or "it"/"there"
EXPLETIVES = frozenset({"it", "there"})
AGENT_DEP = "agent"  # "could not be confirmed by the ministry" names the ministry
HOLDER_PREPOSITIONS = frozenset({"from", "by"})
ANSWER_NOUNS = frozenset({"confirmation", "comment", "word", "response", "verification", "statement"})


def _says_no(tokens: Doc, start: int, end: int) -> bool:
    """Whether the content's main clause is negative in form: its verb negated ("has not been", "is not
    a negative"), or an argument that is no one or nothing ("Neither the ministry nor the army has announced
    a curfew", "gave no details", "nothing happened"). Broader than a denial's stance, which asks
    what the negation answers; a negative statement is no assertion another source can deny."""
    verbs = {*_main_verbs(tokens, start, end), *_main_verbs(tokens, 0, len(tokens.text))}  # "Nobody has said"
    return any(
        any(child.dep_ == "neg" for child in verb.children)
        or any(child.dep_ in NEGATABLE_ARGUMENTS and nlp.no_one(child) for child in verb.children)
        for verb in verbs
    )


def _caveat(tokens: Doc) -> bool:
    """The article's own caution, held by nobody (`_holderless`) or by the press: "NBC News cannot
    independently verify the recording" is what a careful newsroom says of what it relays."""
    return _holderless(tokens) or _held_by_the_press(tokens)


def _held_by_the_press(tokens: Doc) -> bool:
    """Whether the main clause's subject is an outlet: "CNN was not able to verify the account"."""
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    subjects = [child for child in root.children if child.dep_ in SUBJECT_DEPS] if root is not None else []
    return any(an_outlet(" ".join(t.text for t in s.subtree)) for s in subjects)


def _holderless(tokens: Doc) -> bool:
    """A sentence in the article's own voice whose main clause names nobody who holds what it says: a
    passive with no agent ("The claims could not be independently verified"), an expletive subject ("It
    was not immediately clear ...", "There was no confirmation"), or no subject. "The army was not able to
    verify the account" names the army, "NBC News cannot verify the recording" NBC News, and "There was no
    confirmation from the rebels" the rebels."""
    if any(t.lower_ in HOLDER_PREPOSITIONS and t.head.lemma_.lower() in ANSWER_NOUNS for t in tokens):
        return False  # "There was no immediate confirmation from the rebels" names the rebels
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is None:
        return True
    withholding = [_clause_of(t) for t in tokens if t.lemma_.lower() in WITHHOLDABLE and t.pos_ == "VERB"]
    return _names_nobody(root) or any(clause.dep_ == "conj" and _names_nobody(clause) for clause in withholding)


def _clause_of(verb: Token) -> Token:
    """The verb whose subject holds what `verb` says: "(the date) can't be verified", "(CNN) was not able to
    verify"."""
    while verb.dep_ in {"xcomp", "aux", "auxpass"} and verb.head is not verb:
        verb = verb.head
    return verb


def _names_nobody(clause: Token) -> bool:
    """Whether the clause names nobody who holds it: no subject, or only the thing held or an expletive."""
    subjects = [child for child in clause.children if child.dep_ in SUBJECT_DEPS]
    if any(child.dep_ == AGENT_DEP for child in clause.children):
        return False
    return not subjects or all(s.dep_ in HOLDERLESS_SUBJECTS or s.lower_ in EXPLETIVES for s in subjects)


def _stance(tokens: Doc, found: Attribution | None, start: int, end: int) -> Stance:
    verb = found.verb if found else None
    text = _stance_text(tokens, start, end)
    negated = _negated(tokens, start, end)
    withheld = (
        _withheld(tokens, start, end) or _withholds(tokens, found) or stance.neither_confirms_nor_denies(tokens.text)
    )
    negated_state = _negated_state(tokens, start, end)
    return stance.classify(
        text, verb, frame=_frame(found, tokens), negated=negated, withheld=withheld, negated_state=negated_state
    )


def _withholds(tokens: Doc, found: Attribution | None) -> bool:
    """Whether the attribution's own verb withholds: "X would not confirm the reports", "no employees
    have stepped forward to confirm they were laid off"."""
    verb = reporting_verb(tokens, found) if found is not None and not found.closing else None
    return verb is not None and verb.lemma_.lower() in WITHHOLDABLE and _held_back(verb)


def _frame(found: Attribution | None, tokens: Doc) -> str:
    """The attribution around a claim's content, as words: "Reports say", "the Mail claims"; for a sentence
    that tells what a report says in the article's own voice ("Reports that he had been killed circulated in
    Turkish media", "News of the singer's death spread quickly"), "reports", which keeps it at a distance."""
    if found is not None and found.verb:
        return f"{found.speaker or ''} {found.verb}"
    return REPORTS_FRAME if found is None and references.tells_a_report(tokens) else ""


def _negated(tokens: Doc, start: int, end: int) -> bool:
    """Whether the content's main verb is negated; a negation inside a side clause does not count.

    The main verb is the root, or what a reporting verb inside the content reports ("told friends
    she never performed a biopsy"). A verb is negated by "not"/"never", or by a negative argument:
    "had nothing to do with", "there are no plans to".
    """
    for token in _main_verbs(tokens, start, end):
        negated = any(child.dep_ == "neg" for child in token.children) or _negative_argument(token)
        if negated and (not _is_copula(token) or _names_something(token) or _negative_argument(token)):
            return True
    return False


def _negated_state(tokens: Doc, start: int, end: int) -> bool:
    """Whether the content's main verb is a negated copula ("Axl Rose is not dead"): a state, which a
    source confirming it ("confirmed that he is not dead") denies what was said of it."""
    return any(
        _is_copula(token) and any(child.dep_ == "neg" for child in token.children)
        for token in _main_verbs(tokens, start, end)
    )


def _main_verbs(tokens: Doc, start: int, end: int) -> Iterator[Token]:
    """The content's main verbs: the root, or what a reporting verb inside the content reports."""
    for token in tokens:
        if not start <= token.idx < end or token.pos_ not in {"VERB", "AUX"}:
            continue
        main = token.dep_ == "ROOT" or (token.dep_ == "ccomp" and not start <= token.head.idx < end)
        if main or (token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_LEMMAS):
            yield token


def _withheld(tokens: Doc, start: int, end: int) -> bool:
    """Whether the content withholds a confirmation or a comment, by the parse: a confirming or
    commenting verb that is negated, or that a negated or refusing verb governs ("has not commented",
    "refused to comment", "did not have the resources to verify")."""
    return any(
        start <= token.idx < end and token.pos_ == "VERB" and token.lemma_.lower() in WITHHOLDABLE and _held_back(token)
        for token in tokens
    )


def _held_back(verb: Token) -> bool:
    """Whether the confirming or commenting verb is negated or refused, itself or by a verb governing it."""
    governing = verb
    for _ in range(WITHHELD_STEPS + 1):
        if _refuses(governing):
            return True
        if governing.dep_ not in GOVERNED_BY or governing.head is governing:
            break
        governing = governing.head
    return False


def _refuses(token: Token) -> bool:
    """Negated ("did not have"), a verb of refusing ("refused", "declined", "unable"), a thing said to be
    absent ("we have no information confirming his death"), or nobody doing it ("no employees have stepped
    forward to confirm")."""
    negated = any(child.dep_ == "neg" for child in token.children)
    nobody = any(child.dep_ in SUBJECTS and _none_of(child) for child in token.children)  # not "confirmed no deaths"
    return negated or nobody or _none_of(token) or token.lemma_.lower() in REFUSING


def _none_of(token: Token) -> bool:
    """ "no information", "no employees", "nobody": a thing or someone said not to exist."""
    no = any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)
    return no or token.lower_ in nlp.NEGATIVE_PRONOUNS


def _negative_argument(verb: Token) -> bool:
    """ "had nothing to do with", "nobody was hurt": a negative pronoun as an argument denies the event.

    So does "no" before one of its arguments: "no arrests had been made", "there are no plans to",
    "we have no plans to" (`_none_done`); not "no one is allowed to", which rules.
    """
    return any(
        (child.dep_ in NEGATABLE_ARGUMENTS and child.lower_ in nlp.NEGATIVE_PRONOUNS) or _none_done(child)
        for child in verb.children
    )


def _none_done(argument: Token) -> bool:
    """ "no arrests (had been made)", "No sister gave birth", "there are no plans to", "we have no plans
    to", "there was zero chance of": an argument determined by "no" or "zero" says the event, or the
    thing, is not there."""
    if argument.dep_ not in NEGATABLE_ARGUMENTS or argument.lower_ in DENYING_NOTHING:
        return False
    if argument.lemma_.lower() in ANSWER_NOUNS:
        return False  # "made no public comments", "no statements yet": a comment withheld (`_withheld`)
    if argument.dep_ in UNLESS_COMPLEMENTED and not any(child.dep_ in COMPLEMENTS for child in argument.children):
        return False  # "he has no weapon", "there was no fire" tell a fact; "we have no plans to" answers
    return any(child.dep_ in NONE_DETERMINER_DEPS and child.lower_ in NONE_DETERMINERS for child in argument.children)


def _names_something(copula: Token) -> bool:
    """ "That wasn't Paul Rudd", "X is not the hero": a negated identity is a denial; so is a negated
    place or state given by a preposition ("we are not in talks", "he was not at the meeting")."""
    children = list(copula.children)
    if any(child.dep_ == "attr" and child.pos_ in {"NOUN", "PROPN"} for child in children):
        return True
    stated = any(child.dep_ in {"acomp", "attr"} for child in children)  # "was not profitable in 2023"
    return not stated and any(child.dep_ == PLACE_PREDICATE for child in children)


def _is_copula(token: Token) -> bool:
    """ "They're not fake" negates a state, not an event: the adjective decides, via the stance cues."""
    return token.lemma_.lower() == "be" or token.lower_.replace("’", "'") in COPULAS


def _embedded(draft: _Draft, drafts: list[_Draft]) -> str:
    """What is embedded for a claim: its content, after the sentence it leans on or the one it names as
    what it answers ("refuted that claim"), if any."""
    answered = drafts[draft.refers_to] if draft.refers_to is not None and draft.points_back else None
    before = _content(answered.parsed, answered.attribution) if answered else draft.context
    return f"{before} {_content(draft.parsed, draft.attribution)}".strip()


def _stance_text(tokens: Doc, start: int, end: int) -> str:
    """The content with modals of a second, coordinated verb blanked out, and "deny" where it withholds.

    "are undergoing training and may be sent" asserts the training; only the sending is
    speculation, so the claim as a whole is not hedged. "to deny Muslims their safety", "they were
    denied entry" refuse something to someone: they deny no statement.
    """
    chars = list(tokens.text)
    for token in tokens:
        if (
            (token.tag_ == "MD" and token.head.dep_ == "conj") or refused_to_someone(token)
        ) and start <= token.idx < end:
            chars[token.idx : token.idx + len(token.text)] = " " * len(token.text)
        if _circumstance(token) and not _holds(token, start, end):
            first, last = token.left_edge.idx, nlp.token_end(token.right_edge)
            chars[first:last] = " " * (last - first)
        if _open_question(token):
            first, last = nlp.token_end(token), nlp.token_end(token.head.right_edge)
            chars[first:last] = " " * (last - first)  # "whether" stays: the question hedges, its cues do not
        if _idle_verdict(token):
            chars[token.idx : token.idx + len(token.text)] = " " * len(token.text)
    return "".join(chars)[start:end]


def _idle_verdict(word: Token) -> bool:
    """A word of falsehood that qualifies a thing, not what was said: "a fake passport", "false teeth". (As a
    predicate, "the story is fake", or on what was said, "fake news", "the fake report", it passes a verdict.)"""
    if word.lower_ not in VERDICT_ADJECTIVES or word.dep_ != "amod" or word.head.pos_ not in NOUN_POS:
        return False
    # the noun and its compounds: the small parser reads "a false story guys" as false "guys" of "story"
    nouns = {word.head.lemma_.lower(), word.head.lower_} | {
        child.lemma_.lower() for child in word.head.children if child.dep_ == "compound"
    }
    return not nouns & (references.TELLING_NOUNS | SAID_THINGS | VERDICT_NOUNS)


def _open_question(mark: Token) -> bool:
    """ "to judge whether the picture shows a crab or is a hoax": the clause asks, it denies nothing."""
    return mark.dep_ == "mark" and mark.lower_ == "whether" and mark.head.i > mark.i


def _circumstance(clause: Token) -> bool:
    """A side clause of time, contrast or cause ("While rumours swirl, ...", "..., as reports claimed"):
    its cues do not set the stance of the main clause. A condition ("if", "unless") does."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANTIAL for c in clause.children)


def _holds(clause: Token, start: int, end: int) -> bool:
    """Whether the clause holds all of the content: the attributed statement itself is in it
    ("..., because expert Paul Clark has branded the photo a hoax")."""
    return clause.left_edge.idx <= start and end <= nlp.token_end(clause.right_edge)


def _terms(tokens: Doc, start: int, end: int) -> frozenset[str]:
    """Content lemmas, for checking that two dated claims speak of the same event."""
    return frozenset(
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in CONTENT_WORDS
        and not t.is_stop
        and t.is_alpha
        and start <= t.idx < end
        and t.lemma_.lower() not in dates.MONTHS
    )


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Where dates are, so "17 October" is not read as a figure even when its year is unknown."""
    return [(d.start, d.end) for d in dates.find_dates(text, SPAN_REFERENCE)]


def _deictic(text: str, when: StatedAt, doc: Document, offset: int, taken: list[tuple[int, int]]) -> list[DateMention]:
    reference = when.date if when.precision is Precision.DAY else doc.published
    if reference is None:
        return []
    found = dates.find_deictic(text, reference, [])
    return [dates.to_mention(f, offset, text) for f in found if not any(s <= f.start < e for s, e in taken)]


def _places(tokens: Doc) -> frozenset[str]:
    """The places the sentence says something happened in: GPE and LOC names after "in", "at", ... that
    place an action ("were killed in Iran") or its doer ("organisers in Paris said"), not a thing
    ("training troops for the war in Ukraine")."""
    names = {e.text for e in tokens.ents if e.label_ in PLACE_LABELS and _placing(e.root)}
    return frozenset(normalise_entity(n) for n in names)


def _placing(name: Token) -> bool:
    while name.dep_ == "conj" and name.head is not name:
        name = name.head  # "killed in Kabul and Kandahar"
    preposition = name.head
    if name.dep_ != "pobj" or preposition.lower_ not in LOCATIVE:
        return False
    placed = preposition.head
    return placed.pos_ in {"VERB", "AUX"} or placed.dep_ in SUBJECTS


def _entities(tokens: Doc, start: int, end: int, labels: frozenset[str] = ENTITY_LABELS) -> frozenset[str]:
    names = {e.text for e in tokens.ents if e.label_ in labels and start <= e.start_char and e.end_char <= end}
    return frozenset(normalise_entity(n) for n in names)


def normalise_entity(name: str) -> str:
    name = re.sub(r"^the\s+|'s$|’s$", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(name.lower().split())
