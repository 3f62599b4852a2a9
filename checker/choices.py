"""Choice enums shared by the CLI and the renderers, kept free of heavy imports for `checker --help`."""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    SARIF = "sarif"
    CLAIMREVIEW = "claimreview"


class Backend(str, Enum):
    """How MiniLM is run: the same weights and vectors (to float32 rounding) either way."""

    TORCH = "torch"
    ONNX = "onnx"
    SENTENCE_TRANSFORMERS = "sentence-transformers"
