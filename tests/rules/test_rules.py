"""Case tables for each rule, with the real embedding model (the rules' thresholds are set for it)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.embed.base import Embedder
from checker.errors import UsageError
from checker.extract import extract
from checker.models import Document, Severity
from checker.rules import all_rules, run, select
from checker.rules.base import Finding, RuleContext
from checker.rules.registry import REGISTRY
from tests.helpers import article_context, context_for

pytestmark = pytest.mark.model


def findings(rule_id: str, texts: list[str], embedder: Embedder) -> list[Finding]:
    """What the rule finds with one document per text."""
    return [found for _, found in judged(rule_id, context_for(texts, embedder))]


def pairs_found(rule_id: str, text: str, embedder: Embedder) -> list[tuple[int, int]]:
    """The candidate pairs of one article's claims that the rule flags."""
    return [pair for pair, _ in judged(rule_id, article_context(text, embedder))]


def judged(rule_id: str, context: RuleContext) -> list[tuple[tuple[int, int], Finding]]:
    all_rules()
    check = REGISTRY[rule_id].check
    return [(pair, found) for pair in context.pairs() if (found := check(context, *pair)) is not None]


DENIAL = [
    (
        [
            "Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are false.",
            "Residents' leader Ann Cole said that a chemical leak at the Riverside plant forced families to flee.",
        ],
        True,
    ),
    (
        [
            "The army denied that its soldiers shelled the village of Novo.",
            "Village head Petro Shevchuk said that army soldiers shelled the village of Novo on Tuesday.",
        ],
        True,
    ),
    (
        [
            "The ministry said that reports of a fuel shortage in the capital are not true.",
            "The mayor said that the capital's new metro line opened on Monday.",
        ],
        False,
    ),
    (
        [
            "The ministry said that reports of an army coup are false.",
            "Analysts said that the army could attempt a coup.",
        ],
        False,
    ),
    (
        [
            "Police spokesman Tom Reed said that reports of a chemical leak at the Riverside plant are false.",
            "Tom Reed said that a chemical leak at the Riverside plant was contained.",
        ],
        False,
    ),
]


@pytest.mark.parametrize(("texts", "expected"), DENIAL)
def test_denial(texts: list[str], expected: bool, real_embedder: Embedder) -> None:
    assert bool(findings("denial", texts, real_embedder)) is expected


def test_denial_leaves_the_article_own_background_alone(real_embedder: Embedder) -> None:
    """What the reporter states plainly beside a denial is the story's background, not its target;
    the same matter from a source is."""
    denial = (
        "A spokesman for Orion Motors told reporters the Daily Ledger report that Orion will close its "
        "Leeds factory is not true."
    )
    for background, expected in (
        ("Orion bought the Leeds factory in March for $40 million.", False),
        ("Union officials said Orion bought the Leeds factory in March to close it.", True),
    ):
        assert bool(pairs_found("denial", f"{denial} {background}", real_embedder)) is expected, background


def test_a_rumour_the_article_retells_in_its_own_voice_is_what_a_source_denies(real_embedder: Embedder) -> None:
    text = (
        "The veteran rock singer Dale Hunter died of a heart attack at his ranch on Sunday, a viral post said. "
        "The veteran rock singer Dale Hunter died at his ranch on Sunday. "
        "His agent said Dale Hunter did not die at his ranch on Sunday."
    )
    context = article_context(text, real_embedder)
    found = {(context.claim(f.first).text, context.claim(f.second).text) for _, f in judged("denial", context)}
    retold = "The veteran rock singer Dale Hunter died at his ranch on Sunday."
    assert any(other == retold for _, other in found), found


def test_a_report_the_article_tells_as_its_subject_is_what_a_source_denies(real_embedder: Embedder) -> None:
    text = (
        "Reports that the mayor of Linden had resigned over the budget circulated in local media on Monday. "
        "The city council met on Tuesday. A city spokesman denied that the mayor had quit."
    )
    assert pairs_found("denial", text, real_embedder) == [(0, 2)]


