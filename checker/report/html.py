"""One self-contained HTML page: disputes with their sides side by side (their pairwise conflicts folded
in `<details>`), a timeline per topic, the article with claims marked.

Every piece of text that came from the input (article, claims, names, ids, labels) goes through
`html.escape`; the Content-Security-Policy admits only the page's own style and script.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote, urlsplit

from checker.models import Claim, Conflict, Dispute, Document, Report, Severity, Side, SideRole, Status, Topic
from checker.report.html_assets import CONTENT_SECURITY_POLICY, SCRIPT, STYLE
from checker.report.view import claim_index, conflict_index, disputes_by_topic, side_groups, summary, voice
from checker.resolve import when

TITLE = "checker report"
LINK_SCHEMES = frozenset({"http", "https"})
LEGEND = (
    '<p class="legend"><mark class="hl-open">in an open conflict</mark> '
    '<mark class="hl-settled">in a superseded or resolved one</mark> <mark class="hl-claim">other claim</mark></p>'
)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def render_html(report: Report, documents: Sequence[Document] = ()) -> str:
    claims = claim_index(report)
    body = [
        _header(report),
        '<main class="layout"><div class="findings">',
        _disputes_section(report, claims),
        _timelines_section(report, claims),
        "</div>",
        _articles_section(report, documents),
        "</main>",
    ]
    return "\n".join([_head(), *body, f"<script>{SCRIPT}</script>", "</body>", "</html>"]) + "\n"


def _head() -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{TITLE}</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    )


def _header(report: Report) -> str:
    notes = "".join(f'<p class="note">{esc(w)}</p>' for w in report.warnings)
    return (
        f'<header class="top"><h1>{TITLE}</h1><p class="summary">{esc(summary(report))}</p>'
        f"{_filters(report)}{notes}</header>"
    )


def _filters(report: Report) -> str:
    statuses = "".join(_checkbox(s.value, sum(d.status is s for d in report.disputes)) for s in Status)
    levels = "".join(_checkbox(s.value, sum(d.severity is s for d in report.disputes)) for s in reversed(Severity))
    return (
        '<div class="filters" id="filters" hidden>'
        f"<fieldset><legend>Status</legend>{statuses}</fieldset>"
        f"<fieldset><legend>Severity</legend>{levels}</fieldset>"
        '<span class="shown" id="shown"></span></div>'
    )


def _checkbox(value: str, count: int) -> str:
    return f'<label><input type="checkbox" data-filter value="{value}" checked> {value} ({count})</label>'


def _disputes_section(report: Report, claims: dict[str, Claim]) -> str:
    conflicts = conflict_index(report)
    parts = ["<section><h2>Disputes</h2>"]
    if not report.disputes:
        parts.append("<p>No conflicts between the sources.</p>")
    for topic, disputes in disputes_by_topic(report):
        cards = "".join(_dispute_card(d, [conflicts[i] for i in d.conflict_ids], claims) for d in disputes)
        parts.append(f'<div class="topic-disputes">{_topic_heading(topic)}{cards}</div>')
    parts.append("</section>")
    return "".join(parts)


def _dispute_card(dispute: Dispute, conflicts: list[Conflict], claims: dict[str, Claim]) -> str:
    """One card: the sides side by side, the explanation, and the pairwise conflicts folded below."""
    status, severity = dispute.status.value, dispute.severity.value
    count = f"{len(conflicts)} conflicts" if len(conflicts) > 1 else "1 conflict"
    head = [
        f'<span class="cid">{esc(dispute.id)}</span>',
        f'<span class="kind">{esc(dispute.kind)}</span>',
        f'<span class="badge status-{status}">{status}</span>',
        f'<span class="badge sev-{severity}">{severity} severity</span>',
        f'<span class="count">{count}</span>',
        *_settlement(dispute.resolved_by, dispute.as_of, claims),
    ]
    if dispute.sides and dispute.sides[0].role is SideRole.FIGURE:
        figures = "".join(_dispute_side(side, claims) for side in dispute.sides)
        sides = f'<h4>Figures for {esc(dispute.disputed)}</h4><div class="figures">{figures}</div>'
    else:
        columns = "".join(
            f'<div class="side-group"><h4>{esc(heading)}</h4>{"".join(_dispute_side(s, claims) for s in group)}</div>'
            for heading, group in side_groups(dispute)
        )
        sides = f'<div class="sides">{columns}</div>'
    pairs = "".join(_card(c, claims) for c in conflicts)
    noun = "pairwise conflicts" if len(conflicts) > 1 else "pairwise conflict"
    return (
        f'<article class="dispute" id="dispute-{esc(dispute.id)}" data-status="{status}" '
        f'data-severity="{severity}"><div class="conflict-head">{"".join(head)}</div>{sides}'
        f'<p class="explanation">{esc(dispute.explanation)}</p>'
        f'<details class="pairs"><summary>{len(conflicts)} {noun}</summary>{pairs}</details></article>'
    )


def _settlement(resolved_by: str | None, as_of: dt.date | None, claims: dict[str, Claim]) -> list[str]:
    head: list[str] = []
    settler = claims.get(resolved_by) if resolved_by else None
    if settler is not None:
        head.append(f'<span class="settled">settled by {_claim_link(settler, voice(settler))}</span>')
    if as_of is not None:
        head.append(f'<span class="asof">as of {as_of.isoformat()}</span>')
    return head


def _dispute_side(side: Side, claims: dict[str, Claim]) -> str:
    claim = claims[side.claim_ids[0]]
    figure = f'<p class="figure">{esc(side.what)}</p>' if side.role is SideRole.FIGURE else ""
    copies = [f"also {_claim_link(claims[i], 'here', 'cref')}" for i in side.claim_ids[1:] if i in claims]
    return figure + _side(claim, side.who, copies)


def _topic_heading(topic: Topic) -> str:
    return f"<h3>Topic {esc(topic.id)}: {esc(topic.label)} ({len(topic.claim_ids)} claims)</h3>"


def _card(conflict: Conflict, claims: dict[str, Claim]) -> str:
    status, severity = conflict.status.value, conflict.severity.value
    head = [
        f'<span class="cid">{esc(conflict.id)}</span>',
        f'<span class="kind">{esc(conflict.kind)}</span>',
        f'<span class="badge status-{status}">{status}</span>',
        f'<span class="badge sev-{severity}">{severity} severity</span>',
    ]
    head += _settlement(conflict.resolved_by, conflict.as_of, claims)
    sides = "".join(_side(claims[i]) for i in conflict.claim_ids[:2])
    return (
        f'<article class="conflict" id="conflict-{esc(conflict.id)}" data-status="{status}" '
        f'data-severity="{severity}"><div class="conflict-head">{"".join(head)}</div>'
        f'<div class="sides">{sides}</div><p class="explanation">{esc(conflict.explanation)}</p></article>'
    )


def _side(claim: Claim, who: str | None = None, copies: Sequence[str] = ()) -> str:
    """A quote with its byline; `copies` link the same statement where other outlets carry it."""
    name = who or voice(claim)
    byline = [f"<b>{esc(name)}</b>"]
    if claim.speaker_role:
        byline.append(esc(claim.speaker_role))
    if claim.cited_source and claim.cited_source != name:
        byline.append(f"via {esc(claim.cited_source)}")
    byline += [esc(when(claim)), _stance(claim), _claim_link(claim, "in the text", "cref"), *copies]
    return (
        f'<figure class="side"><blockquote>{esc(claim.text)}</blockquote>'
        f"<figcaption>{' · '.join(byline)}</figcaption></figure>"
    )


def _stance(claim: Claim) -> str:
    return f'<span class="stance">{claim.stance.value.replace("_", " ")}</span>'


def _claim_link(claim: Claim, label: str, css: str = "") -> str:
    """A link to the claim's mark in the article; the claim id shows on hover."""
    style = f' class="{css}"' if css else ""
    target = esc(quote(claim.id, safe=""))
    return f'<a{style} href="#claim-{target}" title="claim {esc(claim.id)}">{esc(label)}</a>'


