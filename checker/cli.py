"""The command line: `checker check`, `checker rules`, `checker schema`.

stdout carries only the report; diagnostics go to stderr. Exit codes: 0 no open conflict at
or above --fail-on, 1 there is one, 2 a usage, input or runtime error (or input left unchecked).
Options left off the command line come from the config file (see checker/config.py), then defaults.
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

from checker.archive.cli import archive_app
from checker.embed import Backend, cache_path
from checker.errors import CheckerError, InputWarning
from checker.eval.cli import eval_app
from checker.report import Format
from checker.resolve import FailOn
from checker.serve import serve

if TYPE_CHECKING:
    from checker.models import Document

EXIT_ERROR = 2

app = typer.Typer(
    help="Find where the sources quoted in news text contradict each other, and how time settles it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.add_typer(eval_app, name="eval")
app.add_typer(archive_app, name="archive")
app.command()(serve)


class MinSeverity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .md, .jsonl), directories, or '-' for stdin.")],
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="Report format (default: table).")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when an open conflict is at or above this severity (default: medium)."),
    ] = None,
    min_severity: Annotated[
        MinSeverity | None,
        typer.Option(help="Leave conflicts below this severity out of the report (default: low)."),
    ] = None,
    disable: Annotated[
        list[str] | None, typer.Option(help="Turn off a rule (repeatable); see `checker rules`.")
    ] = None,
    enable: Annotated[
        list[str] | None,
        typer.Option(help="Turn on a rule that is off by default (repeatable): `--enable learned`, the stance model."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here (atomically).")] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Config file (default: ./checker.toml, else the tool.checker table of ./pyproject.toml)."),
    ] = None,
    nli_model: Annotated[
        Path | None, typer.Option(help="Local NLI cross-encoder for the optional `nli` rule (fails if unloadable).")
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(help="Embedding cache file (default: ${XDG_CACHE_HOME:-~/.cache}/checker/embeddings.sqlite3)."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the embedding cache.")] = False,
    embedder: Annotated[
        Backend | None,
        typer.Option(help="How MiniLM runs: torch (default), onnx (faster; exported once) or sentence-transformers."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar on the terminal.")] = False,
    archive: Annotated[
        Path | None,
        typer.Option(help="Check the inputs as drafts against this archive (see `checker archive`); undated = today."),
    ] = None,
) -> None:
    """Check documents for conflicting claims and print a report.

    Options left off the command line come from the config file, then from the defaults.
    """
    flags: dict[str, object] = {
        "format": fmt.value if fmt else None,
        "fail_on": fail_on.value if fail_on else None,
        "min_severity": min_severity.value if min_severity else None,
        "disable": tuple(disable) if disable else None,
        "enable": tuple(enable) if enable else None,
        "nli_model": nli_model,
        "embedder": embedder.value if embedder else None,
    }
    try:
        code = _check(paths, flags, published, config, output, cache_path(cache, no_cache), quiet, archive)
    except CheckerError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _fail("interrupted.")
    except Exception as error:  # the edge of the program: one line, never a traceback
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        _fail(f"internal error ({detail}); please report it.")
    raise typer.Exit(code)


def _check(
    paths: list[str],
    flags: dict[str, object],
    published: str | None,
    config: Path | None,
    output: Path | None,
    cache: Path | None = None,
    quiet: bool = False,
    archive: Path | None = None,
) -> int:
    from checker.config import resolve_options
    from checker.ingest import parse_date
    from checker.models import Severity
    from checker.pipeline import check as run_check
    from checker.report import hide_below, render, write_atomic
    from checker.report.progress import check_progress, wanted
    from checker.resolve import judge

    # An empty value (an unset shell variable) must not silently mean "no date".
    flags["published"] = parse_date(published, "--published") if published is not None else None
    options = resolve_options(flags, config, Path.cwd())
    documents, notes = _read(paths, options.published)
    backend = Backend(options.embedder)
    with check_progress(len(documents), sys.stderr, wanted(sys.stderr, quiet)) as progress:
        full = run_check(
            documents,
            backend=backend,
            disable=options.disable,
            enable=options.enable,
            nli_model=options.nli_model,
            cache=cache,
            progress=progress,
            archive=archive,
        )
    for warning in full.warnings:
        typer.echo(f"checker: warning: {warning}", err=True)
    full = full.model_copy(update={"warnings": [*notes, *full.warnings]})
    report = hide_below(full, Severity(options.min_severity))
    color = output is None and sys.stdout.isatty()
    text = render(report, Format(options.format), color=color, documents=documents)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    # The gate judges every conflict found, whatever --min-severity hides from the report.
    return judge(full, FailOn(options.fail_on)).exit_code


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
