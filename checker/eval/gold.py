"""Score extracted claims against hand-made gold annotations (fixtures/gold/, rules in GUIDELINES.md there).

Matching: a predicted and a gold claim match when their overlap is more than half of each span
(mutual majority), so a sentence cut a character or two differently still matches, while a
prediction that swallows two gold sentences matches at most one of them. Field figures are taken
over matched pairs only; span errors show in the claim precision and recall instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.models import Claim, DateMention, Quantity, Stance

MAJORITY = 0.5
DIGEST_CHARS = 12
ARTICLE = re.compile(r"^(?:the|a|an)\s+")
UNIT_ALIASES = {"$": "usd", "dollar": "usd", "%": "percent", "per cent": "percent", "pct": "percent"}
MIN_PLURAL_LENGTH = 4
# The guideline compares units in the singular: English plurals a trailing "s" does not undo.
IRREGULAR_PLURALS = {"feet": "foot", "teeth": "tooth", "men": "man", "women": "woman", "children": "child"}
SIBILANT_PLURAL = re.compile(r"(?:ch|sh|x|ss|z)es$")
Comparison = Callable[[str | None, str | None], bool]


@dataclass(frozen=True)
class GoldQuantity:
    text: str
    low: float | None
    high: float | None
    unit: str | None


@dataclass(frozen=True)
class GoldMention:
    text: str
    date_from: dt.date | None
    date_to: dt.date | None


@dataclass(frozen=True)
class GoldClaim:
    start: int
    end: int
    digest: str
    speaker: str | None
    speaker_role: str | None
    cited_source: str | None
    stance: Stance
    stated_from: dt.date | None
    stated_to: dt.date | None
    stated_precision: str
    mentions: tuple[GoldMention, ...]
    quantities: tuple[GoldQuantity, ...]


@dataclass(frozen=True)
class GoldDocument:
    length: int
    digest: str
    claims: tuple[GoldClaim, ...]
    excluded: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class GoldSet:
    published: dt.date | None
    documents: dict[str, GoldDocument]


@dataclass
class Scores:
    """Counts that add up over documents; figures are ratios of them (see `ratio`)."""

    counts: Counter[str] = field(default_factory=Counter)
    stance: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: Scores) -> None:
        self.counts.update(other.counts)
        self.stance.update(other.stance)

    def ratio(self, numerator: str, denominator: str) -> float | None:
        total = self.counts[denominator]
        return self.counts[numerator] / total if total else None

    def f1(self, name: str) -> float | None:
        precision, recall = self.ratio(f"{name}.tp", f"{name}.pred"), self.ratio(f"{name}.tp", f"{name}.gold")
        if precision is None or recall is None or precision + recall == 0:
            return None
        return 2 * precision * recall / (precision + recall)


def summary(scores: Scores) -> dict[str, float | None]:
    """The headline figure of each field, by name (what the floors in tests/test_gold.py guard)."""
    return {
        "claims_f1": scores.f1("claims"),
        "attribution_f1": scores.f1("attribution"),
        "speaker": scores.ratio("speaker.correct", "speaker.total"),
        "speaker_role": scores.ratio("role.correct", "role.total"),
        "cited_source": scores.ratio("cited.correct", "cited.total"),
        "stance": scores.ratio("stance.correct", "stance.total"),
        "stated_at": scores.ratio("stated.correct", "stated.total"),
        "mentions_f1": scores.f1("mentions"),
        "quantities_f1": scores.f1("quantities"),
        "figures_f1": scores.f1("figures"),
    }


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def load_gold(path: Path) -> GoldSet:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        published = _date(data["published"])
        documents = {key: _document(value) for key, value in data["documents"].items()}
    except (OSError, KeyError, TypeError, ValueError) as error:
        raise InputError(f"{path}: not a readable gold file ({error}).") from error
    return GoldSet(published, documents)


def _document(data: dict[str, Any]) -> GoldDocument:
    claims = tuple(_claim(c) for c in data["claims"])
    excluded = tuple((e["start"], e["end"], e["reason"]) for e in data["excluded"])
    return GoldDocument(data["length"], data["sha"], claims, excluded)


def _claim(data: dict[str, Any]) -> GoldClaim:
    stated = data["stated_at"]
    return GoldClaim(
        start=data["start"],
        end=data["end"],
        digest=data["sha"] if "sha" in data else digest(data["text"]),
        speaker=data["speaker"],
        speaker_role=data["speaker_role"],
        cited_source=data["cited_source"],
        stance=Stance(data["stance"]),
        stated_from=_date(stated["date_from"]),
        stated_to=_date(stated["date_to"]),
        stated_precision=stated["precision"],
        mentions=tuple(GoldMention(m["text"], _date(m["date_from"]), _date(m["date_to"])) for m in data["mentions"]),
        quantities=tuple(GoldQuantity(q["text"], q["low"], q["high"], q["unit"]) for q in data["quantities"]),
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def majority_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > MAJORITY * (a[1] - a[0]) and shared > MAJORITY * (b[1] - b[0])


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs; mutual majority overlap makes each pairing unique."""
    return [(g, p) for g, a in enumerate(gold) for p, b in enumerate(predicted) if majority_overlap(a, b)]


def normalise_name(name: str | None) -> str | None:
    if name is None:
        return None
    plain = " ".join(name.replace("’", "'").lower().split()).strip(" ,.;:")
    return ARTICLE.sub("", plain) or None


def same_name(gold: str | None, predicted: str | None) -> bool:
    return normalise_name(gold) == normalise_name(predicted)


