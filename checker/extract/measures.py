"""What a figure measures, read from the parse around it: "4,460 people killed" and "the death toll
stood at 2,360" both count deaths; "turnout was 51.5 percent" measures turnout.

News counts a small set of things again and again (deaths, injuries, the missing, the rescued, the
trapped, the displaced, arrests, turnout, crowds, jobs). Each measure is named by the lemmas that
express it as a counted noun, as the verb that happens to what is counted, or as the measure noun
itself ("toll", "turnout"). The measure is looked up on the figure's own phrase (its counted noun and that noun's
verb), then on the clause that carries the figure ("the toll rose to 2,360": the subject of the verb
the figure attaches to), so a figure that only stands beside a measure word elsewhere in the
sentence never takes it.
"""

from __future__ import annotations

from spacy.tokens import Token

CROWD = "crowd"
# lemma -> measure. Verbs name what happened to the counted people or things; nouns name the count.
MEASURES: dict[str, str] = {
    **dict.fromkeys(
        ["die", "kill", "dead", "death", "toll", "fatality", "perish", "drown", "slay", "body", "corpse"], "deaths"
    ),
    **dict.fromkeys(["casualty", "casualties"], "casualties"),
    "lose life": "deaths",
    **dict.fromkeys(["injure", "wound", "hurt", "injury", "injured", "wounded"], "injuries"),
    **dict.fromkeys(["missing", "disappear", "unaccounted"], "missing"),
    **dict.fromkeys(["rescue", "survivor", "survive"], "rescued"),
    **dict.fromkeys(["trap", "strand", "entomb"], "trapped"),
    **dict.fromkeys(["displace", "evacuate", "flee", "homeless", "evacuee", "refugee"], "displaced"),
    **dict.fromkeys(["arrest", "detain", "detention", "arrestee"], "arrests"),
    **dict.fromkeys(["vote", "voting", "ballot", "voter", "poll", "polling"], "votes"),
    **dict.fromkeys(["turnout", "turn out"], "turnout"),  # votes at a poll, the crowd at a march: see TURNOUT
    **dict.fromkeys(
        [
            "crowd",
            "attend",
            "attendance",
            "protester",
            "demonstrator",
            "rally",
            "protest",
            "march",
            "demonstrate",
            "demonstration",
        ],
        CROWD,
    ),
    **dict.fromkeys(["join protest", "join march", "join rally", "join demonstration"], CROWD),
    **dict.fromkeys(["layoff", "job", "redundancy", "lay off"], "jobs"),
}
# Nouns that carry a figure without being the counted thing ("the toll", "the count", "the figure"):
# the measure then comes from a compound ("death toll") or from the word itself.
COUNT_NOUNS = frozenset(
    {
        "toll",
        "count",
        "tally",
        "figure",
        "number",
        "total",
        "estimate",
        "turnout",
        "crowd",
        "casualty",
        "casualties",
        "percentage",
    }
)
# Count nouns that name no measure of their own ("the total was 140,000", "the wildest estimate was 1.3
# million"): the figure counts what the article counts, when the article counts one thing (see
# `claims._inherit_measures`). `ARTICLE_MEASURE` marks such a figure until then; it never leaves extraction.
GENERIC_COUNT_NOUNS = frozenset({"total", "figure", "number", "estimate", "count", "tally"})
ARTICLE_MEASURE = "the article's measure"
# Who turned out: voters at an election, the crowd at a march. The article says which (`claims._inherit_measures`).
TURNOUT = "turnout"
# Verbs by which a gathering gives its size: "the demonstration reached 338,000", "the march drew a million".
GATHERING_VERBS = frozenset({"reach", "draw", "number", "swell", "top", "attract", "exceed", "total", "grow", "bring"})
TURNOUT_MEASURES = ("votes", CROWD)  # what turnout is, in order of preference when the article says neither
# "rose to 2,360", "stood at 80", "put it at 51.5 percent", "was 42": the figure hangs off a verb.
FIGURE_PREPOSITIONS = frozenset({"to", "at", "of"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "attr"})
MAX_CLIMB = 3
COUNTED_PREPOSITIONS = frozenset({"of", "for"})  # "the number of miners", "the figure for miners"
PUTTING = frozenset({"put", "place", "peg"})  # "put it at", "placed it at", "pegged it at"
PRONOUN_OBJECTS = frozenset({"it", "them"})
QUALIFYING = frozenset({"compound", "prep", "poss", "nmod"})  # "the number of schools closed", "the jobs total"
# The state a verb leaves its object in ("left 300 people dead") or says of its subject ("18 people were
# missing", "52 more remain missing").
RESULTS = frozenset({"oprd", "acomp"})
COUNTED_POS = frozenset({"NOUN", "ADJ", "VERB"})  # "268 dead", "80 wounded", "12 deaths"


def measure_of(figure: Token, unit: Token | None) -> str | None:
    """The measure a figure counts, or None when the parse does not say."""
    # "30 percent had turned out": with a symbol for unit, the noun the figure counts is its head.
    counted = figure.head if figure.dep_ == "nummod" else None
    for token in (unit, counted, figure):
        found = _own_phrase(token) if token is not None else None
        if found:
            return found
    return _named_next(figure) or _carrying_clause(figure)


def _named_next(figure: Token) -> str | None:
    """ "revised its count to 268 dead": the word written right after a figure names what it counts,
    however the parser attached the two."""
    following = figure.nbor(1) if figure.i + 1 < len(figure.doc) else None
    if following is None or following.pos_ not in COUNTED_POS:
        return None
    return _measure(following)


