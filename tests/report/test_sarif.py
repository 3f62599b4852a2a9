"""SARIF 2.1.0: one result per dispute, valid against the official schema, levels, and line/column regions."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest

from checker.models import Document, Report, Severity, Status
from checker.report.sarif import LineIndex, render_sarif, sarif_log
from checker.rules import all_rules
from tests import reports
from tests.conftest import ROOT

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
needs_schema = pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="../shared/schemas is absent")

# CRLF, LF and CR line ends; a claim that runs over a line break; an astral character before a claim.
MULTILINE = Document(
    id="roads",
    text=(
        "Road closures\r\n\r\n"
        "On 3 October, Tom Reed said the road is closed. Later, Ann Cole said\n"
        "that the road is open.\r"
        "Émile 🚒 said the road is shut."
    ),
)
FIRST = "On 3 October, Tom Reed said the road is closed."
SECOND = "Later, Ann Cole said\nthat the road is open."
THIRD = "🚒 said the road is shut."
LEVELS = {"high": "error", "medium": "warning", "low": "note"}


@pytest.fixture
def multiline_report() -> Report:
    a = reports.claim(MULTILINE, FIRST, 1, "Tom Reed")
    b = reports.claim(MULTILINE, SECOND, 2, "Ann Cole")
    c = reports.claim(MULTILINE, THIRD, 3, None)
    return reports.report(
        [MULTILINE],
        [a, b, c],
        [
            reports.conflict(1, "denial", (a, b), Status.OPEN, Severity.HIGH),
            reports.conflict(2, "schedule", (b, c), Status.OPEN, Severity.MEDIUM),
            reports.conflict(3, "update", (a, c), Status.SUPERSEDED, Severity.LOW, resolved_by=c.id),
        ],
    )


@pytest.mark.parametrize(
    ("text", "offset", "position"),
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("ab\ncd", 3, (2, 1)),
        ("ab\r\ncd", 4, (2, 1)),
        ("ab\r\ncd", 5, (2, 2)),
        ("ab\rcd\n\nef", 7, (4, 1)),
        ("a\u2028b", 2, (1, 3)),  # only CR and LF end a SARIF line, not every Unicode separator
    ],
)
def test_line_index(text: str, offset: int, position: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == position


def _regions(log: dict[str, Any], dispute_index: int) -> list[dict[str, Any]]:
    """The regions of a result: the disputed claim, then the related claims."""
    result = log["runs"][0]["results"][dispute_index]
    locations = [*result["locations"], *result.get("relatedLocations", [])]
    return [loc["physicalLocation"]["region"] for loc in locations]


def assert_valid_sarif(log: dict[str, Any]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator(schema).validate(log)


def test_regions_on_a_multiline_document(multiline_report: Report) -> None:
    log = sarif_log(multiline_report, [MULTILINE])
    first, second = _regions(log, 0)
    third = _regions(log, 1)[1]
    lines = (first["startLine"], first["startColumn"], first["endLine"], first["endColumn"])
    assert lines == (3, 1, 3, 48)
    lines = (second["startLine"], second["startColumn"], second["endLine"], second["endColumn"])
    assert lines == (3, 49, 4, 23)
    # Code points, as the run's columnKind says: the fire engine counts one column, not two UTF-16 units.
    lines = (third["startLine"], third["startColumn"], third["endLine"], third["endColumn"])
    assert lines == (5, 7, 5, 31)
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_regions_round_trip_to_the_claim_text(riverside_report: Report, riverside_document: Document) -> None:
    _assert_round_trip(riverside_report, [riverside_document])


@pytest.mark.model
def test_regions_round_trip_on_the_seed(seed_report: Report, seed_document: Document) -> None:
    _assert_round_trip(seed_report, [seed_document])


def _assert_round_trip(report: Report, documents: list[Document]) -> None:
    texts = {d.id: d.text for d in documents}
    log = sarif_log(report, documents)
    assert log["runs"][0]["results"], "the fixture should have conflicts"
    for result in log["runs"][0]["results"]:
        for location in [*result["locations"], *result.get("relatedLocations", [])]:
            physical = location["physicalLocation"]
            region = physical["region"]
            assert _slice(texts[physical["artifactLocation"]["uri"]], region) == region["snippet"]["text"]


def _slice(text: str, region: dict[str, Any]) -> str:
    """The text between two (line, column) positions, found by splitting lines the SARIF way."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[region["startLine"] - 1] + region["startColumn"] - 1
    end = starts[region["endLine"] - 1] + region["endColumn"] - 1
    return text[start:end]


