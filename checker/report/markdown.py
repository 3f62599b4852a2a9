"""Markdown an editor can paste into a ticket: per topic, each dispute with its sides quoted in turn,
then its pairwise conflicts as an indented list."""

from __future__ import annotations

import re

from checker.models import Claim, Conflict, Dispute, Report, Side, SideRole
from checker.report.view import claim_index, conflict_index, disputes_by_topic, pair_label, side_groups, summary, voice
from checker.resolve import when

# Every character that can start Markdown or inline HTML markup in CommonMark or GitHub/GitLab flavours.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~&!])")
# A line start that would otherwise open a list item or draw a rule: "- x", "+ x", "1. x", "---", "===".
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_WHITESPACE = re.compile(r"\s+")


def render_markdown(report: Report) -> str:
    claims = claim_index(report)
    conflicts = conflict_index(report)
    lines = ["# checker report", "", escape(summary(report)) + "."]
    for warning in report.warnings:
        lines += ["", f"*Note: {escape(warning)}*"]
    for topic, disputes in disputes_by_topic(report):
        lines += ["", f"## Topic {topic.id}: {escape(topic.label)} ({len(topic.claim_ids)} claims)"]
        for dispute in disputes:
            lines += ["", *_dispute(dispute, [conflicts[i] for i in dispute.conflict_ids], claims)]
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


def _dispute(dispute: Dispute, conflicts: list[Conflict], claims: dict[str, Claim]) -> list[str]:
    lines = [
        f"### {escape(dispute.id)} · {escape(dispute.kind)} · {dispute.status.value} · "
        f"{dispute.severity.value} severity",
    ]
    for heading, sides in side_groups(dispute):
        if sides[0].role is SideRole.FIGURE:
            heading = f"{heading} for {escape(dispute.disputed)}"
        lines += ["", f"**{heading}:**"]
        for side in sides:
            lines += ["", *_quote(side, claims)]
    lines += [
        "",
        f"- **Status:** {_status(dispute, claims)}",
        f"- **Severity:** {dispute.severity.value}",
    ]
    if dispute.as_of is not None:
        lines.append(f"- **As of:** {dispute.as_of.isoformat()}")
    lines.append(f"- **Why:** {escape(dispute.explanation)}")
    if len(conflicts) == 1:
        lines.append(f"- **Conflict:** {code(conflicts[0].id)}")
    else:
        lines.append(f"- **Conflicts:** {len(conflicts)}")
        lines += [f"  - {_pair(c, claims)}" for c in conflicts]
    return lines


def _quote(side: Side, claims: dict[str, Claim]) -> list[str]:
    claim = claims[side.claim_ids[0]]
    return [f"> {escape(claim.text)}", ">", f"> — {_byline(side, claim)}"]


def _byline(side: Side, claim: Claim) -> str:
    """Who, in what role, via whom · when · stance (or the figure) · claim ids."""
    who = f"**{escape(side.who)}**"
    if claim.speaker_role:
        who += f", {escape(claim.speaker_role)}"
    if claim.cited_source and claim.cited_source != side.who:
        who += f", via {escape(claim.cited_source)}"
    what = f"gives **{escape(side.what)}**" if side.role is SideRole.FIGURE else side.stance.value.replace("_", " ")
    return " · ".join([who, when(claim), what, ", ".join(code(i) for i in side.claim_ids)])


def _pair(conflict: Conflict, claims: dict[str, Claim]) -> str:
    head = f"{code(conflict.id)} {escape(conflict.kind)} · {conflict.status.value} · {conflict.severity.value}"
    return f"{head} · {escape(pair_label(conflict, claims))}: {escape(conflict.explanation)}"


def _status(dispute: Dispute, claims: dict[str, Claim]) -> str:
    if dispute.resolved_by is None:
        return dispute.status.value
    settler = claims.get(dispute.resolved_by)
    who = f"{escape(voice(settler))}, {when(settler)}, " if settler else ""
    return f"{dispute.status.value}, settled by {who}{code(dispute.resolved_by)}"
