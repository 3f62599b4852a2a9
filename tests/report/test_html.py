"""The HTML report: self-contained, every input text escaped, claims marked at their offsets."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

import pytest

from checker import check
from checker.models import Conflict, Dispute, Document, Report, Severity, Status
from checker.report.html import highlight, render_html
from tests import reports
from tests.conftest import HOSTILE, fixture_document
from tests.fakes import FakeEmbedder

VOID = frozenset({"meta", "input", "br", "link", "img", "hr"})


class Page(HTMLParser):
    """Tags, attributes and nesting of a page, as a browser's tokenizer sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.unbalanced: list[str] = []
        self.scripts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.unbalanced.append(tag)

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "script":
            self.scripts.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(scope="module")
def hostile() -> tuple[Document, Report]:
    document = fixture_document(HOSTILE)
    return document, check([document], embedder=FakeEmbedder())


def test_hostile_markup_is_text(hostile: tuple[Document, Report]) -> None:
    document, report = hostile
    assert report.conflicts, "the hostile fixture should still produce a conflict"
    page_text = render_html(report, [document])
    page = Page(page_text)
    assert len(page.named("script")) == 1
    assert not page.named("img") and not [attrs for attrs in page.named("b") if attrs]
    assert not [attrs for _, attrs in page.tags if any(name.startswith("on") for name in attrs)]
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page_text
    assert page.unbalanced == [] and page.open == []


def test_hostile_ids_and_sources_are_escaped() -> None:
    document = Document(id='x"><img src=x onerror=alert(1)>', source="<em>Wire</em>", text="Ann Cole said it rained.")
    claim = reports.claim(document, "Ann Cole said it rained.", 1, "<i>Ann</i>")
    other = claim.model_copy(update={"id": "<u>2</u>", "speaker": "Tom Reed"})
    conflict = reports.conflict(1, "<s>denial</s>", (claim, other), Status.OPEN, Severity.HIGH)
    page = Page(render_html(reports.report([document], [claim, other], [conflict]), [document]))
    assert {tag for tag, _ in page.tags}.isdisjoint({"img", "em", "i", "u", "s"})
    assert page.unbalanced == []