def test_a_source_that_recants_its_story_takes_it_back(real_embedder: Embedder) -> None:
    text = (
        "In a 2008 blog post, the anchor Tom Reyes said that his helicopter had come under fire. "
        "On Wednesday, Reyes recanted that story."
    )
    found = [f for _, f in judged("denial", article_context(text, real_embedder))]
    assert [(f.first, f.second, f.retraction) for f in found] == [(1, 0, True)]


def test_a_source_that_takes_back_what_it_published_denies_its_own_claim(real_embedder: Embedder) -> None:
    text = (
        "Max Fisher wrote a story for Vox.com arguing that the gesture had spread from Ferguson to Hong Kong. "
        "Vox later corrected their post, addressing the controversy. Engineers corrected the fault on Monday."
    )
    found = [f for _, f in judged("denial", article_context(text, real_embedder))]
    assert [(f.first, f.second, f.retraction) for f in found] == [(1, 0, True)]


def test_a_report_told_only_inside_its_denial_is_denied(real_embedder: Embedder) -> None:
    text = "Leeds United have denied media reports that Brian McDermott has been sacked as manager."
    assert pairs_found("denial", text, real_embedder) == [(0, 1)]


def test_a_denial_answers_the_allegation_its_article_carries_in_other_words(real_embedder: Embedder) -> None:
    text = (
        "A report in the Daily Ledger, citing sources close to the club, said an expansion team in Leeds "
        "was a done deal. The league has routinely denied any plans for expansion in recent years."
    )
    assert pairs_found("denial", text, real_embedder) == [(0, 1)]


def test_a_bare_negation_meets_an_allegation_only_when_it_says_the_same_thing(real_embedder: Embedder) -> None:
    """ "were not required to surrender their passports" negates a fact of its own; beside a report of
    something else it is no denial of it."""
    text = (
        "The Daily Ledger reports the two officers told officials they just wanted a better life. "
        "Army officials told reporters the officers were not required to surrender their passports."
    )
    assert pairs_found("denial", text, real_embedder) == []


def test_a_bare_negation_that_names_reports_is_not_matched_loosely(real_embedder: Embedder) -> None:
    """Only a denial in words aimed at the reporting ("the reports are false") is matched on meaning alone;
    "..., according to reports" beside a bare negation does not make it one."""
    text = (
        "The rebel commander told the Daily Ledger that the government would be shamed by the prisoner deal. "
        "The group does not need the prisoner deal money, with oil sales raking in millions, according to reports."
    )
    assert pairs_found("denial", text, real_embedder) == []


def test_a_comment_withheld_meets_what_an_outlet_carries_not_every_statement(real_embedder: Embedder) -> None:
    """A no-comment answers a source's account an outlet carried; not the firm's own chief's long-held line,
    nor the outlet's report itself (a caution about a report is the gold's `unverified` trap)."""
    for statement, expected in (
        ("Chief executive Meg Hart has said since 2012 that the firm will move its supply chain to Vietnam.", False),
        ("A former manager told the Daily Ledger that the firm will move its supply chain to Vietnam.", True),
        ("Reuters reported that the firm will move its supply chain to Vietnam.", False),
    ):
        text = f"{statement} The firm declined to comment on moving its supply chain to Vietnam."
        assert bool(pairs_found("confirmation", text, real_embedder)) is expected, statement


def test_the_article_own_bare_negation_answers_nobody_a_source_s_does(real_embedder: Embedder) -> None:
    report = "The Daily Ledger reported that the new watch tracks blood pressure."
    for negation, expected in (
        ("The new watch does not track blood pressure, since the sensors failed in tests.", False),
        ("A company spokesman said the new watch does not track blood pressure.", True),
        ("The story that the new watch tracks blood pressure is false.", True),
    ):
        assert bool(pairs_found("denial", f"{report} {negation}", real_embedder)) is expected, negation


