"""What the archive keeps of a document: its analyses (claims plus what the rules compare) and their vectors.

An `Analysis` is stored as JSON. Its claim's `stated_at.order` ranks claims on the timeline of one
run, so it is not kept: `retime` ranks archived and draft claims together, exactly as `extract`
ranks the documents of one run (by time key, then document id, then position in the document).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from checker.embed import Vectors
from checker.extract import Analysis, Timing
from checker.models import Claim, Document

VECTOR_DTYPE = np.dtype("<f4")


@dataclass(frozen=True)
class Analysed:
    """One document, ready to archive: its claims' analyses and one vector per claim."""

    document: Document
    analyses: list[Analysis]
    vectors: Vectors


def document_digest(doc: Document) -> bytes:
    """Everything a document is: an unchanged document has the same digest and is skipped."""
    return hashlib.sha256(doc.model_dump_json().encode("utf-8")).digest()


def content_digest(doc: Document) -> bytes:
    """What its analyses depend on: the text and the publication date (not the id, source or url)."""
    published = doc.published.isoformat() if doc.published else ""
    return hashlib.sha256(f"{published}\0{doc.text}".encode()).digest()


def encode_analysis(analysis: Analysis) -> str:
    claim = analysis.claim.model_dump(mode="json")
    claim["stated_at"]["order"] = 0
    record = {
        "claim": claim,
        "content": analysis.content,
        "entities": sorted(analysis.entities),
        "terms": sorted(analysis.terms),
        "leans_back": analysis.leans_back,
        "paragraph": analysis.paragraph,
        "sentence_index": analysis.sentence_index,
        "time_key": _finite_or_none(analysis.time_key),
        "published_key": _finite_or_none(analysis.published_key),
        "doc_source": analysis.doc_source,
        "body": analysis.body,
        "places": sorted(analysis.places),
        "points_back": analysis.points_back,
        "timing": analysis.timing.value if analysis.timing is not None else None,
        "retracts": analysis.retracts,
        "periods": sorted(analysis.periods),
        "caveat": analysis.caveat,
        "says_no": analysis.says_no,
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def decode_analysis(text: str) -> Analysis:
    record: dict[str, Any] = json.loads(text)
    return Analysis(
        claim=Claim.model_validate(record["claim"]),
        content=record["content"],
        entities=frozenset(record["entities"]),
        terms=frozenset(record["terms"]),
        leans_back=record["leans_back"],
        paragraph=record["paragraph"],
        sentence_index=record["sentence_index"],
        time_key=_none_to_inf(record["time_key"]),
        published_key=_none_to_inf(record["published_key"]),
        doc_source=record["doc_source"],
        body=record.get("body"),
        places=frozenset(record.get("places", ())),
        points_back=record.get("points_back", False),
        timing=Timing(record["timing"]) if record.get("timing") else None,
        retracts=record.get("retracts", False),
        periods=frozenset(record.get("periods", ())),
        caveat=record.get("caveat", False),
        says_no=record.get("says_no", False),
    )


def encode_vector(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype=VECTOR_DTYPE).tobytes()


def decode_vectors(blobs: list[bytes], dimensions: int) -> Vectors:
    if not blobs:
        return np.zeros((0, dimensions), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype=VECTOR_DTYPE).reshape(len(blobs), dimensions).astype(np.float32)


def renamed(analysis: Analysis, doc: Document) -> Analysis:
    """The analysis of the same text under another document: ids and outlet follow the document."""
    number = analysis.claim.id.rpartition(":")[2]
    claim = analysis.claim.model_copy(update={"id": f"{doc.id}:{number}", "doc_id": doc.id})
    return replace(analysis, claim=claim, doc_source=doc.source)


def retime(analyses: list[Analysis]) -> list[Analysis]:
    """Rank the claims of several runs on one timeline, as one `extract` over all their documents would."""
    keys = [(a.time_key, a.claim.doc_id, a.claim.start) for a in analyses]
    ranking = {key: rank for rank, key in enumerate(sorted(set(keys)))}
    return [_ordered(a, ranking[k]) for a, k in zip(analyses, keys, strict=True)]


def _ordered(analysis: Analysis, order: int) -> Analysis:
    stated = analysis.claim.stated_at.model_copy(update={"order": order})
    return replace(analysis, claim=analysis.claim.model_copy(update={"stated_at": stated}))


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _none_to_inf(value: float | None) -> float:
    return float("inf") if value is None else float(value)
