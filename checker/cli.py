"""The command line: `checker check`, `checker rules`, `checker schema`.

stdout carries only the report; diagnostics go to stderr. Exit codes: 0 no open conflict at
or above --fail-on, 1 there is one, 2 a usage, input or runtime error.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from checker.errors import CheckerError

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
    cache: Annotated[
        Path | None,
        typer.Option(help="Embedding cache file (default: ${XDG_CACHE_HOME:-~/.cache}/checker/embeddings.sqlite3)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the embedding cache.")] = False,
) -> None:
    """Check documents for conflicting claims and print a report."""
    try:
        code = _check(paths, fmt, published, fail_on, disable or [], output, _cache_path(cache, no_cache))
    except CheckerError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _fail("interrupted.")
    except Exception as error:  # the edge of the program: one line, never a traceback
        _fail(f"internal error ({type(error).__name__}: {error}); please report it.")
    raise typer.Exit(code)


def _check(
    paths: list[str],
    fmt: OutputFormat,
    published: str | None,
    fail_on: FailOn,
    disable: list[str],
    output: Path | None,
    cache: Path | None = None,
) -> int:
    from checker.ingest import parse_date, read_documents
    from checker.pipeline import check as run_check
    from checker.report import Format, render, write_atomic

    date = parse_date(published, "--published") if published else None
    report = run_check(read_documents(paths, date), disable=disable, cache=cache)
    text = render(report, Format(fmt.value), color=output is None and sys.stdout.isatty())
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    return EXIT_FINDINGS if _gate_fails(report, fail_on) else 0


def _cache_path(cache: Path | None, no_cache: bool) -> Path | None:
    from checker.cache import default_cache_path
    from checker.errors import UsageError

    if cache is not None and no_cache:
        raise UsageError("--cache and --no-cache contradict each other; give one of them.")
    return None if no_cache else cache or default_cache_path()


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
    typer.echo(f"checker: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def main() -> None:
    app()
