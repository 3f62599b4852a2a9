"""Conflicts found on real articles, against the hand-made conflict gold (a script, not a test).

    python benchmarks/conflicts.py [--split tune|test|all] [--errors]

Runs the real `checker.check` (MiniLM, spaCy) on each gold body of ../shared/datasets/fnc1 alone,
as one document, and prints a Markdown table per split: article-level conflict recall and
precision, kind and status accuracy on matched conflicts, traps reported as conflicts, and the
claim fields on the annotated claims. `--errors` lists misses, false alarms and trap hits on stderr
by Body ID and offsets. The test split is for the end of a session, never for tuning.
Scoring rules: checker/eval/conflicts.py; how the gold was annotated: fixtures/gold/GUIDELINES.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from checker import check
from checker.eval.conflicts import (
    ConflictDocument,
    Reported,
    Split,
    conflict_summary,
    diagnose,
    load_conflict_gold,
    reported_conflicts,
    score_claim_fields,
    score_conflicts,
)
from checker.eval.gold import Scores, alignment_problems
from checker.models import Claim, Document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "gold" / "conflicts.json"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"
KINDS = ("denial", "confirmation", "numeric", "schedule")


def ratio(scores: Scores, numerator: str, denominator: str) -> str:
    value = scores.ratio(numerator, denominator)
    shown = "–" if value is None else f"{value:.2f}"
    return f"{shown} ({scores.counts[numerator]}/{scores.counts[denominator]})"


def f1(scores: Scores, name: str) -> str:
    value = scores.f1(name)
    return "–" if value is None else f"{value:.2f}"


def rows(scores: Scores) -> list[tuple[str, str]]:
    f = conflict_summary(scores)["conflict_f1"]
    table = [
        ("conflict recall", ratio(scores, "conflicts.found", "conflicts.gold")),
        ("conflict precision", ratio(scores, "reported.matched", "reported")),
        ("conflict F1", "–" if f is None else f"{f:.2f}"),
    ]
    table += [(f"recall, {kind}", ratio(scores, f"conflicts.found.{kind}", f"conflicts.gold.{kind}")) for kind in KINDS]
    return [
        *table,
        ("kind accuracy (matched)", ratio(scores, "kind.correct", "kind.total")),
        ("status accuracy (matched)", ratio(scores, "status.correct", "status.total")),
        ("traps reported as conflicts", ratio(scores, "traps.hit", "traps.gold")),
        ("updates shown as superseded (accepted)", str(scores.counts["reported.accepted"])),
        ("annotated claims found (majority overlap)", ratio(scores, "claims.tp", "claims.gold")),
        ("speaker", ratio(scores, "speaker.correct", "speaker.total")),
        ("speaker_role", ratio(scores, "role.correct", "role.total")),
        ("cited_source", ratio(scores, "cited.correct", "cited.total")),
        ("stance", ratio(scores, "stance.correct", "stance.total")),
        ("quantities F1 (unit + interval)", f1(scores, "quantities")),
        ("refers_to recall (answering claims)", ratio(scores, "refers.correct", "refers.gold")),
        ("refers_to precision", ratio(scores, "refers.correct", "refers.predicted")),
    ]


def read_bodies() -> dict[str, str]:
    with FNC_BODIES.open(encoding="utf-8") as handle:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}


def evaluate(doc_id: str, gold: ConflictDocument, text: str, show_errors: bool) -> Scores:
    report = check([Document(id=doc_id, text=text)])
    found = reported_conflicts(report, doc_id)
    claims = [c for c in report.claims if c.doc_id == doc_id]
    scores = score_conflicts(gold, found)
    scores.add(score_claim_fields(gold, claims))
    if show_errors:
        print_errors(doc_id, gold, found, claims)
    return scores


def print_errors(doc_id: str, gold: ConflictDocument, found: list[Reported], claims: list[Claim]) -> None:
    trouble = diagnose(gold, found)
    for conflict in trouble.missed:
        sides = "; ".join(",".join(f"{gold.span(i)[0]}-{gold.span(i)[1]}" for i in side) for side in conflict.sides)
        print(f"[{doc_id}] MISSED {conflict.kind} ({conflict.status.value}) {sides}: {conflict.note}", file=sys.stderr)
    for report in trouble.false_alarms:
        traps = [t.type for t, r in trouble.trap_hits if r is report]
        label = f"TRAP {'/'.join(traps)}" if traps else "FALSE ALARM"
        print(f"[{doc_id}] {label} {report.kind} ({report.status.value}) {_spans(report)}", file=sys.stderr)
    for conflict, report in trouble.wrong_kind:
        print(f"[{doc_id}] KIND gold {conflict.kind} got {report.kind} {_spans(report)}", file=sys.stderr)
    for conflict, report in trouble.wrong_status:
        print(
            f"[{doc_id}] STATUS gold {conflict.status.value} got {report.status.value} {_spans(report)}",
            file=sys.stderr,
        )


def _spans(report: Reported) -> str:
    (a, b), (c, d) = report.spans
    return f"{a}-{b} vs {c}-{d}"


def print_table(columns: dict[str, Scores]) -> None:
    print("| figure | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    tables = [rows(scores) for scores in columns.values()]
    for n, (label, _) in enumerate(tables[0]):
        print(f"| {label} | " + " | ".join(table[n][1] for table in tables) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["tune", "test", "all"], default="tune", help="which bodies to run")
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms and trap hits on stderr")
    args = parser.parse_args()
    if not FNC_BODIES.exists():
        print(f"FNC-1 bodies not found at {FNC_BODIES}: conflict benchmark skipped", file=sys.stderr)
        return
    gold = load_conflict_gold(GOLD)
    texts = read_bodies()
    wanted = [Split.TUNE, Split.TEST] if args.split == "all" else [Split(args.split)]
    columns: dict[str, Scores] = {}
    for split in wanted:
        total = Scores()
        chosen = sorted((d for d, g in gold.items() if g.split is split), key=int)
        for doc_id in chosen:
            problems = alignment_problems(gold[doc_id].as_gold(), texts[doc_id]) if doc_id in texts else ["missing"]
            if problems:
                print(f"gold {doc_id} skipped: {'; '.join(problems)}", file=sys.stderr)
                continue
            total.add(evaluate(doc_id, gold[doc_id], texts[doc_id], args.errors))
        columns[f"{split.value} ({len(chosen)} bodies)"] = total
    print_table(columns)


if __name__ == "__main__":
    main()
