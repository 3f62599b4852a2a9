"""Disputes: the pairwise conflicts grouped into the problems an editor would name.

A dispute is either one statement against every claim that contradicts it in conflicts of one
kind ("Kovalenko denies what five sources assert"), or the competing figures for one counted thing
in one topic ("three figures for how many soldiers"). A statement carried by several outlets with
the same normalised text is one statement. Every conflict is in exactly one dispute: the conflicts
of a kind are shared out statement by statement, the most contested first (a greedy star cover),
and numeric conflicts are joined through the figures they share.

Only the report's own data is used, so `restrict` can redo a dispute after `--min-severity` hides
some of its conflicts. Where the numeric rule says which figure of each claim it compared
(`figures`), competing figures are told apart by counted thing; without it, by claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from checker.models import Claim, Conflict, Dispute, Quantity, Report, Side, SideRole, Stance, Status
from checker.resolve import describe, iso_date, when
from checker.topics.forest import Forest

NUMERIC = "numeric"
ARTICLE = "the article"
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
LIST_NAMES_FROM = 3  # from three others on, the sentence counts them before naming them
SETTLER_NOUN = {
    Stance.CONFIRMS: "confirmation",
    Stance.DENIES: "denial",
    Stance.ASSERTS: "account",
    Stance.HEDGED: "report",
    Stance.NOT_CONFIRMED: "statement",
}


def _settler_noun(claim: Claim) -> str:
    """What a settling claim is called: an assertion handed on at a distance ("X claims") is a report."""
    if claim.handed_on:
        return SETTLER_NOUN[Stance.HEDGED]
    return SETTLER_NOUN[claim.stance]


_NOT_WORD = re.compile(r"[\W_]+")

# A statement: who says it (lower-cased) and its normalised words. A figure: the statement and the figure.
Key = tuple[str, str]
FigureKey = tuple[str, Key, tuple[str, str | None] | None]
Figures = Mapping[tuple[str, str], tuple[Quantity, Quantity]]


@dataclass
class _Group:
    kind: str
    conflicts: list[Conflict]
    anchor: Key | None = None  # the disputed statement; None for competing figures
    figure_of: dict[str, Quantity] = field(default_factory=dict)  # claim id -> the figure it gives


def statement_key(claim: Claim) -> Key:
    """Who says it and its words, case, punctuation and spacing aside: the same for every outlet's copy."""
    speaker = (claim.speaker or claim.cited_source or "").casefold()
    return speaker, " ".join(_NOT_WORD.sub(" ", claim.text.casefold()).split())


def group_disputes(report: Report, figures: Figures | None = None) -> list[Dispute]:
    """The report's conflicts grouped into disputes, in the order of each dispute's first conflict."""
    claims = {c.id: c for c in report.claims}
    outlets = {d.id: d.source for d in report.documents}
    by_kind: dict[str, list[Conflict]] = {}
    for conflict in report.conflicts:
        by_kind.setdefault(conflict.kind, []).append(conflict)
    groups: list[_Group] = []
    for kind, conflicts in by_kind.items():
        if kind == NUMERIC:
            groups += _figure_groups(conflicts, claims, figures or {})
        else:
            groups += _statement_groups(kind, conflicts, claims)
    position = {c.id: n for n, c in enumerate(report.conflicts)}
    for group in groups:
        group.conflicts.sort(key=lambda c: position[c.id])
    groups.sort(key=lambda g: position[g.conflicts[0].id])
    return [_dispute(f"D{n}", group, claims, outlets) for n, group in enumerate(groups, start=1)]