def same_role(gold: str | None, predicted: str | None) -> bool:
    """Equal, or one is a whole-word ending of the other ("President" ~ "Ukrainian President")."""
    a, b = normalise_name(gold), normalise_name(predicted)
    if a is None or b is None:
        return a == b
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def normalise_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    word = UNIT_ALIASES.get(unit.lower().strip(), unit.lower().strip())
    word = UNIT_ALIASES.get(word.rstrip("s"), word)
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if SIBILANT_PLURAL.search(word):
        return word[:-2]  # "inches", "watches", "boxes"
    if len(word) >= MIN_PLURAL_LENGTH and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= MIN_PLURAL_LENGTH and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def intervals_overlap(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    """Closed intervals; None is an open end."""
    low = max(a[0] if a[0] is not None else -math.inf, b[0] if b[0] is not None else -math.inf)
    high = min(a[1] if a[1] is not None else math.inf, b[1] if b[1] is not None else math.inf)
    return low <= high


def quantity_hits(gold: Sequence[GoldQuantity], predicted: Sequence[Quantity], *, use_unit: bool) -> int:
    """One-to-one, in text order: each gold figure takes the first unused prediction that fits it."""
    free = list(predicted)
    hits = 0
    for wanted in gold:
        for candidate in free:
            unit_ok = not use_unit or normalise_unit(wanted.unit) == normalise_unit(candidate.unit)
            if unit_ok and intervals_overlap((wanted.low, wanted.high), (candidate.low, candidate.high)):
                free.remove(candidate)
                hits += 1
                break
    return hits


def mention_hits(gold: Sequence[GoldMention], predicted: Sequence[DateMention]) -> int:
    wanted: Counter[tuple[dt.date, dt.date]] = Counter(
        (m.date_from, m.date_to) for m in gold if m.date_from is not None and m.date_to is not None
    )
    found: Counter[tuple[dt.date, dt.date]] = Counter((m.date_from, m.date_to) for m in predicted)
    return (wanted & found).total()


def score_document(gold: Sequence[GoldClaim], predicted: Sequence[Claim]) -> Scores:
    scores = Scores()
    pairs = match_spans([(g.start, g.end) for g in gold], [(p.start, p.end) for p in predicted])
    scores.counts.update({"claims.tp": len(pairs), "claims.pred": len(predicted), "claims.gold": len(gold)})
    for g, p in pairs:
        scores.add(score_pair(gold[g], predicted[p]))
    return scores


def score_pair(gold: GoldClaim, predicted: Claim) -> Scores:
    scores = Scores()
    count = scores.counts
    count["claims.exact"] += (gold.start, gold.end) == (predicted.start, predicted.end)
    _score_attribution(count, gold, predicted)
    count["stance.total"] += 1
    count["stance.correct"] += gold.stance is predicted.stance
    scores.stance[(gold.stance.value, predicted.stance.value)] += 1
    _score_stated(count, gold, predicted)
    _score_values(count, gold, predicted)
    return scores


def _score_attribution(count: Counter[str], gold: GoldClaim, predicted: Claim) -> None:
    gold_attributed = gold.speaker is not None or gold.cited_source is not None
    predicted_attributed = predicted.speaker is not None or predicted.cited_source is not None
    count["attribution.gold"] += gold_attributed
    count["attribution.pred"] += predicted_attributed
    count["attribution.tp"] += gold_attributed and predicted_attributed
    _compare(count, "speaker", gold.speaker, predicted.speaker, same_name)
    _compare(count, "role", gold.speaker_role, predicted.speaker_role, same_role)
    _compare(count, "cited", gold.cited_source, predicted.cited_source, same_name)


def _score_values(count: Counter[str], gold: GoldClaim, predicted: Claim) -> None:
    count["mentions.gold"] += sum(m.date_from is not None for m in gold.mentions)
    count["mentions.pred"] += len(predicted.mentions)
    count["mentions.tp"] += mention_hits(gold.mentions, predicted.mentions)
    for name, use_unit in (("quantities", True), ("figures", False)):
        count[f"{name}.gold"] += len(gold.quantities)
        count[f"{name}.pred"] += len(predicted.quantities)
        count[f"{name}.tp"] += quantity_hits(gold.quantities, predicted.quantities, use_unit=use_unit)


def _compare(count: Counter[str], name: str, gold: str | None, predicted: str | None, same: Comparison) -> None:
    """Accuracy where either side has a value: two empty fields are not evidence of skill."""
    if gold is None and predicted is None:
        return
    count[f"{name}.total"] += 1
    count[f"{name}.correct"] += same(gold, predicted)


def _score_stated(count: Counter[str], gold: GoldClaim, predicted: Claim) -> None:
    when = predicted.stated_at.date
    if gold.stated_from is None or gold.stated_to is None:
        count["stated.undated"] += 1
        count["stated.spurious"] += when is not None
        return
    count["stated.total"] += 1
    count["stated.correct"] += when is not None and gold.stated_from <= when <= gold.stated_to


def alignment_problems(document: GoldDocument, text: str) -> list[str]:
    """Where the gold no longer fits the text: length, digests, spans out of range."""
    problems = [] if len(text) == document.length and digest(text) == document.digest else ["text changed"]
    for claim in document.claims:
        span = text[claim.start : claim.end]
        if not 0 <= claim.start < claim.end <= len(text) or span != span.strip():
            problems.append(f"bad span {claim.start}-{claim.end}")
        elif digest(span) != claim.digest:
            problems.append(f"digest mismatch at {claim.start}-{claim.end}")
    return problems
