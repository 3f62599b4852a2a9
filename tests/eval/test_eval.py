"""The evaluation harness: dataset readers on small inline samples, metrics by hand, and the runners."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import pytest

from checker.errors import InputError
from checker.eval import emergent, fnc1
from checker.eval.metrics import accuracy, adjusted_rand_index, confusion, precision_recall_f1
from checker.models import Claim, Document, Report, Stance, StatedAt
from tests.conftest import DATASETS

T = TypeVar("T")

EMERGENT_ROWS = [
    {
        "claimHeadline": "c",
        "articleHeadline": "Banksy arrested in London, police say",
        "articleHeadlineStance": "for",
        "articleId": "a1",
        "claimId": "g1",
        "url": "http://x.org/2014/10/20/banksy",
        "source": "x.org",
        "claimTruth": "false",
    },
    {
        "claimHeadline": "c",
        "articleHeadline": "Banksy has NOT been arrested",
        "articleHeadlineStance": "against",
        "articleId": "a2",
        "claimId": "g1",
        "url": "http://y.org/story",
        "source": "y.org",
        "claimTruth": "false",
    },
    {
        "claimHeadline": "c",
        "articleHeadline": "Apple may launch a gold watch",
        "articleHeadlineStance": "observing",
        "articleId": "a3",
        "claimId": "g2",
        "url": "http://z.org/2015/02/30/bad-date",
        "source": "z.org",
        "claimTruth": "unknown",
    },
]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def no_progress(items: list[T], label: str) -> Iterable[T]:
    return items


def test_emergent_reader(tmp_path: Path) -> None:
    write_csv(tmp_path / "emergent-dev.csv", EMERGENT_ROWS)
    headlines = emergent.read_emergent(tmp_path)
    assert [h.label for h in headlines] == ["for", "against", "observing"]
    assert [h.published for h in headlines] == [dt.date(2014, 10, 20), None, None]  # 30 February is no date
    assert headlines[0].source == "x.org" and headlines[0].claim_id == "g1"


def test_unseen_keeps_only_claims_none_of_whose_headlines_were_seen(tmp_path: Path) -> None:
    write_csv(tmp_path / "emergent-dev.csv", EMERGENT_ROWS)
    headlines = emergent.read_emergent(tmp_path)
    kept = emergent.unseen(headlines, {"Banksy has NOT been arrested"})
    assert [h.claim_id for h in kept] == ["g2"]  # one seen headline takes its whole claim out
    assert emergent.unseen(headlines, set()) == headlines


def test_emergent_reader_refuses_other_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no emergent"):
        emergent.read_emergent(tmp_path)
    write_csv(tmp_path / "emergent-x.csv", [{"a": "1"}])
    with pytest.raises(InputError, match="not an Emergent CSV"):
        emergent.read_emergent(tmp_path)


def claim(doc_id: str, stance: Stance, start: int, end: int) -> Claim:
    return Claim(
        id=f"{doc_id}:{start}",
        doc_id=doc_id,
        text="x" * (end - start),
        start=start,
        end=end,
        speaker=None,
        speaker_role=None,
        cited_source=None,
        stance=stance,
        stated_at=StatedAt(date=None, precision="unknown"),
    )


@pytest.mark.parametrize(
    ("stances", "label"),
    [
        ([], "none"),
        ([(Stance.ASSERTS, 0, 10)], "for"),
        ([(Stance.CONFIRMS, 0, 10)], "for"),
        ([(Stance.HEDGED, 0, 30), (Stance.ASSERTS, 31, 40)], "observing"),
        ([(Stance.ASSERTS, 0, 30), (Stance.DENIES, 31, 35)], "against"),
        ([(Stance.NOT_CONFIRMED, 0, 10)], "observing"),
    ],
)
def test_headline_label(stances: list[tuple[Stance, int, int]], label: str) -> None:
    assert emergent.headline_label([claim("h", s, a, b) for s, a, b in stances]) == label


def test_emergent_runner_with_a_fake_checker(tmp_path: Path) -> None:
    write_csv(tmp_path / "emergent-dev.csv", EMERGENT_ROWS)
    headlines = emergent.read_emergent(tmp_path)

    def fake_check(documents: list[Document]) -> Report:
        return Report(documents=[], claims=[], topics=[], conflicts=[])

    result = emergent.evaluate(headlines, fake_check, no_progress)
    assert result.headlines == 3 and result.groups == 2 and result.groups_truly_conflicting == 1
    assert (result.group_precision, result.group_recall) == (0.0, 0.0)
    assert result.pair_conflicts["for/against"].pairs == 1


def test_fnc1_reader_and_selection(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "bodies-dev.csv",
        [{"Body ID": "1", "articleBody": "Body one."}, {"Body ID": "2", "articleBody": "Two."}],
    )
    stances = [
        {"Headline": f"H{i}", "Body ID": str(1 + i % 2), "Stance": label}
        for i, label in enumerate(["agree", "disagree", "unrelated", "unrelated", "discuss"])
    ]
    write_csv(tmp_path / "stances-dev.csv", stances)
    pairs = fnc1.read_fnc1(tmp_path)
    assert [p.label for p in pairs] == ["agree", "disagree", "unrelated", "unrelated", "discuss"]
    chosen = fnc1.select(pairs, limit=1, unrelated=1)
    assert [p.label for p in chosen] == ["agree", "unrelated"]
    assert fnc1.select(pairs, None, 1)[-1] == fnc1.select(pairs, None, 1)[-1]  # the sample is fixed


def test_fnc1_reader_refuses_missing_bodies(tmp_path: Path) -> None:
    write_csv(tmp_path / "bodies-dev.csv", [{"Body ID": "1", "articleBody": "Body."}])
    write_csv(tmp_path / "stances-dev.csv", [{"Headline": "H", "Body ID": "9", "Stance": "agree"}])
    with pytest.raises(InputError, match="have no body"):
        fnc1.read_fnc1(tmp_path)


def test_metrics_by_hand() -> None:
    assert accuracy(["a", "b", "a"], ["a", "a", "a"]) == pytest.approx(2 / 3)
    assert confusion(["a", "b"], ["b", "b"], ["a", "b"]) == [[0, 1], [0, 1]]
    assert precision_recall_f1([True, True, False], [True, False, True]) == (0.5, 0.5, 0.5)
    assert adjusted_rand_index(["x", "x", "y", "y"], ["1", "1", "2", "2"]) == 1.0
    assert adjusted_rand_index(["x", "x", "y", "y"], ["1", "2", "1", "2"]) < 0


needs_data = pytest.mark.skipif(not (DATASETS / "emergent").exists(), reason="../shared/datasets is absent")


@needs_data
@pytest.mark.model
def test_emergent_stance_on_the_real_headlines_beats_the_regex_reference() -> None:
    headlines = emergent.read_emergent(DATASETS / "emergent")
    labels = emergent.predict_labels(headlines)
    assert accuracy([h.label for h in headlines], labels) > 0.72  # the two-minute regex lexicon's figure
