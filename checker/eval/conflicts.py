"""Score reported conflicts against the hand-made conflict gold (fixtures/gold/conflicts.json).

How the gold was annotated, and every rule used here: fixtures/gold/GUIDELINES.md, "Gold conflicts".

A reported conflict matches an annotated one when each of its two claims overlaps a claim of a
different side of the annotated conflict, in either order. Recall is over annotated conflicts,
precision over reported ones; a report that matches a trap and no conflict is a false alarm, except
a superseded report of an `update` trap, which the README's `update` rule is meant to give.
Claim fields on the annotated claims reuse gold.py's matching and comparisons.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.eval.gold import (
    GoldClaim,
    GoldDocument,
    GoldMention,
    GoldQuantity,
    Scores,
    match_spans,
    score_pair,
)
from checker.models import Claim, Report, Stance, Status

Span = tuple[int, int]
Sides = tuple[tuple[str, ...], tuple[str, ...]]

KINDS = frozenset({"denial", "confirmation", "numeric", "schedule"})
TRAP_TYPES = frozenset(
    {"speculation", "consistent", "other_event", "update", "repetition", "unverified", "same_source"}
)
# A development over time is no contradiction; shown as superseded it is what the `update` rule is for.
UPDATE_TRAP = "update"
ACCEPTED_FOR_UPDATE = frozenset({Status.SUPERSEDED})
NO_KIND = "none"  # the stratum of a body without conflicts
SPLIT_SALT = "conflicts-split:"
TEST_SHARE = 3  # one body in three, per stratum and rounded up, goes to the test split
MIN_OVERLAP = 1  # characters two spans must share to overlap
SPLIT_RULE = (
    "stratum = the rarest conflict kind of the body (kinds ranked by their count in this file, fewest first; "
    f"'{NO_KIND}' without conflicts); within a stratum, bodies ordered by SHA-256 of '{SPLIT_SALT}' + Body ID; "
    f"the first third (rounded up) is test, the rest tune"
)


class Split(str, Enum):
    TUNE = "tune"
    TEST = "test"


@dataclass(frozen=True)
class AnnotatedClaim:
    id: str
    claim: GoldClaim
    events: tuple[str | None, ...]
    refers_to: str | None

    @property
    def span(self) -> Span:
        return self.claim.start, self.claim.end


@dataclass(frozen=True)
class GoldConflict:
    sides: Sides
    kind: str
    status: Status
    note: str


@dataclass(frozen=True)
class Trap:
    sides: Sides
    type: str
    note: str


@dataclass(frozen=True)
class ConflictDocument:
    length: int
    digest: str
    split: Split
    claims: tuple[AnnotatedClaim, ...]
    conflicts: tuple[GoldConflict, ...]
    traps: tuple[Trap, ...]

    def span(self, claim_id: str) -> Span:
        return next(c.span for c in self.claims if c.id == claim_id)

    def side_spans(self, sides: Sides) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
        return tuple(self.span(i) for i in sides[0]), tuple(self.span(i) for i in sides[1])

    def as_gold(self) -> GoldDocument:
        """The claim-level view, for gold.py's alignment check and field scoring."""
        return GoldDocument(self.length, self.digest, tuple(c.claim for c in self.claims), ())


@dataclass(frozen=True)
class Reported:
    """One reported conflict, reduced to what scoring needs: its two claims' spans, kind and status."""

    spans: tuple[Span, Span]
    kind: str
    status: Status


@dataclass(frozen=True)
class Diagnosis:
    """What went wrong in one document: annotated conflicts not found, false alarms, trap hits."""

    missed: tuple[GoldConflict, ...]
    accepted: tuple[Reported, ...]
    false_alarms: tuple[Reported, ...]
    trap_hits: tuple[tuple[Trap, Reported], ...]
    wrong_kind: tuple[tuple[GoldConflict, Reported], ...]
    wrong_status: tuple[tuple[GoldConflict, Reported], ...]


def load_conflict_gold(path: Path) -> dict[str, ConflictDocument]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key: _document(value) for key, value in data["documents"].items()}
    except (OSError, KeyError, TypeError, ValueError, StopIteration) as error:
        raise InputError(f"{path}: not a readable conflict gold file ({error}).") from error


def _document(data: dict[str, Any]) -> ConflictDocument:
    claims = tuple(_claim(c) for c in data["claims"])
    known = {c.id for c in claims}
    dangling = sorted({c.refers_to for c in claims if c.refers_to is not None} - known)
    if dangling:
        raise ValueError(f"refers_to names claims that are not annotated: {dangling}")
    conflicts = tuple(
        GoldConflict(_sides(c["claims"], known), _kind(c["kind"]), Status(c["status"]), c["note"])
        for c in data["conflicts"]
    )
    traps = tuple(Trap(_sides(t["claims"], known), _trap_type(t["type"]), t["note"]) for t in data["traps"])
    return ConflictDocument(data["length"], data["sha"], Split(data["split"]), claims, conflicts, traps)


