"""Where recall is lost: how far each annotated conflict gets through the check (a script, not a test).

    python benchmarks/ceiling.py [--set tune|test|development|heldout ...]

Runs the real `checker.check` on each gold body alone and puts every annotated conflict at the first
stage it fails:

- `no claim`: a side the extractor made no claim for (no extracted claim overlaps it);
- `no cue`: claims on both sides, but none carries what the conflict's rule stands on: a denial
  stance for a denial, a "not confirmed" for a confirmation, figures on both sides for a numeric
  conflict, dates on both sides for a schedule one (a contradiction in content alone: "he was shot
  from behind" against "every wound was in his chest");
- `not paired`: the cue is there, but no reported conflict joins the two sides;
- `found`.

`found + not paired` is the ceiling of the rules over the claims and stances the extractor gives: what
perfect pairing would reach. Counting stages reads no text and tunes nothing, so the held-out sets
may be counted too. Skips cleanly without ../shared/datasets.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's checker, not an installed one
sys.path.insert(0, str(ROOT / "benchmarks"))

from conflicts_train import SETS as SIDE_ONLY  # noqa: E402
from conflicts_train import Sides, ratio, sides_of  # noqa: E402

from checker import check  # noqa: E402
from checker.eval.conflicts import Split, Stage, load_conflict_gold, reported_conflicts, stage_reached  # noqa: E402
from checker.models import Document  # noqa: E402

GOLD = ROOT / "fixtures" / "gold"
DEV_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"

Annotated = list[tuple[str, Sides]]  # (kind, sides) of each annotated conflict of a body


def count(texts: dict[str, str], gold: dict[str, Annotated]) -> tuple[Counter[Stage], Counter[tuple[str, Stage]]]:
    stages: Counter[Stage] = Counter()
    by_kind: Counter[tuple[str, Stage]] = Counter()
    for body_id, annotated in sorted(gold.items(), key=lambda item: int(item[0])):
        report = check([Document(id=body_id, text=texts[body_id])])
        claims = [c for c in report.claims if c.doc_id == body_id]
        reported = reported_conflicts(report, body_id)
        for kind, sides in annotated:
            reached = stage_reached(kind, sides, claims, reported)
            stages[reached] += 1
            by_kind[(kind, reached)] += 1
    return stages, by_kind


def main_gold(split: Split) -> dict[str, Annotated]:
    documents = load_conflict_gold(GOLD / "conflicts.json")
    return {
        body_id: [(c.kind, doc.side_spans(c.sides)) for c in doc.conflicts]
        for body_id, doc in documents.items()
        if doc.split is split
    }


def side_only_gold(path: Path) -> dict[str, Annotated]:
    """A side-only gold (benchmarks/conflicts_train.py's sets), as (kind, sides) per body."""
    documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
    return {body_id: [(c["kind"], sides_of(c)) for c in entry["conflicts"]] for body_id, entry in documents.items()}


SETS: dict[str, tuple[Callable[[], dict[str, Annotated]], Path]] = {
    "tune": (lambda: main_gold(Split.TUNE), DEV_BODIES),
    "test": (lambda: main_gold(Split.TEST), DEV_BODIES),
    **{name: (partial(side_only_gold, gold), bodies) for name, (gold, bodies) in SIDE_ONLY.items()},
}


def read_bodies(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", choices=sorted(SETS), help="which gold sets (default: all)")
    args = parser.parse_args()
    wanted = args.set or list(SETS)
    print("| set | conflicts | found | not paired | no cue | no claim | ceiling (found + not paired) |")
    print("|---|---|---|---|---|---|---|")
    for name in wanted:
        load, bodies = SETS[name]
        if not bodies.exists():
            print(f"skipped {name}: {bodies} is not here", file=sys.stderr)
            continue
        stages, by_kind = count(read_bodies(bodies), load())
        total = sum(stages.values())
        cells = " | ".join(ratio(stages[s], total) for s in Stage)
        print(f"| {name} | {total} | {cells} | {ratio(stages[Stage.FOUND] + stages[Stage.NOT_PAIRED], total)} |")
        for kind in sorted({k for k, _ in by_kind}):
            row = ", ".join(f"{s.value} {by_kind[(kind, s)]}" for s in Stage if by_kind[(kind, s)])
            print(f"{name}, {kind}: {row}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