def _statement_groups(kind: str, conflicts: list[Conflict], claims: dict[str, Claim]) -> list[_Group]:
    """Each round, the statement in the most remaining conflicts takes them all: a disputed claim and its critics.

    Ties go to the statement that stands first in its conflicts (the denial, the "not yet
    confirmed", the earlier report), then to the one whose conflict comes first in the report.
    """
    keys = [tuple(statement_key(claims[i]) for i in c.claim_ids) for c in conflicts]
    remaining = set(range(len(conflicts)))
    groups: list[_Group] = []
    while remaining:
        score: dict[Key, tuple[int, int, int]] = {}
        for n in sorted(remaining):
            for place, key in enumerate(dict.fromkeys(keys[n])):
                count, first, earliest = score.get(key, (0, 0, -n))
                score[key] = (count + 1, first + (place == 0), max(earliest, -n))
        anchor = max(score, key=lambda k: (*score[k], k))
        taken = sorted(n for n in remaining if anchor in keys[n])
        remaining.difference_update(taken)
        groups.append(_Group(kind, [conflicts[n] for n in taken], anchor=anchor))
    return groups


def _figure_groups(conflicts: list[Conflict], claims: dict[str, Claim], figures: Figures) -> list[_Group]:
    """Numeric conflicts joined through the figures they share: one group per counted thing and topic."""
    forest: Forest[FigureKey] = Forest()
    compared: list[dict[str, Quantity]] = []  # per conflict: claim id -> the figure compared
    ends: list[FigureKey] = []
    for conflict in conflicts:
        pair = figures.get((conflict.claim_ids[0], conflict.claim_ids[1]))
        mine = {i: pair[place] for place, i in enumerate(conflict.claim_ids[:2])} if pair is not None else {}
        nodes = [_figure_node(claims[i], mine.get(i)) for i in conflict.claim_ids[:2]]
        forest.join(nodes[0], nodes[1])
        compared.append(mine)
        ends.append(nodes[0])
    grouped: dict[FigureKey, _Group] = {}
    for conflict, mine, end in zip(conflicts, compared, ends, strict=True):
        group = grouped.setdefault(forest.root(end), _Group(NUMERIC, []))
        group.conflicts.append(conflict)
        for claim_id, figure in mine.items():
            group.figure_of.setdefault(claim_id, figure)
    return list(grouped.values())


def _figure_node(claim: Claim, figure: Quantity | None) -> FigureKey:
    return claim.topic_id or "", statement_key(claim), (figure.text, figure.unit) if figure else None


def _dispute(dispute_id: str, group: _Group, claims: dict[str, Claim], outlets: Mapping[str, str | None]) -> Dispute:
    involved = list(dict.fromkeys(i for c in group.conflicts for i in c.claim_ids))
    if group.anchor is not None:
        # Every outlet that carried the disputed statement stands on its side, paired or not: the rules
        # keep one conflict per pair of sources, so a wire copy may take part in none.
        involved += [i for i, c in claims.items() if i not in involved and statement_key(c) == group.anchor]
    if group.anchor is None:
        sides = _sides(involved, claims, outlets, lambda c: _figure_node(c, group.figure_of.get(c.id)), group)
        disputed = _counted_thing(group, claims)
    else:
        sides = _sides(involved, claims, outlets, statement_key, group)
        disputed = sides[0].what
    return assemble(dispute_id, group.kind, disputed, sides, group.conflicts, claims, outlets)


def _sides(
    involved: list[str],
    claims: dict[str, Claim],
    outlets: Mapping[str, str | None],
    key_of: Callable[[Claim], Hashable],
    group: _Group,
) -> list[Side]:
    members: dict[Hashable, list[Claim]] = {}
    for claim_id in involved:
        claim = claims[claim_id]
        members.setdefault(key_of(claim), []).append(claim)
    ordered = sorted(members.items(), key=lambda item: _side_order(item[0], item[1], group))
    return [_side(key, found, outlets, group) for key, found in ordered]


def _side_order(key: Hashable, found: list[Claim], group: _Group) -> tuple[bool, int, str]:
    first = min(found, key=lambda c: (c.stated_at.order, c.id))
    return key != group.anchor, first.stated_at.order, first.id


