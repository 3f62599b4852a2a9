from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from checker.errors import InputError
from checker.learn.data import closest, read_pairs, sentences

BODIES = (
    "Body ID,articleBody\n7,The dam broke on Monday. Rescuers found no one. The mayor called reports of deaths false.\n"
)
STANCES = "Headline,Body ID,Stance\nDam collapse kills dozens,7,disagree\n"


def write(folder: Path, bodies: str = BODIES, stances: str = STANCES) -> Path:
    (folder / "bodies-x.csv").write_text(bodies, encoding="utf-8")
    (folder / "stances-x.csv").write_text(stances, encoding="utf-8")
    return folder


def test_pairs_join_headlines_to_bodies(tmp_path: Path) -> None:
    [pair] = read_pairs(write(tmp_path))
    assert (pair.headline, pair.body_id, pair.label) == ("Dam collapse kills dozens", "7", "disagree")
    assert sentences(pair.body)[2] == "The mayor called reports of deaths false."


def test_a_stance_without_its_body_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="1 Body IDs have no body"):
        read_pairs(write(tmp_path, stances="Headline,Body ID,Stance\nX,8,agree\n"))


def test_a_folder_without_the_files_says_where_to_point(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="point --data at the FNC-1 folder"):
        read_pairs(tmp_path)


def test_closest_keeps_the_nearest_texts_in_reading_order() -> None:
    texts = ["first", "second", "third", "fourth"]
    vectors = np.array([[1, 0], [0, 1], [0.9, 0.1], [0.8, 0.2]], dtype=np.float32)
    assert closest(np.array([0, 1], dtype=np.float32), vectors, texts, keep=2) == "second fourth"
    assert closest(np.array([1, 0], dtype=np.float32), vectors[:0], [], keep=2) == ""