def test_another_article_own_bare_negation_is_its_outlet_s_denial(real_embedder: Embedder) -> None:
    """A headline's "Banksy has not been arrested" is its outlet's denial of another outlet's report."""
    texts = [
        "Police said that the street artist Banksy was arrested in London on Monday.",
        "The street artist Banksy has not been arrested in London.",
    ]
    assert findings("denial", texts, real_embedder)


def test_denial_meets_another_article_own_voice(real_embedder: Embedder) -> None:
    texts = [
        "A chemical leak at the Riverside plant forced families to flee on Monday.",
        "The plant's owner said that reports of a chemical leak at the Riverside plant are false.",
    ]
    assert findings("denial", texts, real_embedder)


CONFIRMATION = [
    (
        [
            "Health Minister Jane Doe said that the government has not yet confirmed that the virus reached the capital.",
            "The health agency confirmed that the virus had reached the capital.",
        ],
        True,
    ),
    (
        [
            "Health Minister Jane Doe said that the government has not yet confirmed that the virus reached the capital.",
            "The education office confirmed that the schools reopened after the summer break.",
        ],
        False,
    ),
    (
        [
            "Health Minister Jane Doe said that the virus reached the capital.",
            "The health agency confirmed that the virus had reached the capital.",
        ],
        False,
    ),
    (
        # a named source's own claim, though the reporter keeps it at a distance ("claimed"), is vouched for
        [
            "A hacking group claimed to have stolen the records of two million bank customers.",
            "The bank's spokeswoman would not confirm that any customer records had been stolen.",
        ],
        True,
    ),
    (
        # a source the article keeps unidentified vouches for nothing; an identified one does
        [
            "One unnamed official told the Daily Ledger that 40 airliners were missing in Libya.",
            "Counterterrorism officials said they could not confirm that 40 airliners were missing in Libya.",
        ],
        False,
    ),
    (
        [
            "The Libyan transport ministry said that 40 airliners were missing in Libya.",
            "Counterterrorism officials said they could not confirm that 40 airliners were missing in Libya.",
        ],
        True,
    ),
    (
        # what the reporter alone keeps at a distance ("reportedly") nobody vouched for
        [
            "The records of two million bank customers were reportedly stolen.",
            "The bank's spokeswoman would not confirm that any customer records had been stolen.",
        ],
        False,
    ),
]


@pytest.mark.parametrize(("texts", "expected"), CONFIRMATION)
def test_confirmation(texts: list[str], expected: bool, real_embedder: Embedder) -> None:
    assert bool(findings("confirmation", texts, real_embedder)) is expected


