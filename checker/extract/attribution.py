"""Who said it: opening and closing attribution, apposition with role, coreference, outlets."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from checker.extract.nlp import agent, no_one, token_end
from checker.extract.sources import DATELINE, PUBLICATIONS, ROLE_TAIL, a_publication, same_source

_VERBS = (
    r"said|says|say|stated|states|told\s+(?:\w[\w/.-]*)?\w|wrote|writes|reported|reports|added|adds|stressed|stresses"
    r"|noted|notes|recalled|recalls|concluded|claimed|claims|claim|announced|announces|confirmed|confirms"
    r"|denied|denies|warned|warns|insisted|argued|explained|emphasi[sz]ed|believes|suggested|admitted"
    r"|acknowledged|assured|declared|tweeted|posted|revealed|disclosed|estimated|testified|asserted"
    r"|reporting|saying|maintained|maintains|contended|predicted|conceded"
)
# "..., confirmed a local official to Xinhua": the verbs news puts before their speaker at the end.
_INVERTED = r"said|added|wrote|confirmed|stated|explained|insisted|noted"
# Verbs that, after a comma, more often take an object than a speaker ("..., noted the report"): the
# phrase after them speaks only if it names a person, a body or an informant ("confirmed a local official").
OBJECT_TAKING = frozenset({"confirmed", "stated", "explained", "insisted", "noted"})
# "has said", "is reporting", "also said": an auxiliary or adverb between the speaker and the verb.
# "was confirmed" is a passive, not a speaker: a form of "be" only bridges to an "-ing" verb.
_BRIDGE = (
    r"(?:(?:has|have|had|'s|’s)\s+|(?:is|are|was|were)\s+(?=\w+ing\b))?"
    r"(?:also\s+|since\s+|previously\s+|repeatedly\s+)?"
)
OPENING = re.compile(
    rf"^(?P<who>[^\"“”]{{2,200}}?)\s*,?\s*(?<=[\s,])(?:{_BRIDGE})(?P<verb>{_VERBS})\b(?P<tail>(?:\s+(?:on|at|in)\s+[^,]{{1,60}}?(?=\s*,|\s+that\b))?\s*,?\s*(?:that\b)?\s*)",
    re.IGNORECASE,
)
CLOSING = re.compile(
    rf"[,.!?…]+[\"”’']?\s+(?P<who>[^,\"“”]{{2,120}}?)\s+(?:{_BRIDGE})(?P<verb>{_VERBS})(?P<tail>\s+[^\"“”]{{0,60}})?\.?\s*$"
    rf"|[,.!?…]+[\"”’']?\s+(?P<verb2>{_INVERTED})\s+(?P<who2>[^,\"“”]{{2,120}}?)\.?\s*$",
    re.IGNORECASE,
)
LEAD = re.compile(
    r"^(?:(?:and|but|also)\s+)?(?:(?:on|in|by|at|since|during|earlier|later|previously|meanwhile|then"
    r"|at\s+the\s+same\s+time|afterwards|subsequently)\b[^,]{0,60},\s*|(?:earlier|later|then)\s+)",
    re.IGNORECASE,
)
ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<src>[^,.;:\"“”]{2,80})", re.IGNORECASE)
TOLD = re.compile(r"^told\s+(?P<audience>.+)$", re.IGNORECASE)
# "citing X", and a report "that cited X".
CITING = re.compile(
    r"\b(?:citing|quoting|(?:that|which)\s+(?:cited|quoted))\s+[\"“]?(?P<src>[^,.;\"“”]{2,80})[\"”]?", re.IGNORECASE
)
# "He said this at a briefing on 28 October": the sentence dates and sources an earlier statement.
META = re.compile(r"^(?:this|so|it)\s+(?:at|on|in|during|to|while|after|before)\b|^this\s*[,.]", re.IGNORECASE)
PRONOUNS = {"he": "person", "she": "person", "they": "any", "we": "any", "i": "person", "it": "body"}
CHANNEL_VERBS = re.compile(r"^(?:wrote|writes|reported|reports|reporting|posted|published|tweeted)$", re.IGNORECASE)
# How a statement reaches an outlet, by the verb's lemma: (dependency, preposition or "" for none).
CHANNEL_LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "tell": (("dobj", ""), ("dative", "")),
    "speak": (("prep", "to"),),
    "talk": (("prep", "to"),),
    "contact": (("agent", "by"),),
    "interview": (("agent", "by"),),
}
UNAMBIGUOUS_VERBS = frozenset({"said", "says", "told", "wrote", "stated", "added", "stressed", "denied", "denies"})
PERSON_LABEL = "PERSON"
# Heads of descriptions that are no one person "he" could stand for: bodies ("the ministry", "the army")
# and things that speak in reports ("the statement", "the video", "the website").
INSTITUTIONS = frozenset(
    {
        "ministry", "government", "army", "military", "police", "agency", "office", "department", "council",
        "commission", "committee", "court", "authority", "administration", "parliament", "embassy", "service",
        "force", "guard", "board", "union", "party", "alliance", "campaign", "organization", "organisation",
        "website", "site", "statement", "video", "country",
    }
)  # fmt: skip
ORGANISATION_LABEL = "ORG"
# What news calls an organisation it has named: "the company said", "the tech giant denied".
ORGANISATION_NOUNS = frozenset(
    {
        "company", "firm", "group", "giant", "maker", "carrier", "airline", "bank", "retailer", "manufacturer",
        "corporation", "conglomerate", "startup", "vendor", "chain", "operator", "insurer", "lender", "automaker",
        "carmaker", "chipmaker", "brand", "club", "team", "league", "network", "broadcaster",
    }
)  # fmt: skip
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
ORGANISATION_LABELS = SPEAKER_LABELS - {PERSON_LABEL}
PLAIN_POS = frozenset({"DET", "PUNCT"})  # "the Pentagon" is the name as written, not a described name
BLOCKING_POS = frozenset({"AUX"})
# Verbs that report, estimate or dispute what someone holds, as lemmas: a sentence whose main verb is
# one of them, with a subject of its own, is attributed by the parse whatever its word order.
REPORTING_LEMMAS = frozenset(
    {
        "say", "tell", "state", "report", "announce", "confirm", "deny", "claim", "insist", "add", "note",
        "warn", "estimate", "count", "tally", "record", "calculate", "reckon", "project", "predict", "believe",
        "allege", "assert", "argue", "acknowledge", "admit", "reveal", "disclose", "indicate", "suggest",
        "testify", "tweet", "post", "publish", "write", "explain", "stress", "emphasize", "emphasise", "maintain",
        "contend", "conclude", "concede", "dispute", "refute", "reject", "dismiss", "rebut", "contradict",
        "contest", "describe", "put", "call", "brand", "label", "respond", "reply", "counter", "question",
        "expect", "forecast", "anticipate", "think", "fear", "hope", "quote", "comment", "verify", "revise",
        "raise", "lower", "cite", "issue", "release", "retract", "withdraw", "correct", "recant",
    }
)  # fmt: skip
# "Vox later corrected their post", "the paper has since retracted the story": a source takes back what
# it said; only with something said or published as the object ("corrected the error" takes back nothing).
RETRACT_LEMMAS = frozenset({"retract", "recant"})  # "has since retracted", "he recanted": no object needed
RETRACTING = RETRACT_LEMMAS | {"withdraw", "correct"}
RETRACTED = frozenset(
    {"story", "report", "post", "article", "tweet", "claim", "statement", "piece", "headline", "remark", "comment"}
)
# "issued a denial of a report that ...", "released a statement saying ...": a verb that reports only
# through the statement it puts out.
ISSUING = frozenset({"issue", "release"})
ISSUED_STATEMENTS = frozenset(
    {"denial", "statement", "clarification", "correction", "rebuttal", "retraction", "rejoinder", "disclaimer"}
)
# "is calling on the council to investigate", "called for an inquiry": a demand is said.
CALL_LEMMA = "call"
CALLING_PARTICLES = frozenset({"on", "for", "upon"})
# "was denied by police": in the passive the agent says it.
PASSIVE_AUXILIARY = "auxpass"
# "The rebels claimed to have downed a jet": the subject itself claims, in the active; "X said to buy" is hearsay.
SAYS_IT_DID = frozenset({"claim", "promise", "pledge", "vow", "threaten"})
COORDINATED = re.compile(r"^(?:and|or|&)\s", re.IGNORECASE)
AGED = re.compile(r"^\d+[-\s]year[-\s]old\s+", re.IGNORECASE)
DENY_LEMMA = "deny"  # also "deny him a visa": a refusal, told apart by the parse (`refused_to_someone`)
RECEIVING_PRONOUNS = frozenset({"me", "him", "her", "us", "you"})  # not "it", "them": "denied them" may be reports
PEOPLE_ENTITIES = frozenset({"PERSON", "NORP"})
# "put", "call", "describe" report only with their figure or verdict: "put the toll at 80", "called it
# false", "described it as baseless". (dependency, word or None for any)
NEEDS_COMPLEMENT: dict[str, tuple[str, str | None]] = {
    "put": ("prep", "at"),
    "describe": ("prep", "as"),
    "call": ("oprd", None),
    "brand": ("oprd", None),
    "label": ("oprd", None),
    "quote": ("prep", "as"),
    "cite": ("prep", "as"),  # "cited a confidential schedule as saying"
    "revise": ("prep", "to"),  # "revised its count to 268": the source gives a new figure
    "raise": ("prep", "to"),
    "lower": ("prep", "to"),
}
OBJECT_COMPLEMENT = "oprd"
# "quoted X as saying", "cited X as saying": the object speaks, the subject only carried it.
SPEAKING_OBJECT = frozenset({"quote", "cite"})
SPOKEN_DEPS = frozenset({"dobj", "nsubjpass"})  # who is quoted: "quoted Al-Fahd as saying", "he was quoted as saying"
# The nouns news uses for the people it gets a story from, as lemmas: "citing sources", "quoting officials".
INFORMANTS = frozenset({"source", "official", "person", "people", "insider", "aide", "executive", "employee"})
# The passive of hearsay: a past form of a reporting verb, then "to" and a verb in its base form ("said
# to buy") or a participle ("reported wounded").
PAST_TAGS = frozenset({"VBD", "VBN"})
BASE_VERB_TAGS = frozenset({"VB"})
PARTICIPLE_TAG = "VBN"
CLAUSAL_HEADS = frozenset({"amod", "compound"})  # a participle describing a noun ("wounded civilians")
# A headline In Title Case hides verbs from the tagger: at least this many words, this share capitalised.
MIN_TITLE_WORDS = 4
TITLE_SHARE = 0.7
NAME_JOINERS = frozenset({"-", "–", "&", "."})  # written onto the next word inside a name: "WCVB-TV", "AT&T"
# Verbs that report a statement even with a noun object ("denied the reports", "reported a loss"):
# "according to X" beside them is the outlet that relayed it, not the speaker.
SPEECH_ACTS = frozenset(
    {
        "say", "tell", "state", "report", "deny", "confirm", "reject", "dismiss", "dispute", "refute",
        "rebut", "contradict", "contest", "claim", "insist", "add", "write", "post", "publish", "tweet",
        "acknowledge", "admit", "allege", "assert", "warn", "estimate", "count", "put", "call",
    }
)  # fmt: skip
# A confirmation or comment withheld ("X would not confirm the reports"): negated, the verb still has a
# speaker, and the claim is not confirmed (claims.py reads the same verbs).
WITHHOLDABLE = frozenset({"confirm", "verify", "corroborate", "authenticate", "comment"})
RELAYING_LEMMAS = frozenset({"cite", "quote"})  # "sources cited by X", "officials quoted by X"
CLAUSAL_COMPLEMENTS = frozenset({"ccomp", "xcomp", "parataxis"})  # what a reporting verb says
SUBJECT_DEPS = frozenset({"nsubj"})
# What a speaker phrase holds besides the speaker, by the parse: "Saudi Airlines on Sunday", "the
# official concerned", "Kuo, who also predicts...", "After an initial autopsy, the office".
LEADING_DROPS = frozenset({"prep", "advcl", "advmod", "npadvmod", "punct", "cc", "mark"})
TRAILING_DROPS = frozenset({"relcl", "acl", "advcl", "advmod", "npadvmod", "punct", "cc", "mark"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
DEPENDENT_CLAUSES = frozenset({"relcl", "acl", "advcl", "xcomp"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
NOUN_CLAUSES = frozenset({"relcl", "acl"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
AUTHOR_PREPOSITIONS = frozenset({"from", "by"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
TITLE_DEPS = frozenset({"compound", "amod"})  # "invertebrate expert Paul Clark"
NAME_PARTICLES = frozenset({"al", "al-", "bin", "ibn", "de", "da", "di", "del", "van", "von", "der", "le", "la"})
STRANDED_DEPS = frozenset({"appos", "conj"})  # where a bad parse leaves a speaker's name
CLIMB_LIMIT = 3  # clauses climbed to find the subject a participle leans on
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl"})
# "X estimated the protest drew one million while police said 240,000": a source set against another
# reports on its own, wherever the parser hung its clause.
CONTRASTING_MARKS = frozenset({"while", "whereas"})
EXPLETIVES = frozenset({"it", "there", "this", "that", "which", "who"})
JOINING_POS = frozenset({"CCONJ", "PUNCT"})  # ", but" before a second predicate
CONNECTIVE_POS = frozenset({"ADV", "CCONJ", "SCONJ", "INTJ"})
THAT = re.compile(r"that\s+", re.IGNORECASE)  # the complementizer opens the content, it is not part of it
TITLES = re.compile(r"(?:mr|mrs|ms|dr|prof)\.?|the|an?", re.IGNORECASE)  # forms of address or an article: no role
# Abbreviated ranks and forms of address closing a role ("spokesman Lt. Col." of "... Lt. Col. James
# Sahady"); "Inc." or "Co." closing a company's name are no rank.
RANKS = re.compile(
    r"(?:,?\s+(?:Lt|Col|Gen|Maj|Capt|Sgt|Cpl|Pvt|Adm|Cmdr|Brig|Dr|Prof|Rev|Sen|Rep|Gov|Mr|Mrs|Ms)\.?)+\s*,?$"
)
VERB_POS = frozenset({"VERB", "AUX"})
SAID_CLAUSE = "ccomp"  # what a reporting verb says, as a clause
OWN_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "expl"})  # a verb with one of these has its own subject
SHORT_FORM = re.compile(r"\(\s*[A-Z]{2,}\s*\)?")  # "(IBM)" after a name is its short form, no role
ASIDE = re.compile(r",\s+(?=(?:with|of|for|from|at|in|on)\s)")  # ", with the group ...", not "Land, Infrastructure"
INDEFINITE = re.compile(r"^(?:an?|one)\s+", re.IGNORECASE)  # an unnamed source as first introduced
POSSESSIVE = re.compile(r"\s*['’]s$")
POSSESSOR = re.compile(r"^(?:[\w-]+\s*['’]s|his|her|their|its)\s+(?=\S)", re.IGNORECASE)
DEFINITE = re.compile(r"^the\s", re.IGNORECASE)
# "the official concerned", "the official in question": a description that points back at whoever was just
# named, whatever role the article gave them.
POINTING_BACK = re.compile(r"\s+(?:concerned|in\s+question)\b", re.IGNORECASE)
ANAPHORIC = re.compile(r"^(?:same|said|aforementioned)\s+")  # "the same official" points back
# How news describes an unnamed source after its noun: "a source familiar with the matter", "a person close
# to the talks", "officials briefed on the plan"; the noun is the head, the rest describes it.
DESCRIBING_TAIL = re.compile(r"\s+(?:familiar|close|briefed|knowledgeable|speaking|who|with)\b")
HONORIFICS = re.compile(r"^(?:mr|mrs|ms|dr|prof|president|minister|general|gen)\.?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    role: str | None
    cited_source: str | None
    verb: str | None
    content_start: int
    content_end: int
    is_meta: bool = False
    closing: bool = False

    @property
    def by_outlet(self) -> bool:
        """Whether the verb is an outlet's: reported, wrote, published ("CNBC is reporting", "X reported that")."""
        return self.verb is not None and CHANNEL_VERBS.match(self.verb.split()[0]) is not None


