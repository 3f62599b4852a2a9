"""checker: find where the sources quoted in news text contradict each other, and how time settles it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.models import Claim, Conflict, Document, Report, Topic

__all__ = ["Claim", "Conflict", "Document", "Report", "Topic", "check"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from checker.pipeline import check


def __getattr__(name: str) -> Any:
    # The pipeline pulls in spaCy and torch; keep `import checker` (and `checker --help`) light.
    if name == "check":
        from checker.pipeline import check

        return check
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
