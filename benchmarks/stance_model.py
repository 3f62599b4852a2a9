"""The shipped stance model alone on FNC-1 pairs, read as it was trained (a script, not a test).

    python benchmarks/stance_model.py [--data ../shared/datasets/fnc1] [--limit N]

Each agree / disagree / unrelated pair is read as (headline, the body's three sentences closest to
it in MiniLM space), exactly the training input, so the figure is the model's own; `checker eval
fnc1` measures the whole checker, where the model reads claims. Prints, at the threshold recorded
with the weights: disagree recall, agree specificity, their mean (balanced accuracy), the share of
unrelated pairs above it, and the threshold-free ROC AUC of P(disagree) for disagree against agree.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.learn.data import pair_texts, read_pairs  # noqa: E402
from checker.learn.train import auc  # noqa: E402
from checker.learn.weights import load_stance_model  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "fnc1"
LABELS = ("agree", "disagree", "unrelated")
UNRELATED_SAMPLE = 300


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N agree/disagree pairs")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"{args.data}: not found; nothing to measure.", file=sys.stderr)
        return 0
    started = time.monotonic()
    pairs = read_pairs(args.data)
    stance = [p for p in pairs if p.label in {"agree", "disagree"}][: args.limit]
    unrelated = sorted((p for p in pairs if p.label == "unrelated"), key=lambda p: (p.body_id, p.headline))
    chosen = stance + unrelated[:: max(1, len(unrelated) // UNRELATED_SAMPLE)][:UNRELATED_SAMPLE]
    model = load_stance_model()
    texts = pair_texts(chosen, model.encoder.model.encode)
    scores = model.score(texts)
    labelled = list(zip(scores, chosen, strict=True))
    disagree = {label: np.array([s.disagree for s, p in labelled if p.label == label]) for label in LABELS}
    t = model.threshold
    recall, specificity = float((disagree["disagree"] >= t).mean()), float((disagree["agree"] < t).mean())
    figures = {
        "pairs": {label: len(disagree[label]) for label in LABELS},
        "threshold": t,
        "recall_disagree": round(recall, 3),
        "specificity_agree": round(specificity, 3),
        "balanced_accuracy": round((recall + specificity) / 2, 3),
        "alarm_unrelated": round(float((disagree["unrelated"] >= t).mean()), 3),
        "auc_disagree_vs_agree": round(auc(disagree["disagree"], disagree["agree"]), 3),
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
