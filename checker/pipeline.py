"""The `check()` facade: ingest -> extract -> embed -> cluster -> rules -> resolve -> Report."""

from __future__ import annotations

from collections.abc import Iterable

from checker import rules as rule_registry
from checker.cluster import cluster
from checker.embed import Embedder, MiniLMEmbedder
from checker.errors import InputError
from checker.extract import extract
from checker.language import looks_english
from checker.models import Document, DocumentInfo, Report
from checker.resolve import resolve
from checker.rules.base import RuleContext
from checker.segment import split_sentences

# Parsing time grows with the text, clustering memory with the square of the claims (one per
# sentence at most): 10,000 sentences is about 1.2 MB of news prose, 1.3 GB and minutes on 2 cores.
MAX_INPUT_CHARS = 2_000_000
MAX_SENTENCES = 10_000


def check(documents: list[Document], *, embedder: Embedder | None = None, disable: Iterable[str] = ()) -> Report:
    """Find and resolve the conflicts between the sources quoted in `documents`.

    Documents are taken in order of id, so the order they are given in never changes the report.
    """
    active = rule_registry.select(disable)
    documents = sorted(documents, key=lambda d: d.id)
    _refuse_unsupported(documents)
    _refuse_oversized(documents)
    analyses = extract(documents)
    if not analyses:
        raise InputError("No claims found in the input: nothing could be checked (is it news prose?).")
    encoder = embedder or MiniLMEmbedder()
    vectors = encoder.encode([a.content for a in analyses])
    topics = cluster([a.claim.id for a in analyses], [a.content for a in analyses], vectors)
    context = RuleContext(analyses, vectors, topics.assignment, encoder.encode)
    conflicts = resolve(context, rule_registry.run(context, active))
    claims = [a.claim.model_copy(update={"topic_id": t}) for a, t in zip(analyses, topics.assignment, strict=True)]
    return Report(documents=[_info(d) for d in documents], claims=claims, topics=topics.topics, conflicts=conflicts)


def _refuse_unsupported(documents: list[Document]) -> None:
    for doc in documents:
        if not looks_english(doc.text):
            raise InputError(f"{doc.id}: does not look like English; the checker cannot judge it (indeterminate).")


def _refuse_oversized(documents: list[Document]) -> None:
    """Refuse before any parsing, so an oversized input costs seconds, not hours or all the memory."""
    chars = sum(len(doc.text) for doc in documents)
    if chars > MAX_INPUT_CHARS:
        raise InputError(
            f"The input is too large to check in one run: {chars:,} characters (limit {MAX_INPUT_CHARS:,}); "
            "split it into smaller runs."
        )
    sentences = sum(1 for doc in documents for s in split_sentences(doc.text) if not s.is_heading)
    if sentences > MAX_SENTENCES:
        raise InputError(
            f"The input is too large to check in one run: {sentences:,} sentences (limit {MAX_SENTENCES:,}); "
            "split it into smaller runs."
        )


def _info(doc: Document) -> DocumentInfo:
    return DocumentInfo(id=doc.id, source=doc.source, published=doc.published, url=doc.url)
