"""Read input paths into Documents: `.txt`/`.md`/`.html` files, `.jsonl` corpora, directories, stdin.

Whatever cannot be read refuses the whole run: an unread input must never pass as a clean one.
Whatever is read otherwise than given (HTML converted, files skipped) raises an InputWarning.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import json
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from checker.errors import InputError, InputWarning
from checker.ingest.markup import HTML_SUFFIXES, html_to_text, looks_like_html
from checker.models import Document

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIX = ".jsonl"
DIRECTORY_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {JSONL_SUFFIX}
STDIN_PATH = "-"
GLOB_CHARS = re.compile(r"[*?\[]")
MAX_BYTES = 64 * 1024 * 1024
MAX_LISTED = 3
T = TypeVar("T")
HTML_NOTE = "read as HTML: markup, scripts and styles removed; claim offsets refer to the extracted text"
# UTF-32's little-endian mark begins with UTF-16's, so it is tried first.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


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


def _read_glob(pattern: str) -> list[Document]:
    """A quoted pattern ("archive/**/*.txt") the shell did not expand, taken in sorted order."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise InputError(f"{pattern}: no files match this pattern.")
    documents: list[Document] = []
    for match in matches:
        documents.extend(_read_path(match))
    return documents


def _read_path(raw: str) -> list[Document]:
    if raw == STDIN_PATH:
        return [_text_document("stdin", _decode(sys.stdin.buffer.read(MAX_BYTES + 1), "stdin"))]
    path = Path(raw)
    if not path.exists() and GLOB_CHARS.search(raw):
        return _read_glob(raw)
    mode = _mode(path, raw)
    if stat.S_ISDIR(mode):
        return _read_directory(path)
    if not stat.S_ISREG(mode):
        # A FIFO with no writer would block the run forever.
        raise InputError(f"{raw}: not a regular file; use '-' to read from a pipe.")
    if path.suffix.lower() == JSONL_SUFFIX:
        return _read_jsonl(path)
    return [_text_document(path.stem, _decode(_read_bytes(path), raw), path.suffix.lower() in HTML_SUFFIXES)]


def _mode(path: Path, raw: str) -> int:
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{raw}: no such file.") from None
    except OSError as error:
        raise InputError(f"{raw}: cannot read ({error.strerror}).") from None


def _read_directory(path: Path) -> list[Document]:
    files, skipped = _walk(path)
    if skipped:
        _warn(f"{path}: skipped {len(skipped)} file(s) that are not .txt, .md, .html or .jsonl ({_listing(skipped)}).")
    if not files:
        raise InputError(f"{path}: no .txt, .md, .html or .jsonl files in this directory.")
    return [doc for file in files for doc in _read_path(str(file))]


def _walk(root: Path) -> tuple[list[Path], list[Path]]:
    """Files to read and files skipped under `root`, sorted; linked folders are followed once."""
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[str] = set()
    for folder, subfolders, names in os.walk(root, onerror=_unlistable, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            subfolders.clear()
            continue
        seen.add(real)
        for name in names:
            file = Path(folder, name)
            if file.suffix.lower() in DIRECTORY_SUFFIXES and file.is_file():
                files.append(file)
            elif not any(part.startswith(".") for part in file.relative_to(root).parts):
                skipped.append(file)
    return sorted(files), sorted(skipped)


def _unlistable(error: OSError) -> None:
    # os.walk would otherwise skip an unreadable folder without a word.
    raise InputError(f"{error.filename}: cannot list this directory ({error.strerror}).")


def _listing(paths: list[Path]) -> str:
    shown = ", ".join(p.name for p in paths[:MAX_LISTED])
    return shown + (", ..." if len(paths) > MAX_LISTED else "")


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
    encoding = next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        raise _binary(name)
    text = _decode_as(data, encoding or "utf-8", name)
    if "\x00" in text:
        raise _binary(name)
    return text


def _binary(name: str) -> InputError:
    return InputError(f"{name}: looks like a binary file, not text (UTF-16 and UTF-32 need a byte-order mark).")


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text (byte {error.start}); re-save it as UTF-8."
        ) from None