def _timelines_section(report: Report, claims: dict[str, Claim]) -> str:
    marks = {claim_id: _involvement(conflicts) for claim_id, conflicts in _conflicts_of_claims(report).items()}
    parts = ["<section><h2>Timeline of statements</h2>"]
    for topic in report.topics:
        members = sorted((claims[i] for i in topic.claim_ids if i in claims), key=lambda c: c.stated_at.order)
        items = "".join(_timeline_item(c, marks.get(c.id, "hl-claim")) for c in members)
        parts.append(f'{_topic_heading(topic)}<ol class="timeline">{items}</ol>')
    parts.append("</section>")
    return "".join(parts)


def _timeline_item(claim: Claim, involvement: str) -> str:
    return (
        f'<li class="{involvement}"><time>{esc(when(claim))}</time><div><b>{esc(voice(claim))}</b> '
        f"{_stance(claim)} {_claim_link(claim, 'in the text', 'cref')}<br>{esc(claim.text)}</div></li>"
    )


def _in_dispute(conflict_id: str, dispute_of: Mapping[str, str]) -> str:
    """ "D1 · C3 ": the conflict's id after its dispute's."""
    dispute = dispute_of.get(conflict_id)
    return f"{dispute} · {conflict_id} " if dispute else f"{conflict_id} "


