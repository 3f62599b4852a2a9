"""The seed article: the conflicts an experienced fact-checker would list, found by general rules."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.models import Claim, Conflict, Report, Severity, Status
from checker.report.render import render_json
from tests.conftest import SEED

pytestmark = pytest.mark.model

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "seed_report.json"
REFRESH = "CHECKER_REFRESH_GOLDEN"


def by_speaker(report: Report, speaker: str, needle: str = "") -> Claim:
    (claim,) = [c for c in report.claims if c.speaker == speaker and needle in c.text]
    return claim


def between(report: Report, kind: str, first: Claim, second: Claim) -> Conflict:
    wanted = {first.id, second.id}
    (conflict,) = [c for c in report.conflicts if c.kind == kind and set(c.claim_ids) == wanted]
    return conflict


def test_denial_against_training_reports_is_settled_by_later_confirmations(seed_report: Report) -> None:
    kovalenko = by_speaker(seed_report, "Andrii Kovalenko")
    for speaker, needle in [("Kyrylo Budanov", "11,000"), ("Volodymyr Zelenskyy", "ten thousand")]:
        conflict = between(seed_report, "denial", kovalenko, by_speaker(seed_report, speaker, needle))
        assert conflict.status is Status.RESOLVED
        settler = next(c for c in seed_report.claims if c.id == conflict.resolved_by)
        assert settler.speaker in {"the Pentagon", "Mark Rutte"}


def test_not_yet_confirmed_is_superseded_by_pentagon_and_rutte(seed_report: Report) -> None:
    austin = by_speaker(seed_report, "Lloyd Austin")
    pentagon = by_speaker(seed_report, "the Pentagon")
    conflict = between(seed_report, "confirmation", austin, pentagon)
    assert (conflict.status, conflict.resolved_by) == (Status.SUPERSEDED, pentagon.id)
    rutte = [
        c
        for c in seed_report.conflicts
        if c.kind == "confirmation"
        and austin.id in c.claim_ids
        and any(x.speaker == "Mark Rutte" for x in seed_report.claims if x.id in c.claim_ids)
    ]
    assert [c.status for c in rutte] == [Status.SUPERSEDED]


def test_ten_thousand_against_nearly_eleven_thousand_is_low(seed_report: Report) -> None:
    zelenskyy = by_speaker(seed_report, "Volodymyr Zelenskyy", "ten thousand")
    budanov = by_speaker(seed_report, "Kyrylo Budanov", "11,000")
    assert between(seed_report, "numeric", zelenskyy, budanov).severity is Severity.LOW


def test_ready_by_november_against_used_in_october_is_a_schedule_conflict(seed_report: Report) -> None:
    ready = by_speaker(seed_report, "Kyrylo Budanov", "1 November")
    used = by_speaker(seed_report, "Volodymyr Zelenskyy", "27-28 October")
    assert between(seed_report, "schedule", ready, used).status is Status.OPEN


def test_escaped_then_detained_is_an_update(seed_report: Report) -> None:
    (update,) = [c for c in seed_report.conflicts if c.kind == "update"]
    assert update.status is Status.SUPERSEDED
    texts = [c.text for c in seed_report.claims if c.id in update.claim_ids]
    assert "escaped" in texts[0] and "detained" in texts[1]


def test_speculation_never_opens_a_serious_conflict(seed_report: Report) -> None:
    speculating = {"The Guardian", "Jongkook Hwang", "Kim Yong-hyun"}
    claims = {c.id: c for c in seed_report.claims}
    for conflict in seed_report.conflicts:
        speakers = {claims[i].speaker for i in conflict.claim_ids}
        if speakers & speculating and conflict.status is Status.OPEN:
            assert conflict.severity is Severity.LOW


def test_attribution_of_the_named_speakers(seed_report: Report) -> None:
    speakers = {c.speaker for c in seed_report.claims}
    assert {"Kyrylo Budanov", "Andrii Kovalenko", "Lloyd Austin", "the Pentagon", "Mark Rutte"} <= speakers
    rutte = [c for c in seed_report.claims if "NATO Secretary General added" in c.text or c.text.startswith("He said")]
    assert all(c.speaker == "Mark Rutte" for c in rutte)


def test_cli_json_is_the_report_and_matches_the_golden_file() -> None:
    result = CliRunner().invoke(app, ["check", str(SEED), "--published", "2024-10-28", "--format", "json"])
    assert result.exit_code == 1, result.output  # open medium conflict (schedule): the gate fails
    report = Report.model_validate(json.loads(result.stdout))
    assert render_json(report) == result.stdout
    if os.environ.get(REFRESH):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8"), f"golden differs; refresh on purpose with {REFRESH}=1"