def _side(key: Hashable, found: list[Claim], outlets: Mapping[str, str | None], group: _Group) -> Side:
    found = sorted(found, key=lambda c: (c.stated_at.order, c.id))
    first = found[0]
    if group.anchor is None:
        role = SideRole.FIGURE
        figure = group.figure_of.get(first.id)
        what = figure.label if figure is not None and figure.unit else first.text
    else:
        role = SideRole.DISPUTED if key == group.anchor else SideRole.CONTRADICTS
        what = first.text
    return Side(
        role=role,
        who=who(first, outlets),
        when=iso_date(first.stated_at),
        what=what,
        stance=first.stance,
        claim_ids=[c.id for c in found],
    )


def _counted_thing(group: _Group, claims: dict[str, Claim]) -> str:
    """ "how many soldiers (DPRK)": the unit most figures use, with the qualifiers of the earliest of them."""
    figures = sorted(
        ((claims[i], q) for i, q in group.figure_of.items() if q.unit),
        key=lambda item: (item[0].stated_at.order, item[0].id),
    )
    if not figures:
        return "the figures given"
    units = [q.unit for _, q in figures]
    unit = max(dict.fromkeys(units), key=units.count)
    qualifiers = next(q.qualifiers for _, q in figures if q.unit == unit)
    return f"how many {unit}" + (f" ({', '.join(qualifiers)})" if qualifiers else "")


def who(claim: Claim, outlets: Mapping[str, str | None]) -> str:
    """The speaker, else the outlet the text relays, else the outlet publishing it, else the article."""
    return claim.speaker or claim.cited_source or _outlet(claim, outlets) or ARTICLE


def _outlet(claim: Claim, outlets: Mapping[str, str | None]) -> str | None:
    """Where the claim was published: the outlet, or among several documents, which article it is in."""
    source = outlets.get(claim.doc_id)
    if source is None and len(outlets) > 1 and claim.unattributed:
        return f"{ARTICLE} {claim.doc_id}"
    return source


def assemble(
    dispute_id: str,
    kind: str,
    disputed: str,
    sides: list[Side],
    conflicts: list[Conflict],
    claims: dict[str, Claim],
    outlets: Mapping[str, str | None],
) -> Dispute:
    """A dispute from its sides and conflicts: status, severity, settlement and explanation follow from them."""
    urgent = max(conflicts, key=lambda c: (c.status is Status.OPEN, c.severity.rank))  # the first of the most urgent
    settled = urgent.status is not Status.OPEN
    settler = _first_settler(conflicts, claims) if settled else None
    dates = [c.as_of for c in conflicts if c.as_of is not None]
    dispute = Dispute(
        id=dispute_id,
        kind=kind,
        status=urgent.status,
        severity=urgent.severity,
        disputed=disputed,
        sides=sides,
        conflict_ids=[c.id for c in conflicts],
        resolved_by=settler.id if settler is not None else None,
        as_of=max(dates) if dates else None,
        explanation="",
    )
    explanation = conflicts[0].explanation if len(conflicts) == 1 else _explain(dispute, conflicts, claims, outlets)
    return dispute.model_copy(update={"explanation": explanation})


def _first_settler(conflicts: list[Conflict], claims: dict[str, Claim]) -> Claim | None:
    """Of the claims that settled these conflicts, the earliest on the timeline."""
    settlers = [claims[c.resolved_by] for c in conflicts if c.resolved_by in claims]
    return min(settlers, key=lambda c: (c.stated_at.order, c.id)) if settlers else None


def restrict(report: Report, kept: Sequence[Conflict]) -> list[Dispute]:
    """The report's disputes over only the `kept` conflicts: emptied disputes go, the others are redone."""
    claims = {c.id: c for c in report.claims}
    outlets = {d.id: d.source for d in report.documents}
    by_id = {c.id: c for c in kept}
    disputes: list[Dispute] = []
    for dispute in report.disputes:
        conflicts = [by_id[i] for i in dispute.conflict_ids if i in by_id]
        if not conflicts:
            continue
        if len(conflicts) == len(dispute.conflict_ids):
            disputes.append(dispute)
            continue
        involved = {i for c in conflicts for i in c.claim_ids}
        sides = [s for s in dispute.sides if involved.intersection(s.claim_ids)]
        disputes.append(assemble(dispute.id, dispute.kind, dispute.disputed, sides, conflicts, claims, outlets))
    return disputes


