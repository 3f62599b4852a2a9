"""The command line with a fake embedder: exit codes, stdout/stderr discipline, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import MinSeverity, app
from checker.embed import Backend
from checker.models import Conflict, Report, Severity, Status
from checker.resolve import FailOn, gate_fails
from tests.conftest import RIVERSIDE
from tests.fakes import FakeEmbedder

STORY = (
    "On 3 October, Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are "
    "false.\n\nOn 5 October, Ann Cole said that a chemical leak at the Riverside plant forced families to flee."
)


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", FakeEmbedder)


@pytest.fixture(autouse=True)
def isolated_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory, so that no checker.toml or pyproject.toml around the repo applies."""
    monkeypatch.chdir(tmp_path)


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
    assert [line.split()[0] for line in out.splitlines()] == [
        "confirmation",
        "denial",
        "learned",
        "nli",
        "numeric",
        "schedule",
        "update",
    ]


def test_schema_is_json_schema_of_the_report() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "Report"
    assert schema["properties"]["schema_version"]["default"] == "4"
    assert schema["properties"]["disputes"]["items"] == {"$ref": "#/$defs/Dispute"}
    assert {"sides", "conflict_ids", "status", "severity", "explanation"} <= set(schema["$defs"]["Dispute"]["required"])


def test_json_on_stdout_only(story: Path) -> None:
    code, out, err = run("check", str(story), "--format", "json", "--fail-on", "never")
    assert code == 0
    report = json.loads(out)
    assert report["schema_version"] == "4"
    assert [i for d in report["disputes"] for i in d["conflict_ids"]] == [c["id"] for c in report["conflicts"]]
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


def test_one_foreign_document_among_english_is_reported_and_not_clean(story: Path, tmp_path: Path) -> None:
    path = tmp_path / "es.txt"
    path.write_text("El ministro dijo que las tropas no están en la frontera y que la situación es tranquila.", "utf-8")
    code, out, err = run("check", str(story), str(path), "--format", "json", "--fail-on", "never")
    assert code == 2
    assert json.loads(out)["unchecked"] == ["es"]
    assert "es: does not look like English" in err


def test_no_claims_is_an_error_not_a_pass(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text("Just A Heading\n\nAnd Another Heading", "utf-8")
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
    assert gate_fails(_report(status, severity), fail_on) is fails


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


def test_cli_choices_match_the_renderers_and_severities() -> None:
    assert [s.value for s in MinSeverity] == [s.value for s in Severity]
    assert [f.value for f in FailOn] == ["never", *(s.value for s in Severity)]


@pytest.mark.parametrize(
    ("fmt", "looks_right"),
    [
        ("json", lambda out: json.loads(out)["schema_version"] == "4"),
        ("markdown", lambda out: out.startswith("# checker report\n") and "\n> On 3 October" in out),
        ("html", lambda out: out.startswith("<!DOCTYPE html>") and '<mark id="claim-riverside:1"' in out),
        (
            "sarif",
            lambda out: (
                json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
            ),
        ),
        ("claimreview", lambda out: json.loads(out)[0]["@type"] == "ClaimReview"),
    ],
)
def test_each_format_on_stdout(fmt: str, looks_right: Callable[[str], bool]) -> None:
    code, out, err = run("check", str(RIVERSIDE), "--published", "2024-10-28", "--format", fmt, "--fail-on", "never")
    assert (code, err) == (0, "")
    assert looks_right(out)


def _severities(out: str) -> list[str]:
    return [c["severity"] for c in json.loads(out)["conflicts"]]


def test_min_severity_hides_lower_conflicts_and_says_so() -> None:
    _, everything, _ = run("check", str(RIVERSIDE), "-f", "json", "--fail-on", "never")
    code, out, _ = run("check", str(RIVERSIDE), "-f", "json", "--fail-on", "never", "--min-severity", "medium")
    assert code == 0
    assert _severities(out) == [s for s in _severities(everything) if s != "low"]
    hidden = _severities(everything).count("low")
    assert hidden and json.loads(out)["warnings"] == [
        f"{hidden} conflict(s) below medium severity not shown (--min-severity medium)."
    ]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "low"], 1),  # the open low numeric conflict fails it
        (["--fail-on", "low", "--min-severity", "medium"], 1),  # hiding it from the report does not pass it
        (["--fail-on", "medium"], 0),  # the medium conflict is superseded: context, never a failure
        (["--fail-on", "never"], 0),
    ],
)
def test_gate_judges_every_open_conflict(args: list[str], code: int) -> None:
    found, out, _ = run("check", str(RIVERSIDE), "--disable", "denial", "-f", "json", *args)
    assert found == code
    assert "superseded" in [c["status"] for c in json.loads(out)["conflicts"]]


