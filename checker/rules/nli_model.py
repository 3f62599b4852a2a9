"""An optional NLI cross-encoder the user points to (`--nli-model PATH`): loaded or refused, never skipped."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.errors import ModelError

CONTRADICTION = "contradiction"

Contradiction = Callable[[str, str], float]


def load_nli(path: Path) -> Contradiction:
    """A function giving the probability that the second text contradicts the first."""
    if not path.exists():
        raise ModelError(f"--nli-model {path}: no such file or folder; point it at a local cross-encoder.")
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        from sentence_transformers import CrossEncoder

        model = CrossEncoder(str(path), device="cpu")
    except Exception as error:  # any loader failure is the same answer for the user
        raise ModelError(f"--nli-model {path}: cannot load a cross-encoder from it ({error}).") from None
    index = _contradiction_index(model, path)
    return lambda premise, hypothesis: _probability(model, premise, hypothesis, index)


def _contradiction_index(model: Any, path: Path) -> int:
    labels = {int(k): str(v).lower() for k, v in model.model.config.id2label.items()}
    for index, label in labels.items():
        if label.startswith(CONTRADICTION[:6]):
            return index
    raise ModelError(
        f"--nli-model {path}: the model has no '{CONTRADICTION}' label (labels: {sorted(labels.values())})."
    )


def _probability(model: Any, premise: str, hypothesis: str, index: int) -> float:
    scores = model.predict([(premise, hypothesis)], apply_softmax=True, show_progress_bar=False)
    return float(scores[0][index])
