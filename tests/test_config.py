"""The config file: where it is found, what it may hold, and how flags override it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.config import Options, locate, read_config, resolve_options
from checker.errors import UsageError

NEWSROOM = """\
format = "markdown"
fail_on = "high"
min_severity = "medium"
disable = ["update"]
published = 2024-10-28
embedder = "sentence-transformers"
"""
NEWSROOM_OPTIONS = Options(
    format="markdown",
    fail_on="high",
    min_severity="medium",
    disable=("update",),
    published=dt.date(2024, 10, 28),
    embedder="sentence-transformers",
)
NO_FLAGS: dict[str, object] = {
    "format": None,
    "fail_on": None,
    "min_severity": None,
    "disable": None,
    "published": None,
}


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_checker_toml_at_top_level(tmp_path: Path) -> None:
    write(tmp_path, "checker.toml", NEWSROOM)
    assert resolve_options(NO_FLAGS, None, tmp_path) == NEWSROOM_OPTIONS


def test_pyproject_tool_checker_table(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "desk"\n\n[tool.checker]\n' + NEWSROOM)
    assert resolve_options(NO_FLAGS, None, tmp_path) == NEWSROOM_OPTIONS


def test_no_config_means_the_defaults(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "desk"\n\n[tool.ruff]\nline-length = 100\n')
    assert locate(None, tmp_path) is None
    assert resolve_options(NO_FLAGS, None, tmp_path) == Options(
        format="table", fail_on="medium", min_severity="low", disable=(), published=None, embedder="torch"
    )


def test_checker_toml_wins_over_pyproject(tmp_path: Path) -> None:
    own = write(tmp_path, "checker.toml", 'format = "html"\n')
    write(tmp_path, "pyproject.toml", '[tool.checker]\nformat = "sarif"\n')
    assert locate(None, tmp_path) == own
    assert resolve_options(NO_FLAGS, None, tmp_path).format == "html"


def test_explicit_config_replaces_discovery(tmp_path: Path) -> None:
    write(tmp_path, "checker.toml", 'format = "html"\n')
    explicit = write(tmp_path, "desk.toml", 'format = "claimreview"\n')
    assert resolve_options(NO_FLAGS, explicit, tmp_path).format == "claimreview"


def test_flags_override_the_file(tmp_path: Path) -> None:
    write(tmp_path, "checker.toml", NEWSROOM)
    flags = {**NO_FLAGS, "format": "json", "disable": ("numeric",), "published": dt.date(2025, 1, 2)}
    options = resolve_options(flags, None, tmp_path)
    assert (options.format, options.disable, options.published) == ("json", ("numeric",), dt.date(2025, 1, 2))
    assert (options.fail_on, options.min_severity) == ("high", "medium")


def test_published_may_be_a_string(tmp_path: Path) -> None:
    assert read_config(write(tmp_path, "checker.toml", 'published = "2024-10-28"\n')) == {
        "published": dt.date(2024, 10, 28)
    }


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("checker.toml", 'colour = "red"\n', "unknown key 'colour' (known keys: disable, embedder, enable, fail_on,"),
        ("checker.toml", 'format = "pdf"\n', "format must be one of table, json, markdown, html, sarif, claimreview"),
        ("checker.toml", 'fail_on = "critical"\n', "fail_on must be one of never, low, medium, high, not 'critical'"),
        ("checker.toml", 'min_severity = "never"\n', "min_severity must be one of low, medium, high"),
        ("checker.toml", "fail_on = 2\n", "fail_on must be one of never, low, medium, high, not 2"),
        ("checker.toml", 'disable = "update"\n', "disable must be a list of rule ids"),
        ("checker.toml", "disable = [1]\n", "disable must be a list of rule ids"),
        ("checker.toml", 'published = "yesterday"\n', "published must be a date (YYYY-MM-DD)"),
        ("checker.toml", "published = 2024-10-28T10:00:00\n", "published must be a date (YYYY-MM-DD)"),
        (
            "checker.toml",
            'embedder = "int8"\n',
            "embedder must be one of torch, onnx, sentence-transformers, not 'int8'",
        ),
        ("checker.toml", "format = \n", "not valid TOML"),
        ("checker.toml", "[tool.checker]\nformat = 'html'\n", "unknown key 'tool'"),
        ("pyproject.toml", "[tool.checker]\nfail-on = 'low'\n", "[tool.checker]: unknown key 'fail-on'"),
    ],
)
def test_bad_config_is_one_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(UsageError) as raised:
        resolve_options(NO_FLAGS, path, tmp_path)
    assert message in str(raised.value)
    assert str(raised.value).startswith(str(path))
    assert "\n" not in str(raised.value)


def test_explicit_pyproject_without_the_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "pyproject.toml", '[project]\nname = "desk"\n')
    with pytest.raises(UsageError, match=r"\[tool.checker\]: missing"):
        resolve_options(NO_FLAGS, path, tmp_path)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such config file"):
        resolve_options(NO_FLAGS, tmp_path / "nope.toml", tmp_path)