def _explain(
    dispute: Dispute, conflicts: list[Conflict], claims: dict[str, Claim], outlets: Mapping[str, str | None]
) -> str:
    """One sentence: what is disputed by whom, then whether and by what it was settled."""
    if dispute.sides[0].role is SideRole.FIGURE:
        lead = _figures_sentence(dispute, claims)
    else:
        lead = _statement_sentence(dispute, claims, outlets)
    text = f"{lead}; {_settlement(dispute, conflicts, claims, outlets)}."
    return text[0].upper() + text[1:]


def _statement_sentence(dispute: Dispute, claims: dict[str, Claim], outlets: Mapping[str, str | None]) -> str:
    anchor, others = dispute.sides[0], [s for s in dispute.sides if s.role is SideRole.CONTRADICTS]
    first = claims[anchor.claim_ids[0]]
    subject = describe(first, _outlet(first, outlets))
    distinct = list(dict.fromkeys(s.who for s in others))
    plural = len(distinct) > 1
    names = _names(distinct)
    if dispute.kind == "denial" and anchor.stance is Stance.DENIES:
        return f"{subject} denies what {names} {'assert' if plural else 'asserts'}"
    if dispute.kind == "denial":
        return f"{subject} asserts what {names} {'deny' if plural else 'denies'}"
    if dispute.kind == "confirmation" and anchor.stance is Stance.NOT_CONFIRMED:
        confirmed = all(s.stance is Stance.CONFIRMS for s in others)
        verb = ("confirm" if confirmed else "state") if plural else ("confirms" if confirmed else "states")
        return f"{subject} had not confirmed what {names} {verb}"
    if dispute.kind == "update":
        return f"{names} {'report' if plural else 'reports'} later developments of what {subject} described"
    if dispute.kind == "schedule":
        return f"{subject} dates it differently from {names}"
    if dispute.kind == "learned":
        return f"{subject} is disputed by {names}, as the stance model reads {'them' if plural else 'it'}"
    return f"{subject} is contradicted by {names} ({dispute.kind})"


def _figures_sentence(dispute: Dispute, claims: dict[str, Claim]) -> str:
    listed = ", ".join(f"{s.what} ({s.who}, {when(claims[s.claim_ids[0]])})" for s in dispute.sides)
    count = len(dispute.sides)
    return f"{NUMBER_WORDS.get(count, str(count))} different figures for {dispute.disputed}: {listed}"


def _names(names: list[str]) -> str:
    """ "A and B"; from three on, "five sources (A, B, C, D, E)"; each name once."""
    if len(names) < LIST_NAMES_FROM:
        return " and ".join(names)
    count = len(names)
    return f"{NUMBER_WORDS.get(count, str(count))} sources ({', '.join(names)})"


def _settlement(
    dispute: Dispute, conflicts: list[Conflict], claims: dict[str, Claim], outlets: Mapping[str, str | None]
) -> str:
    if dispute.status is Status.OPEN:
        settled = [c for c in conflicts if c.status is not Status.OPEN]
        if not settled:
            return "nothing later in the input settles it"
        verb = "is" if len(settled) == 1 else "are"
        text = f"{len(settled)} of its {len(conflicts)} conflicts {verb} settled"
        first = _first_settler(settled, claims)
        if first is not None:
            text += f", first by the later {_settler_noun(first)} of {describe(first, _outlet(first, outlets))}"
        return f"{text}; the others stay open"
    text = str(dispute.status.value)
    if dispute.resolved_by is not None:
        settler = claims[dispute.resolved_by]
        noun = _settler_noun(settler)
        text += f" by the later {noun} of {describe(settler, _outlet(settler, outlets))}"
    if dispute.as_of is not None:
        text += f", as of {dispute.as_of.day} {dispute.as_of:%B %Y}"
    return text
