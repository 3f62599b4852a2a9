"""Render a Report in the chosen format: the dispatcher, the terminal table and JSON.

Every format leads with disputes; the table shows one card per dispute with its sides side by
side and its pairwise conflicts indented below. The editorial formats live in their own modules
(markdown, html, sarif, claimreview), imported only when chosen. HTML and SARIF need the checked Documents: the
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
from checker.models import Claim, Conflict, Dispute, Document, Report, Severity, Side, SideRole, Status
from checker.report.formats import Format
from checker.report.view import (
    claim_index,
    conflict_index,
    disputes_by_topic,
    pair_label,
    settler_label,
    side_groups,
    summary,
)
from checker.resolve import when

TABLE_WIDTH = 120
PAIR_INDENT = 4  # the pairwise conflicts sit indented under their dispute
FIGURE_COLUMNS = 4  # competing figures side by side, this many to a row
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
    conflicts = conflict_index(report)
    console.print(summary(report))
    for topic, disputes in disputes_by_topic(report):
        console.print(f"\n[bold]Topic {topic.id}[/bold]: {_escape(topic.label)} ({len(topic.claim_ids)} claims)")
        for dispute in disputes:
            mine = [conflicts[i] for i in dispute.conflict_ids]
            console.print(_dispute_table(dispute, mine, claims))
            if len(mine) > 1:
                console.print(_pairs(mine, claims))
    for warning in report.warnings:
        console.print(f"\nNote: {_escape(warning)}")
    return buffer.getvalue()


def _dispute_table(dispute: Dispute, conflicts: list[Conflict], claims: dict[str, Claim]) -> object:
    """One card: the sides side by side under their headings, the explanation below."""
    from rich.table import Table

    title = f"{dispute.id} {dispute.kind} · {_status(dispute.status)} · {_severity(dispute.severity)}"
    title += f" · {_count(conflicts)}"
    settler = settler_label(dispute, claims)
    if settler is not None:
        title += f" · settled by {_escape(settler)}"
    table = Table(
        title=title,
        title_justify="left",
        show_lines=True,
        expand=True,
        caption_justify="left",
        caption=_escape(dispute.explanation),
    )
    if dispute.sides and dispute.sides[0].role is SideRole.FIGURE:
        width = min(len(dispute.sides), FIGURE_COLUMNS)
        for column in range(width):
            table.add_column(_escape(f"Figures for {dispute.disputed}") if column == 0 else "", ratio=1)
        for start in range(0, len(dispute.sides), width):
            row = [_side_cell(side, claims) for side in dispute.sides[start : start + width]]
            table.add_row(*row, *[""] * (width - len(row)))
        return table
    groups = side_groups(dispute)
    for heading, _ in groups:
        table.add_column(heading, ratio=1)
    table.add_row(*("\n\n".join(_side_cell(side, claims) for side in sides) for _, sides in groups))
    return table


def _side_cell(side: Side, claims: dict[str, Claim]) -> str:
    first = claims[side.claim_ids[0]]
    heading = f"{side.who} · {when(first)} · {side.stance.value.replace('_', ' ')} · {first.id}"
    copies = f"\nalso carried as {', '.join(side.claim_ids[1:])}" if len(side.claim_ids) > 1 else ""
    figure = f"[bold]{_escape(side.what)}[/bold]\n" if side.role is SideRole.FIGURE else ""
    return f"{figure}[bold]{_escape(heading)}[/bold]{_escape(copies)}\n{_escape(first.text)}"


def _pairs(conflicts: list[Conflict], claims: dict[str, Claim]) -> object:
    """The pairwise conflicts of a dispute, indented under its card."""
    from rich.padding import Padding

    lines = [
        f"{c.id} {c.kind} · {_status(c.status)} · {_severity(c.severity)} · {_escape(pair_label(c, claims))}: "
        f"{_escape(c.explanation)}"
        for c in conflicts
    ]
    return Padding("\n".join(lines), (0, 0, 1, PAIR_INDENT))


def _count(conflicts: list[Conflict]) -> str:
    return conflicts[0].id if len(conflicts) == 1 else f"{len(conflicts)} conflicts"


def _status(status: Status) -> str:
    return f"[{STATUS_STYLE[status]}]{status.value}[/]"


def _severity(severity: Severity) -> str:
    return f"[{SEVERITY_STYLE[severity]}]{severity.value}[/]"


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
