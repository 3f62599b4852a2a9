"""SARIF 2.1.0: one result per dispute, for code-scanning style viewers.

A result is located at the disputed statement (for competing figures, the earliest figure); every
other claim of the dispute is a related location whose message names the conflicts that pair it
with the rest, and so is the claim that settled it when that is not one of them.

Columns count Unicode code points (`columnKind`), as Python offsets do; lines end at CR, LF or
CRLF, as the SARIF specification defines them. `endColumn` is the column after the last character.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.models import Claim, Conflict, Dispute, Document, Report, Severity, Side, SideRole

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "checker"
COLUMN_KIND = "unicodeCodePoints"
LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
_NEWLINE = re.compile(r"\r\n|\r|\n")

Json = dict[str, Any]


class LineIndex:
    """Maps a character offset in one text to a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def render_sarif(report: Report, documents: Sequence[Document] = ()) -> str:
    return json.dumps(sarif_log(report, documents), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report, documents: Sequence[Document] = ()) -> Json:
    """The SARIF log; without a claim's document its region has offsets but no lines."""
    from checker.rules import all_rules

    rules = [{"id": r.id, "shortDescription": {"text": r.description}} for r in all_rules()]
    rule_index = {r.id: n for n, r in enumerate(all_rules())}
    indexes = {d.id: LineIndex(d.text) for d in documents}
    claims = {c.id: c for c in report.claims}
    conflicts = {c.id: c for c in report.conflicts}
    results = [_result(d, [conflicts[i] for i in d.conflict_ids], claims, indexes, rule_index) for d in report.disputes]
    run: Json = {
        "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "rules": rules}},
        "columnKind": COLUMN_KIND,
        "results": results,
    }
    if report.warnings:
        notes = [{"level": "note", "message": {"text": w}} for w in report.warnings]
        run["invocations"] = [{"executionSuccessful": True, "toolConfigurationNotifications": notes}]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _result(
    dispute: Dispute,
    conflicts: list[Conflict],
    claims: dict[str, Claim],
    indexes: dict[str, LineIndex],
    rule_index: dict[str, int],
) -> Json:
    result: Json = {"ruleId": dispute.kind}
    if dispute.kind in rule_index:
        result["ruleIndex"] = rule_index[dispute.kind]
    result["level"] = LEVEL[dispute.severity]
    result["message"] = {"text": dispute.explanation}
    first, *others = dispute.sides
    result["locations"] = [_location(claims[i], indexes, _about(first, i, conflicts)) for i in first.claim_ids]
    related = [_location(claims[i], indexes, _about(side, i, conflicts)) for side in others for i in side.claim_ids]
    involved = {i for side in dispute.sides for i in side.claim_ids}
    if dispute.resolved_by in claims and dispute.resolved_by not in involved:
        related.append(_location(claims[str(dispute.resolved_by)], indexes, "the claim that settles it"))
    if related:
        result["relatedLocations"] = [{"id": n, **location} for n, location in enumerate(related, start=1)]
    result["properties"] = {
        "disputeId": dispute.id,
        "conflictIds": dispute.conflict_ids,
        "status": dispute.status.value,
        "severity": dispute.severity.value,
        "resolved_by": dispute.resolved_by,
        "as_of": dispute.as_of.isoformat() if dispute.as_of else None,
    }
    return result


def _about(side: Side, claim_id: str, conflicts: list[Conflict]) -> str:
    """ "Kyrylo Budanov: asserts (C1)": who, what they say, and the pairwise conflicts the claim is in."""
    what = f"gives {side.what}" if side.role is SideRole.FIGURE else side.stance.value.replace("_", " ")
    pairs = [c.id for c in conflicts if claim_id in c.claim_ids]
    return f"{side.who}: {what} ({', '.join(pairs)})" if pairs else f"{side.who}: {what}"


def _location(claim: Claim, indexes: dict[str, LineIndex], message: str) -> Json:
    region: Json = {}
    index = indexes.get(claim.doc_id)
    if index is not None:
        (start_line, start_column), (end_line, end_column) = index.position(claim.start), index.position(claim.end)
        region = {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}
    region.update(charOffset=claim.start, charLength=claim.end - claim.start, snippet={"text": claim.text})
    return {
        "physicalLocation": {"artifactLocation": {"uri": quote(claim.doc_id, safe="")}, "region": region},
        "message": {"text": message},
        "properties": {"claimId": claim.id},
    }