NUMERIC = [
    (
        [
            "Officials said that 11,000 people were evacuated from the flood zone.",
            "The Red Cross said that 3,000 people were evacuated from the flood zone.",
        ],
        Severity.HIGH,
    ),
    (
        # a possibility gives no figure to dispute
        [
            "The mayor said it was possible that up to 20,000 people had died in the flood.",
            "The government said that 3,800 people had died in the flood.",
        ],
        None,
    ),
    (
        [
            "Officials said that nearly 11,000 soldiers are training near the border.",
            "The minister said that ten thousand troops are training near the border.",
        ],
        Severity.LOW,
    ),
    (
        [
            "Officials said that 11,000 people were evacuated from the flood zone.",
            "Officials said that 3,000 homes were flooded in the flood zone.",
        ],
        None,
    ),
    (
        [
            "The general said that 600 Russian troops were killed in the battle.",
            "The general said that 11,000 North Korean troops were killed in the battle.",
        ],
        None,
    ),
    (
        [
            "The ministry said that eighteen soldiers escaped from the training camp.",
            "The ministry said that 11,000 soldiers are training at the camp.",
        ],
        None,
    ),
    (
        [
            "The agency said that several thousand soldiers are training in the east.",
            "A reporter said that 3,000 soldiers are training in the east.",
        ],
        None,
    ),
    (
        [
            "The analyst said the company will ship 1.5 million phones in the fourth quarter.",
            "The chief executive said the company will ship 10 million phones annually.",
        ],
        None,
    ),
    (
        # an order of magnitude tells the scale of a story, no count to contradict
        [
            "Officials said the militants have killed thousands of people in the northern province.",
            "Police said the militants killed at least 10 people in the northern province.",
        ],
        None,
    ),
    (
        # two stretches of one year are two counts
        [
            "A rights group said 1,300 civilians were killed in the province in the first half of the year.",
            "A monitoring group said 2,900 civilians were killed in the province in the first nine months of the year.",
        ],
        None,
    ),
    (
        [
            "The analyst said the company will ship 6 million phones in 2016.",
            "The chief executive said the company will ship 10 million phones a year.",
        ],
        Severity.MEDIUM,
    ),
    (
        # "annual" describes who speaks (the march's organiser), not a count kept over a year
        [
            "The annual harbour march's organiser put the crowd at 90,000.",
            "Police said the crowd at the harbour march was about 20,000.",
        ],
        Severity.HIGH,
    ),
    (
        # the parts of a total (88 + 27 + 1 = 116) are no rival counts: the totals are compared
        [
            "The death toll rose to 116, as 88 people were killed in the collapse and 28 died in hospital, an "
            "official said.",
            "The divisional commissioner said that the death toll had risen to 107.",
        ],
        Severity.LOW,
    ),
    (
        # "a day earlier" dates the deaths, it counts nothing per day
        [
            "The army said that 40 people were killed in the flood zone a day earlier.",
            "A relief agency said that 12 people were killed in the flood zone.",
        ],
        Severity.HIGH,
    ),
    (
        [
            "A blog said the company could unveil a 12-inch laptop at the event.",
            "It is possible that the company will unveil 11-inch laptops at the event.",
        ],
        None,
    ),
]


@pytest.mark.parametrize(("texts", "expected"), NUMERIC)
def test_numeric(texts: list[str], expected: Severity | None, real_embedder: Embedder) -> None:
    found = findings("numeric", texts, real_embedder)
    assert (found[0].severity if found else None) is expected


SCHEDULE = [
    (
        [
            "The minister said that the bridge will reopen no earlier than 1 December.",
            "The contractor said that the bridge will reopen on 20 November.",
        ],
        True,
    ),
    (
        [
            "The minister said that the bridge will reopen in November.",
            "The contractor said that the bridge will reopen on 20 November.",
        ],
        False,
    ),
    (
        [
            "The minister said that the bridge will reopen on 1 December.",
            "The teachers' union said that schools will strike on 20 November.",
        ],
        False,
    ),
]


@pytest.mark.parametrize(("texts", "expected"), SCHEDULE)
def test_schedule(texts: list[str], expected: bool, real_embedder: Embedder) -> None:
    assert bool(findings("schedule", texts, real_embedder)) is expected


UPDATE = [
    (
        [
            "It was reported that three prisoners escaped from the city jail. Later it became known that they had been caught."
        ],
        True,
    ),
    (
        [
            "It was reported that three prisoners escaped from the city jail.\n\nLater, the mayor said that taxes will rise."
        ],
        False,
    ),
    (["Three prisoners escaped from the city jail. The guards were questioned by police."], False),
]


@pytest.mark.parametrize(("texts", "expected"), UPDATE)
def test_update(texts: list[str], expected: bool, real_embedder: Embedder) -> None:
    assert bool(findings("update", texts, real_embedder)) is expected


def test_registry_lists_every_rule_with_a_description() -> None:
    rules = all_rules()
    assert {r.id for r in rules} >= {"denial", "confirmation", "numeric", "schedule", "update"}
    assert all(r.description.endswith(".") for r in rules)


def test_unknown_rule_is_an_error() -> None:
    with pytest.raises(UsageError, match="Unknown rule 'nope'"):
        select(["nope"])


def test_disabled_rule_is_left_out() -> None:
    assert "numeric" not in {r.id for r in select(["numeric"])}


