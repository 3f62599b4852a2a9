"""Progress on stderr: drawn only on a terminal, never into pipes, never changing the report."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
import tty
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pytest
from typer.testing import CliRunner

from checker import check
from checker.cli import app
from checker.eval.cli import _progress
from checker.models import Document
from checker.report.progress import FEW_DOCUMENTS, check_progress, tracked, wanted
from tests.conftest import ROOT, SEED, SEED_PUBLISHED
from tests.fakes import FakeEmbedder

RUN_TIMEOUT_S = 300
MANY = FEW_DOCUMENTS + 3
STORY = "On {day} October, Police spokesman Tom Reed said that the Riverside plant leaked {n} tonnes of chemicals."


def documents(count: int) -> list[Document]:
    return [
        Document(id=f"d{n}", text=STORY.format(day=n + 1, n=10 * (n + 1)), published=SEED_PUBLISHED)
        for n in range(count)
    ]


@pytest.fixture
def terminal() -> Iterator[tuple[int, TextIO]]:
    """A pseudo-terminal: its master end to read what was drawn, its slave end as a text stream."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    stream = os.fdopen(slave, "w", encoding="utf-8")
    try:
        yield master, stream
    finally:
        stream.close()
        os.close(master)


def drawn(master: int) -> bytes:
    os.set_blocking(master, False)
    chunks = []
    try:
        while chunk := os.read(master, 65536):
            chunks.append(chunk)
    except (BlockingIOError, OSError):
        pass
    return b"".join(chunks)


def test_only_a_terminal_wants_progress(terminal: tuple[int, TextIO]) -> None:
    _, stream = terminal
    assert wanted(stream, quiet=False)
    assert not wanted(stream, quiet=True)
    assert not wanted(io.StringIO(), quiet=False)


def test_a_few_documents_get_no_bar() -> None:
    with check_progress(FEW_DOCUMENTS, io.StringIO(), enabled=True) as update:
        assert update is None
    with check_progress(MANY, io.StringIO(), enabled=False) as update:
        assert update is None


def test_the_bar_counts_documents_then_names_the_stage(terminal: tuple[int, TextIO]) -> None:
    master, stream = terminal
    with check_progress(MANY, stream, enabled=True) as update:
        assert update is not None
        update("Parsing", 2, MANY)
        update("Comparing claims", MANY, MANY)
    stream.flush()
    shown = drawn(master).decode("utf-8", "replace")
    assert f"0/{MANY}" in shown and "Parsing" in shown  # drawn as it starts
    assert f"{MANY}/{MANY}" in shown and "Comparing claims" in shown  # and last as it ends, then cleared


def test_the_pipeline_reports_each_document_and_the_report_does_not_change() -> None:
    seen: list[tuple[str, int, int]] = []
    told = check(documents(MANY), embedder=FakeEmbedder(), progress=lambda *step: seen.append(step))
    quiet = check(documents(MANY), embedder=FakeEmbedder())
    assert told == quiet
    parsing = [done for stage, done, total in seen if stage == "Parsing" and total == MANY]
    assert parsing == list(range(MANY + 1))
    assert [stage for stage, _, _ in seen if stage != "Parsing"] == ["Embedding", "Grouping topics", "Comparing claims"]


def test_a_pipe_gets_no_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", FakeEmbedder)
    paths = []
    for doc in documents(MANY):
        paths.append(tmp_path / f"{doc.id}.txt")
        paths[-1].write_text(doc.text, encoding="utf-8")
    args = ["check", *map(str, paths), "--published", "2024-10-28", "--format", "json", "--fail-on", "never"]
    result = CliRunner().invoke(app, args)
    quiet = CliRunner().invoke(app, [*args, "--quiet"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert quiet.stdout == result.stdout


def test_eval_draws_on_a_terminal_unless_quiet(terminal: tuple[int, TextIO], monkeypatch: pytest.MonkeyPatch) -> None:
    master, stream = terminal
    monkeypatch.setattr(sys, "stderr", stream)
    assert list(_progress(quiet=True)(list(range(5)), "items")) == list(range(5))
    stream.flush()
    assert drawn(master) == b""
    assert list(_progress(quiet=False)(list(range(5)), "items")) == list(range(5))
    stream.flush()
    assert b"items" in drawn(master)
    assert list(tracked([1, 2], "items", io.StringIO(), enabled=False)) == [1, 2]


def run_on(args: list[str], terminals: bool, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run a command with stdout and stderr on pipes, or each on its own pseudo-terminal."""
    ends = [pty.openpty() if terminals else os.pipe() for _ in range(2)]
    if terminals:
        for _, slave in ends:
            tty.setraw(slave)
    outputs: list[list[bytes]] = [[], []]

    def drain(fd: int, into: list[bytes]) -> None:
        try:
            while chunk := os.read(fd, 65536):
                into.append(chunk)
        except OSError:  # a pseudo-terminal's master reads EIO once the child has gone
            pass

    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=ends[0][1], stderr=ends[1][1], cwd=ROOT, env=env)
    for _, write_end in ends:
        os.close(write_end)
    readers = [
        threading.Thread(target=drain, args=(read_end, out)) for (read_end, _), out in zip(ends, outputs, strict=True)
    ]
    for reader in readers:
        reader.start()
    code = process.wait(timeout=RUN_TIMEOUT_S)
    for reader in readers:
        reader.join(timeout=RUN_TIMEOUT_S)
    for read_end, _ in ends:
        os.close(read_end)
    return code, b"".join(outputs[0]), b"".join(outputs[1])


@pytest.mark.model
def test_json_is_byte_identical_on_a_terminal_and_only_stderr_shows_progress(tmp_path: Path) -> None:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    chunk = -(-len(paragraphs) // MANY)
    for n in range(MANY):
        part = "\n\n".join(paragraphs[n * chunk : (n + 1) * chunk])
        if part:
            (tmp_path / f"part{n:02d}.txt").write_text(part, encoding="utf-8")
    assert len(list(tmp_path.iterdir())) > FEW_DOCUMENTS
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    args = [sys.executable, "-m", "checker", "check", str(tmp_path), "--published", "2024-10-28", "--format", "json"]
    piped = run_on([*args, "--no-cache"], terminals=False, env=env)
    on_terminal = run_on([*args, "--no-cache"], terminals=True, env=env)
    assert piped[0] == on_terminal[0] and piped[0] in {0, 1}
    assert piped[1] == on_terminal[1] and piped[1].startswith(b"{")
    assert piped[2] == b""
    assert b"Parsing" in on_terminal[2] and b"\x1b[" in on_terminal[2]
