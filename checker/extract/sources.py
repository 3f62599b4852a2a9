"""Whether two source names are one source, whether a source is the press, and which agency filed a story:
plain string work, free of the parser, for the rules too."""

from __future__ import annotations

import re

# "MANILA, Philippines (AP) —", "GENEVA —", "(CNN) --": where and through whom, never who speaks. A
# hyphen joined to both words is part of a name ("WCVB-TV"), no dateline's dash ("BEIRUT- Rebels").
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’-]*[A-Z.'’](?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?:?"
    r"(?:\s*\([A-Z][\w .&-]{0,30}\)\s*[-—–]{0,2}|\s*[—–]{1,2}|\s+-{1,2}|-{1,2}(?=\s))\s*"
    r"|\([A-Z][\w .&-]{0,30}\)\s*[-—–:]{0,2}\s*"
    # "Guwahati, May 2 (IANS)", "New Delhi, Sept 15 (ANI):", "Islamabad (Reuters) -": a place in title case
    # is a dateline only with a date before the agency or a dash or colon after it ("John Smith (Reuters)
    # said", "World Health Organization (WHO) said" are speakers).
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s*\([A-Z][\w .&/-]{0,30}\)\s*[-—–:]{0,2}\s*"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\s*\([A-Z][\w .&/-]{0,30}\)\s*(?:[—–:]|-{1,2}\s)\s*)"
)
# A dateline that dates the story: "MOSCOW, March 20, 2014 -", "BAIKONUR/MOSCOW (UrduPoint News / Sputnik -
# 11th July, 2019)". Its date is when the story was filed, no date of what it reports.
DATED_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’/ -]*[A-Z](?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"(?:\s*\([^()]{0,80}\b(?:19|20)\d\d\)\s*[-—–:]{0,2}|,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2},?\s+(?:19|20)\d\d\s*[-—–:]{1,2})\s*"
)
AGENCY = re.compile(r"\((?P<agency>[A-Z][\w .&/-]{0,30})\)")
# What a report, not a person or body, puts forward: "a news report", "media reports", "the newspaper".
PUBLICATIONS = frozenset({"report", "story", "article", "newspaper", "paper", "outlet", "media", "medium"})
# The head words of news outlets' names ("the Chicago Tribune", "Fox News", "Time magazine", "Press TV"):
# a name ending in one names an outlet, whichever outlet it is.
OUTLET_HEADS = frozenset(
    {
        "news", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "daily", "mail", "chronicle",
        "guardian", "magazine", "tv", "television", "radio", "channel", "broadcaster", "newswire", "wire", "newsweek",
        "inquirer",
    }
)  # fmt: skip
# Head words other bodies share ("the Haqqani Network", "the International Energy Agency"): an outlet's
# only with "news" or "TV" in the name ("Kyodo News agency", "Cable News Network").
SHARED_HEADS = frozenset({"agency", "press", "network", "broadcasting", "service"})
NEWS_WORDS = frozenset({"news", "tv"})
# Outlets known by a short name with no such head: wire services and broadcasters most stories cite.
KNOWN_OUTLETS = frozenset(
    {
        "reuters", "associated press", "ap", "afp", "agence france-presse", "bloomberg", "xinhua", "tass",
        "interfax", "ria novosti", "kyodo", "yonhap", "kcna", "pti", "ani", "ians", "dpa", "efe", "ansa",
        "bernama", "antara", "wafa", "irna", "bbc", "cnn", "cnbc", "msnbc", "nbc", "cbs", "abc", "npr", "pbs",
        "al jazeera", "rt", "sputnik", "deutsche welle", "dw", "france 24", "euronews", "ndtv", "tmz", "politico",
        "axios", "buzzfeed", "huffpost", "huffington post", "wsj", "nyt", "forbes", "fortune", "variety",
        "techcrunch", "engadget", "the verge", "wired", "mashable", "gizmodo",
    }
)  # fmt: skip
POSSESSIVE_PRONOUNS = frozenset({"their", "its", "his", "her", "our", "my", "your"})
WEB_ADDRESS = re.compile(r"\.(?:com|net|org|co\.uk|in)$")
_PUBLICATION = r"(?:report|story|article|piece|post|column)s?"
# "a story in Quartz", "an article published by the Times": the outlet follows the publication.
CARRIED_BY = re.compile(
    rf"^(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?{_PUBLICATION}\s+(?:(?:published|carried|run)\s+)?(?:in|by|from|on)\s+"
    r"(?:the\s+)?(?P<outlet>\S.*)$",
    re.IGNORECASE,
)
# "a CNN report", "the Journal's story": the outlet comes before it.
OWNED_BY = re.compile(
    rf"^(?:an?\s+|the\s+)?(?P<outlet>[A-Z][\w.&/-]*(?:\s+[A-Z][\w.&/-]*){{0,3}})(?:['’]s)?\s+{_PUBLICATION}$"
)
# "their story", "its report": whose, only the outlet named before can say ("the report" stays as written).
POINTING_PUBLICATION = re.compile(rf"^(?:their|its)\s+(?:latest\s+|original\s+)?{_PUBLICATION}$", re.IGNORECASE)
# A source the article describes as unidentified: "anonymous sources", "the al Shabab source", "one unnamed
# official", "an insider". ("A hacking group" claiming what it did is the party itself, described.)
UNIDENTIFIED = re.compile(r"\b(?:sources?|unnamed|anonymous|insiders?)\b", re.IGNORECASE)
ROLE_TAIL = re.compile(r"\s+(?:of|for|at|to|in|with|from|on)\s+")  # "ambassador | to the UN": the head comes first