def _claim(data: dict[str, Any]) -> AnnotatedClaim:
    claim = GoldClaim(
        start=data["start"],
        end=data["end"],
        digest=data["sha"],
        speaker=data["speaker"],
        speaker_role=data["speaker_role"],
        cited_source=data["cited_source"],
        stance=Stance(data["stance"]),
        stated_from=None,
        stated_to=None,
        stated_precision="unknown",
        mentions=tuple(GoldMention(m["text"], _date(m["date_from"]), _date(m["date_to"])) for m in data["mentions"]),
        quantities=tuple(GoldQuantity(q["text"], q["low"], q["high"], q["unit"]) for q in data["quantities"]),
    )
    events = tuple(q["event"] for q in data["quantities"])
    return AnnotatedClaim(data["id"], claim, events, data["refers_to"])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _sides(data: list[list[str]], known: set[str]) -> Sides:
    first, second = (tuple(side) for side in data)
    unknown = (set(first) | set(second)) - known
    if unknown or not first or not second:
        raise ValueError(f"bad sides {data}: unknown or empty ({sorted(unknown)})")
    return first, second


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown conflict kind {kind!r}")
    return kind


def _trap_type(name: str) -> str:
    if name not in TRAP_TYPES:
        raise ValueError(f"unknown trap type {name!r}")
    return name


def assign_splits(kinds_by_document: Mapping[str, Sequence[str]]) -> dict[str, Split]:
    """The split rule of the guidelines (SPLIT_RULE): a hash of the Body ID, stratified by rarest kind."""
    totals = Counter(kind for kinds in kinds_by_document.values() for kind in kinds)
    strata: defaultdict[str, list[str]] = defaultdict(list)
    for doc_id, kinds in kinds_by_document.items():
        strata[min(kinds, key=lambda k: (totals[k], k)) if kinds else NO_KIND].append(doc_id)
    splits: dict[str, Split] = {}
    for members in strata.values():
        ordered = sorted(members, key=lambda d: hashlib.sha256((SPLIT_SALT + d).encode("utf-8")).hexdigest())
        cut = math.ceil(len(ordered) / TEST_SHARE)
        splits.update({doc_id: Split.TEST if n < cut else Split.TUNE for n, doc_id in enumerate(ordered)})
    return splits


def reported_conflicts(report: Report, doc_id: str) -> list[Reported]:
    """The report's conflicts with both claims in `doc_id`, by span."""
    spans = {c.id: (c.start, c.end) for c in report.claims if c.doc_id == doc_id}
    return [
        Reported((spans[c.claim_ids[0]], spans[c.claim_ids[1]]), c.kind, c.status)
        for c in report.conflicts
        if len(c.claim_ids) == 2 and all(i in spans for i in c.claim_ids)
    ]


def overlaps(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) >= MIN_OVERLAP


def matches(reported: Reported, sides: tuple[tuple[Span, ...], tuple[Span, ...]]) -> bool:
    """Each reported claim overlaps a claim of a different side, in either order."""
    x, y = reported.spans

    def on(span: Span, side: tuple[Span, ...]) -> bool:
        return any(overlaps(span, s) for s in side)

    first, second = sides
    return (on(x, first) and on(y, second)) or (on(x, second) and on(y, first))


def trap_accepts(trap: Trap, reported: Reported) -> bool:
    return trap.type == UPDATE_TRAP and reported.status in ACCEPTED_FOR_UPDATE


def diagnose(document: ConflictDocument, reported: Sequence[Reported]) -> Diagnosis:
    conflict_sides = [document.side_spans(c.sides) for c in document.conflicts]
    trap_sides = [document.side_spans(t.sides) for t in document.traps]
    missed: list[GoldConflict] = []
    wrong_kind: list[tuple[GoldConflict, Reported]] = []
    wrong_status: list[tuple[GoldConflict, Reported]] = []
    for conflict, sides in zip(document.conflicts, conflict_sides, strict=True):
        found = [r for r in reported if matches(r, sides)]
        if not found:
            missed.append(conflict)
            continue
        right_kind = [r for r in found if r.kind == conflict.kind]
        if not right_kind:
            wrong_kind.append((conflict, found[0]))
        judged = right_kind or found
        if not any(r.status is conflict.status for r in judged):
            wrong_status.append((conflict, judged[0]))
    accepted: list[Reported] = []
    false_alarms: list[Reported] = []
    trap_hits: list[tuple[Trap, Reported]] = []
    for report in reported:
        if any(matches(report, sides) for sides in conflict_sides):
            continue
        hit = [t for t, sides in zip(document.traps, trap_sides, strict=True) if matches(report, sides)]
        if hit and all(trap_accepts(t, report) for t in hit):
            accepted.append(report)
            continue
        false_alarms.append(report)
        trap_hits.extend((t, report) for t in hit if not trap_accepts(t, report))
    return Diagnosis(
        tuple(missed), tuple(accepted), tuple(false_alarms), tuple(trap_hits), tuple(wrong_kind), tuple(wrong_status)
    )