def _conflicts_of_claims(report: Report) -> dict[str, list[Conflict]]:
    by_claim: dict[str, list[Conflict]] = {}
    for conflict in report.conflicts:
        for claim_id in conflict.claim_ids:
            by_claim.setdefault(claim_id, []).append(conflict)
    return by_claim


def _involvement(conflicts: list[Conflict]) -> str:
    """The CSS class of a claim: in an open conflict, only in settled ones, or in none."""
    if any(c.status is Status.OPEN for c in conflicts):
        return "hl-open"
    return "hl-settled" if conflicts else "hl-claim"


def _articles_section(report: Report, documents: Sequence[Document]) -> str:
    by_doc: dict[str, list[Claim]] = {}
    for claim in report.claims:
        by_doc.setdefault(claim.doc_id, []).append(claim)
    by_claim = _conflicts_of_claims(report)
    dispute_of = {i: d.id for d in report.disputes for i in d.conflict_ids}
    parts = ['<aside class="articles"><h2>Article text</h2>', LEGEND]
    if not documents:
        parts.append("<p>The article text was not supplied to the renderer.</p>")
    parts += [_article(doc, by_doc.get(doc.id, []), by_claim, dispute_of) for doc in documents]
    parts.append("</aside>")
    return "".join(parts)


def _article(
    doc: Document, claims: list[Claim], by_claim: dict[str, list[Conflict]], dispute_of: Mapping[str, str]
) -> str:
    facts = [esc(doc.id), *(esc(x) for x in (doc.source,) if x)]
    if doc.published is not None:
        facts.append(doc.published.isoformat())
    if doc.url:
        facts.append(_url(doc.url))
    text = highlight(doc.text, claims, by_claim, dispute_of)
    return f'<section class="doc"><h3>{" · ".join(facts)}</h3><div class="doc-text">{text}</div></section>'


def _url(url: str) -> str:
    if urlsplit(url).scheme.lower() in LINK_SCHEMES:
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(url)


def highlight(
    text: str, claims: Iterable[Claim], by_claim: dict[str, list[Conflict]], dispute_of: Mapping[str, str] | None = None
) -> str:
    """The escaped text with each claim marked; a span that overlaps another or does not match is left plain."""
    out: list[str] = []
    cursor = 0
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        if not _fits(text, claim, cursor):
            continue
        out.append(esc(text[cursor : claim.start]))
        out.append(f"{_mark_open(claim, by_claim.get(claim.id, []), dispute_of or {})}{esc(claim.text)}</mark>")
        cursor = claim.end
    out.append(esc(text[cursor:]))
    return "".join(out)


def _fits(text: str, claim: Claim, cursor: int) -> bool:
    """Whether the claim's span starts after the last mark and holds exactly the claim's text."""
    return cursor <= claim.start < claim.end <= len(text) and text[claim.start : claim.end] == claim.text


def _mark_open(claim: Claim, mine: list[Conflict], dispute_of: Mapping[str, str]) -> str:
    kind = _involvement(mine)
    about = [f"{_in_dispute(c.id, dispute_of)}{c.kind}: {c.status.value}, {c.severity.value}" for c in mine]
    title = "; ".join([f"{voice(claim)} · {when(claim)}", *about])
    return f'<mark id="claim-{esc(claim.id)}" class="{kind}" title="{esc(title)}">'