@dataclass
class Speakers:
    """Speakers named so far in one document, for "He said" and "Rutte stressed"."""

    known: list[tuple[str, str | None, bool]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # full names met anywhere, for a later bare surname
    described: dict[str, str] = field(default_factory=dict)  # full name -> how the article describes them
    organisations: Counter[str] = field(default_factory=Counter)  # organisations the article names, how often
    aliases: dict[str, str] = field(default_factory=dict)  # "IBM" -> "International Business Machines"
    outlets: set[str] = field(default_factory=set)  # outlets and channels statements came through
    # The person who spoke in the sentence just before, if a named person did: "the official concerned" in
    # the next sentence, an informant described, is most likely them when the article gave them no other
    # role or the description points back ("concerned", "in question").
    latest: str | None = None

    def heard(self, speaker: str | None) -> None:
        """Note who spoke in the sentence just read (a named person, or nobody to point back at)."""
        self.latest = speaker if self.is_person(speaker) else None

    def note_people(self, doc: Doc) -> None:
        for ent in doc.ents:
            name = POSSESSIVE.sub("", ent.text)  # "CEO Elon Musk's plan" names Elon Musk
            if ent.label_ == ORGANISATION_LABEL:
                short = _short_form(ent)
                if short is not None:
                    self.aliases[short] = name
                if not _bracketed(ent):  # "(IBM)" right after its full name is the same mention
                    self.organisations[self.aliases.get(name, name)] += 1
            if ent.label_ == PERSON_LABEL and len(name.split()) > 1 and _looks_like_a_name(name):
                if name not in self.people:
                    self.people.append(name)
                description = _description(ent)
                if description and name not in self.described:
                    self.described[name] = description

    def add(self, name: str, role: str | None, is_person: bool) -> str:
        canonical = self.match_name(name, first_names=is_person) or name
        if canonical == name:
            self.known.append((name, role, is_person))
        return canonical

    def is_person(self, name: str | None) -> bool:
        """Whether `name` was met as a person's name."""
        return name is not None and any(known == name and person for known, _, person in self.known)

    def role_of(self, name: str) -> str | None:
        """The role given with the name as a speaker, or else wherever the article described them."""
        spoken = next((role for known, role, _ in self.known if known == name and role), None)
        return spoken or self.described.get(name)

    def match_name(self, name: str, first_names: bool = True) -> str | None:
        """The person named before whom `name` names: the same name or surname, a fuller name, or (for a
        person, `first_names`) the first part of one ("Azman" of "Azman Ujang"; "Israel" is no "Israel Katz")."""
        last = name.split()[-1].lower()
        for known, _, is_person in reversed(self.known):
            if is_person and (known.lower() == name.lower() or known.split()[-1].lower() == last):
                return known
        fuller = [p for p in reversed(self.people) if p.split()[-1].lower() == last and len(p) > len(name)]
        if fuller:
            self.known.append((fuller[0], None, True))
            return fuller[0]
        if first_names and " " not in name:  # "Azman" of "Azman Ujang": where a name is used by its first part
            first = [known for known, _, person in reversed(self.known) if person and known.split()[0] == name]
            return first[0] if len(set(first)) == 1 else None
        return None

    def match_role(self, phrase: str) -> str | None:
        wanted = POSSESSOR.sub("", _bare(phrase))  # "the boy's father" is whoever was "his father"
        wanted = ANAPHORIC.sub("", wanted)  # "the same official": the official met before
        for known, role, _ in reversed(self.known):
            if role and _fits(role, wanted):
                return known
            if INDEFINITE.match(known) and wanted not in PUBLICATIONS and _fits(INDEFINITE.sub("", known), wanted):
                return known  # "the spokesman": the one introduced as "a spokesman for the government"
        for person in reversed(self.people):
            description = self.described.get(person)
            if description and _fits(description, wanted):
                return person  # "the analyst": the person the article described as "CIBC analyst Todd Coupland"
        return None

    def body_of(self, phrase: str) -> str | None:
        """The organisation a speaker stands for when the text does not name it: "the company", "the IT
        company", "the tech giant", "a company spokesman" is the organisation the article names most (of
        equals, the one first named last; the counts cover the whole article, which is read before its
        claims are drafted); "IBM" is the "International Business Machines (IBM)" named before."""
        if phrase in self.aliases:
            return self.aliases[phrase]
        words = _head_words(phrase)
        common = len(words) > 1 and all(word.islower() or word.isupper() for word in words[1:])
        named_by_head = common and words[0].lower() == "the" and words[-1] in ORGANISATION_NOUNS  # "the IT company"
        speaking_for = common and len(words) > 2 and words[0].lower() in {"a", "an"} and words[-2] in ORGANISATION_NOUNS
        generic = named_by_head or speaking_for  # or "a company spokesman"
        bodies = {n: c for n, c in self.organisations.items() if not any(same_source(n, o) for o in self.outlets)}
        if not generic or not bodies:
            return None  # an outlet the article cites ("The Daily Ledger reported") is no company it reports on
        most = max(bodies.values())
        return [name for name, count in bodies.items() if count == most][-1]

    def last(self, kind: str) -> str | None:
        """Who "he", "they" or "it" is: the last speaker (for "it", the last body that spoke); failing one,
        for "he" or "she", the last person named."""
        for known, _, is_person in reversed(self.known):
            if kind == "body":
                if not is_person and not _someone_described(known) and known not in self.outlets:
                    return known  # "It said": the company or ministry that spoke last, not an outlet
                continue
            if kind == "any" or is_person or _someone_described(known):
                return known
        return self.people[-1] if self.people and kind == "person" else None


def _bracketed(name: Span) -> bool:
    doc = name.doc
    return name.start > 0 and name.end < len(doc) and doc[name.start - 1].text == "(" and doc[name.end].text == ")"


def _short_form(name: Span) -> str | None:
    """ "IBM" of "International Business Machines (IBM)": an acronym in brackets right after the name."""
    doc = name.doc
    if name.end + 2 >= len(doc) or doc[name.end].text != "(" or doc[name.end + 2].text != ")":
        return None
    short = doc[name.end + 1]
    return short.text if short.is_upper and short.is_alpha and len(short) > 1 else None


def _head_words(phrase: str) -> list[str]:
    """The words of a description up to its tail: "a spokesman" of "a spokesman for the ministry"."""
    return ROLE_TAIL.split(phrase)[0].split()


def _someone_described(phrase: str) -> bool:
    """ "The 'mujahideen' spokesperson", "an anonymous caller": one person the article does not name, whom
    "he" or "she" can stand for; not "the ministry", "the report" or "officials"."""
    words = _head_words(phrase)
    word = words[-1] if words else ""
    single = words[:1] in (["The"], ["the"], ["A"], ["a"], ["An"], ["an"])  # not "Sources close to ..."
    common = single and word.isalpha() and word.islower() and not word.endswith("s")
    return common and word not in ORGANISATION_NOUNS | PUBLICATIONS | INSTITUTIONS


def _fits(role: str, wanted: str) -> bool:
    """Whether "the analyst" can be the person described as `role` ("CIBC analyst", "Iraq's ambassador
    to the UN"); "the company" is not "chief executive of the company": a role is judged by its head."""
    head = DESCRIBING_TAIL.split(ROLE_TAIL.split(_bare(role))[0])[0]  # "a source | familiar with the matter"
    return head == wanted or head.endswith(" " + wanted)


def _a_title(word: Token) -> bool:
    """ "expert" of "invertebrate expert Paul Clark", "CEO" of "CEO Elon Musk"; not a name ("Tesla")."""
    return word.pos_ == "NOUN" or (word.is_upper and word.is_alpha and len(word) > 1)


def _looks_like_a_name(text: str) -> bool:
    """ "Paul Clark", "Abdul Rahman al-Fahd", not "Macrocheira kaempferi -" (a tagger's mistake)."""
    words = text.split()
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _description(name: Span) -> str | None:
    """How a sentence describes a person, by the parse: "Iraq's ambassador to the UN, Mohamed Alhakim",
    "Abdullah Al-Ajhar, the airline's spokesman", "invertebrate expert Paul Clark"."""
    head = name.root
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        described = head.head
        words = [t for t in described.subtree if not head.left_edge.i <= t.i <= head.right_edge.i]
    else:
        apposition = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        titles = [c for c in head.children if c.i < name.start and c.dep_ in TITLE_DEPS and _a_title(c)]
        if apposition is not None:
            words = list(apposition.subtree)
        elif titles:
            words = [t for t in name.doc[titles[0].left_edge.i : name.start] if t.ent_type_ != PERSON_LABEL]
        else:
            return None
    text = " ".join(t.text_with_ws.strip() for t in words if not t.is_punct or t.text in {"'s", "’s", "-"})
    text = text.replace(" 's", "'s").replace(" ’s", "’s").replace(" - ", "-")  # "22 - year - old": "22-year-old"
    return _role(text) or None


def attribute(doc: Doc, speakers: Speakers) -> Attribution | None:
    """The attribution of one parsed sentence, or None when the article speaks for itself."""
    text = doc.text
    speakers.note_people(doc)
    according = _according_to(doc, speakers)
    finders = (_opening, _closing, _by_parse, _introduced)
    # "Guwahati, May 2 (IANS) ...": a dateline's place or agency speaks for nobody; the next reading may.
    found = next(
        (f for finder in finders if (f := finder(doc, speakers)) is not None and not _in_dateline(text, f.speaker)),
        None,
    )
    if found is not None and _hearsay(doc, found):
        found = _closing(doc, speakers)  # "The man said to be the leader was held, police said": police speak
    if found is None:
        return according
    found = _without_own_acts(doc, _inner_speaker(doc, speakers, found))
    if according is not None and (_does_not_report(doc, found) or _describes_the_source(doc, found)):
        return according  # "HP will announce the split, according to WSJ": WSJ answers for the sentence
    if according is not None and found.cited_source is None and found.speaker != according.speaker:
        found = _replace(found, cited_source=according.speaker)
    citing = CITING.search(text)
    if citing and found.cited_source in {None, found.speaker}:
        relay = found.speaker if _publishes(doc, found) else None
        source = _cited_speaker(doc, speakers, citing) if relay is not None else None
        if source is not None and relay is not None:
            return _replace(found, speaker=source[0], role=source[1], cited_source=_outlet(doc, relay))
        return _replace(found, cited_source=citing["src"].strip())
    if found.cited_source is None:
        return _replace(found, cited_source=_channel(doc, found.speaker))
    return found


def _without_own_acts(doc: Doc, found: Attribution) -> Attribution:
    """What was said ends where the sentence goes on to tell what the speaker did ("told reporters that
    the commander was dead, but would not answer questions"): a predicate joined to the reporting verb,
    sharing its subject, that reports nothing is the speaker's act, not part of the statement."""
    verb = reporting_verb(doc, found) if not found.closing else None
    if verb is None:
        return found
    acts = [
        child
        for child in verb.children
        if child.dep_ == "conj" and child.i > verb.i and _an_act(child) and child.idx > found.content_start
    ]
    if not acts:
        return found
    first = acts[0].left_edge.i
    joined_by = []
    while first > 0 and doc[first - 1].pos_ in JOINING_POS:
        first -= 1
        joined_by.append(doc[first].text)
    # A comma marks the act off (", but would not answer"); without one the parse may have hung the second
    # half of what was said on the verb ("confirm that troops were sent to Russia and units are deployed").
    if "," not in joined_by:
        return found
    end = token_end(doc[first - 1]) if first > 0 else found.content_start
    return replace(found, content_end=end) if found.content_start < end < found.content_end else found


def _an_act(predicate: Token) -> bool:
    """A verb the speaker does rather than says, with no subject of its own ("would not answer questions")."""
    own_subject = any(child.dep_ in SUBJECTS for child in predicate.children)
    return predicate.pos_ in {"VERB", "AUX"} and not own_subject and not reports_something(predicate)


def _inner_speaker(doc: Doc, speakers: Speakers, found: Attribution) -> Attribution:
    """ "Police believe the attackers were jealous lovers, the Austrian Times reported", "Reuters reported
    that the company said it would cut jobs": an outlet's report of what someone else holds or said; the
    one who holds or said it speaks, the outlet is the channel."""
    if not found.by_outlet or (not found.closing and CITING.search(doc.text)):
        return found  # "Reuters reported, citing two officials, that ...": the officials are the speaker
    outer = reporting_verb(doc, found)
    inner = next((c for c in outer.children if _reports_within(c, found.content_end)), None) if outer else None
    if inner is not None and not found.closing and not _speaks(inner):
        return found  # "X reported that residents feared ...", "that nobody said": the outlet's own account
    own = attribute_verb(doc, inner, speakers, 0, found.content_end) if inner is not None else None
    if own is None or own.speaker is None:
        return found
    return _replace(own, cited_source=found.speaker)


def _speaks(verb: Token) -> bool:
    """A speech act by someone who said something: not a belief or fear, not "nobody said", "said
    nothing", and not a report's ("a government report said"), which stays the outlet's account."""
    subject = _subject(verb)
    if verb.lemma_.lower() not in SPEECH_ACTS or subject is None or a_publication(subject.text):
        return False
    return not no_one(subject) and not any(c.dep_ == "dobj" and no_one(c) for c in verb.children)


def _reports_within(clause: Token, end: int) -> bool:
    """A reporting verb heading the reported clause before `end`, with a subject of its own."""
    reports = clause.dep_ == "ccomp" and reports_something(clause)
    return reports and token_end(clause) <= end and _subject(clause) is not None


def _cited_speaker(doc: Doc, speakers: Speakers, citing: re.Match[str]) -> tuple[str | None, str | None] | None:
    """Who speaks where an outlet cites someone ("a report from Benzinga, citing a source familiar with
    the news"): the one cited, when it is a person or an informant ("sources close to the situation");
    an outlet cited by an outlet ("media, quoting a local daily") is a relay, not the speaker."""
    start, end = noun_phrase(doc, citing.start("src"), citing.start("src") + len(citing["src"].rstrip()))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not _is_speaker_phrase(doc, start, end):
        return None
    head = span.root
    if head.ent_type_ != PERSON_LABEL and head.lemma_.lower() not in INFORMANTS:
        return None
    return _resolve(doc, speakers, start, end)


def _publishes(doc: Doc, found: Attribution) -> bool:
    """Whether the speaker found is an outlet or its report: it reports, writes or publishes, a report or
    story is the subject ("a report from Benzinga, citing ..., says"), or it said so in a report. "The
    White House said, citing officials" keeps the White House as the speaker."""
    if found.by_outlet:
        return True
    return any(t.lemma_.lower() in PUBLICATIONS and (t.dep_ in SUBJECTS or _in_a_report(t)) for t in doc)


def _in_a_report(noun: Token) -> bool:
    """ "the Journal said in a report": the statement was published."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.pos_ == "VERB"


def _outlet(doc: Doc, phrase: str) -> str:
    """The organisation a speaker phrase names ("a report in the Vancouver Province"), else the phrase."""
    named = [e.text for e in doc.ents if e.label_ in ORGANISATION_LABELS and e.text in phrase]
    return max(named, key=len) if named else phrase


def _hearsay(doc: Doc, found: Attribution) -> bool:
    """A reporting verb in the passive of hearsay, its auxiliary dropped as headlines do: "X said to
    buy", "X reported to be near", "X reported wounded": X is what is said of, nobody is said to speak."""
    verb = None if found.closing else reporting_verb(doc, found)
    if verb is None or verb.tag_ not in PAST_TAGS or verb.i + 1 >= len(doc) or verb.lemma_.lower() in SAYS_IT_DID:
        return False
    after = doc[verb.i + 1]
    if after.lower_ == "to" and verb.i + 2 < len(doc):
        infinitive = doc[verb.i + 2]  # a headline's capitals hide the verb from the tagger: "Said to Buy"
        return infinitive.tag_ in BASE_VERB_TAGS or (infinitive.is_title and _title_case(doc))
    # "reported wounded", not "said wounded civilians were ...": the participle completes the verb itself
    return after.tag_ == PARTICIPLE_TAG and after.head == verb and after.dep_ not in CLAUSAL_HEADS


def _title_case(doc: Doc) -> bool:
    """A headline written In Title Case: most of its words capitalised."""
    words = [t for t in doc if t.is_alpha]
    return len(words) >= MIN_TITLE_WORDS and sum(t.is_title or t.is_upper for t in words) >= TITLE_SHARE * len(words)


def reporting_verb(doc: Doc, found: Attribution) -> Token | None:
    """The reporting verb an attribution stands on, as a token: of the words spelt like it, the one
    right before what was said (right after it for a closing "..., police said")."""
    word = found.verb.split()[0] if found.verb else None
    if found.closing:
        after = doc.char_span(found.content_end, len(doc.text), alignment_mode="expand")
        return next((t for t in after or () if t.lower_ == word and t.pos_ == "VERB"), None)
    before = doc.char_span(0, found.content_start, alignment_mode="expand") if found.content_start else None
    spelt = [t for t in before or () if t.lower_ == word and t.pos_ == "VERB"]
    return spelt[-1] if spelt else next((t for t in doc if t.lower_ == word and t.pos_ == "VERB"), None)


def _describes_the_source(doc: Doc, found: Attribution) -> bool:
    """Whether the verb `found` stands on is inside "according to X", describing X: "The photo was staged,
    according to a photographer who says he was there": the photographer answers for the sentence, not for
    "he was there"."""
    verb = reporting_verb(doc, found)
    return verb is not None and any(a.lower_ == "according" for a in verb.ancestors)


def _does_not_report(doc: Doc, found: Attribution) -> bool:
    """Whether the verb `found` stands on only names an act ("will announce the separation", "suggested
    the use of ..."): no clause, quotation or figure follows it, so it is what is reported, not a report."""
    verb = reporting_verb(doc, found)
    if verb is None or verb.lemma_.lower() in SPEECH_ACTS or any(t.is_quote for t in doc):
        return False
    if any(c.dep_ in CLAUSAL_COMPLEMENTS for c in verb.children) or verb.lemma_.lower() in NEEDS_COMPLEMENT:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and not any(t.like_num for o in objects for t in o.subtree)


def _last_word(verb: Token) -> bool:
    """ "..., the Associated Press reports.": the verb that ends the sentence names the channel."""
    return all(t.is_punct for t in verb.doc[verb.i + 1 :])


def _channel(doc: Doc, speaker: str | None) -> str | None:
    """The named outlet a statement went through, by the parse: "told The Independent", "speaking to
    Arab News", "when contacted by The Huffington Post", "..., the Associated Press reports"; a person
    told something ("told Comey to ...") is no outlet."""
    for token in doc:
        lemma = token.lemma_.lower()
        relays = CHANNEL_LINKS.get(lemma, ())
        for child in token.children:
            outlet = None
            if (child.dep_, "") in relays:
                outlet = child
            elif child.dep_ in {"prep", "agent"} and (child.dep_, child.lower_) in relays:
                outlet = next((c for c in child.children if c.dep_ == "pobj"), None)
            if outlet is not None and outlet.pos_ == "PROPN" and outlet.ent_type_ != PERSON_LABEL:
                start, end = _phrase_of(outlet)
                return _clean(doc.text[start:end])
        subject = _subject(token) if CHANNEL_VERBS.match(token.text) and _last_word(token) else None
        if subject is not None and subject.pos_ == "PROPN" and subject.ent_type_ in ORGANISATION_LABELS:
            start, end = _phrase_of(subject)
            named = _clean(doc.text[start:end])
            if named != speaker:
                return named
    return None


def _opening(doc: Doc, speakers: Speakers) -> Attribution | None:
    text = doc.text
    offset = _discourse_end(doc, dateline_end(text))
    lead = LEAD.match(text, offset)
    offset = lead.end() if lead else offset
    match = OPENING.match(text[offset:])
    if match is None:
        return None
    who_start, who_end = noun_phrase(doc, offset + match.start("who"), offset + match.end("who"))
    if not _is_speaker_phrase(doc, who_start, who_end) or not _is_verb_at(doc, offset + match.start("verb")):
        return None
    if _in_noun_clause(doc, offset + match.start("verb")):
        return None  # "The driver who claimed ... was": the verb describes the subject, nobody speaks
    verb, content_start = _audience(doc, offset + match.start("verb"), match["verb"], offset + match.end())
    is_meta = bool(META.match(text[content_start:])) and len(text) - content_start < len(text) // 2 + 40
    return _build(
        doc,
        speakers,
        who_start,
        who_end,
        verb,
        content_start,
        len(text),
        is_meta=is_meta,
    )


def _audience(doc: Doc, verb_start: int, verb: str, content_start: int) -> tuple[str, int]:
    """ "told The Independent: ...": whom the speaker told, whole (the pattern takes one word), and
    where what was told begins."""
    span = doc.char_span(verb_start, verb_start + 1, alignment_mode="expand")
    if not TOLD.match(verb) or span is None:
        return verb, content_start
    told = next((c for c in span[0].children if c.dep_ in {"dobj", "dative"}), None)
    if told is None:
        return verb, content_start
    start, end = _phrase_of(told)
    audience = doc.text[start:end]
    while end < len(doc.text) and doc.text[end] in " :,":
        end += 1
    that = THAT.match(doc.text, end)
    return f"told {audience}", max(content_start, that.end() if that else end)


def _discourse_end(doc: Doc, offset: int) -> int:
    """ "However, the clinic has denied ...": a connective and its comma open the sentence, not the speaker."""
    tokens = [t for t in doc if t.idx >= offset][:2]
    if len(tokens) == 2 and tokens[0].pos_ in CONNECTIVE_POS and tokens[1].text == ",":
        return token_end(tokens[1]) + 1
    return offset


def _in_dateline(text: str, speaker: str | None) -> bool:
    """Whether the speaker found is only the dateline's place or agency."""
    end = dateline_end(text)
    return end > 0 and speaker is not None and speaker in text[:end] and speaker not in text[end:]


def dateline_end(text: str) -> int:
    """Where a leading dateline ends (0 without one)."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def _closing(doc: Doc, speakers: Speakers) -> Attribution | None:
    text = doc.text
    match = CLOSING.search(text)
    if match is None:
        return None
    group, verb_group = ("who", "verb") if match["who"] else ("who2", "verb2")
    start, end = noun_phrase(doc, match.start(group), match.end(group))
    if not _is_speaker_phrase(doc, start, end) or not _is_verb_at(doc, match.start(verb_group)):
        return None  # "..., unless the United States ended ...": a name, not a closing "states"
    verb = match[verb_group]
    if verb_group == "verb2" and verb.lower() in OBJECT_TAKING and not _names_a_speaker(doc, start, end):
        return None  # "The storm hit the coast, confirmed 20 deaths": an object, no speaker
    return _build(doc, speakers, start, end, verb, 0, match.start(), closing=True)


def _names_a_speaker(doc: Doc, start: int, end: int) -> bool:
    """Whether the phrase `doc.text[start:end]` names a person, a body or an informant ("a local official")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.ent_type_ in SPEAKER_LABELS or root.lemma_.lower() in INFORMANTS


def _according_to(doc: Doc, speakers: Speakers) -> Attribution | None:
    """ "According to the monitoring service SITE Intelligence Group, ...": the source, as it is named."""
    match = ACCORDING_TO.search(doc.text)
    if match is None:
        return None
    named_end = match.start("src") + len(match["src"].rstrip())
    start, end = noun_phrase(doc, match.start("src"), named_end)
    if not _is_speaker_phrase(doc, start, end):
        return None
    source, role = _resolve(doc, speakers, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    relay = _relay(span.root) if span is not None else None
    if span is None or not (relay or _an_outlet(span.root)) or source in speakers.people:
        return Attribution(source, role, None, None, 0, len(doc.text))  # "according to police": no outlet carries it
    return Attribution(source, role, relay or source, None, 0, len(doc.text))


def _an_outlet(head: Token) -> bool:
    """What "according to X" can name as the channel: a named organisation or a report ("a published
    report", "the media"); not a person, nor "police" or "the new system"."""
    named = head.pos_ == "PROPN" and head.ent_type_ != PERSON_LABEL
    return named or head.lemma_.lower() in PUBLICATIONS


def _relay(source: Token) -> str | None:
    """ "sources cited by The Wall Street Journal": the outlet that relays the source."""
    for clause in source.children:
        outlet = agent(clause) if clause.dep_ == "acl" and clause.lemma_.lower() in RELAYING_LEMMAS else None
        if outlet is not None:
            start, end = _phrase_of(outlet)
            return _clean(source.doc.text[start:end])
    return None


def reports_something(verb: Token) -> bool:
    """Whether the verb is a reporting verb, used to report: not "to deny Muslims their safety"."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_LEMMAS and not refused_to_someone(verb)


def refused_to_someone(verb: Token) -> bool:
    """ "deny him a visa", "were denied entry": "deny" with a receiver withholds a thing, not a statement."""
    if verb.lemma_.lower() != DENY_LEMMA:
        return False
    deps = {child.dep_ for child in verb.children}
    receiver = any(child.dep_ == "dobj" and _a_receiver(child) for child in verb.children)
    return receiver or "dative" in deps or {"nsubjpass", "dobj"} <= deps


def _a_receiver(noun: Token) -> bool:
    """ "deny Muslims their safety", "denied him": a person or people, not "denied the report" or "denied it"."""
    return noun.lower_ in RECEIVING_PRONOUNS or noun.ent_type_ in PEOPLE_ENTITIES


def reporting_clauses(doc: Doc) -> list[Token]:
    """The reporting verbs of the sentence's main clauses that have a subject of their own, in order."""
    found: list[Token] = []
    for token in doc:
        if not reports_something(token) or not _is_main(token):
            continue
        needed = NEEDS_COMPLEMENT.get(token.lemma_.lower())
        if needed and not _complemented(token, *needed) and not _calls_on(token):
            continue
        if token.lemma_.lower() in ISSUING and not _issues_a_statement(token):
            continue  # "the company issued a recall": nobody speaks
        if token.lemma_.lower() in RETRACTING and not retracts(token):
            continue  # "engineers corrected the fault": nothing said is taken back
        if token.lemma_.lower() in SPEAKING_OBJECT and not _as_saying(token):
            continue  # "analysts cited rising costs as a reason": nobody speaks
        if any(child.dep_ == "neg" for child in token.children) and token.lemma_.lower() not in WITHHOLDABLE:
            continue  # "X has not claimed that ...": the article denies it was said, nobody says it
        subject = _subject(token)
        if subject is not None and _is_speaker_phrase(doc, *_phrase_of(subject)):
            found.append(token)
    return found


def noun_phrase(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The speaker's own words in `doc.text[start:end]`, by the parse: the phrase's head noun with what
    names and describes it (compounds, determiners, appositions, "close to the situation"), without
    times, relative clauses and openers. Unchanged where the parse gives no single head (the caller
    then judges the whole phrase)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    heads = [t for t in span if not span.start <= t.head.i < span.end or t.head is t]
    if not heads:
        return start, end
    core = [t for t in heads if t.dep_ not in LEADING_DROPS]
    if len(core) != 1:
        return start, end  # several phrases ("Reports ... are false, they"): not one speaker's
    head = core[0]
    kept = [head.i]
    for child in head.children:
        dropped = LEADING_DROPS if child.i < head.i else TRAILING_DROPS
        if child.dep_ in dropped or (child.i > head.i and _is_time(child)) or _describes_again(head, child):
            continue
        kept.extend(_without_clauses(child))
    words = [i for i in kept if not doc[i].is_punct] or kept  # a comma left after a dropped apposition is no word
    first, last = min(words), max(words)
    while first < last and doc[first].is_punct:
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    return max(start, doc[first].idx), min(end, token_end(doc[last]))


def _describes_again(head: Token, child: Token) -> bool:
    """ "A spokesperson for Saudi Aramco, Saudi Arabia's oil company": a description in apposition to a
    described speaker says more about what the phrase names; a name in apposition is the speaker."""
    return child.dep_ == "appos" and child.pos_ == "NOUN" and head.pos_ == "NOUN"


def _without_clauses(token: Token) -> list[int]:
    """The token's subtree without the clauses and appositions that describe a noun deeper down: "a
    writer at Quartz.com, who has interviewed protesters" names the writer at Quartz.com, "a spokesperson
    for Saudi Aramco, Saudi Arabia's oil company" the spokesperson for Saudi Aramco."""
    kept = [token.i]
    for child in token.children:
        describes = child.dep_ in NOUN_CLAUSES or (child.dep_ == "appos" and child.pos_ != "PROPN")
        if not describes:  # a name in apposition stays, wherever the parse hung it ("the head of X, Anna Petrenko")
            kept.extend(_without_clauses(child))
    return kept


def _is_time(modifier: Token) -> bool:
    """ "on Sunday", "in May": when it was said, not who said it."""
    return modifier.dep_ == "prep" and any(t.ent_type_ in TIME_ENTITIES for t in modifier.subtree)


def _phrase_of(token: Token) -> tuple[int, int]:
    return noun_phrase(token.doc, token.left_edge.idx, token_end(token.right_edge))


def _complemented(verb: Token, dep: str, word: str | None) -> bool:
    """Whether the verb has the figure or verdict it reports with ("put the toll at 80", "called it false").
    The small parser often reads an object and its complement as two objects ("branded the photo a hoax")."""
    if any(_completes(child, dep, word) for child in verb.children):
        return True
    return dep == OBJECT_COMPLEMENT and sum(child.dep_ == "dobj" for child in verb.children) > 1


def _calls_on(verb: Token) -> bool:
    """ "is calling on the Security Council to investigate", "called for an inquiry": a demand is said."""
    return verb.lemma_.lower() == CALL_LEMMA and any(
        child.dep_ in {"prep", "prt"} and child.lower_ in CALLING_PARTICLES for child in verb.children
    )


def _issues_a_statement(verb: Token) -> bool:
    """ "issued an unusual denial", "released a statement": what is issued is something said."""
    return any(child.dep_ == "dobj" and child.lemma_.lower() in ISSUED_STATEMENTS for child in verb.children)


def retracts(verb: Token) -> bool:
    """ "corrected their post", "retracted the story", "has since retracted", "recanted that story": a source
    takes back what it published ("retract" and "recant" need no object; the others take the thing said or
    published)."""
    lemma = verb.lemma_.lower()
    if lemma not in RETRACTING:
        return False
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    if not objects:
        return lemma in RETRACT_LEMMAS
    return any(o.lemma_.lower() in RETRACTED for o in objects)


def _as_saying(verb: Token) -> bool:
    """ "quoted X as saying", "cited X as telling reporters": the "as" phrase holds a verb of its own."""
    return any(_completes(c, "prep", "as") and any(t.pos_ == "VERB" for t in c.children) for c in verb.children)


def _completes(child: Token, dep: str, word: str | None) -> bool:
    return child.dep_ == dep and (word is None or child.lower_ == word)


def _is_main(token: Token) -> bool:
    """The root, or a clause coordinated with or adverbial to it (a clause cut out of a sentence is its own
    root), or a clause that sets its source against another ("while police said 240,000")."""
    if token.dep_ == "ROOT" or token.head is token:
        return True
    head = token.head
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRASTING_MARKS for c in token.children):
        return True
    return token.dep_ in MAIN_CLAUSE_DEPS and (head.dep_ == "ROOT" or head.head is head)


def _subject(verb: Token) -> Token | None:
    """The verb's subject; after the verb only where what was said comes first ("..., claims Kuo"). In
    the passive, who did the saying: "has been confirmed dead by the intelligence agency", "the report
    was denied by police" (or who carried it: X of "he was quoted by X as saying")."""
    passive = any(child.dep_ == PASSIVE_AUXILIARY for child in verb.children)
    by = agent(verb) if passive else None
    if by is not None:
        return by
    inverted = _reported_before(verb) is not None
    subjects = [
        child
        for child in verb.children
        if child.dep_ in SUBJECT_DEPS and child.lower_ not in EXPLETIVES and (child.i < verb.i or inverted)
    ]
    before = [child for child in subjects if child.i < verb.i]
    # Two subjects where the parse went wrong ("Soldiers ... have been found, US media have reported"):
    # the one next to the verb.
    if before:
        return before[-1]
    return subjects[0] if subjects else _shared_subject(verb) or _stranded_name(verb)


def _shared_subject(verb: Token) -> Token | None:
    """ "Police arrived at the scene and said the man was armed": a verb coordinated after another, with no
    subject of its own, shares that verb's."""
    return _subject(verb.head) if borrows_subject(verb) else None


def borrows_subject(verb: Token) -> bool:
    """A verb coordinated after another without a subject of its own, telling a clause ("and said the man was
    armed"): it says what that verb's subject says. ("The storm hit the coast, claimed 20 lives" tells none.)"""
    own = any(child.dep_ in OWN_SUBJECT_DEPS for child in verb.children)
    coordinated = verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.pos_ in VERB_POS
    return coordinated and tells_a_clause(verb) and not own


def tells_a_clause(verb: Token) -> bool:
    """ "said the man was armed", "(the report) mentions that he died": the verb tells a clause."""
    return any(child.dep_ == SAID_CLAUSE for child in verb.children)


def _stranded_name(verb: Token) -> Token | None:
    """The name the parser hung elsewhere when it left a main reporting verb without a subject: "Asked
    about a link, Icy Ng, a design student, said ..." (the parse puts "Icy Ng" in apposition to, or in
    a list with, what was asked about). The nearest such name before the verb, no other verb between."""
    if verb.dep_ != "ROOT":
        return None
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.pos_ in {"VERB", "AUX"} or token.text in {":", ";"} or token.is_quote:
            return None
        if token.dep_ in STRANDED_DEPS and token.pos_ == "PROPN":
            return token
    return None


def _reported_before(verb: Token) -> Token | None:
    """The clause a reporting verb follows: "The watch may ship in March, claims Kuo", "'We will not
    pay,' the minister said on 'Face the Nation'"."""
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)


def _reported_by_object(verb: Token) -> tuple[Token, Token | None] | None:
    """ "quoted Al-Fahd as saying that ...": the object who spoke and, if found, what was said."""
    if verb.lemma_.lower() not in SPEAKING_OBJECT:
        return None
    spoken = next((c for c in verb.children if c.dep_ in SPOKEN_DEPS), None)  # "quoted X", "X was quoted"
    if spoken is None:
        return None
    said = next((t for c in verb.children if _completes(c, "prep", "as") for t in c.subtree if t.dep_ == "ccomp"), None)
    return spoken, said


def _by_parse(doc: Doc, speakers: Speakers) -> Attribution | None:
    """ "The commission put turnout at 51.5 percent", "Russia refutes that claim": any reporting verb;
    failing one in a main clause, one in a dependent clause that says what was said."""
    verbs = reporting_clauses(doc)
    if verbs:
        return attribute_verb(doc, verbs[0], speakers, 0, len(doc.text))
    for verb in doc:
        said = _said_in_dependent_clause(verb)
        speaker = _dependent_speaker(verb) if said is not None else None
        if said is None or speaker is None or not _is_speaker_phrase(doc, *_phrase_of(speaker)):
            continue
        first = next((t for t in said.subtree if t.dep_ != "mark"), said)
        start, end = _phrase_of(speaker)
        outlet = _clean(doc.text[start:end]) if _publisher(speaker) else None
        return _build(doc, speakers, start, end, verb.text, first.idx, token_end(said.right_edge), cited=outlet)
    return None


def _publisher(author: Token) -> bool:
    """ "a report from The Washington Post alleging ...", "Vox's story": an outlet behind its report
    speaks in its own name, and is the channel too."""
    owner = author.head if author.dep_ == "poss" else author.head.head if author.dep_ == "pobj" else None
    return owner is not None and owner.lemma_.lower() in PUBLICATIONS


def _introduced(doc: Doc, speakers: Speakers) -> Attribution | None:
    """ "Morin's response was straight from the guide: “We don't comment ...”": a quotation the sentence
    opens with a colon is the words of the clause's subject, when that subject is someone: a name, a
    pronoun, or a description the article gave a person; or, where the subject is what the quotation
    is ("Morin's response was"), the name it belongs to."""
    if ":" not in doc.text:
        return None
    for colon in doc[:-1]:
        quote = doc[colon.i + 1]
        if colon.text != ":" or not quote.is_quote:
            continue
        subject = next((c for c in colon.head.children if c.dep_ in SUBJECTS and c.i < colon.i), None)
        if subject is None:
            return None
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if colon.head.lemma_ == "be" and not _someone(subject) and owner is not None and _someone(owner):
            subject = owner  # "Morin's response was": the response is the quotation, Morin speaks it
        start, end = _phrase_of(subject)
        end = min([end, *(c.idx for c in subject.children if c.dep_ == "case")])  # "Morin" of "Morin's"
        if not _is_speaker_phrase(doc, start, end):
            return None
        if not _someone(subject) and not speakers.match_role(doc.text[start:end]):
            return None
        return _build(doc, speakers, start, end, colon.head.text, quote.idx, len(doc.text))
    return None


def _someone(token: Token) -> bool:
    """A name (tagged or not) or a pronoun: someone who can be speaking."""
    return token.ent_type_ in SPEAKER_LABELS or token.pos_ == "PROPN" or token.lower_ in PRONOUNS


def _said_in_dependent_clause(verb: Token) -> Token | None:
    """What a reporting verb of a relative, participial or infinitive clause says: "SITE, which told
    Newsweek the video is authentic", "a report alleging that...", "..., saying the group would not"."""
    if not reports_something(verb) or verb.dep_ not in DEPENDENT_CLAUSES:
        return None
    if _describes_subject(verb):
        return None  # "The protester who claimed she was shot was a false story": the sentence is about her
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)


