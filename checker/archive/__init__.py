"""The claim archive: documents, claims with their analyses and vectors, on disk, indexed once and
queried by drafts (`checker archive add|info|remove`, `checker check DRAFT --archive DIR`).

SQLite holds documents, claims and vectors (`store`); usearch indexes the vectors (`vectors`);
`analyse` turns documents into what is archived, locally or on Ray (`ray_engine`); `draft` checks
drafts against it. Names load on first use: `checker --help` must not pull in the parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["AddResult", "Archive", "ArchiveInfo", "Engine", "WithArchive", "dated", "with_archive"]

if TYPE_CHECKING:
    from checker.archive.archive import AddResult, Archive, ArchiveInfo, Engine
    from checker.archive.draft import WithArchive, dated, with_archive

_LAZY = {
    **{name: "checker.archive.archive" for name in ("AddResult", "Archive", "ArchiveInfo", "Engine")},
    **{name: "checker.archive.draft" for name in ("WithArchive", "dated", "with_archive")},
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'checker.archive' has no attribute {name!r}")