def _own_phrase(token: Token) -> str | None:
    """The token itself, its compounds and the verb it is subject or object of ("42 people had died")."""
    for candidate in _phrase(token):
        found = _measure(candidate)
        if found:
            return found
    role = token
    while role.dep_ == "conj" and role.head is not role:
        role = role.head  # "one Lieutenant and 15 soldiers lost their lives": the conjuncts share the verb
    head = role.head
    if head is not role and head.pos_ in {"VERB", "ADJ", "AUX"} and role.dep_ in SUBJECTS | OBJECTS | {"nummod"}:
        verdicts = [child for child in head.children if child.dep_ in RESULTS]  # "left 300 people dead"
        for candidate in (head, *verdicts):
            found = _measure(candidate)
            if found:
                return found
        return None
    for child in token.children:
        if child.dep_ in {"acl", "amod", "relcl"}:
            found = _measure(child)
            if found:
                return found
    return None


def _measure(token: Token) -> str | None:
    """By lemma, by word form ("wounded" as an adjective), as a phrasal verb ("turned out"), or as a verb
    and its object ("lost their lives")."""
    particles = " ".join(child.lower_ for child in token.children if child.dep_ == "prt")
    lemma = token.lemma_.lower()
    found = MEASURES.get(f"{lemma} {particles}" if particles else lemma) or MEASURES.get(token.lower_)
    objects = (f"{lemma} {child.lemma_.lower()}" for child in token.children if child.dep_ == "dobj")
    return found or next((MEASURES[key] for key in objects if key in MEASURES), None)  # "lost their lives"


def _phrase(token: Token) -> list[Token]:
    return [token, *(child for child in token.children if child.dep_ in {"compound", "amod"})]


def _carrying_clause(figure: Token) -> str | None:
    """ "The toll rose to 2,360": the count noun of the clause the figure completes."""
    token = figure
    for _ in range(MAX_CLIMB):
        head = token.head
        if head is token:
            return None
        if head.pos_ == "ADP" and head.lower_ in FIGURE_PREPOSITIONS:
            token = head
            continue
        if head.pos_ in {"VERB", "AUX"}:
            return _count_noun_of(head)
        if head.pos_ == "NOUN" and head.lemma_.lower() in COUNT_NOUNS:
            return _count_measure(head)
        token = head
    return None


def verb_of(figure: Token, steps: int = MAX_CLIMB) -> Token | None:
    """The verb whose clause a figure completes, within `steps` heads ("was as low as 22", "was put at 159")."""
    token = figure
    for _ in range(steps):
        head = token.head
        if head is token:
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return head
        token = head
    return None


def counted_noun(figure: Token) -> Token | None:
    """What a figure counts when a count noun names it in its clause: "the total number of miners
    underground was close to 300", "the figure for miners ... was put at 159" count miners."""
    verb = verb_of(figure)
    children = verb.children if verb is not None else ()
    count = next((c for c in children if c.dep_ in SUBJECTS and c.lemma_.lower() in COUNT_NOUNS), None)
    return _thing_counted(count) if count is not None else None


def _thing_counted(count: Token) -> Token | None:
    """ "miners" of "the number of miners", "the figure for miners"."""
    for prep in count.children:
        if prep.dep_ == "prep" and prep.lower_ in COUNTED_PREPOSITIONS:
            return next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    return None


def _count_noun_of(verb: Token) -> str | None:
    if verb.lemma_.lower() in PUTTING and any(c.dep_ == "dobj" and c.lower_ in PRONOUN_OBJECTS for c in verb.children):
        return ARTICLE_MEASURE  # "put it at 51.5 percent": "it" is what the article counts
    for child in verb.children:
        # "Turnout was 51.5 percent": a count noun opening the sentence may be tagged a proper noun.
        if (
            child.dep_ in SUBJECTS | {"dobj"}
            and child.pos_ in {"NOUN", "PROPN"}
            and child.lemma_.lower() in COUNT_NOUNS
        ):
            found = _count_measure(child)
            if found:
                return found  # "police estimates put the demonstrators' numbers at 30,000": the numbers say
    gathering = any(child.dep_ in SUBJECTS and _measure(child) == CROWD for child in verb.children)
    drew = verb.lemma_.lower() in GATHERING_VERBS  # "the march lasted 3 hours" counts no one
    return CROWD if gathering and drew else None  # "the demonstration reached 338,000", "the march drew one million"


def _count_measure(noun: Token) -> str | None:
    """ "death toll" -> deaths; "turnout" -> votes; a bare "toll" in news is a death toll; a bare "total"
    or "estimate", qualified by nothing, counts what the article counts (`ARTICLE_MEASURE`)."""
    if noun.lemma_.lower() in GENERIC_COUNT_NOUNS and not any(child.dep_ in QUALIFYING for child in noun.children):
        return ARTICLE_MEASURE
    for candidate in _phrase(noun):
        found = _measure(candidate)
        if found:
            return found
    for child in noun.children:
        if child.dep_ == "poss":  # "the demonstrators' numbers"
            found = _measure(child)
            if found:
                return found
        if child.dep_ == "prep":
            for grandchild in child.children:
                described = (c for c in grandchild.children if c.dep_ in {"acl", "amod", "relcl"})
                for candidate in (grandchild, *described):  # "the estimate of militants killed"
                    found = _measure(candidate)
                    if found:
                        return found
    return None
