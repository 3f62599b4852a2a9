"""Stage 5b, learn: the stance cross-encoder and the matter model, trained on FNC-1, and their loaders.

`python -m checker.learn.train` trains the stance model, `python -m checker.learn.matters` the matter model.

torch loads on the first `load_stance_model`, not on import.
"""

from __future__ import annotations

from checker.learn.matters import load_matter_model
from checker.learn.weights import StanceModel, StanceReader, load_stance_model

__all__ = ["StanceModel", "StanceReader", "load_matter_model", "load_stance_model"]