def _dependent_speaker(verb: Token) -> Token | None:
    """Who speaks in a dependent clause: the noun a relative clause is about; a report's author (its
    "from"/"by" object or possessor) or whoever put the report out; the subject of the clause above."""
    own = _subject(verb)
    if own is not None:
        return own
    if verb.dep_ == "relcl":
        relative = any(c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS for c in verb.children)
        return verb.head if relative else None
    if verb.dep_ == "acl":
        return _author(verb.head)
    before = verb.doc[verb.i - 1] if verb.i > 0 else verb
    if before.pos_ in NOMINAL_POS:
        return _author(_modified_noun(before))  # no comma: "a report from X alleging", however parsed
    head = verb.head
    for _ in range(CLIMB_LIMIT):
        subject = _subject(head)
        if subject is not None:
            return subject
        if head.head is head:
            break
        head = head.head
    return None


def _modified_noun(noun: Token) -> Token:
    """The noun a participle right after `noun` describes: "a report from X alleging" describes the report."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in NOMINAL_POS:
        noun = noun.head.head
    return noun


def _author(report: Token) -> Token:
    """ "a report from The Washington Post", "Vox's story", "The Daily Mail published a story": who
    stands behind a report; the report itself where the sentence does not say."""
    for child in report.children:
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            named = next((c for c in child.children if c.dep_ == "pobj"), None)
            if named is not None:
                return named
        if child.dep_ == "poss":
            return child
    publisher = _subject(report.head) if report.dep_ == "dobj" else None
    return publisher or report


def attribute_verb(doc: Doc, verb: Token, speakers: Speakers, start: int, end: int) -> Attribution | None:
    """The attribution of the clause `doc.text[start:end]` that `verb` heads, in that clause's offsets."""
    subject = _subject(verb)
    if subject is None:
        return None
    carrier = _reported_by_object(verb)
    said = carrier[1] if carrier is not None else _reported_before(verb)
    content_start, content_end = _content(doc, verb, said, start, end)
    if subject.dep_ == "pobj" and carrier is None:  # said in the passive: what was said is the clause's subject
        content_start, content_end = start, end
    if carrier is not None:
        spoken, _ = carrier
        outlet_start, outlet_end = _phrase_of(subject)
        outlet = _clean(doc.text[outlet_start:outlet_end])
        found = _build(doc, speakers, *_phrase_of(spoken), verb.text, content_start, content_end, cited=outlet)
    else:
        found = _build(doc, speakers, *_phrase_of(subject), verb.text, content_start, content_end)
    return replace(found, content_start=found.content_start - start, content_end=found.content_end - start)