def test_a_rule_off_by_default_runs_only_when_enabled() -> None:
    assert "learned" not in {r.id for r in select()}
    assert "learned" in {r.id for r in select(enabled=["learned"])}
    assert "learned" not in {r.id for r in select(["learned"], ["learned"])}  # disabling wins
    with pytest.raises(UsageError, match="Unknown rule 'nope'"):
        select(enabled=["nope"])


def test_nli_rule_uses_the_given_model(real_embedder: Embedder) -> None:
    from checker.rules.nli import nli
    from tests.helpers import context_for

    texts = [
        "The mayor said that the bridge over the river is open to traffic.",
        "The police said that the bridge over the river is closed to traffic.",
    ]
    context = context_for(texts, real_embedder)
    assert nli(context, 0, 1) is None  # no model given: the rule does not run
    context.nli = lambda premise, hypothesis: 0.95
    found = nli(context, 0, 1)
    assert found is not None and found.severity is Severity.HIGH
    context.nli = lambda premise, hypothesis: 0.1
    assert nli(context, 0, 1) is None


def test_the_reporter_giving_two_figures_is_no_numeric_conflict(real_embedder: Embedder) -> None:
    text = (
        "The fire crew reached the clinic five minutes after the call. "
        "An ambulance reached the clinic two minutes after the fire crew."
    )
    assert pairs_found("numeric", text, real_embedder) == []


def test_figures_of_one_measure_about_other_people_stay_apart(real_embedder: Embedder) -> None:
    text = (
        "Her brother Omar Haddad claimed that Leila Haddad had rescued 40 people from the flood. "
        "Neighbours said a boat crew led by Samir Nasser rescued dozens of people near the dam."
    )
    context = article_context(text, real_embedder)
    context.topics = [f"T{i}" for i in range(len(context.analyses))]
    assert judged("numeric", context) == []


def test_a_body_and_the_person_who_speaks_for_it_do_not_deny_each_other(real_embedder: Embedder) -> None:
    text = (
        "The fire brigade denied rumours that the bridge had collapsed. "
        '"The bridge is standing and open to traffic," fire brigade spokesman Karl Weiss said.'
    )
    # the rumours (claim 1, told only inside the denial) are denied; the spokesman (claim 2) is the brigade
    assert pairs_found("denial", text, real_embedder) == [(0, 1)]


def test_crowds_counted_in_different_places_are_different_counts(real_embedder: Embedder) -> None:
    text = (
        "Organisers in Paris said 80,000 people joined the march against the pension reform. "
        "In Marseille, police said 12,000 people joined the march against the pension reform."
    )
    assert pairs_found("numeric", text, real_embedder) == []


def test_a_caution_that_points_at_a_claim_meets_only_that_claim(real_embedder: Embedder) -> None:
    text = (
        "Rebel commander Omar Idris said his fighters had seized the airport. "
        "Airport director Lena Park said that flights had been suspended since Friday. "
        "The army said it could not confirm that claim by Omar Idris."
    )
    assert pairs_found("confirmation", text, real_embedder) == [(0, 2)]


def test_an_event_s_toll_is_not_a_year_s_statistic(real_embedder: Embedder) -> None:
    text = (
        "Police said at least 26 people were killed when the passenger train derailed near the river. "
        "The rail ministry said 2,581 people were killed on the country's railways last year."
    )
    assert pairs_found("numeric", text, real_embedder) == []


def test_a_toll_of_an_earlier_disaster_is_no_rival_count(real_embedder: Embedder) -> None:
    text = (
        "Officials said 14 people were killed when the landslide buried the village. "
        "Local radio said 30 people were killed in the landslide. "
        "Last August nearly 30 people were killed in a landslide in the same district."
    )
    assert pairs_found("numeric", text, real_embedder) == [(0, 1)]


def test_what_a_count_includes_is_a_part_of_it(real_embedder: Embedder) -> None:
    text = (
        "Local officials said 80 people were killed in the floods. "
        "The agency said its count of 63 dead includes the 21 bodies recovered from the river."
    )
    assert {pair for pair in pairs_found("numeric", text, real_embedder)} <= {(0, 1)}


