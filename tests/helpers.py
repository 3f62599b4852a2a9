"""Build rule contexts from plain texts, as the pipeline would."""

from __future__ import annotations

import datetime as dt

from checker.embed.base import Embedder
from checker.eval.gold import GoldClaim
from checker.extract.claims import extract
from checker.models import Claim, Document, Precision, Stance, StatedAt
from checker.rules.base import RuleContext

PUBLISHED = dt.date(2024, 10, 28)


def context_for(texts: list[str], embedder: Embedder) -> RuleContext:
    """One document per text, all in one topic, so only the rule under test decides."""
    documents = [Document(id=f"d{i}", text=text, published=PUBLISHED) for i, text in enumerate(texts, start=1)]
    return _one_topic(documents, embedder)


def article_context(text: str, embedder: Embedder) -> RuleContext:
    """One article's claims, all in one topic: for rules that judge claims of the same article."""
    return _one_topic([Document(id="d1", text=text, published=PUBLISHED)], embedder)


def _one_topic(documents: list[Document], embedder: Embedder) -> RuleContext:
    analyses = extract(documents)
    vectors = embedder.encode([a.content for a in analyses])
    return RuleContext(analyses, vectors, ["T1"] * len(analyses), embedder.encode)


def gold_claim(start: int, end: int, **fields: object) -> GoldClaim:
    """A hand-made gold claim: the article's own voice, asserting, with whatever `fields` override."""
    values: dict[str, object] = {
        "digest": "",
        "speaker": None,
        "speaker_role": None,
        "cited_source": None,
        "stance": Stance.ASSERTS,
        "stated_from": None,
        "stated_to": None,
        "stated_precision": "unknown",
        "mentions": (),
        "quantities": (),
    }
    return GoldClaim(start=start, end=end, **(values | fields))  # type: ignore[arg-type]


def predicted_claim(start: int, end: int, **fields: object) -> Claim:
    """A claim as the extractor would give it: the article's own voice, asserting, undated."""
    values: dict[str, object] = {
        "id": f"d:{start}",
        "doc_id": "d",
        "text": "x",
        "speaker": None,
        "speaker_role": None,
        "cited_source": None,
        "stance": Stance.ASSERTS,
        "stated_at": StatedAt(date=None, precision=Precision.UNKNOWN),
    }
    return Claim(start=start, end=end, **(values | fields))  # type: ignore[arg-type]
