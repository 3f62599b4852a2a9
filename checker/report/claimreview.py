"""schema.org ClaimReview JSON-LD: one review per dispute, for fact-check publishing tools.

The reviewed claim is the dispute's first side (the statement disputed, or the earliest of the
competing figures); the verdict (`alternateName`) is the dispute's status: "Conflicting" while
open, "Superseded" or "Resolved" once time settled it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from checker.models import Claim, Dispute, Report, Status
from checker.resolve import iso_date

SCHEMA_ORG = "https://schema.org"
REVIEWER = "checker"
UNATTRIBUTED = "unattributed"
VERDICT = {Status.OPEN: "Conflicting", Status.SUPERSEDED: "Superseded", Status.RESOLVED: "Resolved"}
# Speakers that are bodies, not people: "the Pentagon", "the media", an acronym such as "NATO".
_ORGANIZATION_NAME = re.compile(r"^(?:[Tt]he\s|[A-Z0-9.&-]{2,}$)")

Json = dict[str, Any]

__all__ = ["author", "claim_reviews", "iso_date", "render_claimreview"]


def render_claimreview(report: Report) -> str:
    return json.dumps(claim_reviews(report), indent=2, ensure_ascii=False) + "\n"


def claim_reviews(report: Report) -> list[Json]:
    claims = {c.id: c for c in report.claims}
    urls = {d.id: d.url for d in report.documents if d.url}
    return [_review(dispute, claims[dispute.sides[0].claim_ids[0]], urls) for dispute in report.disputes]


def _review(dispute: Dispute, claim: Claim, urls: dict[str, str]) -> Json:
    review: Json = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "identifier": dispute.id,
        "claimReviewed": claim.text,
        "itemReviewed": _item(claim, urls.get(claim.doc_id)),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": VERDICT[dispute.status],
            "ratingExplanation": dispute.explanation,
        },
        "author": {"@type": "Organization", "name": REVIEWER},
    }
    if dispute.as_of is not None:
        review["datePublished"] = dispute.as_of.isoformat()
    return review


def _item(claim: Claim, url: str | None) -> Json:
    item: Json = {"@type": "Claim", "author": author(claim)}
    stated = iso_date(claim.stated_at)
    if stated is not None:
        item["datePublished"] = stated
    if url is not None:
        item["appearance"] = {"@type": "CreativeWork", "url": url}
    return item


def author(claim: Claim) -> Json:
    """The claim's author: a Person unless the name reads as a body (or is an outlet the text cites)."""
    if claim.speaker is None:
        return {"@type": "Organization", "name": claim.cited_source or UNATTRIBUTED}
    is_body = claim.speaker == claim.cited_source or _ORGANIZATION_NAME.match(claim.speaker) is not None
    return {"@type": "Organization" if is_body else "Person", "name": claim.speaker}
