"""What all formats share: hiding conflicts under --min-severity, disputes by topic."""

from __future__ import annotations

import pytest

from checker.models import Report, Severity, Status
from checker.report.view import disputes_by_topic, hide_below, summary


@pytest.mark.parametrize(
    ("floor", "kept", "note"),
    [
        (Severity.LOW, ["high", "medium", "low"], None),
        (Severity.MEDIUM, ["high", "medium"], "1 conflict(s) below medium severity not shown (--min-severity medium)."),
        (Severity.HIGH, ["high"], "2 conflict(s) below high severity not shown (--min-severity high)."),
    ],
)
def test_hide_below(riverside_report: Report, floor: Severity, kept: list[str], note: str | None) -> None:
    shown = hide_below(riverside_report, floor)
    assert [c.severity.value for c in shown.conflicts] == kept
    assert sorted(i for d in shown.disputes for i in d.conflict_ids) == sorted(c.id for c in shown.conflicts)
    assert shown.warnings == ([note] if note else [])
    assert (shown.claims, shown.topics) == (riverside_report.claims, riverside_report.topics)


def test_hiding_keeps_settled_conflicts_at_or_above_the_floor(riverside_report: Report) -> None:
    shown = hide_below(riverside_report, Severity.MEDIUM)
    assert Status.SUPERSEDED in {c.status for c in shown.conflicts}


def test_disputes_grouped_under_their_first_conflicts_topic(riverside_report: Report) -> None:
    claims = {c.id: c for c in riverside_report.claims}
    conflicts = {c.id: c for c in riverside_report.conflicts}
    grouped = disputes_by_topic(riverside_report)
    assert [d for _, disputes in grouped for d in disputes] == riverside_report.disputes
    for topic, disputes in grouped:
        assert all(claims[conflicts[d.conflict_ids[0]].claim_ids[0]].topic_id == topic.id for d in disputes)


def test_summary_counts_disputes_and_conflicts(riverside_report: Report) -> None:
    disputes, conflicts = len(riverside_report.disputes), len(riverside_report.conflicts)
    opened = sum(d.status is Status.OPEN for d in riverside_report.disputes)
    assert f"{disputes} disputes over {conflicts} conflicts: {opened} open" in summary(riverside_report)
