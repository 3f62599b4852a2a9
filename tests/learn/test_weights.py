"""The shipped stance weights load offline and give the outputs recorded when they were trained."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.errors import ModelError
from checker.learn.weights import METADATA_FILE, PROBES, WEIGHTS_DIR, WEIGHTS_FILE, load_stance_model

MAX_WEIGHT_BYTES = 25 * 1024 * 1024
PROBE_TOLERANCE = 2e-3  # float16 weights, float32 arithmetic: outputs agree to about 1e-4


def test_the_shipped_weights_are_small() -> None:
    assert sum(p.stat().st_size for p in WEIGHTS_DIR.iterdir()) <= MAX_WEIGHT_BYTES


def test_the_record_names_its_data_settings_and_figures() -> None:
    record = json.loads((WEIGHTS_DIR / METADATA_FILE).read_text(encoding="utf-8"))
    assert set(record["data"]) == {"bodies-train.csv", "stances-train.csv"}
    assert all(len(digest) == 64 for digest in record["data"].values())
    assert record["settings"]["seed"] and record["validation"]["balanced_accuracy"] > 0.5
    assert 0 < record["disagree_threshold"] < 1


@pytest.mark.model
def test_probes_give_the_recorded_outputs() -> None:
    model = load_stance_model()
    recorded = model.record["probes"]
    scores = model.score(list(PROBES))
    for row, expected in zip(scores, recorded, strict=True):
        got = [row.agree, row.disagree, row.discuss, row.unrelated]
        assert got == pytest.approx(expected, abs=PROBE_TOLERANCE)
        assert sum(got) == pytest.approx(1, abs=1e-3)


def copy_weights(tmp_path: Path) -> Path:
    folder = tmp_path / "weights"
    shutil.copytree(WEIGHTS_DIR, folder)
    return folder


@pytest.mark.model
def test_a_missing_weight_file_is_a_model_error(tmp_path: Path) -> None:
    folder = copy_weights(tmp_path)
    (folder / WEIGHTS_FILE).unlink()
    with pytest.raises(ModelError, match=r"stance model is missing.*without --enable learned"):
        load_stance_model(folder)


@pytest.mark.model
def test_a_corrupt_weight_file_is_a_model_error(tmp_path: Path) -> None:
    folder = copy_weights(tmp_path)
    (folder / WEIGHTS_FILE).write_bytes(b"not safetensors")
    with pytest.raises(ModelError, match="unreadable"):
        load_stance_model(folder)


@pytest.mark.model
def test_weights_for_other_labels_are_refused(tmp_path: Path) -> None:
    folder = copy_weights(tmp_path)
    record = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    record["labels"] = ["yes", "no"]
    (folder / METADATA_FILE).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ModelError, match="has labels"):
        load_stance_model(folder)
