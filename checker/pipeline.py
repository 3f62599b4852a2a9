"""The `check()` facade: ingest -> extract -> embed -> cluster -> rules -> resolve -> Report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from checker import rules as rule_registry
from checker.embed import Backend, BackgroundEncoder, CachedEmbedder, Embedder, MiniLMEmbedder, Vectors
from checker.errors import InputError
from checker.extract import Analysis, extract, looks_english, split_sentences
from checker.learn import StanceReader, load_matter_model, load_stance_model
from checker.models import Document, DocumentInfo, Report
from checker.report.disputes import group_disputes
from checker.resolve import counted_figures, resolve
from checker.rules import Rule
from checker.rules.base import RuleContext
from checker.rules.nli_model import load_nli
from checker.topics import cluster

# One run is bounded so that a gate never hangs or exhausts memory: parsing runs at about 250
# sentences/s on 2 cores, so 100,000 sentences (about 12 MB of news prose) is a long archive run.
MAX_INPUT_CHARS = 20_000_000
MAX_SENTENCES = 100_000

NLI_RULE = "nli"
LEARNED_RULE = "learned"

Contradiction = Callable[[str, str], float]
# Told what the check is doing: (stage, documents parsed so far, documents in all).
Progress = Callable[[str, int, int], None]


def check(
    documents: list[Document],
    *,
    embedder: Embedder | None = None,
    backend: Backend = Backend.TORCH,
    disable: Iterable[str] = (),
    enable: Iterable[str] = (),
    nli_model: Path | None = None,
    cache: Path | None = None,
    progress: Progress | None = None,
    archive: Path | None = None,
) -> Report:
    """Find and resolve the conflicts between the sources quoted in `documents`.

    Without `embedder`, MiniLM runs on `backend`. The `nli` rule runs only with `nli_model`; the
    report's `rules` lists what actually ran. `enable` turns on rules that are off by default: with
    `learned`, the shipped stance model loads (a missing or damaged one is a ModelError).
    With `cache`, embeddings are read from and written to that SQLite file (see checker.embed.cache).
    Documents are taken in order of id, so the order they are given in never changes the report.
    `progress`, if given, is told each stage and each document parsed; it never changes the report.
    With `archive` (a directory made by `checker archive add`), `documents` are drafts checked against
    themselves and the archived claims near theirs: the report keeps the conflicts that involve a
    draft, with the archived claims and documents they name; undated drafts are dated today.
    """
    active = rule_registry.select(disable, enable)
    if archive is not None:
        from checker.archive import dated

        documents = dated(documents)
    documents = sorted(documents, key=lambda d: d.id)
    _refuse_oversized(documents)
    contradiction = load_nli(nli_model) if nli_model is not None else None
    if contradiction is None:
        active = [r for r in active if r.id != NLI_RULE]
    stance_model = _loading_stance_model() if any(r.id == LEARNED_RULE for r in active) else None
    encoder = embedder or MiniLMEmbedder(backend)
    told = progress or _silent
    if cache is None:
        return _check(documents, encoder, active, contradiction, told, archive, stance_model)
    cached = CachedEmbedder(encoder, cache)
    try:
        return _check(documents, cached, active, contradiction, told, archive, stance_model)
    finally:
        cached.close()


def _loading_stance_model() -> Future[StanceReader]:
    """The stance model, loading on a thread of its own while the documents are parsed; a load that
    fails raises its ModelError when the rules ask for the model."""
    loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checker-stance")
    try:
        return loader.submit(load_stance_model)
    finally:
        loader.shutdown(wait=False)


def _silent(stage: str, done: int, total: int) -> None:
    """No progress to show."""


def _check(
    documents: list[Document],
    encoder: Embedder,
    active: list[Rule],
    contradiction: Contradiction | None,
    progress: Progress,
    archive: Path | None = None,
    stance_model: Future[StanceReader] | None = None,
) -> Report:
    supported, unchecked = _split_unsupported(documents)
    analyses, vectors = _extract_and_embed(supported, encoder, progress)
    archived = None
    if archive is not None:
        from checker.archive import with_archive

        archived = with_archive(archive, analyses, vectors, encoder.model_id)
        analyses, vectors = archived.analyses, archived.vectors
    progress("Grouping topics", len(supported), len(supported))
    topics = cluster(
        [a.claim.id for a in analyses], [a.content for a in analyses], vectors, matter_model=load_matter_model()
    )
    focus = archived.focus if archived is not None else None
    context = RuleContext(
        analyses,
        vectors,
        topics.assignment,
        encoder.encode,
        contradiction,
        focus=focus,
        stance_model=stance_model.result() if stance_model is not None else None,
    )
    progress("Comparing claims", len(supported), len(supported))
    findings = rule_registry.run(context, active)
    conflicts = resolve(context, findings)
    claims = [
        a.claim.model_copy(update={"topic_id": t, "matter_id": m})
        for a, t, m in zip(analyses, topics.assignment, topics.matter_assignment, strict=True)
    ]
    warnings = [f"{doc_id}: does not look like English; not checked (indeterminate)." for doc_id in unchecked]
    report = Report(
        documents=[_info(d) for d in documents],
        claims=claims,
        topics=topics.topics,
        matters=topics.matters,
        conflicts=conflicts,
        warnings=warnings,
        rules=[r.id for r in active],
        unchecked=unchecked,
    )
    report = report if archived is None else archived.restrict(report)
    return report.model_copy(update={"disputes": group_disputes(report, counted_figures(context, findings))})


def _extract_and_embed(
    documents: list[Document], encoder: Embedder, progress: Progress
) -> tuple[list[Analysis], Vectors]:
    """Claims and their vectors; each document's claims are embedded while the next is parsed."""
    background = BackgroundEncoder(encoder)
    parsed = 0

    def add(contents: list[str]) -> None:
        nonlocal parsed
        background.add(contents)
        parsed += 1
        progress("Parsing", parsed, len(documents))

    try:
        progress("Parsing", 0, len(documents))
        analyses = extract(documents, on_document=add)
        if not analyses:
            raise InputError("No claims found in the input: nothing could be checked (is it news prose?).")
        progress("Embedding", len(documents), len(documents))
        return analyses, background.result()
    finally:
        background.close()


def _split_unsupported(documents: list[Document]) -> tuple[list[Document], list[str]]:
    """English documents to check, and the ids of the others; none at all is an error, not a pass."""
    supported = [doc for doc in documents if looks_english(doc.text)]
    unchecked = [doc.id for doc in documents if doc not in supported]
    if not supported:
        names = ", ".join(unchecked[:3]) + (", ..." if len(unchecked) > 3 else "")
        raise InputError(f"{names}: does not look like English; the checker cannot judge it (indeterminate).")
    return supported, unchecked


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