def _content(doc: Doc, verb: Token, said: Token | None, start: int, end: int) -> tuple[int, int]:
    """Where what was said lies: the clause `said` when the parse found it ("..., claims Kuo", "quoted
    X as saying ..."), else what follows the verb."""
    if said is not None:
        first = next((t for t in said.subtree if t.dep_ != "mark"), said)
        return max(start, first.idx), min(end, token_end(said.right_edge))
    content_start = token_end(verb)
    while content_start < end and doc.text[content_start] in " ,:":
        content_start += 1
    that = THAT.match(doc.text, content_start)
    content_start = that.end() if that and that.end() < end else content_start
    return content_start, min(end, max(content_start, token_end(verb.right_edge)))


def _is_verb_at(doc: Doc, start: int) -> bool:
    """ "said" is always a verb; "claims" or "reports" may be nouns ("Alleged Audio", "Reports Claims")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    return (token.lower_ in UNAMBIGUOUS_VERBS or token.pos_ in {"VERB", "AUX"}) and not refused_to_someone(token)


def _in_noun_clause(doc: Doc, start: int) -> bool:
    """Whether the verb at `start` is in a clause describing the sentence's subject ("the driver who claimed")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and _describes_subject(span[0])


def _describes_subject(verb: Token) -> bool:
    """A verb of a clause about the sentence's subject ("the driver who claimed ... was"): nobody speaks."""
    return verb.dep_ in NOUN_CLAUSES and verb.head.dep_ in SUBJECTS