def test_tolls_of_one_article_meet_whatever_topic_each_was_grouped_in(real_embedder: Embedder) -> None:
    text = (
        "Six soldiers were killed on Tuesday in a clash with militants in the mountains, the army said. "
        "The rebels said in a statement that their fighters had killed 18 soldiers in the ambush."
    )
    context = article_context(text, real_embedder)
    context.topics = [f"T{i}" for i in range(len(context.analyses))]
    ((pair, found),) = judged("numeric", context)
    assert pair == (0, 1)
    assert found.figures is not None and [q.text for q in found.figures] == ["Six", "18"]


def test_figures_of_one_group_are_compared_before_figures_of_others(real_embedder: Embedder) -> None:
    text = (
        "The army said six soldiers and four militants were killed in the clash. "
        "The rebels said their fighters had killed 18 soldiers in the clash."
    )
    ((_, found),) = judged("numeric", article_context(text, real_embedder))
    assert found.figures is not None and [q.unit for q in found.figures] == ["soldiers", "soldiers"]


def test_an_increment_is_no_rival_toll(real_embedder: Embedder) -> None:
    text = (
        "Officials said the death toll from the floods rose to 172 people on Saturday. "
        "Police said one more person was killed in the floods in the coastal district."
    )
    assert pairs_found("numeric", text, real_embedder) == []


def test_a_denial_of_the_reports_answers_what_a_report_floated(real_embedder: Embedder) -> None:
    text = (
        "Northwind Logistics said the reports were completely speculative and baseless. "
        "A news report suggested that Northwind Logistics might make an offer for the Harbor Freight terminal."
    )
    assert pairs_found("denial", text, real_embedder) == [(0, 1)]


def swept_denials(text: str, embedder: Embedder, disabled: tuple[str, ...] = ()) -> list[tuple[int, int, Severity]]:
    """The denial findings of one article after every rule and its sweep ran."""
    context = article_context(text, embedder)
    return [(f.first, f.second, f.severity) for f in run(context, select(disabled)) if f.kind == "denial"]


def test_a_denial_in_words_no_pair_met_answers_the_closest_claim_another_source_put_forward(
    real_embedder: Embedder,
) -> None:
    """Too far apart in words for the pairwise test ("signed a truce" / "any deal had been agreed"), so the
    sweep pairs the denial with its article's closest claim, at low severity: a guess at its target."""
    text = (
        "The army chief said on Friday that the rebels had signed a truce with the government. "
        "The rebel leader denied that any deal had been agreed with the army."
    )
    assert swept_denials(text, real_embedder) == [(1, 0, Severity.LOW)]
    assert swept_denials(text, real_embedder, disabled=("denial",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The rebel leader said the story is a hoax. The city council met on Tuesday to discuss the budget.",
        "The rebel leader said on Friday that the rebels had signed a truce with the government. "
        "The rebel leader denied that any deal had been agreed with the army.",
        "The army chief said on Friday that the rebels might sign a truce with the government. "
        "The rebel leader denied that any deal had been agreed with the army.",
    ],
    ids=["nothing-close", "one-source", "speculation"],
)
def test_a_denial_in_words_with_nothing_it_may_answer_stays_alone(text: str, real_embedder: Embedder) -> None:
    assert swept_denials(text, real_embedder) == []


@pytest.mark.parametrize(
    ("second", "denied"),
    [
        ("Two city councillors said the mayor of Linden had quit over the budget.", [0, 1]),
        ("Two city councillors said the new library would open in May.", [0]),
    ],
    ids=["restated", "another-matter"],
)
def test_a_denial_of_these_claims_meets_the_claim_it_points_at_and_its_restatements(
    second: str, denied: list[int], real_embedder: Embedder
) -> None:
    text = (
        f"A local paper reported that the mayor of Linden had resigned over the budget. {second} "
        "A spokesman for the mayor dismissed these claims."
    )
    assert [other for denier, other, _ in sorted(swept_denials(text, real_embedder)) if denier == 2] == denied


