"""Whether a claim says its event is late or on time: "the launch was delayed to July 7" against "the
launch will take place on the previously set date".

A delay is said with a verb or noun of putting off (delay, postpone, push back, put off); negated
("will not be delayed", "no delay") it says the event is on time, as do the fixed phrases of schedules
("on schedule", "on track", "as planned", "the originally set date", "still slated for"). Read from the
parse of the claim's content, so a reporting verb's own words never count.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DELAY_LEMMAS = frozenset({"delay", "postpone", "postponement", "defer", "reschedule"})
# Phrasal verbs of putting off: "pushed back", "put off", "pushed the opening back".
DELAY_PARTICLES = {"push": frozenset({"back"}), "put": frozenset({"off"})}
PARTICLE_DEPS = frozenset({"prt", "advmod"})  # the parser reads "back" either way
NEGATIONS = frozenset({"not", "n't", "never", "no", "without"})
ON_SCHEDULE = re.compile(
    r"\bon\s+(?:schedule|track|time)\b|\bas\s+(?:planned|scheduled)\b"
    r"|\b(?:previously|originally)\s+(?:set|planned|scheduled|announced|fixed)\s+(?:date|day|time|deadline)\b"
    r"|\bstill\s+(?:slated|scheduled|set|planned)\s+(?:for|to)\b",
    re.IGNORECASE,
)


class Timing(str, Enum):
    DELAYED = "delayed"
    ON_SCHEDULE = "on_schedule"


def timing(tokens: Doc, start: int, end: int) -> Timing | None:
    """Late, on time, or neither, as the content `tokens.text[start:end]` says it."""
    delays = [t for t in tokens if start <= t.idx < end and _puts_off(t)]
    if any(not _negated(t) for t in delays):
        return Timing.DELAYED
    if delays or ON_SCHEDULE.search(tokens.text[start:end]):
        return Timing.ON_SCHEDULE
    return None


def _puts_off(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in DELAY_LEMMAS:
        return True
    particles = DELAY_PARTICLES.get(lemma)
    return particles is not None and any(c.dep_ in PARTICLE_DEPS and c.lower_ in particles for c in token.children)


def _negated(token: Token) -> bool:
    """ "will not be delayed", "no delay", "without any delay": the negation is the delay's own."""
    if any(c.dep_ in {"neg", "det"} and c.lower_ in NEGATIONS for c in token.children):
        return True
    head = token.head
    return head is not token and head.lower_ in NEGATIONS
