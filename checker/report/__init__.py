"""Stage 6, report: one module per format over a shared view; the format modules load when chosen."""

from __future__ import annotations

from checker.report.formats import Format
from checker.report.render import render, write_atomic
from checker.report.view import hide_below

__all__ = ["Format", "hide_below", "render", "write_atomic"]
