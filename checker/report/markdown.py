"""Markdown an editor can paste into a ticket: per topic, each conflict with both quotes side by side in turn."""

from __future__ import annotations

import re

from checker.models import Claim, Conflict, Report
from checker.report.view import claim_index, conflicts_by_topic, summary, voice
from checker.resolve import when

# Every character that can start Markdown or inline HTML markup in CommonMark or GitHub/GitLab flavours.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~&!])")
# A line start that would otherwise open a list item or draw a rule: "- x", "+ x", "1. x", "---", "===".
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_WHITESPACE = re.compile(r"\s+")


def render_markdown(report: Report) -> str:
    claims = claim_index(report)
    lines = ["# checker report", "", escape(summary(report)) + "."]
    for warning in report.warnings:
        lines += ["", f"*Note: {escape(warning)}*"]
    for topic, conflicts in conflicts_by_topic(report):
        lines += ["", f"## Topic {topic.id}: {escape(topic.label)} ({len(topic.claim_ids)} claims)"]
        for conflict in conflicts:
            lines += ["", *_conflict(conflict, claims)]
    return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Text shown literally: markup characters backslash-escaped, whitespace runs folded to one space."""
    flat = _WHITESPACE.sub(" ", text).strip()
    return _LINE_START.sub(_escape_marker, _SPECIAL.sub(r"\\\1", flat))


def _escape_marker(match: re.Match[str]) -> str:
    sign, number, punctuation = match.groups()
    return f"\\{sign}" if sign else f"{number}\\{punctuation}"


def code(text: str) -> str:
    """An identifier as inline code; one that holds a backtick cannot be, so it is escaped instead."""
    return escape(text) if "`" in text else f"`{text}`"


def _conflict(conflict: Conflict, claims: dict[str, Claim]) -> list[str]:
    first, second = (claims[i] for i in conflict.claim_ids[:2])
    lines = [
        f"### {conflict.id} · {conflict.kind} · {conflict.status.value} · {conflict.severity.value} severity",
        "",
        *_quote(first),
        "",
        *_quote(second),
        "",
        f"- **Status:** {_status(conflict, claims)}",
        f"- **Severity:** {conflict.severity.value}",
    ]
    if conflict.as_of is not None:
        lines.append(f"- **As of:** {conflict.as_of.isoformat()}")
    lines.append(f"- **Why:** {escape(conflict.explanation)}")
    return lines


def _quote(claim: Claim) -> list[str]:
    return [f"> {escape(claim.text)}", ">", f"> — {_byline(claim)}"]


def _byline(claim: Claim) -> str:
    """Who, in what role, via whom · when · stance · claim id."""
    who = f"**{escape(voice(claim))}**"
    if claim.speaker_role:
        who += f", {escape(claim.speaker_role)}"
    if claim.cited_source and claim.cited_source != voice(claim):
        who += f", via {escape(claim.cited_source)}"
    return " · ".join([who, when(claim), claim.stance.value.replace("_", " "), code(claim.id)])


def _status(conflict: Conflict, claims: dict[str, Claim]) -> str:
    if conflict.resolved_by is None:
        return conflict.status.value
    settler = claims.get(conflict.resolved_by)
    who = f"{escape(voice(settler))}, {when(settler)}, " if settler else ""
    return f"{conflict.status.value}, settled by {who}{code(conflict.resolved_by)}"
