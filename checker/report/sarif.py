"""SARIF 2.1.0: one result per conflict, located at both claims, for code-scanning style viewers.

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
from checker.models import Claim, Conflict, Document, Report, Severity
from checker.report.view import voice

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
    run: Json = {
        "tool": {"driver": {"name": TOOL_NAME, "version": __version__, "rules": rules}},
        "columnKind": COLUMN_KIND,
        "results": [_result(c, claims, indexes, rule_index) for c in report.conflicts],
    }
    if report.warnings:
        notes = [{"level": "note", "message": {"text": w}} for w in report.warnings]
        run["invocations"] = [{"executionSuccessful": True, "toolConfigurationNotifications": notes}]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _result(
    conflict: Conflict, claims: dict[str, Claim], indexes: dict[str, LineIndex], rule_index: dict[str, int]
) -> Json:
    result: Json = {"ruleId": conflict.kind}
    if conflict.kind in rule_index:
        result["ruleIndex"] = rule_index[conflict.kind]
    result["level"] = LEVEL[conflict.severity]
    result["message"] = {"text": conflict.explanation}
    result["locations"] = [_location(claims[i], indexes) for i in conflict.claim_ids]
    if conflict.resolved_by in claims and conflict.resolved_by not in conflict.claim_ids:
        settler = _location(claims[str(conflict.resolved_by)], indexes)
        result["relatedLocations"] = [{"id": 1, **settler, "message": {"text": "the claim that settles it"}}]
    result["properties"] = {
        "conflictId": conflict.id,
        "status": conflict.status.value,
        "severity": conflict.severity.value,
        "resolved_by": conflict.resolved_by,
        "as_of": conflict.as_of.isoformat() if conflict.as_of else None,
    }
    return result


def _location(claim: Claim, indexes: dict[str, LineIndex]) -> Json:
    region: Json = {}
    index = indexes.get(claim.doc_id)
    if index is not None:
        (start_line, start_column), (end_line, end_column) = index.position(claim.start), index.position(claim.end)
        region = {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}
    region.update(charOffset=claim.start, charLength=claim.end - claim.start, snippet={"text": claim.text})
    return {
        "physicalLocation": {"artifactLocation": {"uri": quote(claim.doc_id, safe="")}, "region": region},
        "message": {"text": f"{voice(claim)}: {claim.stance.value.replace('_', ' ')}"},
        "properties": {"claimId": claim.id},
    }
