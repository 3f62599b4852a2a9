"""The shipped matter model loads offline, gives its recorded outputs, and its trainer is deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from checker.embed.base import Embedder
from checker.errors import ModelError
from checker.learn.matters import MATTER_FILE, WEIGHTS_DIR, fit, load_matter_model, probe_chances
from checker.topics.matters import FEATURES, SIGN_FREE

PROBE_TOLERANCE = 1e-4  # MiniLM on another CPU or backend agrees to about 1e-6 in cosine


def record() -> dict[str, object]:
    loaded: dict[str, object] = json.loads((WEIGHTS_DIR / MATTER_FILE).read_text(encoding="utf-8"))
    return loaded


def test_the_record_names_its_data_and_figures() -> None:
    shipped = record()
    training = shipped["training"]
    assert isinstance(training, dict)
    assert set(training["data"]) == {"bodies-train.csv", "stances-train.csv"}
    assert all(len(digest) == 64 for digest in training["data"].values())
    assert f"{shipped['cut']:.2f}" in training["matter_ari_by_cut"]
    assert training["matter_ari_by_cut"][f"{shipped['cut']:.2f}"] == max(training["matter_ari_by_cut"].values())


def test_the_shipped_model_loads_with_features_it_can_compute() -> None:
    model = load_matter_model()
    assert set(model.features) <= set(FEATURES) and len(model.features) == len(model.coefficients)
    assert 0 < model.cut < 1


@pytest.mark.model
def test_probes_give_the_recorded_chances(real_embedder: Embedder) -> None:
    chances = probe_chances(load_matter_model(), real_embedder.encode)
    assert chances == pytest.approx(record()["probes"], abs=PROBE_TOLERANCE)
    same_king, island = chances[0], chances[-1]  # (0, 1) both about the king's health; (2, 3) the island
    assert min(same_king, island) > max(chances[1:-1])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "matter model is missing"),
        ("not json", "unreadable"),
        ('{"features": ["dense"], "coefficients": [1.0], "intercept": 0.0}', "unreadable"),
        ('{"features": ["colour"], "coefficients": [1.0], "intercept": 0.0, "cut": 0.5}', "cannot compute: colour"),
        ('{"features": ["dense"], "coefficients": [1.0, 2.0], "intercept": 0.0, "cut": 0.5}', "2 weights for 1"),
        ('{"features": ["dense"], "coefficients": [1.0], "intercept": 0.0, "cut": 1.5}', "between 0 and 1"),
        ('{"features": ["dense"], "coefficients": [NaN], "intercept": 0.0, "cut": 0.5}', "must be finite"),
        ('{"features": ["dense"], "coefficients": [-1.0], "intercept": 0.0, "cut": 0.5}', "not below 0"),
    ],
)
def test_a_missing_or_damaged_model_is_a_model_error(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / MATTER_FILE
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=f"{message}.*python -m checker.learn.matters"):
        load_matter_model(path)


def test_fitting_is_deterministic_and_finds_the_informative_feature() -> None:
    rng = np.random.default_rng(3)
    features = rng.uniform(size=(400, 2))
    labels = (features[:, 0] + 0.1 * rng.normal(size=400) > 0.5).astype(np.float64)
    names = ("dense", "lexical")
    first, second = fit(features, labels, names), fit(features, labels, names)
    assert np.array_equal(first[0], second[0]) and first[1] == second[1]
    assert first[0][0] > 5 * abs(first[0][1])


def test_a_similarity_never_weighs_against_a_match_but_the_plain_overlap_may() -> None:
    rng = np.random.default_rng(5)
    features = rng.uniform(size=(400, 2))
    labels = (features[:, 0] - features[:, 1] + 0.1 * rng.normal(size=400) > 0).astype(np.float64)
    bounded, _ = fit(features, labels, ("dense", "lexical"))
    free, _ = fit(features, labels, ("dense", "overlap"))
    assert bounded[1] == 0.0 and bounded[0] > 0
    assert free[1] < 0 < free[0]


def test_the_shipped_weights_keep_every_similarity_at_or_above_zero() -> None:
    model = load_matter_model()
    assert all(w >= 0 for name, w in zip(model.features, model.coefficients, strict=True) if name not in SIGN_FREE)
