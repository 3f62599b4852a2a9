"""The data that flows between pipeline stages and out of the report."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

# "2": the report groups its conflicts into `disputes` (every conflict in exactly one).
# "3": conflicts carry the stance model's `stance_scores`, and claims their `commitment`.
SCHEMA_VERSION = "4"


class Stance(str, Enum):
    ASSERTS = "asserts"
    DENIES = "denies"
    NOT_CONFIRMED = "not_confirmed"
    CONFIRMS = "confirms"
    HEDGED = "hedged"


class Commitment(str, Enum):
    """How far the claim's speaker stands behind it, apart from what it says."""

    ASSERTED = "asserted"  # stated as fact (or denied, or confirmed) by the speaker
    REPORTED = "reported"  # handed on at a distance: "reportedly", "X claims", "Report: ..."
    SPECULATIVE = "speculative"  # the speaker's own possibility, forecast, plan or question


class Precision(str, Enum):
    DAY = "day"
    MONTH_PART = "month_part"
    MONTH = "month"
    SEASON = "season"  # a half of the year or a season: "the second half of the year", "in the spring"
    YEAR = "year"
    RELATIVE = "relative"
    UNKNOWN = "unknown"


class Status(str, Enum):
    OPEN = "open"
    SUPERSEDED = "superseded"
    RESOLVED = "resolved"


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Model):
    """One input text with what is known about where it came from."""

    id: str = Field(min_length=1)
    text: str
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None


class DocumentInfo(_Model):
    id: str
    source: str | None
    published: dt.date | None
    url: str | None
    archived: bool = Field(default=False, description="true for a document from the archive (checker check --archive)")


class StatedAt(_Model):
    """When a statement was made; `order` ranks all claims on one timeline."""

    date: dt.date | None
    precision: Precision
    order: int = 0


class DateMention(_Model):
    """A date or date range that the claim talks about (not when it was said)."""

    text: str
    start: int
    end: int
    date_from: dt.date
    date_to: dt.date
    precision: Precision
    bound: str | None = Field(default=None, description="'not_before' or 'not_after' when the text gives a bound")


PART_SCOPE = "part"  # `Quantity.scope` of a share of another figure ("including eight")
AGE_MEASURE = "age"  # `Quantity.measure` of a person's age ("Maria Lopez, 52,", "a 52-year-old"): no count of anything


class Quantity(_Model):
    text: str
    value: float
    low: float
    high: float
    approx: bool
    unit: str | None
    qualifiers: list[str] = Field(default_factory=list)
    event: str | None = None
    measure: str | None = Field(
        default=None, description="what the figure counts when the parse says: deaths, injuries, votes, crowd, ..."
    )
    scope: str | None = Field(
        default=None,
        description='the part of a whole the figure counts: "part" for a share of another figure ("including eight '
        'who drowned", "four of the 58"), or the place it is limited to ("in his province alone" -> "his province")',
    )
    event_date: str | None = Field(
        default=None,
        description='the date of another event the figure belongs to, as written: "the October 7 attack, in which '
        'militants killed about 1,200 people" -> "october 7"',
    )

    @property
    def label(self) -> str:
        """The figure as a report shows it: its words, with the counted noun where the words lack it
        ("nearly 11,000 soldiers"); a unit written as a word or symbol stays as written ("51.5 percent",
        "20%", "$20,000")."""
        symbol = not (self.text[:1].isalnum() and self.text[-1:].isalnum())
        if self.unit is None or symbol or self.unit in self.text.lower():
            return self.text
        return f"{self.text} {self.unit}"


class Claim(_Model):
    id: str
    doc_id: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_role: str | None
    cited_source: str | None
    stance: Stance
    commitment: Commitment = Field(
        default=Commitment.ASSERTED, description="asserted, reported (at a distance) or speculative"
    )
    stated_at: StatedAt
    quantities: list[Quantity] = Field(default_factory=list)
    mentions: list[DateMention] = Field(default_factory=list)
    refers_to: str | None = Field(
        default=None, description="id of the earlier claim this one answers ('Russia refutes that claim')"
    )
    topic_id: str | None = None
    matter_id: str | None = Field(
        default=None, description="the matter within its topic: the claims saying nearly the same ('T3.2')"
    )

    @property
    def unattributed(self) -> bool:
        """In the article's own voice: nobody is named as saying it, and no outlet as carrying it."""
        return self.speaker is None and self.cited_source is None

    @property
    def handed_on(self) -> bool:
        """An assertion the reporter hands to someone else ("X claims", "Report: X"), at a distance."""
        return self.stance is Stance.ASSERTS and self.commitment is Commitment.REPORTED


class Topic(_Model):
    id: str
    label: str
    claim_ids: list[str]


class StanceScores(_Model):
    """The trained stance model's reading of one claim against the other's article (checker.learn)."""

    agree: float
    disagree: float
    discuss: float
    unrelated: float


class Conflict(_Model):
    id: str
    kind: str
    claim_ids: list[str]
    status: Status
    severity: Severity
    resolved_by: str | None
    as_of: dt.date | None
    explanation: str
    stance_scores: StanceScores | None = Field(
        default=None,
        description="the stance model's probabilities for the two claims; null when it did not run (--disable learned)",
    )


class SideRole(str, Enum):
    DISPUTED = "disputed"
    CONTRADICTS = "contradicts"
    FIGURE = "figure"


class Side(_Model):
    """One side of a dispute: one statement (with its copies in other outlets), or one competing figure."""

    role: SideRole = Field(
        description="'disputed': the statement in dispute; 'contradicts': a claim against it; "
        "'figure': one of the competing figures for a counted thing"
    )
    who: str = Field(description="the speaker, else the outlet relayed or publishing, else 'the article'")
    when: str | None = Field(
        description="when it was said, ISO at the precision known ('2024-10-17', '2024-10'); null if undated"
    )
    what: str = Field(description="the statement, or for a figure the figure with its unit")
    stance: Stance
    claim_ids: list[str] = Field(description="its claims: one, or several when outlets carry the same statement")


class Dispute(_Model):
    """One problem an editor would name: a statement against everything that contradicts it, or the
    competing figures for one counted thing; its pairwise conflicts are listed in `conflict_ids`."""

    id: str
    kind: str = Field(description="the rule of its conflicts")
    status: Status = Field(description="of its most urgent conflict: open before settled, then by severity")
    severity: Severity = Field(description="of its most urgent conflict")
    disputed: str = Field(description="the statement disputed, or the counted thing the figures compete for")
    sides: list[Side]
    conflict_ids: list[str]
    resolved_by: str | None = Field(description="once no conflict is open: the claim that settled it first")
    as_of: dt.date | None = Field(description="the latest date of the evidence its conflicts weigh")
    explanation: str


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    documents: list[DocumentInfo]
    claims: list[Claim]
    topics: list[Topic]
    matters: list[Topic] = Field(
        default_factory=list, description="each topic's claims grouped finer, by what they say (matter_id)"
    )
    disputes: list[Dispute] = Field(
        default_factory=list, description="the conflicts grouped into disputes; every conflict is in exactly one"
    )
    conflicts: list[Conflict]
    warnings: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list, description="ids of the rules that ran on this input")
    unchecked: list[str] = Field(
        default_factory=list, description="ids of documents that could not be checked (indeterminate)"
    )