def score_conflicts(document: ConflictDocument, reported: Sequence[Reported]) -> Scores:
    """Counts that add up over documents (see `conflict_summary` for the figures)."""
    scores = Scores()
    count = scores.counts
    trouble = diagnose(document, reported)
    found = len(document.conflicts) - len(trouble.missed)
    judged = len(reported) - len(trouble.accepted)
    count["conflicts.gold"] += len(document.conflicts)
    count["conflicts.found"] += found
    count["reported"] += judged
    count["reported.matched"] += judged - len(trouble.false_alarms)
    count["reported.accepted"] += len(trouble.accepted)
    count["kind.total"] += found
    count["kind.correct"] += found - len(trouble.wrong_kind)
    count["status.total"] += found
    count["status.correct"] += found - len(trouble.wrong_status)
    count["traps.gold"] += len(document.traps)
    count["traps.hit"] += len({id(t) for t, _ in trouble.trap_hits})
    for conflict in document.conflicts:
        count[f"conflicts.gold.{conflict.kind}"] += 1
        count[f"conflicts.found.{conflict.kind}"] += conflict not in trouble.missed
    return scores


def score_claim_fields(document: ConflictDocument, predicted: Sequence[Claim]) -> Scores:
    """Speaker, role, cited source, stance and quantities on the annotated claims (gold.py's rules).

    Only recall counts claims: the gold annotates the claims of conflicts and traps, not every claim.
    """
    scores = Scores()
    gold = [c.claim for c in document.claims]
    pairs = match_spans([(g.start, g.end) for g in gold], [(p.start, p.end) for p in predicted])
    scores.counts.update({"claims.gold": len(gold), "claims.tp": len(pairs)})
    for g, p in pairs:
        scores.add(score_pair(gold[g], predicted[p]))
    scores.add(score_references(document, predicted, pairs))
    return scores


def score_references(
    document: ConflictDocument, predicted: Sequence[Claim], pairs: Sequence[tuple[int, int]]
) -> Scores:
    """What an answering claim refers to ("refutes that claim"): on the annotated claims, the gold
    referents found (recall) and the predicted referents that are right (precision), by span overlap."""
    scores = Scores()
    spans = {c.id: (c.start, c.end) for c in predicted}
    for g, p in pairs:
        wanted, got = document.claims[g].refers_to, predicted[p].refers_to
        right = wanted is not None and got in spans and overlaps(spans[got], document.span(wanted))
        scores.counts["refers.gold"] += wanted is not None
        scores.counts["refers.predicted"] += got is not None
        scores.counts["refers.correct"] += right
    return scores


def conflict_summary(scores: Scores) -> dict[str, float | None]:
    """The headline figures, by name."""
    precision = scores.ratio("reported.matched", "reported")
    recall = scores.ratio("conflicts.found", "conflicts.gold")
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "conflict_recall": recall,
        "conflict_precision": precision,
        "conflict_f1": f1,
        "kind_accuracy": scores.ratio("kind.correct", "kind.total"),
        "status_accuracy": scores.ratio("status.correct", "status.total"),
        "trap_hit_rate": scores.ratio("traps.hit", "traps.gold"),
        "claim_recall": scores.ratio("claims.tp", "claims.gold"),
        "speaker": scores.ratio("speaker.correct", "speaker.total"),
        "speaker_role": scores.ratio("role.correct", "role.total"),
        "cited_source": scores.ratio("cited.correct", "cited.total"),
        "stance": scores.ratio("stance.correct", "stance.total"),
        "quantities_f1": scores.f1("quantities"),
        "refers_to_recall": scores.ratio("refers.correct", "refers.gold"),
        "refers_to_precision": scores.ratio("refers.correct", "refers.predicted"),
    }


class Stage(str, Enum):
    """How far an annotated conflict got through the check (`benchmarks/ceiling.py`)."""

    FOUND = "found"
    NOT_PAIRED = "not paired"  # the cue its rule stands on is on a side; no report joins the two sides
    NO_CUE = "no cue"  # claims on both sides, none with that cue: a contradiction in content alone
    NO_CLAIM = "no claim"  # a side with no extracted claim


def cued(kind: str, first: Sequence[Claim], second: Sequence[Claim]) -> bool:
    """Whether the claims on the two sides carry what the rule of `kind` stands on: a denial stance, a
    "not confirmed", figures on both sides, dates on both sides."""
    both = [*first, *second]
    if kind == "denial":
        return any(c.stance is Stance.DENIES for c in both)
    if kind == "confirmation":
        return any(c.stance is Stance.NOT_CONFIRMED for c in both)
    if kind == "numeric":
        return any(c.quantities for c in first) and any(c.quantities for c in second)
    if kind == "schedule":
        return any(c.mentions for c in first) and any(c.mentions for c in second)
    return True


def stage_reached(
    kind: str, sides: tuple[tuple[Span, ...], tuple[Span, ...]], claims: Sequence[Claim], reported: Sequence[Reported]
) -> Stage:
    """The first stage an annotated conflict fails, or FOUND."""
    if any(matches(r, sides) for r in reported):
        return Stage.FOUND
    first, second = ([c for c in claims if any(overlaps((c.start, c.end), s) for s in side)] for side in sides)
    if not first or not second:
        return Stage.NO_CLAIM
    return Stage.NOT_PAIRED if cued(kind, first, second) else Stage.NO_CUE