def test_content_security_policy_admits_only_the_page_itself(
    riverside_report: Report, riverside_document: Document
) -> None:
    page_text = render_html(riverside_report, [riverside_document])
    page = Page(page_text)
    (policy,) = [m["content"] for m in page.named("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert policy is not None and "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    (script,) = page.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    (style,) = re.findall(r"<style>(.*?)</style>", page_text, re.S)
    assert f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'" in policy
    # Nothing to fetch: no external sources, stylesheets, imports or fonts.
    assert not [a for _, a in page.tags if "src" in a] and not page.named("link")
    assert not re.search(r"@import|url\(|https?://", style + script)


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/story", True),
        ("http://example.org/story", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
    ],
)
def test_only_web_urls_become_links(url: str, linked: bool) -> None:
    document = Document(id="d", text="Ann Cole said it rained.", url=url)
    claim = reports.claim(document, "Ann Cole said it rained.", 1, "Ann Cole")
    page = Page(render_html(reports.report([document], [claim], []), [document]))
    assert (url in [a.get("href") for a in page.named("a")]) is linked
    assert all(not (a.get("href") or "").startswith(("javascript", "data")) for a in page.named("a"))


def _article_html(page_text: str) -> str:
    return page_text.split('<div class="doc-text">', 1)[1].split("</div></section>", 1)[0]


def test_article_is_the_document_text_with_every_claim_marked(
    riverside_report: Report, riverside_document: Document
) -> None:
    article = _article_html(render_html(riverside_report, [riverside_document]))
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == riverside_document.text
    marked = [html.unescape(m) for m in re.findall(r"<mark [^>]*>(.*?)</mark>", article, re.S)]
    assert marked == [c.text for c in sorted(riverside_report.claims, key=lambda c: c.start)]


def test_marks_say_whether_the_claim_is_in_an_open_conflict(
    riverside_report: Report, riverside_document: Document
) -> None:
    page = Page(render_html(riverside_report, [riverside_document]))
    classes = {a["id"]: a["class"] for a in page.named("mark") if "id" in a}
    for conflict in riverside_report.conflicts:
        expected = "hl-open" if conflict.status is Status.OPEN else {"hl-open", "hl-settled"}
        for claim_id in conflict.claim_ids:
            assert classes[f"claim-{claim_id}"] in (expected if isinstance(expected, set) else {expected})


@pytest.mark.parametrize(
    ("spans", "marked"),
    [
        ([(0, 8), (14, 22)], ["Ann Cole", "Tom Reed"]),
        ([(0, 12), (4, 8)], ["Ann Cole sai"]),  # overlapping: the second is left plain
        ([(0, 8), (0, 3)], ["Ann"]),  # same start: the shorter comes first, the longer overlaps it
        ([(30, 40)], []),  # beyond the text: not marked
    ],
)
def test_highlight_skips_spans_that_do_not_fit(spans: list[tuple[int, int]], marked: list[str]) -> None:
    document = Document(id="d", text="Ann Cole said Tom Reed <lied>.")
    claims = [
        reports.claim(document, "Ann", n, None).model_copy(
            update={"start": start, "end": end, "text": document.text[start:end]}
        )
        for n, (start, end) in enumerate(spans, start=1)
    ]
    out = highlight(document.text, claims, {})
    assert re.findall(r"<mark [^>]*>(.*?)</mark>", out) == marked
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == document.text


def test_disputes_side_by_side_with_filter_data(riverside_report: Report, riverside_document: Document) -> None:
    page_text = render_html(riverside_report, [riverside_document])
    page = Page(page_text)
    cards = [a for a in page.named("article") if a.get("class") == "dispute"]
    assert [(c["id"], c["data-status"], c["data-severity"]) for c in cards] == [
        (f"dispute-{d.id}", d.status.value, d.severity.value) for d in riverside_report.disputes
    ]
    values = {box["value"] for box in page.named("input")}
    assert values == {s.value for s in Status} | {s.value for s in Severity}
    for dispute in riverside_report.disputes:
        _assert_card(page_text, dispute, riverside_report)


def _assert_card(page_text: str, dispute: Dispute, report: Report) -> None:
    """The card shows each side's quote, the explanation, and folds each pairwise conflict with both quotes."""
    claims = {c.id: c for c in report.claims}
    card = page_text.split(f'id="dispute-{dispute.id}"', 1)[1].split("</article></details></article>", 1)[0]
    sides, folded = card.split('<details class="pairs">', 1)
    quotes = [html.unescape(q) for q in re.findall(r"<blockquote>(.*?)</blockquote>", sides, re.S)]
    assert quotes == [claims[side.claim_ids[0]].text for side in dispute.sides]
    assert html.escape(dispute.explanation) in sides
    conflicts = {c.id: c for c in report.conflicts}
    for conflict_id in dispute.conflict_ids:
        pair = folded.split(f'id="conflict-{conflict_id}"', 1)[1].split("</article>", 1)[0]
        quotes = [html.unescape(q) for q in re.findall(r"<blockquote>(.*?)</blockquote>", pair, re.S)]
        assert quotes == [claims[i].text for i in conflicts[conflict_id].claim_ids]
        assert html.escape(conflicts[conflict_id].explanation) in pair


def test_a_dispute_of_several_conflicts_is_one_card() -> None:
    document, report = reports.one_denial_against_two()
    page_text = render_html(report, [document])
    page = Page(page_text)
    assert [a["id"] for a in page.named("article")] == ["dispute-D1", "conflict-C1", "conflict-C2"]
    assert [h for h in re.findall(r"<h4>(.*?)</h4>", page_text)] == ["Disputed", "Contradicted by"]
    assert "2 pairwise conflicts" in page_text and page.unbalanced == []
    _assert_card(page_text, report.disputes[0], report)


def test_timeline_orders_statements_by_time(riverside_report: Report, riverside_document: Document) -> None:
    page_text = render_html(riverside_report, [riverside_document])
    timeline = page_text.split("Timeline of statements", 1)[1].split("</section>", 1)[0]
    linked = re.findall(r'<li class="[^"]+"><time>.*?href="#claim-([^"]+)"', timeline)
    claims = {c.id: c for c in riverside_report.claims}
    ids = [i.replace("%3A", ":") for i in linked]
    assert sorted(ids) == sorted(claims)
    for topic in riverside_report.topics:
        orders = [claims[i].stated_at.order for i in ids if i in topic.claim_ids]
        assert orders == sorted(orders)


def test_without_documents_the_page_still_renders(riverside_report: Report) -> None:
    page_text = render_html(riverside_report)
    assert "not supplied" in page_text and Page(page_text).unbalanced == []


def test_empty_report_says_so(riverside_report: Report, riverside_document: Document) -> None:
    empty = riverside_report.model_copy(update={"conflicts": list[Conflict](), "disputes": list[Dispute]()})
    assert "No conflicts between the sources." in render_html(empty, [riverside_document])


@pytest.mark.model
def test_seed_page_marks_every_claim_of_every_conflict(seed_report: Report, seed_document: Document) -> None:
    page = Page(render_html(seed_report, [seed_document]))
    marks = {a["id"] for a in page.named("mark") if "id" in a}
    assert {f"claim-{i}" for c in seed_report.conflicts for i in c.claim_ids} <= marks
    assert len(page.named("article")) == len(seed_report.disputes) + len(seed_report.conflicts)
    assert len(page.named("details")) == len(seed_report.disputes)
    assert page.unbalanced == []
