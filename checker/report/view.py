"""What every report format shows the same way: summary, conflicts by topic, who said it, what is hidden."""

from __future__ import annotations

from checker.models import Claim, Conflict, Report, Severity, Status, Topic
from checker.resolve import severity_at_least

ARTICLE_VOICE = "the article"


def summary(report: Report) -> str:
    open_count = sum(1 for c in report.conflicts if c.status is Status.OPEN)
    settled = len(report.conflicts) - open_count
    return (
        f"{len(report.documents)} document(s), {len(report.claims)} claims, {len(report.topics)} topics, "
        f"{len(report.conflicts)} conflicts: {open_count} open, {settled} superseded or resolved"
    )


def claim_index(report: Report) -> dict[str, Claim]:
    return {c.id: c for c in report.claims}


def conflicts_by_topic(report: Report) -> list[tuple[Topic, list[Conflict]]]:
    """Topics that have conflicts, in report order; a conflict belongs to its first claim's topic."""
    claims = claim_index(report)
    grouped: list[tuple[Topic, list[Conflict]]] = []
    for topic in report.topics:
        members = [c for c in report.conflicts if claims[c.claim_ids[0]].topic_id == topic.id]
        if members:
            grouped.append((topic, members))
    return grouped


def voice(claim: Claim) -> str:
    """Who is speaking: the named speaker, else the outlet relayed, else the article itself."""
    return claim.speaker or claim.cited_source or ARTICLE_VOICE


def hide_below(report: Report, floor: Severity) -> Report:
    """The report without conflicts under `floor`; a warning says how many were left out."""
    kept = [c for c in report.conflicts if severity_at_least(c.severity, floor)]
    hidden = len(report.conflicts) - len(kept)
    if not hidden:
        return report
    note = f"{hidden} conflict(s) below {floor.value} severity not shown (--min-severity {floor.value})."
    return report.model_copy(update={"conflicts": kept, "warnings": [*report.warnings, note]})