def _text_document(doc_id: str, text: str, html: bool = False) -> Document:
    if html or looks_like_html(text):
        text = html_to_text(text)
        _warn(f"{doc_id}: {HTML_NOTE}.")
    if not text.strip():
        raise InputError(f"{doc_id}: the document is empty.")
    return Document(id=doc_id, text=text)


def _read_jsonl(path: Path) -> list[Document]:
    text = _decode(_read_bytes(path), str(path))
    # A JSON Lines record ends at "\n" only; str.splitlines would also cut at a U+2028 inside a string.
    lines = [(f"line {n}", line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    documents, html = _all_or_nothing(lines, _jsonl_document, str(path), "JSONL line(s)")
    if not documents:
        raise InputError(f"{path}: no documents in this JSONL file.")
    if html:
        _warn(f"{path}: {len(html)} record(s) {HTML_NOTE} ({_ids(html)}).")
    return documents


def _all_or_nothing(
    items: Sequence[tuple[str, T]], read: Callable[[T], tuple[Document, bool]], where: str, what: str
) -> tuple[list[Document], list[str]]:
    """Every item read into a Document, and the ids of those converted from HTML; one bad item refuses
    them all, naming up to MAX_LISTED of the bad ones."""
    documents: list[Document] = []
    problems: list[str] = []
    html: list[str] = []
    for label, item in items:
        try:
            document, converted = read(item)
        except ValueError as error:
            problems.append(f"{label}: {error}")
            continue
        documents.append(document)
        html += [document.id] if converted else []
    if problems:
        shown = "; ".join(problems[:MAX_LISTED]) + ("; ..." if len(problems) > MAX_LISTED else "")
        raise InputError(f"{where}: {len(problems)} bad {what}, nothing checked ({shown}).")
    return documents, html


def _ids(ids: list[str]) -> str:
    return ", ".join(ids[:MAX_LISTED]) + (", ..." if len(ids) > MAX_LISTED else "")


def read_records(
    records: Sequence[object], where: str, published: dt.date | None = None
) -> tuple[list[Document], list[str]]:
    """Documents from JSON records already parsed (an HTTP request's), checked as a JSONL file's lines are.

    Returns the documents and the notes that reading them left (HTML converted); refuses the whole
    batch, naming up to three bad records by number (from 1), if any record is bad.
    """
    numbered = [(f"document {n}", record) for n, record in enumerate(records, start=1)]
    documents, html = _all_or_nothing(numbered, record_document, where, "document(s)")
    if not documents:
        raise InputError(f"{where}: no documents; give one or more, each with 'id' and 'text'.")
    _check_unique_ids(documents)
    if published is not None:
        documents = [_with_default_date(doc, published) for doc in documents]
    notes = [f"{where}: {len(html)} record(s) {HTML_NOTE} ({_ids(html)})."] if html else []
    return documents, notes


def _jsonl_document(line: str) -> tuple[Document, bool]:
    """One record, and whether its text was HTML."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    return record_document(record)


def record_document(record: object) -> tuple[Document, bool]:
    """A JSON record with `id` and `text` (and `source`, `published`, `url`) as a Document, and whether
    its text was HTML (then converted); a ValueError says what is wrong with it."""
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
    _refuse_lone_surrogates(document)
    if "\x00" in document.text:
        raise ValueError("field 'text': looks like binary data, not text (it holds NUL characters)")
    converted = looks_like_html(document.text)
    if converted:
        document = document.model_copy(update={"text": html_to_text(document.text)})
    if not document.text.strip():
        raise ValueError("empty 'text'")
    return document, converted


def _refuse_lone_surrogates(document: Document) -> None:
    """JSON escapes can spell half a UTF-16 pair ("\\ud800"), which no report could be written with."""
    for field in ("id", "text", "source", "url"):
        value = getattr(document, field)
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"field '{field}': not valid Unicode (an unpaired surrogate escape)") from None


def _check_unique_ids(documents: list[Document]) -> None:
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            raise InputError(f"Two input documents share the id '{doc.id}'; ids must be unique.")
        seen.add(doc.id)


def _with_default_date(doc: Document, published: dt.date) -> Document:
    return doc if doc.published else doc.model_copy(update={"published": published})


def _warn(message: str) -> None:
    warnings.warn(message, InputWarning, stacklevel=3)
