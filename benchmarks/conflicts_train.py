"""Conflicts found in the bodies of a side-only conflict gold (a script, not a test).

    python benchmarks/conflicts_train.py [--set development|heldout] [--errors] [--annotator A ...]

`--set development` (the default): `fixtures/gold/conflicts_train.json`, 110 FNC-1 training bodies, read
freely for errors. `--set heldout`: `fixtures/gold/conflicts_heldout.json`, 40 FNC-1 development bodies
annotated blind, measured at the end of a session only, never read for errors while tuning.

Runs the real `checker.check` on each body of the set alone, as one document
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
DATASETS = ROOT.parent / "shared" / "datasets"
# Each set: its gold file, and the bodies it annotates.
SETS = {
    "development": (ROOT / "fixtures" / "gold" / "conflicts_train.json", DATASETS / "fnc1-train" / "bodies-train.csv"),
    "heldout": (ROOT / "fixtures" / "gold" / "conflicts_heldout.json", DATASETS / "fnc1" / "bodies-dev.csv"),
}
KINDS = ("denial", "confirmation", "numeric", "schedule")
UPDATE = "update"

Span = tuple[int, int]
Sides = tuple[tuple[Span, ...], tuple[Span, ...]]


def sides_of(entry: dict[str, list[list[list[int]]]]) -> Sides:
    first, second = (tuple((s, e) for s, e in side) for side in entry["sides"])
    return first, second


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="development", help="which gold set to run")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms on stderr")
    parser.add_argument(
        "--annotator", action="append", default=[], help="only the bodies of this annotator pass (repeatable)"
    )
    args = parser.parse_args()
    gold_file, bodies = SETS[args.set]
    if not bodies.exists():
        print(f"skipped: {bodies} is not here", file=sys.stderr)
        return 0
    with bodies.open(encoding="utf-8", newline="") as handle:
        texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
    if args.annotator:
        gold = {body_id: entry for body_id, entry in gold.items() if entry["annotator"] in args.annotator}
    counts = dict.fromkeys(
        ("gold", "found", "reported", "matched", "traps", "trap_hits", "status_total", "status_right"), 0
    )
    by_kind = {kind: [0, 0] for kind in KINDS}
    for body_id, entry in gold.items():
        text = texts[body_id]
        if hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] != entry["sha"]:
            print(f"body {body_id} differs from the annotated one", file=sys.stderr)
            return 2
        report = check([Document(id=body_id, text=text)])
        reported = reported_conflicts(report, body_id)
        score(body_id, entry, reported, counts, by_kind, args.errors)
    label = "FNC-1 training bodies (development" if args.set == "development" else "FNC-1 dev bodies (held out"
    print(f"| figure | {label}, {len(gold)} bodies) |")
    print("|---|---|")
    print(f"| conflict recall | {ratio(counts['found'], counts['gold'])} |")
    print(f"| conflict precision | {ratio(counts['matched'], counts['reported'])} |")
    for kind, (found, total) in by_kind.items():
        print(f"| recall, {kind} | {ratio(found, total)} |")
    print(f"| traps reported as conflicts | {ratio(counts['trap_hits'], counts['traps'])} |")
    if counts["status_total"]:
        print(f"| status accuracy (matched) | {ratio(counts['status_right'], counts['status_total'])} |")
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
        if found and "status" in conflict:  # the held-out set gives the expected status
            counts["status_total"] += 1
            counts["status_right"] += any(matches(r, sides) and r.status.value == conflict["status"] for r in reported)
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
