"""`checker archive add --engine ray`: parsing and embedding as two Ray Data stages across a cluster.

Each stage maps batches of documents with the same per-document functions as the local engine
(checker.archive.analyse), so the archive gets the same claims and the same vectors, bit for bit;
only the driver writes to the archive, in the order of the input. Ray is an optional extra
(`pip install -e '.[ray]'`), imported only here and only when this engine is chosen. Every node
needs the same checker and models installed; without `--ray-address` a local Ray starts on this
machine's cores.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import numpy as np

from checker.archive.analyse import embed_document, split_by_document
from checker.archive.archive import Analyser
from checker.archive.records import Analysed, decode_analysis, decode_vectors, encode_analysis, encode_vector
from checker.embed import DIMENSIONS, Embedder
from checker.embed.base import OneTorchThread
from checker.errors import UsageError
from checker.extract import extract, looks_english
from checker.models import Document

RAY_BATCH = 16  # documents per task: large enough to amortise a task, small enough to spread the work
RAY_INSTALL = "pip install -e '.[ray]'"

Batch = dict[str, Any]


def ray_analyser(encoder: Embedder, address: str | None = None) -> Analyser:
    """An Analyser that runs on Ray: `address` names a running cluster; None starts (or reuses) a local one."""

    def run(documents: list[Document]) -> Iterator[tuple[int, list[Analysed]]]:
        if not documents:
            return
        ray = _ray(address)
        dataset = ray.data.from_items([{"doc": doc.model_dump_json()} for doc in documents])
        parsed = dataset.map_batches(parse_stage, batch_size=RAY_BATCH, batch_format="pandas")
        embedded = parsed.map_batches(
            embed_stage, batch_size=RAY_BATCH, batch_format="pandas", fn_kwargs={"encoder": encoder}
        )
        pending: list[Analysed] = []
        covered = 0
        for row in embedded.iter_rows():
            covered += 1
            if row["english"]:
                pending.append(_analysed(row))
            if covered == RAY_BATCH:
                yield covered, pending
                pending, covered = [], 0
        if covered:
            yield covered, pending

    return run


def parse_stage(batch: Any) -> Any:
    """Stage 1: each document's claims and analyses (JSON), as the local engine makes them."""
    documents = [Document.model_validate_json(text) for text in batch["doc"]]
    english = [doc for doc in documents if looks_english(doc.text)]
    found = dict(zip([d.id for d in english], split_by_document(english, extract(english)), strict=True))
    batch = batch.copy()
    batch["english"] = [doc.id in found for doc in documents]
    batch["analyses"] = [json.dumps([encode_analysis(a) for a in found.get(doc.id, [])]) for doc in documents]
    return batch


def embed_stage(batch: Any, encoder: Embedder) -> Any:
    """Stage 2: each document's claim vectors, one encode call per document, as the local engine makes them."""
    threads = OneTorchThread()  # one torch thread per task: Ray runs one task per core
    threads.hold()
    try:
        vectors = []
        for analyses in batch["analyses"]:
            contents = [decode_analysis(a).content for a in json.loads(analyses)]
            vectors.append(b"".join(encode_vector(v) for v in embed_document(encoder, contents)))
    finally:
        threads.release()
    batch = batch.copy()
    batch["vectors"] = vectors
    return batch


def _analysed(row: Batch) -> Analysed:
    analyses = [decode_analysis(a) for a in json.loads(row["analyses"])]
    blob = bytes(row["vectors"])
    size = DIMENSIONS * np.dtype("<f4").itemsize
    vectors = decode_vectors([blob[i : i + size] for i in range(0, len(blob), size)], DIMENSIONS)
    return Analysed(Document.model_validate_json(row["doc"]), analyses, vectors)


def _ray(address: str | None) -> Any:
    try:
        import ray
    except ImportError:
        raise UsageError(f"--engine ray needs Ray, an optional extra: {RAY_INSTALL}") from None
    if not ray.is_initialized():
        try:
            ray.init(
                address=address,
                include_dashboard=False,
                logging_level=logging.ERROR,
                log_to_driver=False,
                configure_logging=True,
            )
        except (ConnectionError, RuntimeError, ValueError) as error:
            raise UsageError(f"cannot reach the Ray cluster at {address or 'a local Ray'}: {error}") from None
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # the driver writes in input order, as the local engine
    context.enable_progress_bars = False
    return ray
