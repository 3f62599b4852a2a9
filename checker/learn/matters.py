"""The matter model: train it on FNC-1 training headlines, and load the shipped weights.

    python -m checker.learn.matters --data ../shared/datasets/fnc1-train

Each distinct headline of a related (agree, disagree, discuss) pair is one document; its rumour is
the union of the headlines and bodies joined by related pairs. The headlines are checked as in
`checker check` (extraction, MiniLM, topics); every pair of first claims within one topic is an
example, same rumour or not. A logistic model over the pair features of checker.topics.matters is
fitted (L2, L-BFGS, deterministic), and the cut is the one of CUTS with the best matter ARI on
these headlines. Emergent is never read here. The weights, the data's SHA-256 and every figure go
to checker/learn/weights/matters.json; a retrain keeps the previous record under "history".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from checker.errors import CheckerError, ModelError
from checker.topics.matters import FEATURES, SIGN_FREE, MatterModel, pair_block
from checker.topics.words import vocabulary

WEIGHTS_DIR = Path(__file__).parent / "weights"
MATTER_FILE = "matters.json"
FEATURE_NAMES = ("dense", "lexical", "overlap", "dense_x_lexical")
CUTS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
WEIGHT_DECIMALS = 6
L2_PENALTY = 1.0  # on the coefficients, not the intercept
PROBES = (  # claims written here; their pair chances are recorded at training and checked by a test
    "The king is gravely ill in hospital, a court official said.",
    "The palace denied that the king is ill.",
    "The king has bought a private island off the coast.",
    "Reports say the monarch purchased an island.",
)
VERSIONED = ("spacy", "scipy", "numpy")  # stop words, optimiser and arithmetic the weights depend on
HINT = "reinstall the checker, or retrain it: python -m checker.learn.matters"


def load_matter_model(path: Path = WEIGHTS_DIR / MATTER_FILE) -> MatterModel:
    """The shipped model; a missing or damaged file is a ModelError, never a quiet fallback."""
    return _load(path)


@lru_cache(maxsize=4)
def _load(path: Path) -> MatterModel:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        model = MatterModel(
            features=tuple(str(name) for name in record["features"]),
            coefficients=tuple(float(value) for value in record["coefficients"]),
            intercept=float(record["intercept"]),
            cut=float(record["cut"]),
        )
    except FileNotFoundError:
        raise ModelError(f"The matter model is missing ({path}); {HINT}.") from None
    except ModelError as error:
        raise ModelError(f"{str(error).rstrip('.')} ({path}); {HINT}.") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelError(f"The matter model in {path} is unreadable ({error}); {HINT}.") from None
    return model


@dataclass(frozen=True)
class Headlines:
    """The training headlines as checked: claim ids, contents, vectors, each headline's first claim and rumour."""

    ids: list[str]
    contents: list[str]
    vectors: np.ndarray
    rows: list[int]
    truth: list[str]


def read_headlines(data: Path) -> Headlines:
    from checker.embed import MiniLMEmbedder
    from checker.extract import extract
    from checker.learn.data import read_pairs, stories
    from checker.models import Document

    pairs = read_pairs(data)
    story = stories(pairs)
    texts = sorted({p.headline for p in pairs if p.label != "unrelated"})
    documents = [Document(id=f"h{n:05d}", text=text) for n, text in enumerate(texts)]
    analyses = extract(documents)
    first: dict[str, int] = {}
    for index, analysis in enumerate(analyses):
        first.setdefault(analysis.claim.doc_id, index)
    kept = [d for d in documents if d.id in first]
    contents = [a.content for a in analyses]
    return Headlines(
        ids=[a.claim.id for a in analyses],
        contents=contents,
        vectors=np.asarray(MiniLMEmbedder().encode(contents)),
        rows=[first[d.id] for d in kept],
        truth=[story["h:" + d.text] for d in kept],
    )


def examples(headlines: Headlines) -> tuple[np.ndarray, np.ndarray]:
    """Features and same-rumour labels of every pair of labelled claims sharing a topic."""
    from checker.topics import cluster

    topics = cluster(headlines.ids, headlines.contents, headlines.vectors).assignment
    rumour = dict(zip(headlines.rows, headlines.truth, strict=True))
    words = vocabulary(headlines.contents)
    members: dict[str, list[int]] = {}
    for row in headlines.rows:
        members.setdefault(topics[row], []).append(row)
    features, labels = [], []
    for rows in members.values():
        if len(rows) < 2:
            continue
        block = pair_block(headlines.vectors, words, rows)
        upper = np.triu_indices(len(rows), k=1)
        features.append(np.stack([FEATURES[name](block)[upper] for name in FEATURE_NAMES], axis=1))
        labels.append(np.array([rumour[rows[i]] == rumour[rows[j]] for i, j in zip(*upper, strict=True)]))
    return np.concatenate(features), np.concatenate(labels).astype(np.float64)


