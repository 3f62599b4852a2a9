"""A draft checked against the archive: its claims, plus the archived claims near them, through the same
topics, rules and time-aware resolution as any check; the report keeps what concerns the draft.

For each draft claim the ARCHIVE_NEIGHBOURS most similar archived claims (at least as similar as
two claims of one topic) join the check. Archived and draft claims are ranked on one timeline as a
single check of all their documents would rank them (checker.archive.records.retime), so a later
archived confirmation settles a draft's caution, and a draft repeating a figure the archive shows
was revised meets the revision (checker.resolve).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.archive.archive import Archive
from checker.archive.records import retime
from checker.embed import Vectors
from checker.extract import Analysis
from checker.models import Document, DocumentInfo, Report, Topic
from checker.topics.cluster import TOPIC_MIN_SIMILARITY

ARCHIVE_NEIGHBOURS = 24  # as many as a claim's rule neighbours in a topic (checker.topics.candidates)
ARCHIVE_MIN_SIMILARITY = TOPIC_MIN_SIMILARITY  # less similar claims never share a topic with the draft's


def dated(documents: list[Document], today: dt.date | None = None) -> list[Document]:
    """Drafts without a publication date are published today: that is when they will be read."""
    day = today or dt.date.today()
    return [doc if doc.published else doc.model_copy(update={"published": day}) for doc in documents]


@dataclass(frozen=True)
class WithArchive:
    """The drafts' claims and the archived claims near them, as one input to the later stages."""

    analyses: list[Analysis]
    vectors: Vectors
    drafts: frozenset[str]
    archived: list[Document]

    @property
    def focus(self) -> frozenset[int]:
        """The positions of the draft claims: the rules judge only pairs that involve one."""
        return frozenset(i for i, a in enumerate(self.analyses) if a.claim.doc_id in self.drafts)

    def restrict(self, report: Report) -> Report:
        """Only the conflicts that involve a draft claim, and the archived claims and documents they name."""
        conflicts = [c for c in report.conflicts if any(_doc_of(i) in self.drafts for i in c.claim_ids)]
        named = {i for c in conflicts for i in [*c.claim_ids, c.resolved_by] if i is not None}
        claims = [c for c in report.claims if c.doc_id in self.drafts or c.id in named]
        kept = {c.id for c in claims}
        topics = _kept(report.topics, kept)
        used = {c.doc_id for c in claims}
        archived = [_info(d) for d in self.archived if d.id in used]
        return report.model_copy(
            update={
                "documents": sorted([*report.documents, *archived], key=lambda d: d.id),
                "claims": claims,
                "topics": topics,
                "matters": _kept(report.matters, kept),
                "conflicts": [c.model_copy(update={"id": f"C{n}"}) for n, c in enumerate(conflicts, start=1)],
            }
        )


def _kept(topics: list[Topic], kept: set[str]) -> list[Topic]:
    """The topics (or matters) that still hold a kept claim, with only those claims."""
    found = [t.model_copy(update={"claim_ids": [i for i in t.claim_ids if i in kept]}) for t in topics]
    return [t for t in found if t.claim_ids]


def with_archive(folder: Path, analyses: list[Analysis], vectors: Vectors, model_id: str) -> WithArchive:
    """The drafts' claims with the archived claims near them; a draft replaces its own archived version."""
    with Archive.open(folder, model_id=model_id) as archive:
        nearby = archive.near(vectors, ARCHIVE_NEIGHBOURS, ARCHIVE_MIN_SIMILARITY)
    drafts = frozenset(a.claim.doc_id for a in analyses)
    keep = [i for i, a in enumerate(nearby.analyses) if a.claim.doc_id not in drafts]
    merged = analyses + [nearby.analyses[i] for i in keep]
    rows = np.concatenate([vectors, nearby.vectors[keep]]) if keep else vectors
    order = sorted(range(len(merged)), key=lambda i: (merged[i].claim.doc_id, merged[i].claim.start))
    return WithArchive(
        retime([merged[i] for i in order]),
        np.asarray(rows[order], dtype=np.float32),
        drafts,
        [d for d in nearby.documents if d.id not in drafts],
    )


def _doc_of(claim_id: str) -> str:
    return claim_id.rpartition(":")[0]


def _info(doc: Document) -> DocumentInfo:
    return DocumentInfo(id=doc.id, source=doc.source, published=doc.published, url=doc.url, archived=True)
