"""checker: find where the sources quoted in news text contradict each other, and how time settles it."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["Claim", "Conflict", "Dispute", "Document", "Report", "Topic", "check"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from checker.models import Claim, Conflict, Dispute, Document, Report, Topic
    from checker.pipeline import check

# Loaded on first use: the pipeline pulls in spaCy and torch and the models pull in pydantic,
# and `checker --help` needs neither.
_LAZY = {"check": "checker.pipeline", **{name: "checker.models" for name in __all__ if name != "check"}}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
