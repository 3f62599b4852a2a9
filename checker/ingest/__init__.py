"""Stage 1, ingest: files, folders, globs, JSONL and stdin read into Documents (HTML reduced to text)."""

from __future__ import annotations

from checker.ingest.read import parse_date, read_documents, read_records

__all__ = ["parse_date", "read_documents", "read_records"]
