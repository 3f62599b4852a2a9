"""What `checker serve` reads and answers, as pydantic models: the OpenAPI description is built from them.

A request's documents are not validated here but by the reader of JSONL records
(`checker.ingest.read_records`), so that a bad document gets the message a bad JSONL line gets;
`DocumentIn` only describes them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from checker.models import Report, Severity
from checker.resolve import FailOn, Verdict


class DocumentIn(BaseModel):
    """One document, as a line of a `.jsonl` input holds it; other fields are ignored."""

    model_config = ConfigDict(extra="allow")

    id: str | int = Field(description="Unique within the request; a number is read as its decimal text.")
    text: str = Field(description="The text (HTML is reduced to text, with a note in the report's warnings).")
    source: str | None = Field(default=None, description="The outlet, when the document is someone else's report.")
    published: str | None = Field(default=None, json_schema_extra={"format": "date"}, description="YYYY-MM-DD.")
    url: str | None = None


class CheckOptions(BaseModel):
    """The request's settings, as `checker check`'s flags; absent ones come from the server's config file."""

    model_config = ConfigDict(extra="forbid")

    published: str | None = Field(
        default=None,
        json_schema_extra={"format": "date"},
        description="Publication date (YYYY-MM-DD) for documents that carry none, as --published.",
    )
    min_severity: Severity | None = Field(default=None, description="Leave lower conflicts out, as --min-severity.")
    fail_on: FailOn | None = Field(default=None, description="The gate's threshold, as --fail-on.")
    disable: list[str] | None = Field(default=None, description="Rules to turn off, as --disable; see /v1/rules.")


class CheckRequest(CheckOptions):
    """The body of POST /v1/check."""

    documents: list[DocumentIn] = Field(description="The documents to check together, as one run of the CLI.")


class Gate(BaseModel):
    """The gate's verdict on the whole report (before min_severity hides anything), as the CLI exits."""

    fail_on: FailOn
    verdict: Verdict = Field(description="pass, fail (an open conflict at or above fail_on), or indeterminate.")
    exit_code: int = Field(description="What `checker check` exits with for the same input: 0, 1 or 2.")


class CheckResponse(BaseModel):
    """The body of a 200 answer: `report` is exactly what `checker check --format json` prints."""

    gate: Gate
    report: Report


class ErrorBody(BaseModel):
    """Every answer other than 200: one line, the message `checker check` prints after `checker: error:`."""

    error: str


class Health(BaseModel):
    """`status` is ok once the models are loaded; the counts show the work queue."""

    status: str = Field(description="loading, ok, or failed.")
    running: int
    waiting: int
    workers: int
    queue: int = Field(description="How many requests may wait for a worker before the server answers 503.")
    error: str | None = None


class RuleInfo(BaseModel):
    id: str
    description: str


class Rules(BaseModel):
    rules: list[RuleInfo]
