"""Stage 5b, learn: the stance cross-encoder trained on FNC-1 (`python -m checker.learn.train`) and its loader.

torch loads on the first `load_stance_model`, not on import.
"""

from __future__ import annotations

from checker.learn.weights import StanceModel, StanceReader, load_stance_model

__all__ = ["StanceModel", "StanceReader", "load_stance_model"]
