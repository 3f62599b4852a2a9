"""The rule registry: each rule registers itself with an id and a one-line description.

Rule modules import `rule` from here; the package's `__init__` imports them, so every built-in
rule has registered before anything can reach `all_rules`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from checker.errors import UsageError
from checker.rules.base import Finding, RuleContext
from checker.rules.matching import source_of

RuleFunction = Callable[[RuleContext, int, int], Finding | None]
# A rule's second look, after every pair was judged: what the findings so far leave unanswered.
SweepFunction = Callable[[RuleContext, list[Finding]], list[Finding]]
# Findings of these rules stand only where no cue rule judged the same pair: a model's reading adds
# to what the cues read, it does not repeat it.
SECOND_OPINIONS = frozenset({"learned"})
# Pairs of these rules are dropped when the stance model (if enabled) reads them as about different things.
VETOED_BY_MODEL = frozenset({"denial", "confirmation"})


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    check: RuleFunction
    default: bool = True  # runs unless disabled; a rule off by default runs only when enabled


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, description: str, *, default: bool = True) -> Callable[[RuleFunction], RuleFunction]:
    """Register a pairwise rule: `check(context, a, b)` returns a Finding or None. A rule registered
    with `default=False` runs only when enabled (`--enable`)."""

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in REGISTRY:
            raise ValueError(f"rule '{rule_id}' is registered twice")
        REGISTRY[rule_id] = Rule(rule_id, description, function, default)
        return function

    return register


SWEEPS: dict[str, SweepFunction] = {}


def sweep(rule_id: str) -> Callable[[SweepFunction], SweepFunction]:
    """Register a rule's sweep: `sweep(context, findings)` returns more findings of that rule, judged over
    the findings of every pair (a denial no pair answered). It runs only when its rule is active."""

    def register(function: SweepFunction) -> SweepFunction:
        if rule_id in SWEEPS:
            raise ValueError(f"rule '{rule_id}' has two sweeps")
        SWEEPS[rule_id] = function
        return function

    return register


def all_rules() -> list[Rule]:
    return sorted(REGISTRY.values(), key=lambda r: r.id)


def select(disabled: Iterable[str] = (), enabled: Iterable[str] = ()) -> list[Rule]:
    """The rules on by default and those `enabled`, less those `disabled`; an unknown id is an error,
    not a silent no-op."""
    rules = all_rules()
    known = {r.id for r in rules}
    unknown = sorted((set(disabled) | set(enabled)) - known)
    if unknown:
        raise UsageError(f"Unknown rule '{unknown[0]}'; `checker rules` lists them: {', '.join(sorted(known))}.")
    wanted = {r.id for r in rules if r.default} | set(enabled)
    return [r for r in rules if r.id in wanted and r.id not in set(disabled)]


def run(context: RuleContext, rules: list[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for a, b in context.rule_pairs():
        for active in rules:
            found = active.check(context, a, b)
            if found is not None:
                findings.append(found)
    for active in rules:
        if active.id in SWEEPS:
            findings.extend(SWEEPS[active.id](context, findings))
    return _one_per_source_pair(context, _first_opinions(_without_unrelated(context, findings)))


def _without_unrelated(context: RuleContext, findings: list[Finding]) -> list[Finding]:
    """Cue findings on a pair the stance model reads as unrelated are dropped; the pairs are scored in one batch."""
    if context.reading is None:
        return findings
    context.reading.score((f.first, f.second) for f in findings if f.kind in VETOED_BY_MODEL)
    return [f for f in findings if f.kind not in VETOED_BY_MODEL or not context.read_as_unrelated(f.first, f.second)]


def _first_opinions(findings: list[Finding]) -> list[Finding]:
    judged = {frozenset((f.first, f.second)) for f in findings if f.kind not in SECOND_OPINIONS}
    return [f for f in findings if f.kind not in SECOND_OPINIONS or frozenset((f.first, f.second)) not in judged]


def _one_per_source_pair(context: RuleContext, findings: list[Finding]) -> list[Finding]:
    """Two sources clash once per rule and topic: keep the pair where one claim answers the other by name
    ("Sistema did not confirm that figure"), else the most severe, earliest-stated pair. A denial clashes
    once per denying sentence: "the claims are false" and, later, "nor did he sell the house" each keep
    their own best pair."""
    best: dict[tuple[str, str, str, str, int], Finding] = {}
    for found in findings:
        key = (
            found.kind,
            context.topics[found.first],
            source_of(context, found.first),
            source_of(context, found.second),
            found.first if found.kind == "denial" else -1,
        )
        if key not in best or _rank(context, found) < _rank(context, best[key]):
            best[key] = found
    return list(best.values())


def _rank(context: RuleContext, found: Finding) -> tuple[bool, int, int, int]:
    orders = context.claim(found.first).stated_at.order, context.claim(found.second).stated_at.order
    return not context.answer(found.first, found.second), -found.severity.rank, min(orders), max(orders)
