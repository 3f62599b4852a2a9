"""Claim extraction measured against the hand-made gold set (a script, not a test).

    python benchmarks/extraction.py [--errors]

Prints, as a Markdown table, per-field figures for the seed article and for the FNC-1 gold bodies
(skipped when ../shared/datasets/fnc1 is absent), then the stance confusion matrices. `--errors`
also lists every disagreement on stderr. Matching and metric rules: checker/eval/gold.py; how the
gold was annotated: fixtures/gold/GUIDELINES.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from pathlib import Path

from checker.eval.gold import (
    GoldClaim,
    GoldSet,
    Scores,
    alignment_problems,
    load_gold,
    match_spans,
    same_name,
    same_role,
    score_document,
)
from checker.extract import extract
from checker.models import Claim, Document, Stance

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "gold"
SEEDS = ROOT / "seeds"
FNC_BODIES = ROOT.parent / "shared" / "datasets" / "fnc1" / "bodies-dev.csv"

Figure = Callable[[Scores], str]


def ratio(numerator: str, denominator: str) -> Figure:
    def show(scores: Scores) -> str:
        value = scores.ratio(numerator, denominator)
        shown = "–" if value is None else f"{value:.2f}"
        return f"{shown} ({scores.counts[numerator]}/{scores.counts[denominator]})"

    return show


def f1(name: str) -> Figure:
    def show(scores: Scores) -> str:
        value = scores.f1(name)
        return "–" if value is None else f"{value:.2f}"

    return show


def pr_rows(label: str, name: str) -> list[tuple[str, str, Figure]]:
    return [
        (label, "precision", ratio(f"{name}.tp", f"{name}.pred")),
        (label, "recall", ratio(f"{name}.tp", f"{name}.gold")),
        (label, "F1", f1(name)),
    ]


ROWS: list[tuple[str, str, Figure]] = [
    *pr_rows("claim spans", "claims"),
    ("claim spans", "exact boundaries, of matched", ratio("claims.exact", "claims.tp")),
    *pr_rows("attribution (attributed vs article voice)", "attribution"),
    ("speaker", "accuracy", ratio("speaker.correct", "speaker.total")),
    ("speaker_role", "accuracy", ratio("role.correct", "role.total")),
    ("cited_source", "accuracy", ratio("cited.correct", "cited.total")),
    ("stance", "accuracy", ratio("stance.correct", "stance.total")),
    ("stated_at", "accuracy where gold has a date", ratio("stated.correct", "stated.total")),
    ("stated_at", "dated where gold has none", ratio("stated.spurious", "stated.undated")),
    *pr_rows("mentions (date ranges)", "mentions"),
    *pr_rows("quantities (unit + interval)", "quantities"),
    *pr_rows("figures (interval only)", "figures"),
]


def documents_for(gold: GoldSet, texts: dict[str, str]) -> list[Document]:
    documents = []
    for doc_id, annotated in gold.documents.items():
        problems = alignment_problems(annotated, texts[doc_id]) if doc_id in texts else ["text missing"]
        if problems:
            print(f"gold {doc_id} skipped: {'; '.join(problems)}", file=sys.stderr)
            continue
        documents.append(Document(id=doc_id, text=texts[doc_id], published=gold.published))
    return documents


def evaluate(gold: GoldSet, documents: list[Document], show_errors: bool) -> Scores:
    by_doc: dict[str, list[Claim]] = {d.id: [] for d in documents}
    for analysis in extract(documents):
        by_doc[analysis.claim.doc_id].append(analysis.claim)
    total = Scores()
    for document in documents:
        wanted = gold.documents[document.id].claims
        total.add(score_document(wanted, by_doc[document.id]))
        if show_errors:
            print_errors(document, wanted, by_doc[document.id])
    return total


def print_errors(document: Document, gold: tuple[GoldClaim, ...], predicted: list[Claim]) -> None:
    pairs = match_spans([(g.start, g.end) for g in gold], [(p.start, p.end) for p in predicted])
    matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    for index, claim in enumerate(gold):
        if index not in matched_gold:
            print(f"[{document.id}] MISSED {document.text[claim.start : claim.end]!r}", file=sys.stderr)
    for index, found in enumerate(predicted):
        if index not in matched_pred:
            print(f"[{document.id}] EXTRA {found.text!r}", file=sys.stderr)
    for g, p in pairs:
        differences = field_differences(gold[g], predicted[p])
        if differences:
            print(f"[{document.id}] {predicted[p].text[:90]!r}\n    " + "\n    ".join(differences), file=sys.stderr)


def field_differences(gold: GoldClaim, found: Claim) -> list[str]:
    out = []
    for name, want, got, same in [
        ("speaker", gold.speaker, found.speaker, same_name),
        ("role", gold.speaker_role, found.speaker_role, same_role),
        ("cited", gold.cited_source, found.cited_source, same_name),
    ]:
        if not same(want, got):
            out.append(f"{name}: gold {want!r} got {got!r}")
    if gold.stance is not found.stance:
        out.append(f"stance: gold {gold.stance.value} got {found.stance.value}")
    when = found.stated_at.date
    if gold.stated_from is not None and not (when is not None and gold.stated_from <= when <= (gold.stated_to or when)):
        out.append(f"stated_at: gold {gold.stated_from}..{gold.stated_to} got {when}")
    wanted_mentions = sorted(f"{m.date_from}..{m.date_to}" for m in gold.mentions if m.date_from)
    got_mentions = sorted(f"{m.date_from}..{m.date_to}" for m in found.mentions)
    if wanted_mentions != got_mentions:
        out.append(f"mentions: gold {wanted_mentions} got {got_mentions}")
    wanted_q = [(q.text, q.low, q.high, q.unit) for q in gold.quantities]
    got_q = [(q.text, q.low, q.high, q.unit) for q in found.quantities]
    if wanted_q != got_q:
        out.append(f"quantities: gold {wanted_q} got {got_q}")
    return out


def read_fnc_bodies() -> dict[str, str]:
    with FNC_BODIES.open(encoding="utf-8") as handle:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}


def print_table(columns: dict[str, Scores]) -> None:
    print("| field | figure | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for field_name, figure, show in ROWS:
        print(f"| {field_name} | {figure} | " + " | ".join(show(s) for s in columns.values()) + " |")


def print_confusion(name: str, scores: Scores) -> None:
    labels = [s.value for s in Stance]
    print(f"\nStance confusion, {name} (rows gold, columns extracted)\n")
    print("| gold \\ extracted | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for gold_label in labels:
        print(f"| {gold_label} | " + " | ".join(str(scores.stance[(gold_label, p)]) for p in labels) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every disagreement on stderr")
    args = parser.parse_args()
    columns: dict[str, Scores] = {}
    seed_gold = load_gold(GOLD / "seed.json")
    seed_texts = {d: (SEEDS / f"{d}.txt").read_text(encoding="utf-8") for d in seed_gold.documents}
    columns["seed"] = evaluate(seed_gold, documents_for(seed_gold, seed_texts), args.errors)
    if FNC_BODIES.exists():
        fnc_gold = load_gold(GOLD / "fnc1.json")
        documents = documents_for(fnc_gold, read_fnc_bodies())
        columns[f"FNC-1 ({len(documents)} bodies)"] = evaluate(fnc_gold, documents, args.errors)
    else:
        print(f"FNC-1 bodies not found at {FNC_BODIES}: FNC-1 column skipped", file=sys.stderr)
    print_table(columns)
    for name, scores in columns.items():
        print_confusion(name, scores)
    print_emergent_stance()


def print_emergent_stance() -> None:
    """Headline stance on Emergent: for <-> asserts/confirms, against <-> denies, observing <-> the rest."""
    folder = FNC_BODIES.parent.parent / "emergent"
    if not folder.exists():
        print(f"Emergent not found at {folder}: headline stance skipped", file=sys.stderr)
        return
    from checker.eval.emergent import predict_labels, read_emergent
    from checker.eval.metrics import accuracy

    headlines = read_emergent(folder)
    score = accuracy([h.label for h in headlines], predict_labels(headlines))
    print(f"\nEmergent development headlines: stance accuracy {score:.3f} ({len(headlines)} headlines)")


if __name__ == "__main__":
    main()
