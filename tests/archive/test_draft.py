"""`check(drafts, archive=...)` and `checker check DRAFT --archive DIR` on real sentences with the real models."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import check
from checker.archive import Archive
from checker.cli import app
from checker.models import SCHEMA_VERSION, Document, Report, Status
from tests.archive.helpers import seed_document, write_jsonl

pytestmark = pytest.mark.model

# Wire copy: Zelenskyy gives one figure, then revises it.
EARLIER = Document(
    id="wire-1017",
    source="Reuters",
    published=dt.date(2024, 10, 17),
    text="Ukraine says North Korea is sending troops to Russia.\n\nOn 17 October, Ukrainian President "
    "Volodymyr Zelenskyy said that Russia was training ten thousand North Korean troops for the war in Ukraine.",
)
REVISION = Document(
    id="wire-1104",
    source="Reuters",
    published=dt.date(2024, 11, 4),
    text="Zelenskyy raises estimate of North Korean troops.\n\nOn 4 November, Ukrainian President Volodymyr "
    "Zelenskyy said that Russia was training 11,000 North Korean troops for the war in Ukraine.",
)
STALE = "Ukrainian President Volodymyr Zelenskyy has said that Russia is training ten thousand North Korean troops for the war in Ukraine."
CURRENT = "Ukrainian President Volodymyr Zelenskyy has said that Russia is training 11,000 North Korean troops for the war in Ukraine."
DRAFT_DAY = dt.date(2024, 11, 10)


@pytest.fixture(scope="module")
def wire_archive(tmp_path_factory: pytest.TempPathFactory, real_embedder: object) -> Path:
    folder = tmp_path_factory.mktemp("wire") / "archive"
    from checker.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    with Archive.open_for_writing(folder, embedder.model_id) as archive:
        archive.add([EARLIER, REVISION, seed_document()], embedder)
    return folder


def draft(text: str) -> Document:
    return Document(id="draft", text=text, published=DRAFT_DAY)


def test_a_draft_repeating_a_revised_figure_is_flagged_with_the_revision(wire_archive: Path) -> None:
    report = check([draft(STALE)], archive=wire_archive)
    (conflict,) = [c for c in report.conflicts if c.kind == "numeric" and "wire-1104:2" in c.claim_ids]
    assert conflict.status is Status.OPEN
    # The third claim is the figure the draft repeats, which the revision replaced: Zelenskyy's of 17
    # October (the wire's, or the seed article's report of the same statement).
    repeated = next(c for c in report.claims if c.id == conflict.claim_ids[2])
    assert (repeated.speaker, repeated.stated_at.date) == ("Volodymyr Zelenskyy", dt.date(2024, 10, 17))
    assert "ten thousand" in repeated.text
    assert "It repeats the figure of Volodymyr Zelenskyy" in conflict.explanation
    assert "(17 October 2024), which Volodymyr Zelenskyy in Reuters (4 November 2024)" in conflict.explanation
    assert "Volodymyr Zelenskyy in Reuters (4 November 2024) revised: the figure is out of date" in conflict.explanation
    archived = {d.id: d for d in report.documents if d.archived}
    assert set(archived) >= {"wire-1104", repeated.doc_id}
    assert archived["wire-1104"].source == "Reuters" and archived["wire-1104"].published == dt.date(2024, 11, 4)
    assert {c.id for c in report.claims} >= {"draft:1", repeated.id, "wire-1104:2"}


def test_a_draft_giving_the_current_figure_raises_no_revision(wire_archive: Path) -> None:
    report = check([draft(CURRENT)], archive=wire_archive)
    assert not [c for c in report.conflicts if "revised: the figure is out of date" in c.explanation]
    assert not [
        c for c in report.conflicts if c.kind == "numeric" and c.status is Status.OPEN and "wire-1104:2" in c.claim_ids
    ]


def test_the_report_holds_only_conflicts_that_involve_a_draft(wire_archive: Path) -> None:
    report = check([draft(STALE)], archive=wire_archive)
    assert report.conflicts
    assert all(any(i.startswith("draft:") for i in c.claim_ids) for c in report.conflicts)
    # The archive's own conflicts (the seed's, the wire revision) are not reported.
    assert not [c for c in report.conflicts if set(c.claim_ids) == {"wire-1017:2", "wire-1104:2"}]
    shown = {c.id for c in report.claims}
    named = {i for c in report.conflicts for i in [*c.claim_ids, c.resolved_by] if i}
    assert named <= shown
    assert {c.doc_id for c in report.claims} <= {d.id for d in report.documents}
    assert [c.id for c in report.conflicts] == [f"C{n}" for n in range(1, len(report.conflicts) + 1)]


def test_a_draft_caution_is_superseded_by_a_later_archived_confirmation(tmp_path: Path, wire_archive: Path) -> None:
    text = (
        "On 23 October, US Defense Secretary Lloyd Austin said that the United States has not yet confirmed "
        "that North Korean troops are in Russia."
    )
    report = check([Document(id="draft", text=text, published=dt.date(2024, 10, 23))], archive=wire_archive)
    archived_claims = {c.id: c for c in report.claims if not c.doc_id.startswith("draft")}
    superseded = [c for c in report.conflicts if c.kind == "confirmation" and c.status is Status.SUPERSEDED]
    later = [archived_claims[c.resolved_by] for c in superseded if c.resolved_by in archived_claims]
    assert {c.speaker for c in later} & {"the Pentagon", "Mark Rutte"}
    assert all(c.stated_at.date and c.stated_at.date > dt.date(2024, 10, 23) for c in later)


def test_the_cli_checks_a_draft_against_an_archive_and_gates_on_it(tmp_path: Path, wire_archive: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(STALE, encoding="utf-8")
    arguments = ["check", str(path), "--archive", str(wire_archive), "--published", "2024-11-10", "--no-cache"]
    done = CliRunner().invoke(app, [*arguments, "--format", "json", "--fail-on", "low"])
    assert done.exit_code == 1, done.output
    report = Report.model_validate(json.loads(done.stdout))
    assert any(d.archived for d in report.documents)
    again = CliRunner().invoke(app, [*arguments, "--format", "json", "--fail-on", "low"])
    assert again.stdout == done.stdout  # the same draft and archive give the same bytes


def test_archive_add_info_remove_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    corpus = write_jsonl(tmp_path / "wire.jsonl", [EARLIER, REVISION])
    runner = CliRunner()
    added = runner.invoke(app, ["archive", "add", str(corpus), "--archive", str(folder)])
    assert added.exit_code == 0, added.output
    assert added.stdout.startswith("added 2, replaced 0, unchanged 0 documents (4 claims")
    again = runner.invoke(app, ["archive", "add", str(corpus), "--archive", str(folder)])
    assert again.stdout.startswith("added 0, replaced 0, unchanged 2 documents")
    info = json.loads(runner.invoke(app, ["archive", "info", "--archive", str(folder), "--format", "json"]).stdout)
    assert (info["documents"], info["claims"]) == (2, 4)
    assert (info["first_published"], info["last_published"]) == ("2024-10-17", "2024-11-04")
    assert info["model"] == "sentence-transformers/all-MiniLM-L6-v2" and info["schema_version"] == SCHEMA_VERSION
    assert info["size_bytes"] > 0
    missing = runner.invoke(app, ["archive", "remove", "nope", "wire-1017", "--archive", str(folder)])
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"checker: error: not in archive {folder}: nope; nothing was removed.\n",
    )
    removed = runner.invoke(app, ["archive", "remove", "wire-1017", "--archive", str(folder)])
    assert removed.stdout == "removed 1 documents\n"
    info = json.loads(runner.invoke(app, ["archive", "info", "--archive", str(folder), "--format", "json"]).stdout)
    assert (info["documents"], info["claims"]) == (1, 2)


@pytest.mark.parametrize("command", [["archive", "info"], ["archive", "remove", "x"], ["check", "DRAFT"]])
def test_a_missing_archive_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    draft_path = tmp_path / "draft.txt"
    draft_path.write_text(STALE, encoding="utf-8")
    arguments = [str(draft_path) if a == "DRAFT" else a for a in command]
    done = CliRunner().invoke(
        app, [*arguments, "--archive", str(tmp_path / "none"), *(["--no-cache"] if "check" in command else [])]
    )
    assert done.exit_code == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(
        f"checker: error: archive {tmp_path / 'none'} does not exist"
    )
