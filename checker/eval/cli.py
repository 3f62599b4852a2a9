"""`checker eval emergent|fnc1`: run the checker on labelled data and print the figures."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from checker.errors import CheckerError

if TYPE_CHECKING:
    from checker.eval.emergent import Progress

T = TypeVar("T")
EXIT_ERROR = 2

eval_app = typer.Typer(help="Measure the checker on labelled data (Emergent, FNC-1).", no_args_is_help=True)

DataOption = Annotated[Path, typer.Option("--data", help="Folder holding the dataset's CSV files.")]
LimitOption = Annotated[int | None, typer.Option(help="Use only the first N items (quick runs).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar on the terminal.")]
EnableOption = Annotated[
    list[str] | None,
    typer.Option("--enable", help="Rule off by default to turn on, as in check (repeatable): `--enable learned`."),
]


@eval_app.command()
def emergent(
    data: DataOption,
    limit: LimitOption = None,
    unseen_by: Annotated[
        Path | None,
        typer.Option(
            help="A training set's folder (FNC-1 CSV files): keep only the claims none of whose headlines it holds."
        ),
    ] = None,
    enable: EnableOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Headline stance accuracy, group conflict P/R/F1, topic ARI on Emergent."""
    from checker.eval import emergent as run
    from checker.eval.report import emergent_table
    from checker.learn.data import read_pairs

    try:
        headlines = run.read_emergent(data)
        if unseen_by is not None:
            headlines = run.unseen(headlines, {p.headline for p in read_pairs(unseen_by)})
        check = run.embedder_check(None, tuple(enable or ()))
        result = run.evaluate(headlines[:limit], check, _progress(quiet))
    except CheckerError as error:
        _fail(str(error))
    typer.echo(result.model_dump_json(indent=2) if as_json else emergent_table(result))


@eval_app.command()
def fnc1(
    data: DataOption,
    limit: LimitOption = None,
    unrelated: Annotated[int, typer.Option(help="How many unrelated pairs to sample.")] = 300,
    enable: EnableOption = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Conflict detection between headline and body on FNC-1: balanced accuracy, false alarms."""
    from checker.eval import fnc1 as run
    from checker.eval.emergent import embedder_check
    from checker.eval.report import fnc1_table

    try:
        pairs = run.select(run.read_fnc1(data), limit, unrelated)
        result = run.evaluate(pairs, embedder_check(None, tuple(enable or ())), _progress(quiet))
    except CheckerError as error:
        _fail(str(error))
    typer.echo(result.model_dump_json(indent=2) if as_json else fnc1_table(result))


def _progress(quiet: bool) -> Progress:
    """A bar on stderr while the items are checked, only when stderr is a terminal and not --quiet."""
    from checker.report.progress import tracked, wanted

    enabled = wanted(sys.stderr, quiet)

    def progress(items: list[T], label: str) -> Iterable[T]:
        return tracked(list(items), label, sys.stderr, enabled)

    return progress


def _fail(message: str) -> None:
    typer.echo(f"checker: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)
