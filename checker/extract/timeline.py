"""Place every claim on one timeline from absolute dates and "Earlier"/"Later" markers.

News copy is not chronological, so a claim without its own cue is placed beside the
claim before it in the text: that is where the reporter put it in the story's time.
A relative marker moves it by a small step, enough to order it, not to date it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checker.extract.dates import Relative
from checker.models import Precision, StatedAt

RELATIVE_STEP_DAYS = 0.5
UNPLACED = float("inf")


@dataclass(frozen=True)
class TimeCue:
    """What one claim's own text says about when it was stated."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    precision: Precision = Precision.UNKNOWN
    relative: Relative | None = None
    inherit: bool = False


@dataclass(frozen=True)
class Placed:
    key: float
    date: dt.date | None
    precision: Precision


def place(cues: list[TimeCue], published: dt.date | None) -> list[Placed]:
    """One position per cue, in the same order; `key` is a day ordinal (fractional)."""
    placed: list[Placed] = []
    previous: Placed | None = None
    for cue in cues:
        current = _place_one(cue, previous)
        placed.append(current)
        if current.key != UNPLACED:
            previous = current
    if published is None:
        return placed
    # Nothing in the text dates it: it was stated by the time the document was published.
    fallback = Placed(float(published.toordinal()), published, Precision.DAY)
    return [p if p.key != UNPLACED else fallback for p in placed]


def _place_one(cue: TimeCue, previous: Placed | None) -> Placed:
    if cue.date_from is not None and cue.date_to is not None:
        key = (cue.date_from.toordinal() + cue.date_to.toordinal()) / 2
        return Placed(key, cue.date_from, cue.precision)
    if previous is None:
        return Placed(UNPLACED, None, Precision.RELATIVE if cue.relative else Precision.UNKNOWN)
    if cue.relative is not None:
        step = {Relative.LATER: RELATIVE_STEP_DAYS, Relative.EARLIER: -RELATIVE_STEP_DAYS}.get(cue.relative, 0.0)
        same = cue.relative is Relative.SAME
        return Placed(
            previous.key + step, previous.date if same else None, previous.precision if same else Precision.RELATIVE
        )
    if cue.inherit:
        return previous
    return Placed(previous.key, None, Precision.UNKNOWN)


def stated_at(placed: list[Placed], keys_in_order: list[tuple[float, int, int]]) -> list[StatedAt]:
    """StatedAt for each placed claim; `order` ranks claims by (key, document, position)."""
    ranking = {item: rank for rank, item in enumerate(sorted(keys_in_order))}
    return [
        StatedAt(date=p.date, precision=p.precision, order=ranking[k])
        for p, k in zip(placed, keys_in_order, strict=True)
    ]
