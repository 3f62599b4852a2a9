"""Archives made for tests: real documents (the fixtures), the fake embedder unless a test says otherwise."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from checker.models import Document
from tests.conftest import RIVERSIDE, SEED, SEED_PUBLISHED


def riverside_variants(count: int) -> list[Document]:
    """`count` distinct documents: the riverside story, each with a closing line of its own."""
    text = RIVERSIDE.read_text(encoding="utf-8")
    return [
        Document(
            id=f"river-{n:04d}",
            text=f"{text}\n\nThe council met on {n % 28 + 1} October to discuss report number {n}.",
            source=f"Outlet {n % 3}",
            published=dt.date(2024, 10, 9) + dt.timedelta(days=n % 20),
        )
        for n in range(count)
    ]


def seed_document(doc_id: str = "seed") -> Document:
    return Document(id=doc_id, text=SEED.read_text(encoding="utf-8"), published=SEED_PUBLISHED)


def write_jsonl(path: Path, documents: list[Document]) -> Path:
    path.write_text("".join(d.model_dump_json() + "\n" for d in documents), encoding="utf-8")
    return path


def as_json(documents: list[Document]) -> list[dict[str, object]]:
    return [json.loads(d.model_dump_json()) for d in documents]
