"""The HTML report in a real browser (headless Chromium): disputes visible, the content's scripts inert.

The hostile fixture would change the page title, set `data-pwned` on the body, or add a `<b>` with
an event handler if any of its markup were parsed as markup. Skipped when Chromium is not installed
(`.ci/run` installs it).
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from checker import check
from checker.models import Document, Report
from checker.report.html import TITLE, render_html
from tests.conftest import HOSTILE, fixture_document
from tests.fakes import FakeEmbedder

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_TIMEOUT_S = 60
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WINDOW = "--window-size=1400,1500"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed (apt-get install chromium)")


def chromium(tmp_path: Path, page: Path, *extra: str) -> str:
    """Run headless Chromium on a local file, offline, with a throwaway profile; return stdout."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *extra,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    from tests.conftest import SEED, SEED_PUBLISHED

    seed = Document(id="seed", text=SEED.read_text(encoding="utf-8"), published=SEED_PUBLISHED)
    return [fixture_document(HOSTILE), seed]


@pytest.fixture(scope="module")
def report(documents: list[Document]) -> Report:
    return check(documents, embedder=FakeEmbedder())


@pytest.fixture
def page(tmp_path: Path, report: Report, documents: list[Document]) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render_html(report, documents), encoding="utf-8")
    return path


def test_dom_shows_conflicts_and_no_content_script_ran(tmp_path: Path, page: Path, report: Report) -> None:
    dom = chromium(tmp_path, page, "--dump-dom")
    assert re.search(rf"<title>{TITLE}</title>", dom), "a content script changed the title"
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "<img" not in dom and "onmouseover=" not in dom.replace("onmouseover=alert(1)&gt;", "")
    assert 'data-filters="ready"' in dom, "the page's own script did not run under its CSP"
    count = len(report.disputes)
    assert f'<span class="shown" id="shown">{count} of {count} disputes shown</span>' in dom
    for dispute in report.disputes:
        assert f'id="dispute-{dispute.id}"' in dom
    for conflict in report.conflicts:
        assert f'id="conflict-{conflict.id}"' in dom
    hostile_claims = [c for c in report.claims if c.doc_id == "hostile" and "<" in c.text]
    assert hostile_claims
    for claim in hostile_claims:
        assert html.escape(claim.text, quote=False) in dom


def test_screenshot_is_a_png(tmp_path: Path, page: Path) -> None:
    target = tmp_path / "report.png"
    chromium(tmp_path, page, WINDOW, "--hide-scrollbars", f"--screenshot={target}")
    assert target.read_bytes().startswith(PNG_SIGNATURE)
