"""Newsroom defaults from a config file, overridden by command-line flags.

Precedence, highest first: a flag given on the command line; the config file; the built-in
default. The config file is `--config PATH` when given; otherwise `checker.toml` in the current
directory (settings at the top level); otherwise `pyproject.toml` there, if it has a
`[tool.checker]` table. A list given on the command line (`--disable`) replaces the file's list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from checker.embed import Backend
from checker.errors import UsageError
from checker.models import Severity
from checker.report import Format

CHECKER_TOML = "checker.toml"
PYPROJECT_TOML = "pyproject.toml"
NEVER = "never"


@dataclasses.dataclass(frozen=True)
class Options:
    """The settings one check runs with, after flags, config file and defaults are merged."""

    format: str = Format.TABLE.value
    fail_on: str = Severity.MEDIUM.value
    min_severity: str = Severity.LOW.value
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    published: dt.date | None = None
    nli_model: Path | None = None
    embedder: str = Backend.TORCH.value


def resolve_options(flags: Mapping[str, object], config: Path | None, directory: Path) -> Options:
    """Merge `flags` (None means "not given") over the config file over the defaults."""
    found = locate(config, directory)
    from_file = read_config(found) if found is not None else {}
    given = {key: value for key, value in flags.items() if value is not None}
    return dataclasses.replace(Options(), **{**from_file, **given})


def locate(config: Path | None, directory: Path) -> Path | None:
    if config is not None:
        if not config.is_file():
            raise UsageError(f"{config}: no such config file.")
        return config
    own = directory / CHECKER_TOML
    if own.is_file():
        return own
    pyproject = directory / PYPROJECT_TOML
    if pyproject.is_file() and _tool_table(_load_toml(pyproject)) is not None:
        return pyproject
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The validated settings in `path`: every key known, every value one the flag would accept."""
    document = _load_toml(path)
    where = str(path)
    if path.name == PYPROJECT_TOML:
        where = f"{path} [tool.checker]"
        table = _tool_table(document)
        if not isinstance(table, dict):
            raise UsageError(f"{where}: missing, or not a table.")
        document = table
    unknown = sorted(set(document) - set(_VALIDATORS))
    if unknown:
        raise UsageError(f"{where}: unknown key '{unknown[0]}' (known keys: {', '.join(sorted(_VALIDATORS))}).")
    try:
        return {key: _VALIDATORS[key](value) for key, value in document.items()}
    except ValueError as error:
        raise UsageError(f"{where}: {error}") from None


def _tool_table(document: dict[str, Any]) -> object:
    tool = document.get("tool")
    return tool.get("checker") if isinstance(tool, dict) else None


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML ({error}).") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read the config file ({error.strerror}).") from None


def _one_of(key: str, choices: list[str]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"{key} must be one of {', '.join(choices)}, not {value!r}.")
        return value

    return check


def _rule_list(key: str) -> Callable[[object], tuple[str, ...]]:
    def check(value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f'{key} must be a list of rule ids such as ["update"], not {value!r}.')
        return tuple(value)

    return check


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"published must be a date (YYYY-MM-DD), not {value!r}.")


def _path(value: object) -> Path:
    if not isinstance(value, str) or not value:
        raise ValueError(f"nli_model must be a path to a local cross-encoder, not {value!r}.")
    return Path(value)


_SEVERITIES = [s.value for s in Severity]
_VALIDATORS: dict[str, Callable[[object], Any]] = {
    "format": _one_of("format", [f.value for f in Format]),
    "fail_on": _one_of("fail_on", [NEVER, *_SEVERITIES]),
    "min_severity": _one_of("min_severity", _SEVERITIES),
    "disable": _rule_list("disable"),
    "enable": _rule_list("enable"),
    "published": _date,
    "nli_model": _path,
    "embedder": _one_of("embedder", [b.value for b in Backend]),
}
