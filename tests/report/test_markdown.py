"""Markdown for tickets: parsed with a CommonMark parser, the quotes are blockquotes and text stays text."""

from __future__ import annotations

import datetime as dt

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from checker import check
from checker.models import Report
from checker.report.markdown import escape, render_markdown
from checker.resolve import when
from tests import reports
from tests.conftest import HOSTILE, fixture_document
from tests.fakes import FakeEmbedder


def tokens(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").parse(markdown)


def inline_text(token: Token) -> str:
    """What a reader sees of an inline token: its text children joined."""
    return "".join(child.content for child in token.children or [] if child.type in {"text", "code_inline"})


def blockquotes(markdown: str) -> list[str]:
    """The visible text of each blockquote's first paragraph."""
    found: list[str] = []
    stream = tokens(markdown)
    for index, token in enumerate(stream):
        if token.type == "blockquote_open":
            found.append(inline_text(stream[index + 2]))
    return found


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Russia's 11,000 troops (nearly).", "Russia's 11,000 troops (nearly)."),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("a *starred* and _underlined_ [link](x) `code`", "a *starred* and _underlined_ [link](x) `code`"),
        ("- not a list item", "- not a list item"),
        ("1. not a numbered item", "1. not a numbered item"),
        ("# not a heading", "# not a heading"),
        ("---", "---"),
        ("2) not an item either", "2) not an item either"),
        ("AT&amp;T | pipe ~strike~", "AT&amp;T | pipe ~strike~"),
        ("two\nlines", "two lines"),
    ],
)
def test_escaped_text_reads_as_written(text: str, shown: str) -> None:
    (paragraph_open, inline, _) = tokens(escape(text))
    assert paragraph_open.type == "paragraph_open"
    assert inline_text(inline) == shown
    assert not [c for c in inline.children or [] if c.type != "text"]


def test_each_dispute_has_its_sides_quoted_with_speakers_dates_status_and_why(riverside_report: Report) -> None:
    markdown = render_markdown(riverside_report)
    claims = {c.id: c for c in riverside_report.claims}
    quotes = blockquotes(markdown)
    assert quotes == [claims[s.claim_ids[0]].text for d in riverside_report.disputes for s in d.sides]
    for dispute in riverside_report.disputes:
        section = markdown.split(f"### {dispute.id} ")[1].split("\n### ")[0]
        for side in dispute.sides:
            assert side.who in section and when(claims[side.claim_ids[0]]) in section
        assert f"**Status:** {dispute.status.value}" in section
        assert f"**Severity:** {dispute.severity.value}" in section
        assert escape(dispute.explanation) in section
        assert all(f"`{i}`" in section for i in dispute.conflict_ids)


def test_pairwise_conflicts_are_indented_under_their_dispute() -> None:
    _, report = reports.one_denial_against_two()
    stream = tokens(render_markdown(report))
    assert [t.tag for t in stream if t.type == "heading_open"] == ["h1", "h2", "h3"]
    depth, items = 0, []
    for token in stream:
        depth += {"bullet_list_open": 1, "bullet_list_close": -1}.get(token.type, 0)
        if token.type == "inline" and depth == 2:
            items.append(inline_text(token))
    assert [i.split(" ", 1)[0] for i in items] == ["C1", "C2"]
    assert "Tom Reed vs Ann Cole" in items[0] and report.conflicts[0].explanation in items[0]


def test_summary_line_and_topics_come_first(riverside_report: Report) -> None:
    headings = [t for t in tokens(render_markdown(riverside_report)) if t.type == "heading_open"]
    assert [h.tag for h in headings][:2] == ["h1", "h2"]
    assert render_markdown(riverside_report).splitlines()[2].startswith("1 document(s), 6 claims")


def test_hostile_text_stays_text() -> None:
    document = fixture_document(HOSTILE)
    report = check([document], embedder=FakeEmbedder())
    assert report.conflicts, "the hostile fixture should still produce a conflict"
    stream = tokens(render_markdown(report))
    kinds = {t.type for t in stream} | {c.type for t in stream for c in t.children or []}
    assert not kinds & {"html_inline", "html_block", "link_open", "image"}
    assert any("<script>" in q for q in blockquotes(render_markdown(report)))


@pytest.mark.model
def test_seed_markdown_quotes_every_side(seed_report: Report) -> None:
    quotes = blockquotes(render_markdown(seed_report))
    claims = {c.id: c for c in seed_report.claims}
    expected = [claims[s.claim_ids[0]].text for d in seed_report.disputes for s in d.sides]
    assert quotes == expected
    assert {i for c in seed_report.conflicts for i in c.claim_ids} <= {
        i for d in seed_report.disputes for s in d.sides for i in s.claim_ids
    }
    assert dt.date(2024, 10, 28).isoformat() in render_markdown(seed_report)
