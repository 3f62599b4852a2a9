"""HTML to plain text, for articles saved from the web or exported from a CMS.

A whole saved page is reduced to its article body by trafilatura (menus, promotions, related links,
comments and footers dropped: they are not the story's claims). A fragment (a CMS export, HTML
pasted into a .txt), or a page in which trafilatura finds no article, keeps all of its text: block
elements become paragraphs, and only what is never prose (scripts, styles, the title) is dropped.
Markup is never passed on as prose either way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HTML_SUFFIXES = frozenset({".html", ".htm"})
HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
FIRST_TAG = re.compile(r"\s*<([a-z][a-z0-9]*)[\s/>]", re.IGNORECASE)
NOT_PROSE = frozenset({"script", "style", "template", "noscript", "title"})
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
PAGE_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
BLANK_LINE = re.compile(r"\n\s*\n")
SPACES = re.compile(r"\s+")


def looks_like_html(text: str) -> bool:
    """A page (`<!DOCTYPE html>`, `<html>`) or a fragment that opens with a tag it later closes."""
    if HTML_START.match(text):
        return True
    first = FIRST_TAG.match(text)
    return first is not None and re.search(rf"</{first.group(1)}\s*>", text, re.IGNORECASE) is not None


def html_to_text(markup: str) -> str:
    """The article in `markup` (a whole page) or all of its text (a fragment), one paragraph per block."""
    if HTML_START.match(markup) or PAGE_BODY.search(markup):
        body = article_body(markup)
        if body:
            return body
    return all_text(markup)


def article_body(page: str) -> str | None:
    """The main text of a web page as trafilatura finds it, paragraphs apart; None when it finds none."""
    import trafilatura

    # No deduplication: trafilatura's keeps one cache for the whole process, so a page seen a few
    # times would lose paragraphs (a server converting the same draft again would answer otherwise).
    found = trafilatura.extract(
        page, include_comments=False, include_tables=False, include_images=False, deduplicate=False, fast=True
    )
    if not found:
        return None
    paragraphs = (SPACES.sub(" ", line).strip() for line in found.splitlines())
    return "\n\n".join(line for line in paragraphs if line) or None


def all_text(markup: str) -> str:
    """Every text of `markup`, one paragraph per block element, character references resolved."""
    parser = _TextCollector()
    parser.feed(markup)
    parser.close()
    return "\n\n".join(parser.paragraphs())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._blocks: list[list[str]] = [[]]
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_PROSE:
            self._hidden += 1
        elif tag in BLOCKS:
            self._blocks.append([])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_PROSE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCKS:
            self._blocks.append([])

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        first, *rest = BLANK_LINE.split(data)
        self._blocks[-1].append(first)
        self._blocks.extend([piece] for piece in rest)

    def paragraphs(self) -> list[str]:
        joined = (SPACES.sub(" ", "".join(block)).strip() for block in self._blocks)
        return [text for text in joined if text]
