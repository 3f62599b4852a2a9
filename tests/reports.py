"""Hand-built reports over real sentences, for renderer tests that must not depend on the rules' current output."""

from __future__ import annotations

import datetime as dt

from checker.models import Claim, Conflict, Document, Precision, Report, Severity, Stance, StatedAt, Status, Topic
from checker.report.disputes import Figures, group_disputes


def claim(doc: Document, text: str, number: int, speaker: str | None, **fields: object) -> Claim:
    """A claim over `text` as it occurs in `doc` (offsets found, not typed in)."""
    start = doc.text.index(text)
    values: dict[str, object] = {
        "id": f"{doc.id}:{number}",
        "doc_id": doc.id,
        "text": text,
        "start": start,
        "end": start + len(text),
        "speaker": speaker,
        "speaker_role": None,
        "cited_source": None,
        "stance": Stance.ASSERTS,
        "stated_at": StatedAt(date=None, precision=Precision.UNKNOWN, order=number),
        "topic_id": "T1",
    }
    values.update(fields)
    return Claim.model_validate(values)


def conflict(
    number: int, kind: str, claims: tuple[Claim, Claim], status: Status, severity: Severity, **fields: object
) -> Conflict:
    values: dict[str, object] = {
        "id": f"C{number}",
        "kind": kind,
        "claim_ids": [c.id for c in claims],
        "status": status,
        "severity": severity,
        "resolved_by": None,
        "as_of": dt.date(2024, 10, 28),
        "explanation": f"{claims[0].speaker} and {claims[1].speaker} disagree.",
    }
    values.update(fields)
    return Conflict.model_validate(values)


def report(
    documents: list[Document], claims: list[Claim], conflicts: list[Conflict], figures: Figures | None = None
) -> Report:
    """A report with one topic, its disputes grouped as the pipeline groups them."""
    topic = Topic(id="T1", label=claims[0].text[:40], claim_ids=[c.id for c in claims])
    infos = [{"id": d.id, "source": d.source, "published": d.published, "url": d.url} for d in documents]
    built = Report.model_validate({"documents": infos, "claims": claims, "topics": [topic], "conflicts": conflicts})
    return built.model_copy(update={"disputes": group_disputes(built, figures)})


def one_denial_against_two() -> tuple[Document, Report]:
    """Tom Reed denies what Ann Cole and Ben Ward say: two conflicts, one dispute."""
    document = Document(id="d", text="Tom Reed denied the leak. Ann Cole saw the leak. Ben Ward smelled the leak.")
    reed = claim(document, "Tom Reed denied the leak.", 1, "Tom Reed", stance=Stance.DENIES)
    cole = claim(document, "Ann Cole saw the leak.", 2, "Ann Cole")
    ward = claim(document, "Ben Ward smelled the leak.", 3, "Ben Ward")
    conflicts = [
        conflict(1, "denial", (reed, cole), Status.OPEN, Severity.HIGH),
        conflict(2, "denial", (reed, ward), Status.OPEN, Severity.MEDIUM),
    ]
    return document, report([document], [reed, cole, ward], conflicts)
