"""What every report format shows the same way: summary, disputes by topic, who said it, what is hidden."""

from __future__ import annotations

from checker.models import Claim, Conflict, Dispute, Report, Severity, Side, SideRole, Status, Topic
from checker.report.disputes import restrict
from checker.resolve import severity_at_least

ARTICLE_VOICE = "the article"
SIDE_HEADING = {SideRole.DISPUTED: "Disputed", SideRole.CONTRADICTS: "Contradicted by", SideRole.FIGURE: "Figures"}
# An update is a later development, not a contradiction: its sides are named for what they are.
UPDATE_HEADING = {SideRole.DISPUTED: "Earlier report", SideRole.CONTRADICTS: "Updated by"}


def summary(report: Report) -> str:
    open_count = sum(1 for d in report.disputes if d.status is Status.OPEN)
    settled = len(report.disputes) - open_count
    return (
        f"{len(report.documents)} document(s), {len(report.claims)} claims, {len(report.topics)} topics, "
        f"{len(report.disputes)} disputes over {len(report.conflicts)} conflicts: "
        f"{open_count} open, {settled} superseded or resolved"
    )


def disputes_by_topic(report: Report) -> list[tuple[Topic, list[Dispute]]]:
    """Topics that have disputes, in report order; a dispute belongs to the topic of its first conflict."""
    claims = claim_index(report)
    conflicts = conflict_index(report)
    grouped: list[tuple[Topic, list[Dispute]]] = []
    for topic in report.topics:
        members = [d for d in report.disputes if claims[conflicts[d.conflict_ids[0]].claim_ids[0]].topic_id == topic.id]
        if members:
            grouped.append((topic, members))
    return grouped


def conflict_index(report: Report) -> dict[str, Conflict]:
    return {c.id: c for c in report.conflicts}


def side_groups(dispute: Dispute) -> list[tuple[str, list[Side]]]:
    """The sides under their headings: the disputed statement, then what contradicts it; or the figures."""
    groups: list[tuple[str, list[Side]]] = []
    for side in dispute.sides:
        heading = (UPDATE_HEADING if dispute.kind == "update" else SIDE_HEADING).get(side.role, SIDE_HEADING[side.role])
        if groups and groups[-1][0] == heading:
            groups[-1][1].append(side)
        else:
            groups.append((heading, [side]))
    return groups


def settler_label(dispute: Dispute, claims: dict[str, Claim]) -> str | None:
    """ "the Pentagon (seed:27)": who settled the dispute, with the claim id; None while it is open."""
    if dispute.resolved_by is None:
        return None
    settler = claims.get(dispute.resolved_by)
    return f"{voice(settler)} ({dispute.resolved_by})" if settler else dispute.resolved_by


def pair_label(conflict: Conflict, claims: dict[str, Claim]) -> str:
    """ "Andrii Kovalenko vs Kyrylo Budanov": the two voices of a pairwise conflict."""
    return " vs ".join(voice(claims[i]) for i in conflict.claim_ids[:2])


def claim_index(report: Report) -> dict[str, Claim]:
    return {c.id: c for c in report.claims}


def voice(claim: Claim) -> str:
    """Who is speaking: the named speaker, else the outlet relayed, else the article itself."""
    return claim.speaker or claim.cited_source or ARTICLE_VOICE


def hide_below(report: Report, floor: Severity) -> Report:
    """The report without conflicts under `floor`, its disputes redone over the rest; a warning says how many."""
    kept = [c for c in report.conflicts if severity_at_least(c.severity, floor)]
    hidden = len(report.conflicts) - len(kept)
    if not hidden:
        return report
    note = f"{hidden} conflict(s) below {floor.value} severity not shown (--min-severity {floor.value})."
    disputes = restrict(report, kept)
    return report.model_copy(update={"conflicts": kept, "disputes": disputes, "warnings": [*report.warnings, note]})
