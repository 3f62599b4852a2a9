"""What all formats share: hiding conflicts under --min-severity, disputes by topic."""

from __future__ import annotations

import pytest

from checker.models import Report, Severity, Status
from checker.report.view import disputes_by_topic, hide_below, summary


@pytest.mark.parametrize("floor", list(Severity))
def test_hide_below(riverside_report: Report, floor: Severity) -> None:
    shown = hide_below(riverside_report, floor)
    kept = [c for c in riverside_report.conflicts if c.severity.rank >= floor.rank]
    hidden = len(riverside_report.conflicts) - len(kept)
    assert shown.conflicts == kept
    assert hidden or floor is Severity.LOW  # the fixture has conflicts under medium and under high
    note = f"{hidden} conflict(s) below {floor.value} severity not shown (--min-severity {floor.value})."
    assert shown.warnings == ([note] if hidden else [])
    assert sorted(i for d in shown.disputes for i in d.conflict_ids) == sorted(c.id for c in shown.conflicts)
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
