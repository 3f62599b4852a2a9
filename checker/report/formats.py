"""The output formats, kept free of heavy imports: `checker --help` lists them."""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    SARIF = "sarif"
    CLAIMREVIEW = "claimreview"
