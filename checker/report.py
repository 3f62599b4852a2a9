"""Render a Report: JSON for tools, a terminal table for people."""

from __future__ import annotations

import io
import json
import os
import tempfile
from enum import Enum
from pathlib import Path

from checker.errors import InputError
from checker.models import Claim, Conflict, Report, Severity, Status
from checker.resolve import when

TABLE_WIDTH = 120
STATUS_STYLE = {Status.OPEN: "bold red", Status.SUPERSEDED: "yellow", Status.RESOLVED: "green"}
SEVERITY_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "yellow", Severity.LOW: "cyan"}


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"


def render(report: Report, fmt: Format, color: bool = False) -> str:
    if fmt is Format.JSON:
        return render_json(report)
    return render_table(report, color)


def render_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def render_table(report: Report, color: bool = False) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=TABLE_WIDTH, force_terminal=color, no_color=not color, highlight=False)
    claims = {c.id: c for c in report.claims}
    console.print(_summary(report))
    for topic in report.topics:
        conflicts = [c for c in report.conflicts if claims[c.claim_ids[0]].topic_id == topic.id]
        if conflicts:
            console.print(f"\n[bold]Topic {topic.id}[/bold]: {_escape(topic.label)} ({len(topic.claim_ids)} claims)")
            for conflict in conflicts:
                console.print(_conflict_table(conflict, claims))
    return buffer.getvalue()


def _summary(report: Report) -> str:
    open_count = sum(1 for c in report.conflicts if c.status is Status.OPEN)
    settled = len(report.conflicts) - open_count
    return (
        f"{len(report.documents)} document(s), {len(report.claims)} claims, {len(report.topics)} topics, "
        f"{len(report.conflicts)} conflicts: {open_count} open, {settled} superseded or resolved"
    )


def _conflict_table(conflict: Conflict, claims: dict[str, Claim]) -> object:
    from rich.table import Table

    first, second = (claims[i] for i in conflict.claim_ids[:2])
    status = f"[{STATUS_STYLE[conflict.status]}]{conflict.status.value}[/]"
    severity = f"[{SEVERITY_STYLE[conflict.severity]}]{conflict.severity.value}[/]"
    title = f"{conflict.id} {conflict.kind} · {status} · {severity}"
    if conflict.resolved_by:
        title += f" · settled by {conflict.resolved_by}"
    table = Table(
        title=title,
        title_justify="left",
        show_lines=True,
        expand=True,
        caption_justify="left",
        caption=_escape(conflict.explanation),
    )
    table.add_column(_heading(first), ratio=1)
    table.add_column(_heading(second), ratio=1)
    table.add_row(_escape(first.text), _escape(second.text))
    return table


def _heading(claim: Claim) -> str:
    who = claim.speaker or "the article"
    return _escape(f"{claim.id} · {who} · {when(claim)}")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def write_atomic(path: Path, content: str) -> None:
    """Write the whole report or nothing: a crash never leaves a half-written file behind."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"{path}: cannot write the report ({error.strerror}).") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException as error:  # an interrupt mid-write must not leave the temporary file either
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{path}: cannot write the report ({error.strerror}).") from None
        raise
