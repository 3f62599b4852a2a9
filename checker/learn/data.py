"""FNC-1 headline/body pairs and the text a pair is judged on: the headline and the body's closest sentences."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.errors import InputError
from checker.extract.segment import split_sentences
from checker.topics.forest import Forest

CONTEXT_SENTENCES = 3  # the body sentences closest in meaning to the headline, kept in reading order


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    body: str
    label: str


def read_pairs(data: Path) -> list[Pair]:
    """Headline/body pairs from `bodies*.csv` and `stances*.csv` in the folder `data`."""
    bodies_path, stances_path = data_files(data)
    with bodies_path.open(encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with stances_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = sorted({row["Body ID"] for row in rows} - set(bodies))
    if missing:
        raise InputError(f"{stances_path}: {len(missing)} Body IDs have no body (first: {missing[0]}).")
    return [Pair(row["Headline"], row["Body ID"], bodies[row["Body ID"]], row["Stance"]) for row in rows]


def data_files(data: Path) -> tuple[Path, Path]:
    """The bodies and stances files of an FNC-1 folder."""
    return _one(data, "bodies*.csv"), _one(data, "stances*.csv")


def _one(data: Path, pattern: str) -> Path:
    found = sorted(data.glob(pattern)) if data.is_dir() else []
    if not found:
        raise InputError(f"{data}: no {pattern} file here; point --data at the FNC-1 folder.")
    return found[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sentences(body: str) -> list[str]:
    return [body[s.start : s.end] for s in split_sentences(body)]


def closest(query: np.ndarray, candidates: np.ndarray, texts: Sequence[str], keep: int = CONTEXT_SENTENCES) -> str:
    """The `keep` texts whose unit vectors are closest to `query`, joined in their original order."""
    if not len(texts):
        return ""
    order = np.argsort(-(candidates @ query), kind="stable")[:keep]
    return " ".join(texts[i] for i in sorted(order.tolist()))


def pair_texts(pairs: list[Pair], encode: Callable[[list[str]], np.ndarray]) -> list[tuple[str, str]]:
    """(headline, the body's closest sentences) for each pair; `encode` gives unit vectors (MiniLM)."""
    body_sentences = {p.body_id: sentences(p.body) for p in pairs}
    headlines = sorted({p.headline for p in pairs})
    flat = [(body_id, text) for body_id, texts in sorted(body_sentences.items()) for text in texts]
    vectors = encode([text for _, text in flat] + headlines)
    sentence_vectors: dict[str, list[np.ndarray]] = {}
    for (body_id, _), vector in zip(flat, vectors[: len(flat)], strict=True):
        sentence_vectors.setdefault(body_id, []).append(vector)
    headline_vectors = dict(zip(headlines, vectors[len(flat) :], strict=True))
    texts = []
    for pair in pairs:
        candidates = np.array(sentence_vectors.get(pair.body_id, []), dtype=np.float32).reshape(-1, vectors.shape[1])
        context = closest(headline_vectors[pair.headline], candidates, body_sentences[pair.body_id])
        texts.append((pair.headline, context))
    return texts


def stories(pairs: list[Pair]) -> dict[str, str]:
    """Each headline ("h:...") and body ("b:...") -> a name for its story (union-find over related pairs)."""
    forest: Forest[str] = Forest()
    for pair in pairs:
        headline, body = forest.root("h:" + pair.headline), forest.root("b:" + pair.body_id)
        if pair.label != "unrelated" and headline != body:
            forest.join(max(headline, body), min(headline, body))
    return {node: forest.root(node) for node in list(forest.parent)}
