"""Conflicts found in the annotated FNC-1 training bodies, a development set (a script, not a test).

    python benchmarks/conflicts_train.py [--errors] [--annotator A ...]

Runs the real `checker.check` on each body of `fixtures/gold/conflicts_train.json` alone, as one document
(or only those of the `--annotator` passes named),
and prints conflict recall and precision, recall by kind and traps reported, scored as
benchmarks/conflicts.py scores the main gold (a reported conflict matches when its two claims overlap the
two annotated sides). These bodies only carry conflict sides, not claim fields. `--errors` lists misses,
false alarms and trap hits on stderr by Body ID and offsets. Skips cleanly without ../shared/datasets.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

from checker import check
from checker.eval.conflicts import Reported, matches, reported_conflicts
from checker.models import Document, Status

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "gold" / "conflicts_train.json"
BODIES = ROOT.parent / "shared" / "datasets" / "fnc1-train" / "bodies-train.csv"
KINDS = ("denial", "confirmation", "numeric", "schedule")
UPDATE = "update"

Span = tuple[int, int]
Sides = tuple[tuple[Span, ...], tuple[Span, ...]]


def sides_of(entry: dict[str, list[list[list[int]]]]) -> Sides:
    first, second = (tuple((s, e) for s, e in side) for side in entry["sides"])
    return first, second


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms on stderr")
    parser.add_argument(
        "--annotator", action="append", default=[], help="only the bodies of this annotator pass (repeatable)"
    )
    args = parser.parse_args()
    if not BODIES.exists():
        print(f"skipped: {BODIES} is not here", file=sys.stderr)
        return 0
    with BODIES.open(encoding="utf-8", newline="") as handle:
        texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    if args.annotator:
        gold = {body_id: entry for body_id, entry in gold.items() if entry["annotator"] in args.annotator}
    counts = dict.fromkeys(("gold", "found", "reported", "matched", "traps", "trap_hits"), 0)
    by_kind = {kind: [0, 0] for kind in KINDS}
    for body_id, entry in gold.items():
        text = texts[body_id]
        if hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] != entry["sha"]:
            print(f"body {body_id} differs from the annotated one", file=sys.stderr)
            return 2
        report = check([Document(id=body_id, text=text)])
        reported = reported_conflicts(report, body_id)
        score(body_id, entry, reported, counts, by_kind, args.errors)
    print(f"| figure | FNC-1 training bodies (development, {len(gold)} bodies) |")
    print("|---|---|")
    print(f"| conflict recall | {ratio(counts['found'], counts['gold'])} |")
    print(f"| conflict precision | {ratio(counts['matched'], counts['reported'])} |")
    for kind, (found, total) in by_kind.items():
        print(f"| recall, {kind} | {ratio(found, total)} |")
    print(f"| traps reported as conflicts | {ratio(counts['trap_hits'], counts['traps'])} |")
    return 0


def score(
    body_id: str,
    entry: dict[str, list[dict[str, object]]],
    reported: list[Reported],
    counts: dict[str, int],
    by_kind: dict[str, list[int]],
    errors: bool,
) -> None:
    conflicts = [(c, sides_of(c)) for c in entry["conflicts"]]  # type: ignore[arg-type]
    traps = [(t, sides_of(t)) for t in entry["traps"]]  # type: ignore[arg-type]
    for conflict, sides in conflicts:
        found = any(matches(r, sides) for r in reported)
        counts["gold"] += 1
        counts["found"] += found
        by_kind[str(conflict["kind"])][0] += found
        by_kind[str(conflict["kind"])][1] += 1
        if errors and not found:
            print(f"[{body_id}] MISSED {conflict['kind']} {spans(sides)}", file=sys.stderr)
    counts["traps"] += len(traps)
    hit_traps: set[int] = set()
    for report in reported:
        if any(matches(report, sides) for _, sides in conflicts):
            counts["reported"] += 1
            counts["matched"] += 1
            continue
        hit = [i for i, (trap, sides) in enumerate(traps) if matches(report, sides)]
        if hit and all(traps[i][0]["type"] == UPDATE and report.status is Status.SUPERSEDED for i in hit):
            continue
        counts["reported"] += 1
        hit_traps.update(hit)
        if errors:
            label = "TRAP" if hit else "FALSE ALARM"
            print(f"[{body_id}] {label} {report.kind} ({report.status.value}) {report.spans}", file=sys.stderr)
    counts["trap_hits"] += len(hit_traps)


def spans(sides: Sides) -> str:
    return "; ".join(",".join(f"{s}-{e}" for s, e in side) for side in sides)


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f} ({numerator}/{denominator})" if denominator else "– (0/0)"


if __name__ == "__main__":
    raise SystemExit(main())