def fit(features: np.ndarray, labels: np.ndarray, names: Sequence[str]) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by L-BFGS from zero, the weight of every similarity kept at 0 or
    above (SIGN_FREE features excepted): the same data gives the same weights."""
    from scipy.optimize import minimize
    from scipy.special import expit

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        logit = features @ theta[:-1] + theta[-1]
        chance = expit(logit)
        value = np.sum(np.logaddexp(0.0, logit) - labels * logit) + 0.5 * L2_PENALTY * theta[:-1] @ theta[:-1]
        gradient = np.append(features.T @ (chance - labels) + L2_PENALTY * theta[:-1], np.sum(chance - labels))
        return float(value), gradient

    bounds = [(None, None) if name in SIGN_FREE else (0.0, None) for name in names] + [(None, None)]
    found = minimize(loss, np.zeros(features.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    if not found.success:
        raise ModelError(f"Training the matter model did not converge ({found.message}); check the data.")
    return found.x[:-1], float(found.x[-1])


def probe_chances(model: MatterModel, encode: Callable[[list[str]], np.ndarray]) -> list[float]:
    """The model's chance for each pair of PROBES (row by row, upper triangle), as floats."""
    block = pair_block(np.asarray(encode(list(PROBES))), vocabulary(PROBES), range(len(PROBES)))
    return [float(x) for x in model.chance(block)[np.triu_indices(len(PROBES), k=1)]]


def matter_ari(headlines: Headlines, model: MatterModel) -> float:
    from checker.eval.metrics import adjusted_rand_index
    from checker.topics import cluster

    found = cluster(headlines.ids, headlines.contents, headlines.vectors, matter_model=model)
    return adjusted_rand_index(headlines.truth, [found.matter_assignment[i] for i in headlines.rows])


def train(data: Path, cuts: Sequence[float] = CUTS) -> dict[str, Any]:
    from checker.embed import MiniLMEmbedder
    from checker.learn.data import data_files, sha256
    from checker.learn.weights import base_model_path

    headlines = read_headlines(data)
    features, labels = examples(headlines)
    fitted, fitted_intercept = fit(features, labels, FEATURE_NAMES)
    coefficients = tuple(round(float(c), WEIGHT_DECIMALS) for c in fitted)
    intercept = round(fitted_intercept, WEIGHT_DECIMALS)
    scores = {}
    for cut in cuts:
        model = MatterModel(FEATURE_NAMES, coefficients, intercept, cut)
        scores[f"{cut:.2f}"] = round(matter_ari(headlines, model), 4)
        print(f"cut {cut:.2f}: matter ARI {scores[f'{cut:.2f}']:.3f}", file=sys.stderr, flush=True)
    best = max(cuts, key=lambda cut: (scores[f"{cut:.2f}"], -cut))
    chosen = MatterModel(FEATURE_NAMES, coefficients, intercept, best)
    return {
        "base_model": sha256(base_model_path() / "model.safetensors"),
        "versions": {name: version(name) for name in VERSIONED},
        "probes": [round(x, WEIGHT_DECIMALS) for x in probe_chances(chosen, MiniLMEmbedder().encode)],
        "features": list(FEATURE_NAMES),
        "coefficients": list(coefficients),
        "intercept": intercept,
        "cut": best,
        "training": {
            "data": {path.name: sha256(path) for path in data_files(data)},
            "headlines": len(headlines.rows),
            "rumours": len(set(headlines.truth)),
            "pairs": len(labels),
            "same_rumour_pairs": int(labels.sum()),
            "l2_penalty": L2_PENALTY,
            "matter_ari_by_cut": scores,
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the FNC-1 training folder")
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR / MATTER_FILE)
    options = parser.parse_args(argv)
    try:
        record = train(options.data)
    except CheckerError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    if options.out.exists():
        previous = json.loads(options.out.read_text(encoding="utf-8"))
        record["history"] = [*previous.pop("history", []), previous]
    options.out.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {options.out} (cut {record['cut']:.2f})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
