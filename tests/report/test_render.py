"""The dispatcher and the JSON report, validated against the JSON Schema that `checker schema` prints."""

from __future__ import annotations

import json

import jsonschema
import pytest

from checker.models import Document, Report, Severity
from checker.report import Format
from checker.report.render import render
from checker.report.view import hide_below

SCHEMA = Report.model_json_schema()


def _validate(report: Report) -> None:
    jsonschema.validate(json.loads(render(report, Format.JSON)), SCHEMA, cls=jsonschema.Draft202012Validator)


def test_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.model
def test_seed_report_matches_the_schema(seed_report: Report) -> None:
    _validate(seed_report)


def test_fast_report_matches_the_schema(riverside_report: Report) -> None:
    _validate(riverside_report)
    _validate(hide_below(riverside_report, Severity.HIGH))


def test_schema_rejects_what_the_report_never_holds(riverside_report: Report) -> None:
    data = json.loads(render(riverside_report, Format.JSON))
    data["conflicts"][0]["status"] = "disputed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    data = json.loads(render(riverside_report, Format.JSON))
    data["disputes"][0]["sides"][0]["role"] = "plaintiff"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_json_is_the_model_dump(riverside_report: Report) -> None:
    assert json.loads(render(riverside_report, Format.JSON)) == riverside_report.model_dump(mode="json")


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_deterministically(
    fmt: Format, riverside_report: Report, riverside_document: Document
) -> None:
    first = render(riverside_report, fmt, documents=[riverside_document])
    assert first.endswith("\n") and first == render(riverside_report, fmt, documents=[riverside_document])
    claim = riverside_report.claims[0]
    if fmt is not Format.CLAIMREVIEW:  # ClaimReview quotes only each conflict's first claim
        assert claim.id in first
