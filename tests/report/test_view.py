"""What all formats share: hiding conflicts under --min-severity, grouping by topic."""

from __future__ import annotations

import pytest

from checker.models import Report, Severity, Status
from checker.report.view import conflicts_by_topic, hide_below


@pytest.mark.parametrize(
    ("floor", "kept", "note"),
    [
        (Severity.LOW, ["high", "low", "medium", "low"], None),
        (Severity.MEDIUM, ["high", "medium"], "2 conflict(s) below medium severity not shown (--min-severity medium)."),
        (Severity.HIGH, ["high"], "3 conflict(s) below high severity not shown (--min-severity high)."),
    ],
)
def test_hide_below(riverside_report: Report, floor: Severity, kept: list[str], note: str | None) -> None:
    shown = hide_below(riverside_report, floor)
    assert [c.severity.value for c in shown.conflicts] == kept
    assert shown.warnings == ([note] if note else [])
    assert (shown.claims, shown.topics) == (riverside_report.claims, riverside_report.topics)


def test_hiding_keeps_settled_conflicts_at_or_above_the_floor(riverside_report: Report) -> None:
    shown = hide_below(riverside_report, Severity.MEDIUM)
    assert Status.SUPERSEDED in {c.status for c in shown.conflicts}


def test_conflicts_grouped_under_their_first_claims_topic(riverside_report: Report) -> None:
    claims = {c.id: c for c in riverside_report.claims}
    grouped = conflicts_by_topic(riverside_report)
    assert sum(len(conflicts) for _, conflicts in grouped) == len(riverside_report.conflicts)
    for topic, conflicts in grouped:
        assert all(claims[c.claim_ids[0]].topic_id == topic.id for c in conflicts)