def test_each_sentence_a_source_denies_in_keeps_its_own_pair(real_embedder: Embedder) -> None:
    text = (
        "The Daily Ledger reported that the mayor of Linden had resigned over the budget. "
        "A city spokesman said the report was false. "
        "The spokesman later denied that the mayor of Linden had resigned."
    )
    assert sorted((denier, other) for denier, other, _ in swept_denials(text, real_embedder)) == [(1, 0), (2, 0)]


def test_speculation_nobody_reported_is_not_denied(real_embedder: Embedder) -> None:
    text = (
        "Northwind Logistics said it had no plans to buy the Harbor Freight terminal. "
        "Analyst Dana Wu said that Northwind Logistics might make an offer for the Harbor Freight terminal."
    )
    assert pairs_found("denial", text, real_embedder) == []


def test_a_caution_meets_the_claim_it_names_however_it_was_reported(real_embedder: Embedder) -> None:
    text = (
        "A group calling itself the Northern Brigades has claimed responsibility for the bombing of the depot. "
        "Police said they could not authenticate the claim."
    )
    assert pairs_found("confirmation", text, real_embedder) == [(0, 1)]


def test_the_pair_a_caution_names_is_the_one_kept_for_its_two_sources(real_embedder: Embedder) -> None:
    text = (
        "Union director Dana Wu said Harbor Foods was offering workers a four-week pay package. "
        "Dana Wu said sales at Harbor Foods had dropped by up to 20 percent in the past year. "
        "Harbor Foods did not confirm that figure."
    )
    context = article_context(text, real_embedder)
    (found,) = run(context, [REGISTRY["confirmation"]])
    assert {found.first, found.second} == {1, 2}


def test_late_against_on_time_is_a_schedule_conflict(real_embedder: Embedder) -> None:
    text = (
        "A source in the rocket industry told reporters that the satellite launch had been delayed by two days. "
        "Agency director Ivan Petrov said the satellite launch will take place on the previously set date."
    )
    ((pair, found),) = judged("schedule", article_context(text, real_embedder))
    assert pair == (0, 1)
    assert "delayed" in found.reason


def test_a_delay_to_the_date_the_other_side_keeps_is_no_conflict(real_embedder: Embedder) -> None:
    text = (
        "The Ledger reported that the bridge opening had been delayed to 30 May 2025. "
        "The contractor said the bridge opening was on schedule for 30 May 2025."
    )
    assert pairs_found("schedule", text, real_embedder) == []


def test_a_plan_given_up_is_no_rival_date(real_embedder: Embedder) -> None:
    text = (
        "The space agency said the launch, initially scheduled for June 21, will be carried out on July 12. "
        "A source at the launch site said the launch would take place on July 12."
    )
    assert pairs_found("schedule", text, real_embedder) == []


def test_an_undated_article_s_dates_clash_in_the_year_its_text_gives(real_embedder: Embedder) -> None:
    text = (
        "SEOUL, March 20, 2014 - Korean media reported that Samsung will launch the Galaxy S5 in Korea on March 27. "
        "Samsung chief JK Shin said that Samsung will launch the Galaxy S5 in Korea on April 11."
    )
    analyses = extract([Document(id="d1", text=text)])
    context = RuleContext(
        analyses, real_embedder.encode([a.content for a in analyses]), ["T1", "T1"], real_embedder.encode
    )
    assert [pair for pair, _ in judged("schedule", context)] == [(0, 1)]
    assert [m.date_from for m in analyses[0].claim.mentions] == [dt.date(2014, 3, 27)]


