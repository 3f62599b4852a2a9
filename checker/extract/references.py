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
    cited: str | None = None


@dataclass(frozen=True)
class Pointer:
    """ "that claim" (kind statement), "the toll" (kind figure), "the TechCrunch report" (named TechCrunch)."""

    kind: str
    named: str | None


def pointer(tokens: Doc, start: int, end: int) -> Pointer | None:
    """What the content between `start` and `end` points back at, if it points back."""
    for token in tokens:
        if not start <= token.idx < end or token.dep_ not in ARGUMENT_DEPS:
            continue
        lemma = token.lemma_.lower()
        kind = "figure" if lemma in FIGURE_NOUNS else "statement" if lemma in STATEMENT_NOUNS else None
        definite = any(child.dep_ == "det" and child.lower_ in DEICTIC for child in token.children)
        # "the report on the budget" names its own matter: it points nowhere.
        named = any(child.dep_ in {"prep", "acl", "relcl"} for child in token.children)
        if kind and definite and not named:
            names = [c.text for c in token.children if c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN"]
            return Pointer(kind, " ".join(names) or None)
    return None


def referent(
    pointing: Pointer, claim: Earlier, earlier: Sequence[Earlier], same_source: Callable[[str, str], bool]
) -> int | None:
    """Index into `earlier` (oldest first) of the claim that `claim` answers, or None.

    "The TechCrunch report" points at the nearest claim TechCrunch made or carried; without a name,
    at the nearest claim of another source that fits the noun.
    """
    if claim.stance not in ANSWERING:
        return None
    fitting = [back for back in range(len(earlier) - 1, -1, -1) if _fits(pointing, claim, earlier[back], same_source)]
    if pointing.named:
        named = pointing.named.lower()
        for back in fitting:
            if any(named in (name or "").lower() for name in (earlier[back].source, earlier[back].cited)):
                return back
    nearby = [back for back in fitting if back >= len(earlier) - LOOK_BACK]
    return nearby[0] if nearby else None


def _fits(pointing: Pointer, claim: Earlier, candidate: Earlier, same_source: Callable[[str, str], bool]) -> bool:
    if candidate.stance not in STATED:
        return False
    if claim.source and candidate.source and same_source(claim.source, candidate.source):
        return False
    return pointing.kind != "figure" or bool(candidate.quantities)