def _is_speaker_phrase(doc: Doc, start: int, end: int) -> bool:
    """A plausible subject: no auxiliary inside, and a name, a pronoun or a noun at its core."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) > 25:
        return False
    if any(t.pos_ in BLOCKING_POS or (t.pos_ == "VERB" and not t.ent_type_ and t.dep_ != "amod") for t in span):
        return False
    if span.text.lower() in PRONOUNS:
        return True
    return any(t.pos_ in NOMINAL_POS or _used_as_noun(t) for t in span)


def _used_as_noun(token: Token) -> bool:
    """ "the official concerned denied": an adjective the parse made a subject, with its article."""
    return token.pos_ == "ADJ" and token.dep_ in SUBJECTS and any(c.dep_ == "det" for c in token.children)


def _build(
    doc: Doc,
    speakers: Speakers,
    start: int,
    end: int,
    verb: str,
    c_start: int,
    c_end: int,
    *,
    is_meta: bool = False,
    closing: bool = False,
    cited: str | None = None,
) -> Attribution:
    start = max(start, min(dateline_end(doc.text), end))  # "Kaduna, June 4 (NAN) State officials put ..."
    speaker, role = _resolve(doc, speakers, start, end) if doc.text[start:end].strip() else (None, None)
    # "The Guardian wrote" names its channel; "Jason Steward wrote in an email" names no outlet.
    cited = cited or (speaker if CHANNEL_VERBS.match(verb) and not speakers.is_person(speaker) else None)
    told = TOLD.match(verb)
    if told and told["audience"][:1].isupper():
        cited = _channel(doc, speaker) or told["audience"]  # "told TechCrunch": the outlet that carried it
    according = ACCORDING_TO.search(doc.text[c_start:c_end])
    if according and cited is None:
        cited = according["src"].strip()
    return Attribution(speaker, role, cited, verb.lower(), c_start, c_end, is_meta, closing)


def _resolve(doc: Doc, speakers: Speakers, start: int, end: int) -> tuple[str | None, str | None]:
    phrase = _clean(doc.text[start:end])
    pronoun = PRONOUNS.get(phrase.lower())
    if pronoun:
        known = speakers.last(pronoun)
        return known, speakers.role_of(known) if known else None
    span = doc.char_span(start, end, alignment_mode="expand")
    people = [
        e
        for e in doc.ents
        if e.label_ == PERSON_LABEL and span is not None and span.start <= e.start and e.end <= span.end
    ]
    people = [e for e in people if span is None or not _owner_only(e, span)]
    if people and span is not None:
        person = _named_head(span, people)
        name = HONORIFICS.sub("", person.text)
        role = _role(_title_of(phrase, person.text)) or None
        canonical = speakers.add(name, role, is_person=True)
        return canonical, role or speakers.role_of(canonical)
    organisation = _named_organisation(span) if span is not None else None
    if organisation is not None:
        name = organisation.text
        role = _role(SHORT_FORM.sub(" ", phrase.replace(name, " "))) or _description(organisation)
        canonical = speakers.add(name, role, is_person=False)
        return canonical, role or speakers.role_of(canonical)
    if span is not None and all(t.pos_ == "PROPN" for t in span):
        place = any(t.ent_type_ in ORGANISATION_LABELS for t in span)  # "Israel" is no "Israel Katz"
        by_name = speakers.match_name(phrase, first_names=not place)  # a surname the tagger did not mark
        if by_name:
            return by_name, speakers.role_of(by_name)
    by_role = speakers.match_role(phrase)
    if by_role:
        return by_role, speakers.role_of(by_role)
    if speakers.latest is not None and DEFINITE.match(phrase) and _an_informant(phrase):
        role = speakers.role_of(speakers.latest)
        if role is None or POINTING_BACK.match(doc.text, end) or _fits(role, _bare(phrase)):
            return speakers.latest, role  # "the official concerned" after his quote
    canonical = speakers.add(phrase, None, is_person=False)
    if canonical != phrase and _looks_like_a_name(phrase):
        return canonical, speakers.role_of(canonical)  # "Al-Ajhar" after "Abdullah Al-Ajhar"
    return phrase, None


def _owner_only(person: Span, phrase: Span) -> bool:
    """ "Tiger Woods' agent", "the singer's publicist": the name owns whoever speaks, it does not speak."""
    return person.root.dep_ == "poss" and person.root.head.i == phrase.root.i and phrase.root.ent_type_ != PERSON_LABEL


def _named_head(phrase: Span, people: list[Span]) -> Span:
    """The person the phrase is about: the name at its head ("Aimal Faizi, spokesman for President Hamid
    Karzai" is Faizi), else its longest name; with the given names the tagger left off ("Aimal")."""
    root = phrase.root
    people = _joined(people)
    person = next((e for e in people if e.start <= root.i < e.end), None) or max(people, key=len)
    given = phrase.doc[person.start - 1] if person.start > phrase.start else None
    if len(person) == 1 and given is not None and _given_name(given, person):
        return phrase.doc[person.start - 1 : person.end]  # "Aimal Faizi", tagged "Faizi"
    return person


def _joined(people: list[Span]) -> list[Span]:
    """Names the tagger cut in two where nothing stands between them: "Farooq Ahmed" "Khan Leghari"."""
    joined: list[Span] = []
    for person in sorted(people, key=lambda e: e.start):
        if joined and joined[-1].end == person.start:
            joined[-1] = person.doc[joined[-1].start : person.end]
        else:
            joined.append(person)
    return joined


def _given_name(token: Token, person: Span) -> bool:
    """A capitalised word written onto a surname, not a title ("President", "CFO", "Col.", "Marshal")."""
    onto = token.dep_ == "compound" and person.start <= token.head.i < person.end
    before = token.nbor(-1) if token.i > 0 else None
    titled = before is not None and before.pos_ == "PROPN" and before.dep_ == "compound"  # "Air Vice Marshal Arshad"
    title = HONORIFICS.match(token.text + " ") is not None or RANKS.search(" " + token.text) is not None
    return onto and token.pos_ == "PROPN" and not (title or titled or token.is_upper)


def _an_informant(phrase: str) -> bool:
    """ "the official concerned", "the railway official": one of the people news gets a story from, as
    a definite description, which may be the person just quoted; not a body ("the fire brigade") or
    another party ("the owner")."""
    words = _head_words(phrase)
    return _someone_described(phrase) and any(word.lower() in INFORMANTS for word in words[1:])


def _title_of(phrase: str, name: str) -> str:
    """The words that give the person's role: the title before the name ("invertebrate expert" of
    "invertebrate expert Paul Clark at the museum", where "at the museum" places the person), else
    the description after it ("Abdullah Al-Ajhar, the airline's spokesman")."""
    before, _, after = phrase.partition(name)
    return before if _role(before) else after


def _named_organisation(phrase: Span) -> Span | None:
    """ "the monitoring organization, SITE Intel Group" is SITE Intel Group, described: the name of an
    organisation, place or people that heads the phrase or stands in apposition to its head."""
    head = phrase.root
    named = [head, *(c for c in head.children if c.dep_ == "appos")]
    for entity in phrase.ents:
        if entity.label_ in ORGANISATION_LABELS and any(entity.start <= t.i < entity.end for t in named):
            first = entity.start
            while first > phrase.start and _joins_name(phrase.doc[first - 1]):
                first -= 1  # "SITE Intelligence Group", "WCVB-TV", where the tagger took only part
            first = _owning_name(phrase, first)
            name = phrase.doc[first : entity.end]
            described = any(not name.start <= t.i < name.end and t.pos_ not in PLAIN_POS for t in phrase)
            return name if described else None
    return None


def _owning_name(phrase: Span, first: int) -> int:
    """Where a body's name starts when a country or organisation owns it: "Russia's defence ministry" is
    one name, not a ministry described as "Russia's"."""
    case = phrase.doc[first - 1] if first > phrase.start else None
    owner = case.head if case is not None and case.dep_ == "case" else None
    if owner is not None and owner.dep_ == "poss" and owner.ent_type_ in ORGANISATION_LABELS:
        return max(owner.left_edge.i, phrase.start)
    return first


def _joins_name(token: Token) -> bool:
    """A name word (an acronym too: "SITE"), or a piece written onto the next one ("WCVB-" of "WCVB-TV")."""
    acronym = token.is_upper and token.is_alpha and len(token) > 1
    written_onto = not token.whitespace_ and (not token.is_punct or token.text in NAME_JOINERS)
    return token.pos_ == "PROPN" or acronym or written_onto


def _clean(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:")
    phrase = re.sub(r"^(?:and|but|also)\s+", "", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"\s*,\s*$|^\s*,\s*", "", phrase)
    phrase = re.sub(r"\s*,\s*,?\s*", ", ", phrase).strip(" ,")
    return re.sub(r"^The\s+(?=[a-z])", "the ", phrase)


def _role(phrase: str) -> str:
    role = re.sub(r"^(?:the|an?|another)\s+(?=[a-z\d])", "", _clean(phrase), flags=re.IGNORECASE)
    role = ASIDE.split(role)[0]  # "demonstrator, with the group Occupy Central": the aside is no part of the role
    role = AGED.sub("", role)  # "a 22-year-old design student": the age is no part of the role
    role = RANKS.sub("", role)  # "spokesman Lt. Col." of "spokesman Lt. Col. James Sahady": the rank is a title
    if TITLES.fullmatch(role):
        return ""  # "Dr" of "Dr Korovin" is a title, "the" of "the Gazette" an article
    if COORDINATED.match(role):
        return ""  # "and the U.S. attorney's office" of "the FBI and the U.S. attorney's office": a second speaker
    return "" if role[:1].isdigit() else role  # "41, of the village of X" is an age and a place


def _bare(phrase: str) -> str:
    return re.sub(r"^the\s+", "", phrase.lower().strip(" ,"))


def _replace(found: Attribution, **changes: str | None) -> Attribution:
    values = found.__dict__ | changes
    return Attribution(**values)
