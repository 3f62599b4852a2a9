from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.dates import (
    Relative,
    as_statement_date,
    find_dates,
    find_deictic,
    reference_in,
    relative_marker,
)
from checker.models import Precision

PUBLISHED = dt.date(2024, 10, 28)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision", "bound"),
    [
        ("On 17 October, he said", dt.date(2024, 10, 17), dt.date(2024, 10, 17), Precision.DAY, None),
        ("used on 27-28 October", dt.date(2024, 10, 27), dt.date(2024, 10, 28), Precision.DAY, None),
        ("In early October, she said", dt.date(2024, 10, 1), dt.date(2024, 10, 10), Precision.MONTH_PART, None),
        ("by late September", dt.date(2024, 9, 21), dt.date(2024, 9, 30), Precision.MONTH_PART, "not_after"),
        ("ready as early as 1 November", dt.date(2024, 11, 1), dt.date(2024, 11, 1), Precision.DAY, "not_before"),
        ("on March 3, 2023 it", dt.date(2023, 3, 3), dt.date(2023, 3, 3), Precision.DAY, None),
        ("in January it will", dt.date(2025, 1, 1), dt.date(2025, 1, 31), Precision.MONTH, None),
        ("delayed to the second half of the year", dt.date(2024, 7, 1), dt.date(2024, 12, 31), Precision.SEASON, None),
        ("in the first half of 2026", dt.date(2026, 1, 1), dt.date(2026, 6, 30), Precision.SEASON, None),
        ("opens next spring", dt.date(2025, 3, 1), dt.date(2025, 5, 31), Precision.SEASON, None),
        ("by the winter", dt.date(2024, 12, 1), dt.date(2025, 2, 28), Precision.SEASON, "not_after"),
    ],
)
def test_dates(text: str, first: dt.date, last: dt.date, precision: Precision, bound: str | None) -> None:
    (found,) = find_dates(text, PUBLISHED)
    assert (found.date_from, found.date_to, found.precision, found.bound) == (first, last, precision, bound)


@pytest.mark.parametrize(
    "text", ["They may leave.", "The 11th brigade", "In 1928 words", "no date here", "They spring into action."]
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_statement_is_never_after_publication() -> None:
    (found,) = find_dates("On 30 December, he said", PUBLISHED)
    assert as_statement_date(found, PUBLISHED) == dt.date(2023, 12, 30)


def test_no_reference_gives_no_guessed_year() -> None:
    assert find_dates("On 17 October, he said", None) == []
    assert find_dates("On 17 October 2021, he said", None)[0].date_from == dt.date(2021, 10, 17)


def test_today_is_the_reference_day() -> None:
    (found,) = find_deictic("Today, I can confirm it", dt.date(2024, 10, 28), [])
    assert found.date_from == dt.date(2024, 10, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Earlier, the Post wrote", Relative.EARLIER),
        ("Later, the Pentagon confirmed", Relative.LATER),
        ("At the same time, he said", Relative.SAME),
        ("Previously, it was reported", Relative.EARLIER),
        ("He later said", None),
    ],
)
def test_relative_markers(text: str, expected: Relative | None) -> None:
    assert relative_marker(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "MOSCOW (Sputnik - 28th November, 2020) The launch was put off. It was due on December 3.",
            dt.date(2020, 11, 28),
        ),
        ("In February 2011 the paper asked about the date. In June 2013 the agency answered.", dt.date(2013, 6, 30)),
        ("The launch is due on April 11, the company said.", None),
    ],
)
def test_an_undated_article_s_own_date(text: str, expected: dt.date | None) -> None:
    assert reference_in(text) == expected
