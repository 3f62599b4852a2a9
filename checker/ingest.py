"""Read input paths into Documents: `.txt`/`.md` files, `.jsonl` corpora, directories, stdin."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from checker.errors import InputError
from checker.models import Document

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIX = ".jsonl"
STDIN_PATH = "-"
MAX_BYTES = 64 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_documents(paths: Iterable[str], published: dt.date | None = None) -> list[Document]:
    """Every document named by `paths`, in a stable order; `published` fills missing dates."""
    documents: list[Document] = []
    for raw in paths:
        documents.extend(_read_path(raw))
    if not documents:
        raise InputError("No input documents: give one or more .txt, .md or .jsonl paths, or '-'.")
    _check_unique_ids(documents)
    if published is not None:
        documents = [_with_default_date(doc, published) for doc in documents]
    return documents


def parse_date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what} '{value}' is not a date: use YYYY-MM-DD.") from None


def _read_path(raw: str) -> list[Document]:
    if raw == STDIN_PATH:
        return [_text_document("stdin", _decode(sys.stdin.buffer.read(MAX_BYTES + 1), "stdin"))]
    path = Path(raw)
    if path.is_dir():
        return _read_directory(path)
    if not path.exists():
        raise InputError(f"{raw}: no such file.")
    if path.suffix.lower() == JSONL_SUFFIX:
        return _read_jsonl(path)
    return [_text_document(path.stem, _decode(_read_bytes(path), raw))]


def _read_directory(path: Path) -> list[Document]:
    wanted = TEXT_SUFFIXES | {JSONL_SUFFIX}
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted)
    if not files:
        raise InputError(f"{path}: no .txt, .md or .jsonl files in this directory.")
    documents: list[Document] = []
    for file in files:
        documents.extend(_read_path(str(file)))
    return documents


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror}).") from None
    return data


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MiB; split it into smaller files.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding, name)
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text.")
    return _decode_as(data, "utf-8", name)


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text (byte {error.start}); re-save it as UTF-8."
        ) from None


def _text_document(doc_id: str, text: str) -> Document:
    if not text.strip():
        raise InputError(f"{doc_id}: the document is empty.")
    return Document(id=doc_id, text=text)


def _read_jsonl(path: Path) -> list[Document]:
    text = _decode(_read_bytes(path), str(path))
    documents: list[Document] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append(_jsonl_document(line))
        except ValueError as error:
            problems.append(f"line {number}: {error}")
    if problems:
        shown = "; ".join(problems[:3]) + ("; ..." if len(problems) > 3 else "")
        raise InputError(f"{path}: {len(problems)} bad JSONL line(s), nothing checked ({shown}).")
    if not documents:
        raise InputError(f"{path}: no documents in this JSONL file.")
    return documents


def _jsonl_document(line: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    for field in ("id", "text"):
        if field not in record:
            raise ValueError(f"missing '{field}'")
    if isinstance(record["id"], int):
        record["id"] = str(record["id"])
    try:
        document = Document.model_validate({k: record.get(k) for k in Document.model_fields if k in record})
    except ValidationError as error:
        first = error.errors()[0]
        raise ValueError(f"field '{first['loc'][0]}': {first['msg']}") from None
    if not document.text.strip():
        raise ValueError("empty 'text'")
    return document


def _check_unique_ids(documents: list[Document]) -> None:
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            raise InputError(f"Two input documents share the id '{doc.id}'; ids must be unique.")
        seen.add(doc.id)


def _with_default_date(doc: Document, published: dt.date) -> Document:
    return doc if doc.published else doc.model_copy(update={"published": published})