def test_config_file_sets_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('format = "markdown"\nfail_on = "never"\npublished = 2023-10-28\n', "utf-8")
    code, out, _ = run("check", str(RIVERSIDE))
    assert code == 0 and out.startswith("# checker report")
    code, out, _ = run("check", str(RIVERSIDE), "--format", "json", "--fail-on", "high")
    assert code == 1
    assert json.loads(out)["documents"][0]["published"] == "2023-10-28"


def test_pyproject_tool_checker_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\ndisable = ["denial", "numeric"]\n', "utf-8")
    code, out, _ = run("check", str(RIVERSIDE), "-f", "json", "--fail-on", "medium")
    assert code == 0  # the open confirmation conflicts are low
    assert {c["kind"] for c in json.loads(out)["conflicts"]} == {"confirmation"}


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ('format = "pdf"\n', [], "checker.toml: format must be one of"),
        ("verbose = true\n", [], "checker.toml: unknown key 'verbose'"),
        ('disable = ["spelling"]\n', [], "Unknown rule 'spelling'"),
        ("", ["--config", "missing.toml"], "missing.toml: no such config file."),
    ],
)
def test_bad_config_is_one_line_exit_2(tmp_path: Path, config: str, args: list[str], message: str) -> None:
    (tmp_path / "checker.toml").write_text(config, "utf-8")
    code, out, err = run("check", str(RIVERSIDE), *args)
    assert (code, out) == (2, "")
    assert message in err and len(err.strip().splitlines()) == 1


def test_html_written_to_a_file_is_the_whole_page(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, _ = run("check", str(RIVERSIDE), "-f", "html", "--fail-on", "never", "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text("utf-8").rstrip().endswith("</html>")


def test_rules_that_ran_are_listed_and_nli_only_with_a_model(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    code, out, _ = run("check", str(story), "--format", "json", "--fail-on", "never")
    assert code == 0
    assert "nli" not in json.loads(out)["rules"] and "denial" in json.loads(out)["rules"]


@pytest.mark.parametrize("model", ["missing-folder", "{empty}"])
def test_unloadable_nli_model_is_an_error_not_a_skip(tmp_path: Path, model: str) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    path = model.replace("{empty}", str(tmp_path / "empty"))
    code, out, err = run("check", str(story), "--nli-model", path)
    assert code == 2 and out == ""
    assert "--nli-model" in err and len(err.strip().splitlines()) == 1


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


def test_embedder_comes_from_the_flag_then_the_config_file(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen: list[object] = []

    class Recording(FakeEmbedder):
        def __init__(self, backend: object = None) -> None:
            super().__init__()
            chosen.append(backend)

    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", Recording)
    common = ["check", str(story), "--fail-on", "never", "--no-cache"]
    assert run(*common)[0] == 0
    (tmp_path / "checker.toml").write_text('embedder = "sentence-transformers"\n', encoding="utf-8")
    assert run(*common)[0] == 0
    assert run(*common, "--embedder", "torch")[0] == 0
    assert chosen == [Backend.TORCH, Backend.SENTENCE_TRANSFORMERS, Backend.TORCH]
    code, _, err = run(*common, "--embedder", "int8")
    assert code == 2 and "int8" in err
