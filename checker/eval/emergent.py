"""Emergent (Ferreira & Vlachos 2016): rumour headlines labelled for / against / observing."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Protocol, TypeVar

from pydantic import BaseModel

from checker.embed import Embedder
from checker.errors import CheckerError, InputError
from checker.eval.metrics import accuracy, adjusted_rand_index, confusion, precision_recall_f1
from checker.extract import extract
from checker.models import Claim, Document, Report, Stance

LABELS = ("for", "against", "observing")
STANCE_LABEL = {
    Stance.ASSERTS: "for",
    Stance.CONFIRMS: "for",
    Stance.DENIES: "against",
    Stance.HEDGED: "observing",
    Stance.NOT_CONFIRMED: "observing",
}
NO_CLAIM = "none"


def stance_label(claim: Claim) -> str:
    """Emergent's label: a headline that hands its claim to someone else ("Report: X") only observes."""
    if claim.handed_on:
        return "observing"
    return STANCE_LABEL[claim.stance]


URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/")
PAIR_KINDS = (("for", "against"), ("for", "for"), ("for", "observing"))

T = TypeVar("T")


class Progress(Protocol):
    """Wraps a list to report progress (on stderr) while it is consumed."""

    def __call__(self, items: list[T], label: str) -> Iterable[T]: ...


@dataclass(frozen=True)
class Headline:
    id: str
    claim_id: str
    text: str
    label: str
    source: str | None
    published: dt.date | None


class PairCounts(BaseModel):
    pairs: int
    conflicting: int


class EmergentResult(BaseModel):
    headlines: int
    groups: int
    stance_accuracy: float
    stance_labels: list[str]
    stance_confusion: list[list[int]]
    group_precision: float
    group_recall: float
    group_f1: float
    groups_truly_conflicting: int
    pair_conflicts: dict[str, PairCounts]
    topic_ari: float
    matter_ari: float