def same_source(a: str, b: str) -> bool:
    """ "the military" and "The Israeli military" are one source; "Israeli officials" and "Palestinian
    officials" are two. A shorter name counts as the longer one when all its words are in it and both
    end in the same head word."""
    left, right = _source_words(a), _source_words(b)
    if not left or not right:
        return False
    if left == right:
        return True
    shorter, longer = sorted((left, right), key=len)
    return shorter[-1] == longer[-1] and set(shorter) <= set(longer)


def speaks_for(role: str | None, name: str) -> bool:
    """Whether someone described as `role` speaks for `name`: a "police spokesman" for "Police", an
    "Agency spokesman" for "the national disaster agency", a "White House press secretary" for "the White
    House", a "spokesperson for the Springs police" for "the police". The role's head (its title) is left
    out; what qualifies it must be the source."""
    if not role:
        return False
    head, *tail = ROLE_TAIL.split(role.lower(), maxsplit=1)
    words = head.split()[:-1]
    qualifiers = [" ".join(words[:n]) for n in range(1, len(words) + 1)] + tail  # "white house", "white house press"
    return any(same_source(qualifier, name) for qualifier in qualifiers)


def identified(name: str | None) -> bool:
    """Whether the article identifies the source ("the Pentagon", "Officials in Washington", "Idris Nassan",
    "a hacking group"), rather than keeping it unidentified ("one unnamed official", "anonymous sources")."""
    return bool(name) and UNIDENTIFIED.search(name or "") is None


def a_publication(name: str | None) -> bool:
    """Whether a source is a report or the press itself ("A news report", "local media reports"), whose
    speculation ("might make an offer") is what it alleges."""
    words = _source_words(name or "")
    return bool(words) and (words[-1] in PUBLICATIONS or words[-1].removesuffix("s") in PUBLICATIONS)


def an_outlet(name: str | None) -> bool:
    """Whether a source names a news outlet: the press described ("the newspaper", "local media"), a wire
    service or broadcaster known by its short name ("Reuters", "CNBC"), a web address ("Vox.com"), or a
    name ending in an outlet's head word ("the Chicago Tribune", "WCVB-TV", "China Daily")."""
    name = ROLE_TAIL.split(name or "", maxsplit=1)[0]  # "the Times of India"; "a writer at Vox.com" is a writer
    words = _source_words(name)
    if not words or words[0] in POSSESSIVE_PRONOUNS:
        return False  # "their story": whose, the sentence does not say
    if a_publication(name) or " ".join(words) in KNOWN_OUTLETS or WEB_ADDRESS.search(words[-1]):
        return True
    if not any(word[:1].isupper() for word in name.split()):
        return False  # "local police", "the agency": described, and no outlet's description
    head = _singular(words[-1].rsplit("-", 1)[-1])  # "WCVB-TV", "South Korean news agencies"
    if head in SHARED_HEADS:
        return bool(NEWS_WORDS & set(words))
    return head in OUTLET_HEADS


def publication_outlet(phrase: str) -> str | None:
    """The outlet a publication phrase names: "a story in Quartz", "a report by Reuters", "a CNN report",
    "the Journal's story" (None for "a German media report" or "the report")."""
    carried = CARRIED_BY.match(phrase)
    if carried is not None and carried["outlet"][:1].isupper():
        return carried["outlet"]
    owned = OWNED_BY.match(phrase)
    return owned["outlet"] if owned is not None and an_outlet(owned["outlet"]) else None


def pointing_publication(phrase: str) -> bool:
    """ "their story", "its report": a publication of an outlet named before, not named here."""
    return POINTING_PUBLICATION.match(phrase) is not None


def _singular(word: str) -> str:
    if word in OUTLET_HEADS:
        return word  # "news", "times"
    if word.endswith("ies"):
        return word[: -len("ies")] + "y"
    return word.removesuffix("s")


def dated_dateline_end(text: str) -> int:
    """Where a leading dateline that carries a date ends (0 without one)."""
    match = DATED_DATELINE.match(text)
    return match.end() if match else 0


def dateline_agency(text: str) -> str | None:
    """The agency a leading dateline names: "ISLAMABAD (Reuters) -" -> "Reuters"."""
    match = DATELINE.match(text)
    agency = AGENCY.search(match.group()) if match else None
    return agency["agency"].strip() if agency else None


def _source_words(name: str) -> list[str]:
    words = re.sub(r"[’']s\b", "", name.lower()).replace(",", " ").split()
    return words[1:] if words[:1] == ["the"] else words
