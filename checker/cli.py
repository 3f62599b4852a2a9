"""The command line: `checker check`, `checker rules`, `checker schema`.

stdout carries only the report; diagnostics go to stderr. Exit codes: 0 no open conflict at
or above --fail-on, 1 there is one, 2 a usage, input or runtime error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from checker.errors import CheckerError, InputWarning

if TYPE_CHECKING:
    from checker.models import Document

EXIT_FINDINGS = 1
EXIT_ERROR = 2

app = typer.Typer(
    help="Find where the sources quoted in news text contradict each other, and how time settles it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class FailOn(str, Enum):
    NEVER = "never"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class OutputFormat(str, Enum):
    TABLE = "table"
    JSON = "json"


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .md, .jsonl), directories, or '-' for stdin.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")] = OutputFormat.TABLE,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when an open conflict is at or above this severity.")
    ] = FailOn.MEDIUM,
    disable: Annotated[
        list[str] | None, typer.Option(help="Turn off a rule (repeatable); see `checker rules`.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here (atomically).")] = None,
) -> None:
    """Check documents for conflicting claims and print a report."""
    try:
        code = _check(paths, fmt, published, fail_on, disable or [], output)
    except CheckerError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _fail("interrupted.")
    except Exception as error:  # the edge of the program: one line, never a traceback
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        _fail(f"internal error ({detail}); please report it.")
    raise typer.Exit(code)


def _check(
    paths: list[str], fmt: OutputFormat, published: str | None, fail_on: FailOn, disable: list[str], output: Path | None
) -> int:
    from checker.ingest import parse_date
    from checker.pipeline import check as run_check
    from checker.report import Format, render, write_atomic

    # An empty value (an unset shell variable) must not silently mean "no date".
    date = parse_date(published, "--published") if published is not None else None
    documents, notes = _read(paths, date)
    report = run_check(documents, disable=disable)
    report = report.model_copy(update={"warnings": [*notes, *report.warnings]})
    text = render(report, Format(fmt.value), color=output is None and sys.stdout.isatty())
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    return EXIT_FINDINGS if _gate_fails(report, fail_on) else 0


def _read(paths: list[str], date: dt.date | None) -> tuple[list[Document], list[str]]:
    """The documents, and the ingest warnings (each also shown on stderr)."""
    from checker.ingest import read_documents

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        documents = read_documents(paths, date)
    notes: list[str] = []
    for found in caught:
        if not issubclass(found.category, InputWarning):
            warnings.showwarning(found.message, found.category, found.filename, found.lineno)
            continue
        notes.append(_one_line(str(found.message)))
        typer.echo(f"checker: warning: {notes[-1]}", err=True)
    return documents, notes


def _gate_fails(report: object, fail_on: FailOn) -> bool:
    from checker.models import Report, Severity, Status

    if fail_on is FailOn.NEVER or not isinstance(report, Report):
        return False
    floor = Severity(fail_on.value)
    return any(c.status is Status.OPEN and c.severity.rank >= floor.rank for c in report.conflicts)


@app.command("rules")
def list_rules() -> None:
    """List the conflict rules, with what each one flags."""
    from checker.rules import all_rules

    for found in all_rules():
        typer.echo(f"{found.id:<14}{found.description}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    from checker.models import Report

    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


def _fail(message: str) -> NoReturn:
    typer.echo(f"checker: error: {_one_line(message)}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _one_line(message: str) -> str:
    """Messages can quote input or a library's multi-line text; the contract is one line."""
    return " ".join(message.split())


def main() -> None:
    app()
