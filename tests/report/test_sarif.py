"""SARIF 2.1.0: the log's required structure, levels, and line/column regions on multi-line text."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from checker.models import Document, Report, Severity, Status
from checker.report.sarif import LineIndex, render_sarif, sarif_log
from checker.rules import all_rules
from tests import reports

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


def _regions(log: dict[str, Any], conflict_index: int) -> list[dict[str, Any]]:
    result = log["runs"][0]["results"][conflict_index]
    return [loc["physicalLocation"]["region"] for loc in result["locations"]]


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
        for location in result["locations"]:
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
    assert len(run["results"]) == len(riverside_report.conflicts)
    for result, conflict in zip(run["results"], riverside_report.conflicts, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == conflict.kind
        assert result["level"] == LEVELS[conflict.severity.value]
        assert result["message"]["text"] == conflict.explanation
        assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["locations"]] == [
            "riverside",
            "riverside",
        ]
        assert result["properties"]["status"] == conflict.status.value
        assert result["properties"]["resolved_by"] == conflict.resolved_by


def test_every_level_is_used(multiline_report: Report) -> None:
    results = sarif_log(multiline_report, [MULTILINE])["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]


def test_a_settling_claim_outside_the_pair_is_a_related_location(multiline_report: Report) -> None:
    settled = multiline_report.conflicts[2].model_copy(update={"claim_ids": ["roads:1", "roads:2"]})
    report = multiline_report.model_copy(update={"conflicts": [settled]})
    (result,) = sarif_log(report, [MULTILINE])["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["region"]["snippet"]["text"] == THIRD


def test_without_the_text_regions_keep_offsets(multiline_report: Report) -> None:
    region = _regions(sarif_log(multiline_report, []), 0)[0]
    assert "startLine" not in region
    assert (region["charOffset"], region["charLength"]) == (MULTILINE.text.index(FIRST), len(FIRST))


def test_warnings_become_notifications(multiline_report: Report) -> None:
    noted = multiline_report.model_copy(update={"warnings": ["1 conflict(s) below high severity not shown."]})
    (invocation,) = sarif_log(noted, [MULTILINE])["runs"][0]["invocations"]
    assert invocation["toolConfigurationNotifications"][0]["message"]["text"].startswith("1 conflict(s)")
