"""Documents -> what the archive keeps of them (claims, analyses, one vector per claim), one document at a time.

Every document is analysed on its own: its claims do not depend on the documents parsed beside it
(only their order on a shared timeline does, and the archive ranks that at query time), and its
vectors are one `encode` call of its own distinct claim contents. So the local engine and the Ray
engine, whatever batches they cut, give the same claims and the same vectors, bit for bit.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from checker.archive.records import Analysed
from checker.embed import DIMENSIONS, Embedder, Vectors
from checker.embed.base import OneTorchThread, embedding_workers
from checker.extract import Analysis, extract, looks_english
from checker.models import Document


def analyse(documents: list[Document], encoder: Embedder) -> list[Analysed]:
    """Each English document's analyses and vectors; its claims are embedded while the next is parsed."""
    english = [doc for doc in documents if looks_english(doc.text)]
    pool = ThreadPoolExecutor(max_workers=embedding_workers(), thread_name_prefix="checker-archive")
    threads = OneTorchThread()
    pending: list[Future[Vectors]] = []

    def embed(contents: list[str]) -> Vectors:
        threads.hold()
        return embed_document(encoder, contents)

    try:
        analyses = extract(english, on_document=lambda contents: pending.append(pool.submit(embed, contents)))
        vectors = [future.result() for future in pending]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        threads.release()
    return [
        Analysed(doc, found, rows)
        for doc, found, rows in zip(english, split_by_document(english, analyses), vectors, strict=True)
    ]


def embed_document(encoder: Embedder, contents: list[str]) -> Vectors:
    """One document's claim vectors: each distinct content once, in one call."""
    distinct = list(dict.fromkeys(contents))
    if not distinct:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    rows = {text: row for row, text in enumerate(distinct)}
    vectors = encoder.encode(distinct)
    return np.asarray(vectors[[rows[text] for text in contents]], dtype=np.float32)


def split_by_document(documents: list[Document], analyses: list[Analysis]) -> list[list[Analysis]]:
    by_doc: dict[str, list[Analysis]] = {doc.id: [] for doc in documents}
    for analysis in analyses:
        by_doc[analysis.claim.doc_id].append(analysis)
    return [by_doc[doc.id] for doc in documents]