@pytest.mark.parametrize(
    ("opening", "caution", "expected"),
    [
        ("KANO (Reuters) - ", "Reuters", []),  # the outlet that filed the story
        ("", "CNN", []),  # another outlet
        ("", "The army", [(0, 1)]),  # a source
    ],
)
def test_the_reporter_s_own_caveat_is_no_source_s_caution(
    opening: str, caution: str, expected: list[tuple[int, int]], real_embedder: Embedder
) -> None:
    text = (
        f"{opening}The rebel group said its fighters had killed 18 soldiers in the ambush. "
        f"{caution} was not able to verify the rebel group's account of the ambush."
    )
    assert pairs_found("confirmation", text, real_embedder) == expected


def test_the_article_s_own_telling_of_a_plan_is_no_side_of_a_schedule_dispute(real_embedder: Embedder) -> None:
    text = (
        "The satellite launch had been delayed by two days. "
        "Agency director Ivan Petrov said the satellite launch will take place on the previously set date."
    )
    assert pairs_found("schedule", text, real_embedder) == []


@pytest.mark.parametrize(
    ("priced", "expected"),
    [
        ("the dinner included wine with a price tag of $15,000 per bottle", []),  # another thing
        ("the dinner at the steakhouse cost $150,000", [(0, 1)]),  # the same thing
    ],
)
def test_sums_that_price_different_things_are_no_rival_figures(
    priced: str, expected: list[tuple[int, int]], real_embedder: Embedder
) -> None:
    text = f"The newspaper said the dinner at the steakhouse cost $300,000. The casino's chief executive said {priced}."
    assert pairs_found("numeric", text, real_embedder) == expected


def test_a_share_is_no_count(real_embedder: Embedder) -> None:
    text = "Organisers said 30 percent of the city's workers joined the strike. Police said 30,000 workers joined the strike."
    assert pairs_found("numeric", text, real_embedder) == []


def test_an_age_is_no_span_of_years(real_embedder: Embedder) -> None:
    text = (
        "The guard, 58, stopped the intruder at the gate, police said. "
        "The guard, cheered by colleagues at the gate, ended a 25 year career on Friday, his union said."
    )
    assert pairs_found("numeric", text, real_embedder) == []


def test_two_ages_given_of_one_person_differ(real_embedder: Embedder) -> None:
    text = "Maria Lopez, 52, was arrested on Monday, police said. Maria Lopez, 57, was arrested on Monday, her lawyer said."
    assert pairs_found("numeric", text, real_embedder) == [(0, 1)]


def test_a_negative_statement_is_no_assertion_a_denial_answers(real_embedder: Embedder) -> None:
    """ "Neither the agency nor any other body has announced such a launch" says no, like the denial
    beside it: it agrees with the denial, whatever stance its wording gets."""
    text = (
        "A post on the Orbit Daily site claimed the agency would launch a crewed flight to Mars in June. "
        "Neither the agency nor any other space body has announced a crewed flight to Mars in June. "
        "An agency spokeswoman said the claim of a June flight to Mars is false."
    )
    context = article_context(text, real_embedder)
    assert [a.says_no for a in context.analyses] == [False, True, False]
    assert pairs_found("denial", text, real_embedder) == [(0, 2)]


def test_a_negative_statement_in_another_article_is_still_denied(real_embedder: Embedder) -> None:
    texts = [
        "The actor Sam Reed is not right for the part of the inventor, his agent Mia Cole said on Monday.",
        "A studio spokesman denied that Sam Reed is not right for the part of the inventor.",
    ]
    context = context_for(texts, real_embedder)
    assert context.analyses[0].says_no
    assert [(f.first, f.second) for _, f in judged("denial", context)] == [(1, 0)]


def test_ages_of_two_unnamed_people_are_no_rival_figures(real_embedder: Embedder) -> None:
    text = "The suspect, 24, was arrested on Monday, police said. The victim, 31, was arrested on Monday, police said."
    assert pairs_found("numeric", text, real_embedder) == []


def test_a_denial_of_a_negative_statement_in_its_own_article_answers_it(real_embedder: Embedder) -> None:
    text = (
        "Residents said the town of Novo had no water for three days. "
        "The mayor denied that the town of Novo had no water for three days."
    )
    assert pairs_found("denial", text, real_embedder) == [(0, 1)]
