"""A killed writer, readers during a write, a read-only archive and a full disk: nothing committed is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.archive import Archive
from checker.archive.store import DATABASE
from checker.cli import app
from checker.errors import ArchiveError
from tests.archive.helpers import riverside_variants, write_jsonl
from tests.conftest import ROOT
from tests.fakes import FakeEmbedder

DOCUMENTS = 150
KILL_AFTER = 40  # documents committed before the writer is killed: more than two batches
WAIT_S = 300.0

WRITER = """
import sys
from pathlib import Path
from checker.archive import Archive
from tests.archive.helpers import riverside_variants
from tests.fakes import FakeEmbedder
with Archive.open_for_writing(Path(sys.argv[1]), FakeEmbedder.model_id) as archive:
    archive.add(riverside_variants(int(sys.argv[2])), FakeEmbedder())
"""


def consistent_counts(folder: Path) -> tuple[int, int]:
    """Documents and claims as one reader sees them, checked against each other in one snapshot."""
    with Archive.open(folder) as archive:
        documents, claims, listed = archive.store.connection.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM claims),"
            " (SELECT COALESCE(SUM(claims), 0) FROM documents)"
        ).fetchone()
        assert claims == listed  # never a document without its claims, nor claims without their document
        if claims:
            probe = FakeEmbedder().encode(["Police spokesman Tom Reed said reports of a chemical leak are false."])
            assert archive.near(probe, 5, 0.0).analyses
        return int(documents), int(claims)


def test_a_writer_killed_mid_add_loses_nothing_committed_and_readers_read_meanwhile(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), str(DOCUMENTS)], cwd=ROOT, env=environment)
    seen = (0, 0)
    deadline = time.monotonic() + WAIT_S
    try:
        while seen[0] < KILL_AFTER:
            assert writer.poll() is None, "the writer finished before it could be killed"
            assert time.monotonic() < deadline
            if (folder / DATABASE).exists():
                try:
                    now = consistent_counts(folder)
                except ArchiveError as error:  # the database is created but its tables are not committed yet
                    assert "not a checker archive" in str(error)
                    continue
                assert now >= seen  # a reader never sees the archive shrink while one writer adds
                seen = now
            time.sleep(0.2)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    after = consistent_counts(folder)
    assert after >= seen and after[0] < DOCUMENTS
    # The archive is usable: adding everything again skips what was committed and completes the rest.
    with Archive.open_for_writing(folder, FakeEmbedder.model_id) as archive:
        result = archive.add(riverside_variants(DOCUMENTS), FakeEmbedder())
        assert (result.unchanged, result.added) == (after[0], DOCUMENTS - after[0])
        assert archive.info().documents == DOCUMENTS
        assert len(archive._index()) == archive.info().claims


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of its own (tmpfs), so that it can fill up or turn read-only; needs root."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_mid_add_exits_2_in_one_line_and_keeps_what_was_added(small_disk: Path, tmp_path: Path) -> None:
    folder = small_disk / "archive"
    corpus = write_jsonl(tmp_path / "corpus.jsonl", riverside_variants(400))
    done = CliRunner().invoke(app, ["archive", "add", str(corpus), "--archive", str(folder)])
    assert done.exit_code == 2, done.output
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error: the disk holding archive")
    assert "everything added before it is kept" in lines[0]
    documents, claims = consistent_counts(folder)
    assert 0 < documents < 400 and claims > 0


def test_a_read_only_archive_refuses_changes_in_one_line_and_still_serves_checks(small_disk: Path) -> None:
    folder = small_disk / "archive"
    with Archive.open_for_writing(folder, FakeEmbedder.model_id) as archive:
        archive.add(riverside_variants(2), FakeEmbedder())
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for arguments in (["add", str(ROOT / "fixtures" / "riverside.txt")], ["remove", "river-0000"]):
        done = CliRunner().invoke(app, ["archive", *arguments, "--archive", str(folder)])
        assert done.exit_code == 2
        assert done.stderr == f"checker: error: archive {folder} is read-only: nothing was changed.\n"
    assert consistent_counts(folder)[0] == 2
