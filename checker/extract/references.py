"""Claims that point back at another claim: "Russia refutes that claim", "the military disputed that
toll", "called the report false". They name nothing of what they answer, so neither embeddings nor
shared words can pair them; the parse can: a noun for a statement or a figure, made definite by a
determiner, read against the claims before it in the same document.

The referent is the nearest earlier claim, within a few claims, from another source, that holds
what the noun asks for: a figure for "that toll", any stated claim for "that claim".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

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
# The small model sometimes labels a bare object noun "ccomp" ("refutes that claim").
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "ccomp"})
LOOK_BACK = 6  # claims: a reply answers what was reported just before it, not what the story opened with
STATED = frozenset({Stance.ASSERTS, Stance.CONFIRMS, Stance.HEDGED})
# Only a claim that answers points back: "the toll was at least 80" gives a figure of its own.
ANSWERING = frozenset({Stance.DENIES, Stance.NOT_CONFIRMED, Stance.CONFIRMS})


@dataclass(frozen=True)
class Earlier:
    """What a referring claim may point at: an earlier claim of the same document."""

    source: str | None
    stance: Stance
    quantities: Sequence[Quantity]


def pointer(tokens: Doc, start: int, end: int) -> str | None:
    """ "figure" or "statement" when the content between `start` and `end` points back; else None."""
    for token in tokens:
        if not start <= token.idx < end or token.dep_ not in ARGUMENT_DEPS:
            continue
        lemma = token.lemma_.lower()
        kind = "figure" if lemma in FIGURE_NOUNS else "statement" if lemma in STATEMENT_NOUNS else None
        definite = any(child.dep_ == "det" and child.lower_ in DEICTIC for child in token.children)
        # "the report on the budget" names its own matter: it points nowhere.
        named = any(child.dep_ in {"prep", "acl", "relcl"} for child in token.children)
        if kind and definite and not named:
            return kind
    return None


def referent(
    kind: str, claim: Earlier, earlier: Sequence[Earlier], same_source: Callable[[str, str], bool]
) -> int | None:
    """Index into `earlier` (oldest first) of the claim that `claim` answers, or None."""
    if claim.stance not in ANSWERING:
        return None
    source = claim.source
    for back in range(len(earlier) - 1, max(-1, len(earlier) - 1 - LOOK_BACK), -1):
        candidate = earlier[back]
        if candidate.stance not in STATED:
            continue
        if source and candidate.source and same_source(source, candidate.source):
            continue
        if kind == "figure" and not candidate.quantities:
            continue
        return back
    return None
