from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.models import Document, Report
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_852c7ea92689125f.txt"
SEED_PUBLISHED = dt.date(2024, 10, 28)
DATASETS = ROOT.parent / "shared" / "datasets"
FIXTURES = ROOT / "fixtures"
# A multi-line story with an open high, a superseded medium, a superseded low and an open low conflict (fake embedder).
RIVERSIDE = FIXTURES / "riverside.txt"
# Markup and script in the headline, in two conflicting claims and in a claim of its own.
HOSTILE = FIXTURES / "hostile.txt"


@pytest.fixture(autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI caches embeddings under $XDG_CACHE_HOME by default: never in the user's own cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return Document(id="seed", text=SEED.read_text(encoding="utf-8"), published=SEED_PUBLISHED)


def fixture_document(path: Path) -> Document:
    return Document(id=path.stem, text=path.read_text(encoding="utf-8"), published=SEED_PUBLISHED)


@pytest.fixture(scope="session")
def riverside_document() -> Document:
    return fixture_document(RIVERSIDE)


@pytest.fixture(scope="session")
def riverside_report(riverside_document: Document) -> Report:
    """The riverside story checked with the fake embedder: fast; open and superseded conflicts, three severities."""
    from checker import check

    return check([riverside_document], embedder=FakeEmbedder())


@pytest.fixture(scope="session")
def seed_report(seed_document: Document) -> Report:
    """The seed article checked with the real models (loaded once per test session)."""
    from checker import check

    return check([seed_document])


@pytest.fixture(scope="session")
def real_embedder() -> object:
    from checker.embed.model import MiniLMEmbedder

    return MiniLMEmbedder()