def read_emergent(data: Path) -> list[Headline]:
    """Headlines of the Emergent CSV in `data` (a file, or a folder holding one emergent*.csv)."""
    path = _find_csv(data, "emergent*.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = {"articleHeadline", "articleHeadlineStance", "claimId"} - set(rows[0] if rows else {})
    if not rows or missing:
        raise InputError(f"{path}: not an Emergent CSV (missing columns: {', '.join(sorted(missing)) or 'all rows'}).")
    return [_headline(number, row) for number, row in enumerate(rows, start=1)]


def _find_csv(data: Path, pattern: str) -> Path:
    if data.is_file():
        return data
    found = sorted(data.glob(pattern)) if data.is_dir() else []
    if not found:
        raise InputError(f"{data}: no {pattern} file here; point --data at the dataset folder.")
    return found[0]


def _headline(number: int, row: dict[str, str]) -> Headline:
    match = URL_DATE.search(row.get("url", ""))
    published = None
    if match:
        try:
            published = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            published = None
    return Headline(
        f"h{number}",
        row["claimId"],
        row["articleHeadline"].strip(),
        row["articleHeadlineStance"],
        row.get("source") or None,
        published,
    )


def document(headline: Headline) -> Document:
    return Document(id=headline.id, text=headline.text, source=headline.source, published=headline.published)


def headline_label(claims: list[Claim]) -> str:
    """`against` if any claim denies; otherwise the stance of the longest claim."""
    if not claims:
        return NO_CLAIM
    if any(c.stance is Stance.DENIES for c in claims):
        return "against"
    return stance_label(max(claims, key=lambda c: c.end - c.start))


def predict_labels(headlines: list[Headline]) -> list[str]:
    by_doc: dict[str, list[Claim]] = {h.id: [] for h in headlines}
    for analysis in extract([document(h) for h in headlines]):
        by_doc[analysis.claim.doc_id].append(analysis.claim)
    return [headline_label(by_doc[h.id]) for h in headlines]


def evaluate(
    headlines: list[Headline], check: Callable[[list[Document]], Report], progress: Progress
) -> EmergentResult:
    predicted = predict_labels(headlines)
    gold = [h.label for h in headlines]
    groups = _groups(headlines)
    truly, predicted_groups, pairs = [], [], {f"{a}/{b}": [0, 0] for a, b in PAIR_KINDS}
    for members in progress(list(groups.values()), "Emergent groups"):
        conflicting = _conflicting_pairs(_safe_check(check, [document(h) for h in members]))
        truly.append({"for", "against"} <= {h.label for h in members})
        predicted_groups.append(bool(conflicting))
        _count_pairs(members, conflicting, pairs)
    precision, recall, f1 = precision_recall_f1(truly, predicted_groups)
    everything = _safe_check(check, [document(h) for h in headlines])
    topics = _topic_of_headlines(everything, headlines, lambda c: c.topic_id)
    matters = _topic_of_headlines(everything, headlines, lambda c: c.matter_id)
    return EmergentResult(
        headlines=len(headlines),
        groups=len(groups),
        stance_accuracy=accuracy(gold, predicted),
        stance_labels=[*LABELS, NO_CLAIM],
        stance_confusion=confusion(gold, predicted, [*LABELS, NO_CLAIM]),
        group_precision=precision,
        group_recall=recall,
        group_f1=f1,
        groups_truly_conflicting=sum(truly),
        pair_conflicts={k: PairCounts(pairs=v[0], conflicting=v[1]) for k, v in pairs.items()},
        topic_ari=adjusted_rand_index([h.claim_id for h in headlines], topics),
        matter_ari=adjusted_rand_index([h.claim_id for h in headlines], matters),
    )


def _groups(headlines: list[Headline]) -> dict[str, list[Headline]]:
    groups: dict[str, list[Headline]] = {}
    for headline in headlines:
        groups.setdefault(headline.claim_id, []).append(headline)
    return groups


def _safe_check(check: Callable[[list[Document]], Report], documents: list[Document]) -> Report | None:
    """A group the checker refuses (no claims, not English) counts as finding nothing."""
    try:
        return check(documents)
    except CheckerError:
        return None


def _conflicting_pairs(report: Report | None) -> set[frozenset[str]]:
    if report is None:
        return set()
    doc_of = {c.id: c.doc_id for c in report.claims}
    pairs: set[frozenset[str]] = set()
    for conflict in report.conflicts:
        docs = {doc_of[i] for i in conflict.claim_ids}
        if len(docs) > 1:
            pairs.update(frozenset(p) for p in combinations(sorted(docs), 2))
    return pairs


def _count_pairs(members: list[Headline], conflicting: set[frozenset[str]], pairs: dict[str, list[int]]) -> None:
    for left, right in combinations(members, 2):
        kind = "/".join(sorted((left.label, right.label), key=LABELS.index))
        if kind in pairs:
            pairs[kind][0] += 1
            pairs[kind][1] += frozenset((left.id, right.id)) in conflicting


def _topic_of_headlines(
    report: Report | None, headlines: list[Headline], group: Callable[[Claim], str | None]
) -> list[str]:
    """Each headline takes the group (topic or matter) of its first claim; one without claims is its own."""
    first: dict[str, str] = {}
    for claim in report.claims if report else []:
        first.setdefault(claim.doc_id, group(claim) or "")
    return [first.get(h.id, f"alone:{h.id}") for h in headlines]


def embedder_check(embedder: Embedder | None, enable: tuple[str, ...] = ()) -> Callable[[list[Document]], Report]:
    from checker.pipeline import check

    return lambda documents: check(documents, embedder=embedder, enable=enable)


def unseen(headlines: list[Headline], seen: set[str]) -> list[Headline]:
    """The headlines of claims none of whose headlines is in `seen` (a training set's headlines)."""
    touched = {h.claim_id for h in headlines if h.text in seen}
    return [h for h in headlines if h.claim_id not in touched]