def test_log_structure(riverside_report: Report, riverside_document: Document) -> None:
    log = json.loads(render_sarif(riverside_report, [riverside_document]))
    assert (log["version"], log["$schema"].endswith("sarif-schema-2.1.0.json")) == ("2.1.0", True)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "checker"
    assert [(r["id"], r["shortDescription"]["text"]) for r in driver["rules"]] == [
        (r.id, r.description) for r in all_rules()
    ]
    assert len(run["results"]) == len(riverside_report.disputes)
    for result, dispute in zip(run["results"], riverside_report.disputes, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == dispute.kind
        assert result["level"] == LEVELS[dispute.severity.value]
        assert result["message"]["text"] == dispute.explanation
        located = [loc["properties"]["claimId"] for loc in result["locations"]]
        related = [loc["properties"]["claimId"] for loc in result.get("relatedLocations", [])]
        assert located == dispute.sides[0].claim_ids
        assert related == [i for side in dispute.sides[1:] for i in side.claim_ids]
        assert result["properties"]["status"] == dispute.status.value
        assert result["properties"]["resolved_by"] == dispute.resolved_by
        assert result["properties"]["conflictIds"] == dispute.conflict_ids


def test_pairs_of_a_dispute_are_related_locations() -> None:
    document, report = reports.one_denial_against_two()
    (result,) = sarif_log(report, [document])["runs"][0]["results"]
    assert [loc["message"]["text"] for loc in result["locations"]] == ["Tom Reed: denies (C1, C2)"]
    related = [(loc["id"], loc["message"]["text"]) for loc in result["relatedLocations"]]
    assert related == [(1, "Ann Cole: asserts (C1)"), (2, "Ben Ward: asserts (C2)")]
    assert result["level"] == "error" and result["properties"]["conflictIds"] == ["C1", "C2"]


@needs_schema
def test_logs_are_valid_sarif(riverside_report: Report, riverside_document: Document, multiline_report: Report) -> None:
    assert_valid_sarif(sarif_log(riverside_report, [riverside_document]))
    assert_valid_sarif(sarif_log(multiline_report, [MULTILINE]))
    assert_valid_sarif(sarif_log(multiline_report, []))


@needs_schema
def test_the_schema_catches_a_broken_log(multiline_report: Report) -> None:
    log = sarif_log(multiline_report, [MULTILINE])
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        assert_valid_sarif(log)


@pytest.mark.model
@needs_schema
def test_seed_log_is_valid_sarif(seed_report: Report, seed_document: Document) -> None:
    log = sarif_log(seed_report, [seed_document])
    assert_valid_sarif(log)
    assert len(log["runs"][0]["results"]) == len(seed_report.disputes)


def test_every_level_is_used(multiline_report: Report) -> None:
    results = sarif_log(multiline_report, [MULTILINE])["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]


def test_a_settling_claim_outside_the_dispute_is_a_related_location(multiline_report: Report) -> None:
    settled = multiline_report.conflicts[2].model_copy(update={"claim_ids": ["roads:1", "roads:2"]})
    report = reports.report(
        [MULTILINE], multiline_report.claims, [settled.model_copy(update={"status": Status.SUPERSEDED})]
    )
    (result,) = sarif_log(report, [MULTILINE])["runs"][0]["results"]
    (other, settler) = result["relatedLocations"]
    assert other["physicalLocation"]["region"]["snippet"]["text"] == SECOND
    assert settler["physicalLocation"]["region"]["snippet"]["text"] == THIRD
    assert settler["message"]["text"] == "the claim that settles it"


def test_without_the_text_regions_keep_offsets(multiline_report: Report) -> None:
    region = _regions(sarif_log(multiline_report, []), 0)[0]
    assert "startLine" not in region
    assert (region["charOffset"], region["charLength"]) == (MULTILINE.text.index(FIRST), len(FIRST))


def test_warnings_become_notifications(multiline_report: Report) -> None:
    noted = multiline_report.model_copy(update={"warnings": ["1 conflict(s) below high severity not shown."]})
    (invocation,) = sarif_log(noted, [MULTILINE])["runs"][0]["invocations"]
    assert invocation["toolConfigurationNotifications"][0]["message"]["text"].startswith("1 conflict(s)")
