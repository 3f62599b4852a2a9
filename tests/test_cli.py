"""The command line with a fake embedder: exit codes, stdout/stderr discipline, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import FailOn, _gate_fails, app
from checker.models import Conflict, Report, Severity, Status
from tests.fakes import FakeEmbedder

STORY = (
    "On 3 October, Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are "
    "false.\n\nOn 5 October, Ann Cole said that a chemical leak at the Riverside plant forced families to flee."
)


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", FakeEmbedder)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_rules_lists_each_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["confirmation", "denial", "numeric", "schedule", "update"]


def test_schema_is_json_schema_of_the_report() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "Report"


def test_json_on_stdout_only(story: Path) -> None:
    code, out, err = run("check", str(story), "--format", "json", "--fail-on", "never")
    assert code == 0
    assert json.loads(out)["schema_version"] == "1"
    assert err == ""


def test_stdin_document() -> None:
    code, out, _ = run("check", "-", "--published", "2024-10-28", "--format", "json", "--fail-on", "never", stdin=STORY)
    assert code == 0
    assert json.loads(out)["documents"][0]["id"] == "stdin"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "missing.txt"], "no such file"),
        (["check", "{story}", "--published", "yesterday"], "use YYYY-MM-DD"),
        (["check", "{story}", "--disable", "nope"], "Unknown rule 'nope'"),
        (["check", "{story}", "--cache", "{story}.sqlite3", "--no-cache"], "contradict"),
    ],
)
def test_errors_are_one_line_and_exit_2(story: Path, args: list[str], message: str) -> None:
    code, out, err = run(*[a.replace("{story}", str(story)) for a in args])
    assert code == 2
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_non_english_is_indeterminate_not_clean(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text("Министр обороны заявил, что войска были отправлены на границу в понедельник утром.", "utf-8")
    code, _, err = run("check", str(path))
    assert code == 2
    assert "English" in err


def test_no_claims_is_an_error_not_a_pass(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text("Just A Heading", "utf-8")
    code, _, err = run("check", str(path))
    assert code == 2
    assert "No claims" in err


def _report(status: Status, severity: Severity) -> Report:
    conflict = Conflict(
        id="C1",
        kind="denial",
        claim_ids=["a", "b"],
        status=status,
        severity=severity,
        resolved_by=None,
        as_of=None,
        explanation="x",
    )
    return Report(documents=[], claims=[], topics=[], conflicts=[conflict])


@pytest.mark.parametrize(
    ("status", "severity", "fail_on", "fails"),
    [
        (Status.OPEN, Severity.MEDIUM, FailOn.NEVER, False),
        (Status.OPEN, Severity.MEDIUM, FailOn.LOW, True),
        (Status.OPEN, Severity.MEDIUM, FailOn.MEDIUM, True),
        (Status.OPEN, Severity.MEDIUM, FailOn.HIGH, False),
        (Status.SUPERSEDED, Severity.HIGH, FailOn.LOW, False),
        (Status.RESOLVED, Severity.HIGH, FailOn.LOW, False),
    ],
)
def test_gate(status: Status, severity: Severity, fail_on: FailOn, fails: bool) -> None:
    assert _gate_fails(_report(status, severity), fail_on) is fails


def test_output_file_is_written_and_stdout_stays_empty(story: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run("check", str(story), "--format", "json", "--fail-on", "never", "--output", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text("utf-8"))["documents"][0]["id"] == "story"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_table_groups_by_topic(story: Path) -> None:
    code, out, _ = run("check", str(story), "--published", "2024-10-28", "--fail-on", "never")
    assert code == 0
    assert out.startswith("1 document(s)")


def test_cache_goes_where_asked_and_nowhere_with_no_cache(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    asked = tmp_path / "asked.sqlite3"
    assert run("check", str(story), "--fail-on", "never", "--no-cache")[0] == 0
    assert not (tmp_path / "xdg").exists()
    assert run("check", str(story), "--fail-on", "never", "--cache", str(asked))[0] == 0
    assert asked.exists() and not (tmp_path / "xdg").exists()
    assert run("check", str(story), "--fail-on", "never")[0] == 0
    assert (tmp_path / "xdg" / "checker" / "embeddings.sqlite3").exists()
