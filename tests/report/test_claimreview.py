"""schema.org ClaimReview JSON-LD: one review per dispute, verdict from the status, authors typed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from checker.models import Document, Precision, Report, Severity, StatedAt, Status
from checker.report.claimreview import author, claim_reviews, iso_date, render_claimreview
from tests import reports

VERDICTS = {"open": "Conflicting", "superseded": "Superseded", "resolved": "Resolved"}
STORY = Document(
    id="port",
    url="https://example.org/port-strike",
    text=(
        "On 2 May, Port director Ada Lind said that the strike has ended.\n\n"
        "On 3 May, the dockers' union said that the strike continues at every terminal."
    ),
)


def _check_review(review: dict[str, object], report: Report) -> None:
    claims = {c.id: c for c in report.claims}
    dispute = next(d for d in report.disputes if d.id == review["identifier"])
    first = claims[dispute.sides[0].claim_ids[0]]
    assert (review["@context"], review["@type"]) == ("https://schema.org", "ClaimReview")
    assert review["claimReviewed"] == first.text
    assert review["author"] == {"@type": "Organization", "name": "checker"}
    assert review.get("datePublished") == (dispute.as_of.isoformat() if dispute.as_of else None)
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "alternateName": VERDICTS[dispute.status.value],
        "ratingExplanation": dispute.explanation,
    }
    item = review["itemReviewed"]
    assert isinstance(item, dict) and item["@type"] == "Claim"
    assert item["author"]["@type"] in {"Person", "Organization"}
    assert item["author"]["name"] == (first.speaker or first.cited_source or "unattributed")
    assert item.get("datePublished") == iso_date(first.stated_at)


def test_one_review_per_dispute(riverside_report: Report) -> None:
    reviews = json.loads(render_claimreview(riverside_report))
    assert [r["identifier"] for r in reviews] == [d.id for d in riverside_report.disputes]
    for review in reviews:
        _check_review(review, riverside_report)
    assert len(reviews) < len(riverside_report.conflicts)  # a dispute of several conflicts is reviewed once


@pytest.mark.model
def test_seed_reviews(seed_report: Report) -> None:
    reviews = claim_reviews(seed_report)
    assert len(reviews) == len(seed_report.disputes) < len(seed_report.conflicts)
    for review in reviews:
        _check_review(review, seed_report)
    assert "Resolved" in {r["reviewRating"]["alternateName"] for r in reviews}
    # The denial disputed by several sources is reviewed once, with the denial as the claim reviewed.
    kovalenko = next(c for c in seed_report.claims if c.speaker == "Andrii Kovalenko")
    assert [r["claimReviewed"] for r in reviews].count(kovalenko.text) == 1


def test_statement_date_and_page_of_the_reviewed_claim() -> None:
    lind = reports.claim(
        STORY,
        "On 2 May, Port director Ada Lind said that the strike has ended.",
        1,
        "Ada Lind",
        stated_at=StatedAt(date=dt.date(2025, 5, 2), precision=Precision.DAY, order=0),
    )
    union = reports.claim(
        STORY, "On 3 May, the dockers' union said that the strike continues at every terminal.", 2, None
    )
    report = reports.report(
        [STORY], [lind, union], [reports.conflict(1, "denial", (lind, union), Status.OPEN, Severity.HIGH)]
    )
    (review,) = claim_reviews(report)
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Ada Lind"},
        "datePublished": "2025-05-02",
        "appearance": {"@type": "CreativeWork", "url": "https://example.org/port-strike"},
    }


@pytest.mark.parametrize(
    ("speaker", "cited", "expected"),
    [
        ("Ada Lind", None, ("Person", "Ada Lind")),
        ("Lloyd Austin", "Reuters", ("Person", "Lloyd Austin")),
        ("the Pentagon", None, ("Organization", "the Pentagon")),
        ("The Guardian", "The Guardian", ("Organization", "The Guardian")),
        ("NATO", None, ("Organization", "NATO")),
        ("Theodore Roosevelt", None, ("Person", "Theodore Roosevelt")),
        (None, "the Washington Post", ("Organization", "the Washington Post")),
        (None, None, ("Organization", "unattributed")),
    ],
)
def test_author_type(speaker: str | None, cited: str | None, expected: tuple[str, str]) -> None:
    claim = reports.claim(STORY, "the strike has ended", 1, speaker, cited_source=cited)
    found = author(claim)
    assert (found["@type"], found["name"]) == expected


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (dt.date(2024, 10, 17), Precision.DAY, "2024-10-17"),
        (dt.date(2024, 10, 1), Precision.MONTH_PART, "2024-10"),
        (dt.date(2024, 10, 1), Precision.MONTH, "2024-10"),
        (dt.date(2024, 1, 1), Precision.YEAR, "2024"),
        (None, Precision.RELATIVE, None),
    ],
)
def test_statement_date_keeps_its_precision(date: dt.date | None, precision: Precision, expected: str | None) -> None:
    assert iso_date(StatedAt(date=date, precision=precision)) == expected


def test_no_conflicts_is_an_empty_list(riverside_report: Report) -> None:
    assert render_claimreview(riverside_report.model_copy(update={"conflicts": [], "disputes": []})) == "[]\n"
