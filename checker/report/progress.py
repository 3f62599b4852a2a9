"""A progress bar on stderr for long runs, drawn only on a terminal: never into a pipe, a file or a report.

The bar goes when the run ends (it is transient), so a terminal is left with the report alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")
FEW_DOCUMENTS = 3  # a check of this many documents or fewer is over before a bar could tell anything

# (stage, done, total): what `checker.pipeline.check` reports as it goes.
Update = Callable[[str, int, int], None]


def wanted(stream: TextIO, quiet: bool) -> bool:
    """Whether to draw progress on `stream`: a terminal, and not asked to be quiet."""
    if quiet:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a stream without a file behind it, or one already closed
        return False


@contextmanager
def check_progress(documents: int, stream: TextIO, enabled: bool) -> Iterator[Update | None]:
    """A bar of documents parsed, then the stages after parsing; None when not `enabled` or for a few documents."""
    if not enabled or documents <= FEW_DOCUMENTS:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_console(stream), transient=True) as bar:
        task = bar.add_task("Parsing", total=documents)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update


def tracked(items: list[T], label: str, stream: TextIO, enabled: bool) -> Iterable[T]:
    """The items, with a bar advancing as they are consumed when `enabled`."""
    if not enabled:
        return items
    from rich.progress import track

    return track(items, description=label, console=_console(stream), transient=True)


def _console(stream: TextIO) -> Console:
    from rich.console import Console

    # `wanted` has already judged the stream: drawing is what the caller asked for.
    return Console(file=stream, force_terminal=True)
