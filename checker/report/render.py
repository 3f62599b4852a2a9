"""Render a Report in the chosen format: the dispatcher, the terminal table and JSON.

The editorial formats live in their own modules (report_markdown, report_html, report_sarif,
report_claimreview), imported only when chosen. HTML and SARIF need the checked Documents: the
Report keeps claim offsets but not the texts.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from checker.errors import InputError
from checker.models import Claim, Conflict, Document, Report, Severity, Status
from checker.report.formats import Format
from checker.report.view import claim_index, conflicts_by_topic, summary, voice
from checker.resolve import when

TABLE_WIDTH = 120
STATUS_STYLE = {Status.OPEN: "bold red", Status.SUPERSEDED: "yellow", Status.RESOLVED: "green"}
SEVERITY_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "yellow", Severity.LOW: "cyan"}


def render(report: Report, fmt: Format, color: bool = False, documents: Sequence[Document] = ()) -> str:
    """The report as text; `color` only affects the table, `documents` only HTML and SARIF."""
    if fmt is Format.JSON:
        return render_json(report)
    if fmt is Format.MARKDOWN:
        from checker.report.markdown import render_markdown

        return render_markdown(report)
    if fmt is Format.HTML:
        from checker.report.html import render_html

        return render_html(report, documents)
    if fmt is Format.SARIF:
        from checker.report.sarif import render_sarif

        return render_sarif(report, documents)
    if fmt is Format.CLAIMREVIEW:
        from checker.report.claimreview import render_claimreview

        return render_claimreview(report)
    return render_table(report, color)


def render_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def render_table(report: Report, color: bool = False) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=TABLE_WIDTH, force_terminal=color, no_color=not color, highlight=False)
    claims = claim_index(report)
    console.print(summary(report))
    for topic, conflicts in conflicts_by_topic(report):
        console.print(f"\n[bold]Topic {topic.id}[/bold]: {_escape(topic.label)} ({len(topic.claim_ids)} claims)")
        for conflict in conflicts:
            console.print(_conflict_table(conflict, claims))
    for warning in report.warnings:
        console.print(f"\nNote: {_escape(warning)}")
    return buffer.getvalue()


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
    return _escape(f"{claim.id} · {voice(claim)} · {when(claim)}")


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
