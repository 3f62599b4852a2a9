"""`checker archive add|info|remove`: build and look after a claim archive (see checker.archive)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from checker.errors import CheckerError

if TYPE_CHECKING:
    from checker.archive.archive import AddResult, ArchiveInfo

EXIT_ERROR = 2

archive_app = typer.Typer(
    help="Keep a claim archive that drafts are checked against (`checker check DRAFT --archive DIR`).",
    no_args_is_help=True,
)

ArchiveOption = Annotated[Path, typer.Option("--archive", help="The archive directory.")]


class EngineChoice(str, Enum):
    LOCAL = "local"
    RAY = "ray"


class InfoFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


class EmbedderChoice(str, Enum):
    TORCH = "torch"
    ONNX = "onnx"
    SENTENCE_TRANSFORMERS = "sentence-transformers"


@archive_app.command()
def add(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .md, .html, .jsonl), directories, or '-'.")],
    archive: ArchiveOption,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    engine: Annotated[
        EngineChoice, typer.Option(help="Where documents are parsed and embedded: here, or on a Ray cluster.")
    ] = EngineChoice.LOCAL,
    ray_address: Annotated[
        str | None, typer.Option(help="Ray cluster address (ray://HOST:10001 or HOST:6379); default: a local Ray.")
    ] = None,
    embedder: Annotated[EmbedderChoice, typer.Option(help="How MiniLM runs (see `checker check`).")] = (
        EmbedderChoice.TORCH
    ),
) -> None:
    """Add documents to the archive: an unchanged document is skipped, a changed one replaced."""
    try:
        result = _add(paths, archive, published, engine, ray_address, embedder)
    except CheckerError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _fail("interrupted; every batch committed before it is kept.")
    except Exception as error:  # the edge of the program: one line, never a traceback
        _fail(f"internal error ({type(error).__name__}: {error}); please report it.")
    for doc_id in result.not_english:
        typer.echo(f"checker: warning: {doc_id}: does not look like English; not archived.", err=True)
    typer.echo(
        f"added {result.added}, replaced {result.replaced}, unchanged {result.unchanged} documents "
        f"({result.claims} claims; {result.reused} documents reused the analyses of an identical text)"
    )
    if result.not_english:
        raise typer.Exit(EXIT_ERROR)


def _add(
    paths: list[str],
    folder: Path,
    published: str | None,
    engine: EngineChoice,
    ray_address: str | None,
    embedder: EmbedderChoice,
) -> AddResult:
    from checker.archive.archive import Archive
    from checker.embed import Backend, MiniLMEmbedder
    from checker.errors import UsageError
    from checker.ingest import parse_date, read_documents

    if ray_address is not None and engine is not EngineChoice.RAY:
        raise UsageError("--ray-address needs --engine ray.")
    date = parse_date(published, "--published") if published is not None else None
    documents = sorted(read_documents(paths, date), key=lambda d: d.id)
    encoder = MiniLMEmbedder(Backend(embedder.value))
    analyser = None
    if engine is EngineChoice.RAY:
        from checker.archive.ray_engine import ray_analyser

        analyser = ray_analyser(encoder, ray_address)
    with Archive.open_for_writing(folder, encoder.model_id) as opened, _Progress() as progress:
        return opened.add(documents, encoder, analyser=analyser, on_progress=progress.update)


@archive_app.command()
def info(
    archive: ArchiveOption,
    fmt: Annotated[InfoFormat, typer.Option("--format", "-f", help="text or json.")] = InfoFormat.TEXT,
) -> None:
    """What the archive holds: documents, claims, dates, model, versions, size on disk."""
    from checker.archive.archive import Archive

    try:
        with Archive.open(archive) as opened:
            found = opened.info()
    except CheckerError as error:
        _fail(str(error))
    typer.echo(json.dumps(found.model_dump(mode="json"), indent=2) if fmt is InfoFormat.JSON else _info_text(found))


def _info_text(found: ArchiveInfo) -> str:
    span = f"{found.first_published} to {found.last_published}" if found.first_published else "undated"
    return "\n".join(
        [
            f"archive      {found.path}",
            f"documents    {found.documents:,}",
            f"claims       {found.claims:,}",
            f"published    {span}",
            f"model        {found.model}",
            f"versions     archive format {found.archive_format}, report schema {found.schema_version}",
            f"size         {found.size_bytes / 2**20:,.1f} MiB",
        ]
    )


@archive_app.command()
def remove(
    ids: Annotated[list[str], typer.Argument(help="Ids of archived documents.")],
    archive: ArchiveOption,
) -> None:
    """Remove documents (and their claims) from the archive; an unknown id removes nothing."""
    from checker.archive.archive import Archive
    from checker.errors import UsageError

    try:
        with Archive.open_for_writing(archive, None, create=False) as opened:
            missing = sorted(set(ids) - set(opened.store.digests(ids)))
            if missing:
                raise UsageError(f"not in archive {archive}: {', '.join(missing[:3])}; nothing was removed.")
            removed = opened.remove(ids)
    except CheckerError as error:
        _fail(str(error))
    typer.echo(f"removed {len(removed)} documents")


class _Progress:
    """A progress bar on stderr when it is a terminal; silent otherwise (logs, pipes, CI)."""

    def __init__(self) -> None:
        self._bar: object | None = None
        self._task: object | None = None

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
            self._bar, self._task = bar, bar.add_task("archiving", total=None)
        return self

    def update(self, done: int, total: int) -> None:
        from rich.progress import Progress, TaskID

        if isinstance(self._bar, Progress) and isinstance(self._task, int):
            self._bar.update(TaskID(self._task), completed=done, total=total)

    def __exit__(self, *_: object) -> None:
        from rich.progress import Progress

        if isinstance(self._bar, Progress):
            self._bar.stop()


def _fail(message: str) -> NoReturn:
    typer.echo(f"checker: error: {' '.join(message.split())}", err=True)
    raise typer.Exit(EXIT_ERROR)
