"""The `check()` facade: ingest -> extract -> embed -> cluster -> rules -> resolve -> Report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from checker import rules as rule_registry
from checker.background import BackgroundEncoder
from checker.cache import CachedEmbedder
from checker.cluster import cluster
from checker.embed import Embedder, MiniLMEmbedder, Vectors
from checker.errors import InputError
from checker.extract import Analysis, extract
from checker.language import looks_english
from checker.models import Document, DocumentInfo, Report
from checker.resolve import resolve
from checker.rules import Rule
from checker.rules.base import RuleContext


def check(
    documents: list[Document],
    *,
    embedder: Embedder | None = None,
    disable: Iterable[str] = (),
    cache: Path | None = None,
) -> Report:
    """Find and resolve the conflicts between the sources quoted in `documents`.

    With `cache`, embeddings are read from and written to that SQLite file (see checker.cache).
    """
    active = rule_registry.select(disable)
    _refuse_unsupported(documents)
    encoder = embedder or MiniLMEmbedder()
    if cache is None:
        return _check(documents, encoder, active)
    cached = CachedEmbedder(encoder, cache)
    try:
        return _check(documents, cached, active)
    finally:
        cached.close()


def _check(documents: list[Document], encoder: Embedder, active: list[Rule]) -> Report:
    analyses, vectors = _extract_and_embed(documents, encoder)
    topics = cluster([a.claim.id for a in analyses], [a.content for a in analyses], vectors)
    context = RuleContext(analyses, vectors, topics.assignment, encoder.encode)
    conflicts = resolve(context, rule_registry.run(context, active))
    claims = [a.claim.model_copy(update={"topic_id": t}) for a, t in zip(analyses, topics.assignment, strict=True)]
    return Report(documents=[_info(d) for d in documents], claims=claims, topics=topics.topics, conflicts=conflicts)


def _extract_and_embed(documents: list[Document], encoder: Embedder) -> tuple[list[Analysis], Vectors]:
    """Claims and their vectors; each document's claims are embedded while the next is parsed."""
    background = BackgroundEncoder(encoder)
    try:
        analyses = extract(documents, on_document=background.add)
        if not analyses:
            raise InputError("No claims found in the input: nothing could be checked (is it news prose?).")
        return analyses, background.result()
    finally:
        background.close()


def _refuse_unsupported(documents: list[Document]) -> None:
    for doc in documents:
        if not looks_english(doc.text):
            raise InputError(f"{doc.id}: does not look like English; the checker cannot judge it (indeterminate).")


def _info(doc: Document) -> DocumentInfo:
    return DocumentInfo(id=doc.id, source=doc.source, published=doc.published, url=doc.url)
