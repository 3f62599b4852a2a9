"""Matters on FNC-1 training headlines: the shipped learned model and embedding-only cuts (a script, not a test).

    python benchmarks/matters.py [--data ../shared/datasets/fnc1-train] [--cuts 0.4 0.45 ...]

Each distinct headline of the FNC-1 training set is one document; all of them are checked in one
run (extraction and MiniLM as in `checker check`), clustered into topics at the topic cut, and each
topic into matters by the shipped learned model (checker/learn/weights/matters.json, trained on
these headlines by `python -m checker.learn.matters`, so its line is a training figure) and by
embeddings alone at every cut given (the fallback for very large topics). The truth is the rumour
each headline belongs to: headlines and bodies joined by related (agree, disagree, discuss) pairs.
Emergent dev stays unseen here (about 38% of Emergent headlines also occur in FNC-1 train:
`checker eval emergent --unseen-by` gives the clean figure). Prints one line per grouping.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's checker, not an installed one

from checker.embed import MiniLMEmbedder  # noqa: E402
from checker.eval.metrics import adjusted_rand_index  # noqa: E402
from checker.extract import extract  # noqa: E402
from checker.learn import load_matter_model  # noqa: E402
from checker.learn.data import read_pairs, stories  # noqa: E402
from checker.models import Document  # noqa: E402
from checker.topics import cluster  # noqa: E402
from checker.topics.cluster import MATTER_MIN_SIMILARITY  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "fnc1-train"
CUTS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cuts", type=float, nargs="+", default=list(CUTS))
    options = parser.parse_args()
    if not options.data.exists():
        sys.exit(f"benchmark: needs {options.data}")
    pairs = read_pairs(options.data)
    story = stories(pairs)
    headlines = sorted({p.headline for p in pairs if p.label != "unrelated"})
    documents = [Document(id=f"h{n:05d}", text=text) for n, text in enumerate(headlines)]
    analyses = extract(documents)
    first = {}
    for index, analysis in enumerate(analyses):
        first.setdefault(analysis.claim.doc_id, index)
    kept = [d for d in documents if d.id in first]
    rows = [first[d.id] for d in kept]
    truth = [story["h:" + d.text] for d in kept]
    vectors = MiniLMEmbedder().encode([a.content for a in analyses])
    ids, contents = [a.claim.id for a in analyses], [a.content for a in analyses]
    print(f"{len(headlines):,} headlines of {len(set(truth)):,} rumours; {len(kept):,} with a claim")
    model = load_matter_model()
    learned = cluster(ids, contents, vectors, matter_model=model)
    topic_ari = adjusted_rand_index(truth, [learned.assignment[i] for i in rows])
    matter_ari = adjusted_rand_index(truth, [learned.matter_assignment[i] for i in rows])
    print(f"learned model (cut {model.cut:.2f}): topic ARI {topic_ari:.3f}, matter ARI {matter_ari:.3f}", flush=True)
    for cut in options.cuts:
        found = cluster(ids, contents, vectors, matter_similarity=cut)
        topic_ari = adjusted_rand_index(truth, [found.assignment[i] for i in rows])
        matter_ari = adjusted_rand_index(truth, [found.matter_assignment[i] for i in rows])
        chosen = "  <- fallback, MATTER_MIN_SIMILARITY" if cut == MATTER_MIN_SIMILARITY else ""
        figures = f"topic ARI {topic_ari:.3f}, matter ARI {matter_ari:.3f}"
        print(f"embeddings only, cut {cut:.2f}: {figures}{chosen}", flush=True)


if __name__ == "__main__":
    main()
