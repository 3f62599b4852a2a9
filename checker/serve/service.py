"""One check as the server runs it: the same stages, options and JSON as `checker check --format json`.

The request's documents are read as JSONL records are; its options take the place of the CLI's
flags over the server's config file; the report is rendered by the CLI's JSON renderer and the
gate judged by the CLI's gate. Only the answer's envelope is the server's own.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.config import Options
from checker.embed import Backend
from checker.errors import Cancelled
from checker.ingest import parse_date, read_records
from checker.models import Document, Severity
from checker.pipeline import Progress, check
from checker.report import Format, hide_below, render
from checker.resolve import FailOn, judge
from checker.serve.models import CheckOptions
from checker.serve.settings import Settings

REQUEST = "request"  # how messages name the request, where the CLI names a file
# Checked once at start-up so that the models are loaded before the first request; it must yield a claim.
WARM_UP = Document(id="warm-up", text="The mayor said on Monday that the bridge would reopen in May.")


def request_options(given: CheckOptions, defaults: Options) -> Options:
    """The request's options over the server's; a bad date is refused with the CLI's message."""
    flags: dict[str, Any] = {
        "published": parse_date(given.published, "published") if given.published is not None else None,
        "min_severity": given.min_severity.value if given.min_severity else None,
        "fail_on": given.fail_on.value if given.fail_on else None,
        "disable": tuple(given.disable) if given.disable is not None else None,
    }
    return dataclasses.replace(defaults, **{key: value for key, value in flags.items() if value is not None})


def check_records(
    records: list[Any],
    options: Options,
    cache: Path | None,
    stop: Callable[[], bool] | None = None,
    archive: Path | None = None,
) -> bytes:
    """The answer's body: `{"gate": ..., "report": ...}`, the report exactly as `checker check --format json`
    prints it (the renderer's own text, so even the bytes are the CLI's). `stop` is asked after each
    document is parsed and at each stage; once it answers True the check ends with Cancelled. With
    `archive`, the documents are drafts checked against it, as `checker check --archive` checks them."""
    documents, notes = read_records(records, REQUEST, options.published)
    backend = Backend(options.embedder)
    progress = _halting(stop) if stop is not None else None
    full = check(
        documents,
        backend=backend,
        disable=options.disable,
        enable=options.enable,
        cache=cache,
        progress=progress,
        archive=archive,
    )
    full = full.model_copy(update={"warnings": [*notes, *full.warnings]})
    report = hide_below(full, Severity(options.min_severity))
    fail_on = FailOn(options.fail_on)
    verdict = judge(full, fail_on)
    gate = {"fail_on": fail_on.value, "verdict": verdict.value, "exit_code": verdict.exit_code}
    text = render(report, Format.JSON).rstrip("\n")
    return f'{{"gate": {json.dumps(gate)}, "report": {text}}}\n'.encode()


def _halting(stop: Callable[[], bool]) -> Progress:
    """A progress hook that ends the check (a request past its time limit frees its worker so)."""

    def progress(stage: str, done: int, total: int) -> None:
        if stop():
            raise Cancelled(f"The check was stopped before it was done ({stage}, {done} of {total}).")

    return progress


def warm_up(settings: Settings) -> None:
    """Load the parser and the embedding model by checking a sentence, as a request would be checked
    (against the archive too, which must open with this model)."""
    backend = Backend(settings.options.embedder)
    check([WARM_UP], backend=backend, cache=settings.cache, archive=settings.archive)
