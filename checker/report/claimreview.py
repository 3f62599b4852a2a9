"""schema.org ClaimReview JSON-LD: one review per conflict, for fact-check publishing tools.

The reviewed claim is the conflict's first claim; the verdict (`alternateName`) is the
conflict's status: "Conflicting" while open, "Superseded" or "Resolved" once time settled it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from checker.models import Claim, Conflict, Precision, Report, StatedAt, Status

SCHEMA_ORG = "https://schema.org"
REVIEWER = "checker"
UNATTRIBUTED = "unattributed"
VERDICT = {Status.OPEN: "Conflicting", Status.SUPERSEDED: "Superseded", Status.RESOLVED: "Resolved"}
# Speakers that are bodies, not people: "the Pentagon", "the media", an acronym such as "NATO".
_ORGANIZATION_NAME = re.compile(r"^(?:[Tt]he\s|[A-Z0-9.&-]{2,}$)")

Json = dict[str, Any]


def render_claimreview(report: Report) -> str:
    return json.dumps(claim_reviews(report), indent=2, ensure_ascii=False) + "\n"


def claim_reviews(report: Report) -> list[Json]:
    claims = {c.id: c for c in report.claims}
    urls = {d.id: d.url for d in report.documents if d.url}
    return [_review(conflict, claims[conflict.claim_ids[0]], urls) for conflict in report.conflicts]


def _review(conflict: Conflict, claim: Claim, urls: dict[str, str]) -> Json:
    review: Json = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "identifier": conflict.id,
        "claimReviewed": claim.text,
        "itemReviewed": _item(claim, urls.get(claim.doc_id)),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": VERDICT[conflict.status],
            "ratingExplanation": conflict.explanation,
        },
        "author": {"@type": "Organization", "name": REVIEWER},
    }
    if conflict.as_of is not None:
        review["datePublished"] = conflict.as_of.isoformat()
    return review


def _item(claim: Claim, url: str | None) -> Json:
    item: Json = {"@type": "Claim", "author": author(claim)}
    stated = iso_date(claim.stated_at)
    if stated is not None:
        item["datePublished"] = stated
    if url is not None:
        item["appearance"] = {"@type": "CreativeWork", "url": url}
    return item


def iso_date(stated: StatedAt) -> str | None:
    """The statement date at the precision it is known: "2024-10-17", "2024-10" (early October), "2024"."""
    if stated.date is None:
        return None
    if stated.precision in {Precision.MONTH, Precision.MONTH_PART}:
        return f"{stated.date:%Y-%m}"
    if stated.precision is Precision.YEAR:
        return f"{stated.date:%Y}"
    return stated.date.isoformat()


def author(claim: Claim) -> Json:
    """The claim's author: a Person unless the name reads as a body (or is an outlet the text cites)."""
    if claim.speaker is None:
        return {"@type": "Organization", "name": claim.cited_source or UNATTRIBUTED}
    is_body = claim.speaker == claim.cited_source or _ORGANIZATION_NAME.match(claim.speaker) is not None
    return {"@type": "Organization" if is_body else "Person", "name": claim.speaker}
