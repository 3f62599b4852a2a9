from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest.markup import html_to_text, looks_like_html


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>The mayor said so.</p></body></html>", True),
        ("\n  <html lang='en'><p>The mayor said so.</p>", True),
        ("<p>The mayor said that the road was closed.</p>", True),
        ("<div class='story'>The mayor said so.\n\n<p>More.</p></div>", True),
        ("<Reuters> The mayor said that the road was closed.", False),
        ("The mayor said that <b>the road</b> was closed.", False),
        ("The mayor said that 3 < 4 and 5 > 2.", False),
        ("", False),
    ],
)
def test_looks_like_html(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (
            "<p>Police &amp; fire officials said the road&nbsp;was closed.</p>",
            "Police & fire officials said the road was closed.",
        ),
        ("<p>One said so.</p><p>Two said so.</p>", "One said so.\n\nTwo said so."),
        ("<p>Line one.<br>Line two.</p>", "Line one.\n\nLine two."),
        ("<p>The <a href='/x'>mayor</a>\n   said <em>so</em>.</p>", "The mayor said so."),
        ("<head><title>Site | Home</title><style>p{}</style></head><p>Kept.</p>", "Kept."),
        ("<script>if (a < b) { say('he said'); }</script><p>Kept.</p>", "Kept."),
        ("<div>Before.\n\nAfter a blank line.</div>", "Before.\n\nAfter a blank line."),
        ("<p>&#8220;No,&#8221; she said.</p><!-- a comment -->", "“No,” she said."),
        ("<p>Unclosed paragraph said so.", "Unclosed paragraph said so."),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!-&;#ap scriptyle=\"'\n")), max_size=80))
def test_any_markup_converts_without_raising(markup: str) -> None:
    looks_like_html(markup)
    assert "\n\n\n" not in html_to_text(markup)


SAVED_PAGE = """<!DOCTYPE html><html><head><title>Floods: toll disputed | The Daily</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="promo">Subscribe now and get 50% off your first year of unlimited access to every story.</div>
<article>
<h1>Flood toll disputed as rescuers keep searching</h1>
<p>The interior ministry said on Tuesday that 42 people had died in the floods that swept the northern provinces overnight.</p>
<p>Local rescuers, who have been searching collapsed houses since dawn, said the toll was at least 80 and still rising.</p>
<p>Both figures were given at separate briefings in the provincial capital, where officials and volunteers met later.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ten things to do this weekend</a></li></ul></aside>
<footer><p>Copyright 2024 The Daily. All rights reserved.</p><p>Contact us at desk@example.com for corrections.</p></footer>
</body></html>"""


def test_a_saved_page_is_reduced_to_its_article() -> None:
    text = html_to_text(SAVED_PAGE)
    assert "42 people had died" in text and "the toll was at least 80" in text
    for boilerplate in ("Subscribe now", "Copyright 2024", "Contact us", "Ten things to do", "Sport"):
        assert boilerplate not in text
    assert "<" not in text


def test_a_fragment_keeps_all_of_its_text() -> None:
    fragment = "<p>Police said 300 people marched.</p><div>Organisers said more than 2,000 marched.</div>"
    assert html_to_text(fragment) == "Police said 300 people marched.\n\nOrganisers said more than 2,000 marched."


def test_a_page_converts_the_same_however_often_a_process_has_seen_it() -> None:
    """No state carries from one conversion to the next (a server converts the same page many times)."""
    first = html_to_text(SAVED_PAGE)
    assert all(html_to_text(SAVED_PAGE) == first for _ in range(5))
