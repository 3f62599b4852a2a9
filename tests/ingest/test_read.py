from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest

from checker.errors import InputError, InputWarning
from checker.ingest.read import MAX_BYTES, parse_date, read_documents


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def test_text_file_is_one_document_named_by_its_stem(tmp_path: Path) -> None:
    (doc,) = read_documents([write(tmp_path, "story.md", "The mayor said that the road was closed.")])
    assert (doc.id, doc.published) == ("story", None)


def test_published_fills_only_missing_dates(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": "One said so.", "published": "2024-01-02"}, {"id": "b", "text": "Two said so."}]
    path = write(tmp_path, "c.jsonl", "\n".join(json.dumps(x) for x in lines))
    docs = read_documents([path], published=dt.date(2024, 5, 5))
    assert [d.published for d in docs] == [dt.date(2024, 1, 2), dt.date(2024, 5, 5)]


def test_jsonl_keeps_source_and_url(tmp_path: Path) -> None:
    record = {"id": 7, "text": "A said B.", "source": "Wire", "url": "https://example.org/x"}
    (doc,) = read_documents([write(tmp_path, "c.jsonl", json.dumps(record))])
    assert (doc.id, doc.source, doc.url) == ("7", "Wire", "https://example.org/x")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "fine"}\nnot json\n', "line 2: not JSON"),
        ('{"text": "no id"}\n', "line 1: missing 'id'"),
        ('{"id": "a"}\n', "line 1: missing 'text'"),
        ('{"id": "a", "text": "x", "published": "yesterday"}\n', "line 1: field 'published'"),
        ("[1, 2]\n", "line 1: not a JSON object"),
        ("\n\n", "no documents"),
    ],
)
def test_bad_jsonl_is_refused_with_line_numbers(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_documents([write(tmp_path, "bad.jsonl", content)])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_unreadable_text_is_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_documents([write(tmp_path, "x.txt", data)])


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF8 + "Ünïcode said so.".encode(), "Ünïcode said so.".encode("utf-16")],
)
def test_boms_are_honoured(tmp_path: Path, data: bytes) -> None:
    (doc,) = read_documents([write(tmp_path, "x.txt", data)])
    assert doc.text == "Ünïcode said so."


def test_missing_path_and_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_documents([str(tmp_path / "nope.txt")])
    path = write(tmp_path, "a.txt", "Something said.")
    with pytest.raises(InputError, match="share the id 'a'"):
        read_documents([path, path])


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/b.txt", "Bee said so.")
    write(tmp_path, "a.md", "Ay said so.")
    write(tmp_path, "ignored.pdf", "nope")
    with pytest.warns(InputWarning, match=r"skipped 1 file\(s\) .* \(ignored.pdf\)"):
        assert [d.id for d in read_documents([str(tmp_path)])] == ["a", "b"]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="larger than"):
        read_documents([write(tmp_path, "big.txt", b"a" * (MAX_BYTES + 1))])


def test_bad_date() -> None:
    with pytest.raises(InputError, match="use YYYY-MM-DD"):
        parse_date("28/10/2024", "--published")


def test_quoted_glob_is_expanded_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    write(tmp_path, "a/two.txt", "Two said so.")
    write(tmp_path, "one.txt", "One said so.")
    assert [d.id for d in read_documents([str(tmp_path / "**" / "*.txt")])] == ["two", "one"]  # a/two.txt, one.txt
    with pytest.raises(InputError, match="no files match"):
        read_documents([str(tmp_path / "*.md")])
