from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.claims import extract
from checker.models import Claim, Commitment, Document, Precision, Stance

PUBLISHED = dt.date(2024, 10, 28)


def claims(text: str) -> list[Claim]:
    return [a.claim for a in extract([Document(id="d", text=text, published=PUBLISHED)])]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            "The head of the Centre for Strategy, Anna Petrenko, said that the plan is not true.",
            "Anna Petrenko",
            "head of the Centre for Strategy",
        ),
        ("Defence chief John Hale said that the troops had arrived.", "John Hale", "Defence chief"),
        ("the ministry said that the road was closed.", "the ministry", None),
        ('"The road is closed," the minister added.', "the minister", None),
        ("According to the police, five people were arrested in the city.", "the police", None),
        ("The storm closed three roads in the north.", None, None),
        ("Germany's finance ministry said that the budget was balanced.", "Germany's finance ministry", None),
        ("A Red Cross spokesman said the convoy had arrived.", "A Red Cross spokesman", None),
        (
            "John Smith, a 45-year-old farmer from the valley, said the road was closed.",
            "John Smith",
            "farmer from the valley",
        ),
        ("Reuters, the news agency, said the road was closed.", "Reuters", "news agency"),
        ("The ambassador is calling on the council to investigate the killings.", "the ambassador", None),
    ],
)
def test_attribution(text: str, speaker: str | None, role: str | None) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.speaker_role) == (speaker, role)


def test_according_to_names_the_speaker_and_only_an_outlet_is_the_cited_source() -> None:
    (police,) = claims("According to the police, five people were arrested in the city.")
    (paper,) = claims("According to the Daily Herald, five people were arrested in the city.")
    assert (police.speaker, police.cited_source) == ("the police", None)
    assert (paper.speaker, paper.cited_source) == ("the Daily Herald", "the Daily Herald")


def test_outlet_that_wrote_is_the_cited_source() -> None:
    (claim,) = claims("The Daily Herald wrote that the mayor resigned on Monday.")
    assert (claim.speaker, claim.cited_source) == ("The Daily Herald", "The Daily Herald")


def test_coreference_pronoun_surname_and_role() -> None:
    text = (
        "Foreign Minister Maria Lopez said that talks had stalled.\n\n"
        "She said that a new round was planned.\n\n"
        "Lopez stressed that the border stays open.\n\n"
        '"We will not give up," the Foreign Minister added.'
    )
    found = claims(text)
    assert [c.speaker for c in found] == ["Maria Lopez"] * 4


def test_the_definite_description_is_the_unnamed_source_introduced_before() -> None:
    text = (
        "A spokeswoman for the port authority said the ships had been held back.\n\n"
        '"Nothing will leave before Monday," the spokeswoman told reporters.\n\n'
        "According to a report in the Coastal Times, the strike will last a week.\n\n"
        "The report said the union wanted higher pay."
    )
    speakers = [c.speaker for c in claims(text)]
    introduced = "A spokeswoman for the port authority"
    assert speakers == [introduced, introduced, "Coastal Times", "the report"]  # a report speaks for its outlet


def test_a_generic_description_stands_for_the_organisation_the_article_is_about() -> None:
    text = (
        "The Daily Ledger reported that Northwind Logistics (NWL) will close two depots.\n\n"
        "Northwind Logistics said on Monday that its depots were profitable.\n\n"
        "The freight company said it was hiring.\n\n"
        "A company spokesman said the report was wrong.\n\n"
        "NWL said it would open a depot."
    )
    found = extract([Document(id="d", text=text, published=PUBLISHED)])
    assert [a.body for a in found] == [None, None, "Northwind Logistics", "Northwind Logistics", "Northwind Logistics"]


def test_places_are_where_something_happened_not_datelines_or_names() -> None:
    text = (
        "ISLAMABAD (Reuters) - Six soldiers were killed near the border with Afghanistan, the army said.\n\n"
        "The Pakistani Taliban said its fighters had killed 18 soldiers.\n\n"
        "Police said 40 people were killed in Iran and at the Taftan crossing.\n\n"
        "Officials said 12 people died in Kabul and Kandahar."
    )
    found = extract([Document(id="d", text=text, published=PUBLISHED)])
    assert [sorted(a.places) for a in found] == [[], [], ["iran"], ["kabul", "kandahar"]]


def test_he_is_the_unnamed_person_who_spoke_last() -> None:
    text = (
        "Colonel Ana Ruiz said the convoy had been stopped.\n\n"
        "A rebel spokesman said the convoy was carrying weapons.\n\n"
        '"There were rifles in every truck," he added.'
    )
    assert [c.speaker for c in claims(text)][-1] == "A rebel spokesman"


def test_it_is_the_body_that_spoke_last_not_the_outlet() -> None:
    text = (
        "The ministry of health said the clinic was closed.\n\n"
        "The Daily Ledger reported that patients were turned away.\n\n"
        "It also said it takes any attempt to harm patients extremely seriously."
    )
    assert [c.speaker for c in claims(text)][-1] == "the ministry of health"


def test_multi_sentence_quote_takes_the_closing_attribution() -> None:
    text = 'Officials met at noon.\n\n"The bridge is gone. We are rebuilding it," the mayor said.'
    found = claims(text)
    assert [c.speaker for c in found] == [None, "the mayor", "the mayor"]


def test_meta_sentence_dates_the_earlier_claim_and_is_not_a_claim() -> None:
    text = "Minister Ivan Novak confirmed the deal.\n\nHe said this at a briefing on 12 October."
    (claim,) = claims(text)
    assert claim.stated_at.date == dt.date(2024, 10, 12)
    assert claim.stance is Stance.CONFIRMS


def test_offsets_are_exact_and_headings_skipped(seed_document: Document) -> None:
    found = [a.claim for a in extract([seed_document])]
    assert all(seed_document.text[c.start : c.end] == c.text for c in found)
    assert not any(c.text.startswith("DPRK Military Participation") for c in found)


def test_relative_markers_order_the_timeline() -> None:
    text = (
        "On 10 October, the mayor said that the bridge was closed.\n\n"
        "Later, the police said that the bridge was open.\n\n"
        "Earlier, a resident said that the bridge was damaged."
    )
    mayor, police, resident = claims(text)
    assert mayor.stated_at.precision is Precision.DAY
    assert police.stated_at.precision is Precision.RELATIVE
    # "Earlier" places a claim before the one just before it in the text, not before everything.
    assert mayor.stated_at.order < police.stated_at.order
    assert resident.stated_at.order < police.stated_at.order


def test_mentions_are_separate_from_statement_time() -> None:
    text = "On 20 October, the general said that the units will be ready as early as 1 November."
    (claim,) = claims(text)
    assert claim.stated_at.date == dt.date(2024, 10, 20)
    assert [(m.text, m.date_from, m.bound) for m in claim.mentions] == [
        ("1 November", dt.date(2024, 11, 1), "not_before")
    ]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Christian Bale will not play Steve Jobs.", Stance.DENIES),
        ("No, that wasn't Paul Rudd at the airport.", Stance.DENIES),
        ("Paul Rudd is not the hero who tackled the man.", Stance.DENIES),
        ("Apple is not happy with the battery life.", Stance.ASSERTS),
        ("More than 600 troops have been killed, and he cannot sustain his offensive.", Stance.ASSERTS),
        ("Comcast Denies It Will Cut Off Customers Who Use Tor.", Stance.DENIES),
        ("The bank said it was not in talks with any buyer.", Stance.DENIES),
        ("The minister was not at the meeting on Friday.", Stance.DENIES),
        ('"We have no information confirming the arrest," a police spokesman said.', Stance.NOT_CONFIRMED),
        ("The ministry confirmed no casualties among the crew.", Stance.CONFIRMS),
        ("The company was not profitable in 2023.", Stance.ASSERTS),
    ],
)
def test_negated_main_verb(text: str, stance: Stance) -> None:
    (claim,) = claims(text)
    assert claim.stance is stance


def test_each_documents_contents_are_announced_as_soon_as_it_is_read(seed_document: Document) -> None:
    second = Document(
        id="e", text="Mayor Ann Cole said that the bridge will reopen on 4 November.", published=PUBLISHED
    )
    announced: list[list[str]] = []
    analyses = extract([seed_document, second], on_document=announced.append)
    assert len(announced) == 2
    assert [text for batch in announced for text in batch] == [a.content for a in analyses]
    assert len(announced[1]) == sum(a.claim.doc_id == "e" for a in analyses)


def test_a_lead_in_hands_what_follows_to_its_outlet_and_is_no_claim() -> None:
    found = claims(
        "The Washington Post said the adviser proposed a secure line. Fox News reports:\n\n"
        "The meeting focused on Syria, a source familiar with the matter told reporters.\n\n"
        "The idea of a permanent channel was never discussed, according to the source.\n\n"
        "Reuters said separately that the talks had ended."
    )
    assert [c.text for c in found if c.text.endswith(":")] == []
    by_text = {c.text.split(",")[0]: c for c in found}
    assert by_text["The meeting focused on Syria"].cited_source == "Fox News"
    assert by_text["The idea of a permanent channel was never discussed"].cited_source == "Fox News"
    assert by_text["Reuters said separately that the talks had ended."].cited_source != "Fox News"


def test_an_unattributed_paragraph_right_after_a_lead_in_is_its_sources() -> None:
    found = claims("The minister told the BBC:\n\nThe bridge will open in March and the work is on budget.")
    (bridge,) = found
    assert (bridge.speaker or "").lower() == "the minister"


@pytest.mark.parametrize(
    "text",
    [
        'The militant says, "to deny Muslims their safety will result in the bloodshed of your people."',
        "Journalists were denied entry to the region, officials said.",
        "The embassy denied him a visa last week, his lawyer said.",
    ],
)
def test_deny_that_withholds_a_thing_denies_no_statement(text: str) -> None:
    (claim,) = claims(text)
    assert claim.stance is not Stance.DENIES


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("The FBI said no arrests had been made in the case.", True),
        ("No research paper has been submitted by them to any journal, NASA said.", True),
        ("No one is allowed to enter the zone, police said.", False),
        ("Police said they had no idea where the suspect went.", False),
        # "no" or "zero" before any argument, when what is not there is told ("plans to", "chance of")
        ("The airline said there are no plans to close the route.", True),
        ('"We have no plans to sell the stadium," a club spokesman said.', True),
        ('"There was zero chance of a leak," the plant manager said.', True),
        ('"No player failed a drugs test," the coach said.', True),
        ("The club captain said he has no car.", False),
        ("A spokesman said there was no fire.", False),
        ("The minister made no public comments on the matter, aides said.", False),
    ],
)
def test_no_before_an_argument_denies_the_event(text: str, denies: bool) -> None:
    (claim,) = claims(text)
    assert (claim.stance is Stance.DENIES) is denies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The singer's agent confirmed on Tuesday that the singer is not dead.", Stance.DENIES),
        ("The ministry confirmed that the border was open.", Stance.CONFIRMS),
        ("The singer's agent said the singer is not well.", Stance.ASSERTS),
    ],
)
def test_a_negated_state_confirmed_denies_what_was_said_of_it(text: str, expected: Stance) -> None:
    (claim,) = claims(text)
    assert claim.stance is expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The army claimed to have retaken the town on Monday.", "the army"),
        ("Rebels claimed to have downed a jet with a machine gun.", "Rebels"),
    ],
)
def test_a_subject_that_claims_to_have_done_something_speaks(text: str, speaker: str) -> None:
    (claim,) = claims(text)
    assert claim.speaker == speaker


def test_a_second_coordinated_speaker_is_no_role() -> None:
    (claim,) = claims("But the FBI and the U.S. attorney's office in Boston said no arrests had been made.")
    assert claim.speaker_role is None


@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        ("NASA on Friday issued an unusual denial of a report that its researchers found life.", "NASA", Stance.DENIES),
        ("The ministry released a statement saying the border was open.", "the ministry", Stance.ASSERTS),
        ("The company issued a recall of 8,000 cars.", None, Stance.ASSERTS),
    ],
)
def test_a_statement_issued_is_its_issuers(text: str, speaker: str | None, stance: Stance) -> None:
    claim = claims(text)[0]  # "a denial of a report that ...": the report becomes a claim after it
    assert (claim.speaker, claim.stance) == (speaker, stance)


def test_a_reporting_clause_opening_with_while_is_its_own_claim() -> None:
    found = claims(
        "While the railways maintained that five people were killed in the accident, a senior police "
        "official initially said seven died."
    )
    assert [(c.speaker, c.text) for c in found] == [
        ("the railways", "While the railways maintained that five people were killed in the accident"),
        ("a senior police official", "a senior police official initially said seven died."),
    ]


def test_a_source_set_against_another_with_while_is_its_own_claim_wherever_the_parse_hangs_it() -> None:
    found = claims("Organisers estimated the rally drew 90,000 people while police said 12,000.")
    assert [(c.speaker, c.text) for c in found] == [
        ("Organisers", "Organisers estimated the rally drew 90,000 people"),
        ("police", "police said 12,000."),
    ]


def test_a_clause_the_article_tells_before_a_source_speaks_is_the_articles() -> None:
    found = claims(
        "The official count stood at about 4,000 people, but a senior aid worker said the real number "
        "was close to 9,000."
    )
    assert [(c.speaker, c.text, [q.text for q in c.quantities]) for c in found] == [
        (None, "The official count stood at about 4,000 people", ["about 4,000"]),
        ("a senior aid worker", "a senior aid worker said the real number was close to 9,000.", ["close to 9,000"]),
    ]


def test_a_narrated_clause_without_figures_to_set_apart_stays_in_the_sources_sentence() -> None:
    found = claims("The plant leaked chemicals on Monday, but the company said no chemicals had escaped.")
    assert [(c.speaker, c.start) for c in found] == [("the company", 0)]


def test_a_clause_that_only_reports_stays_whole() -> None:
    found = claims("Reached on Monday, the mayor said traffic was back to normal after the bridge reopened.")
    assert [(c.speaker, c.start) for c in found] == [("the mayor", 0)]


@pytest.mark.parametrize(
    ("text", "speaker", "cited", "stance"),
    [
        ("The deaths were confirmed by the health ministry on Monday.", "the health ministry", None, Stance.CONFIRMS),
        ("The report was denied by police on Monday.", "police", None, Stance.DENIES),
        ("Mark Hale was quoted by Reuters as saying the plant would close.", "Mark Hale", "Reuters", Stance.ASSERTS),
        ("Ten people were killed by the blast, police said.", "police", None, Stance.ASSERTS),
    ],
)
def test_in_the_passive_the_agent_says_it(text: str, speaker: str, cited: str | None, stance: Stance) -> None:
    claim = claims(text)[0]
    assert (claim.speaker, claim.cited_source, claim.stance) == (speaker, cited, stance)


def test_an_undated_article_dates_by_the_date_it_gives_itself() -> None:
    text = (
        "WASHINGTON, March 20, 2014 - The agency said the launch would be on April 11.\n\n"
        "On March 25, officials said the launch would slip to May 2."
    )
    first, second = [a.claim for a in extract([Document(id="d", text=text)])]
    assert [m.date_from for m in first.mentions] == [dt.date(2014, 4, 11)]
    assert second.stated_at.date == dt.date(2014, 3, 25)  # not rolled back: March 20 is no publication date
    assert [m.date_from for m in second.mentions] == [dt.date(2014, 5, 2)]


@pytest.mark.parametrize(
    ("text", "caveat"),
    [
        ("The claims could not be immediately independently verified.", True),
        ("It was not immediately clear how many people were hurt.", True),
        ("CNN was not able to verify the rebel group's account.", True),
        ("There was no immediate confirmation from the rebels.", False),
        ("The army was not able to verify the rebel group's account.", False),
        (
            "Pictures of the fire spread quickly on social media, but the time they were taken could not be independently verified.",
            True,
        ),
        (
            "Pictures of the fire spread quickly on social media, but the police could not verify when they were taken.",
            False,
        ),
    ],
)
def test_a_caution_held_by_nobody_or_by_the_press_is_the_article_s_caveat(text: str, caveat: bool) -> None:
    (analysis,) = extract([Document(id="d", text=text)])
    assert analysis.caveat is caveat


def test_neither_confirming_nor_denying_withholds_a_comment_whatever_the_attribution_verb() -> None:
    (analysis,) = extract(
        [Document(id="d", text="In a statement, a company spokeswoman neither confirmed nor denied the rumor.")]
    )
    assert analysis.claim.stance is Stance.NOT_CONFIRMED


@pytest.mark.parametrize(
    ("text", "commitment"),
    [
        ("Reports that the mayor had resigned circulated in local media on Monday.", Commitment.REPORTED),
        ("News of the singer's death spread quickly on Tuesday.", Commitment.REPORTED),
        ("The phony report mentions that the bridge collapsed at dawn.", Commitment.REPORTED),
        ("The report was published on Monday.", Commitment.ASSERTED),
        ("The report on the budget was released in March.", Commitment.ASSERTED),
    ],
)
def test_a_report_the_article_tells_as_its_subject_is_kept_at_a_distance(text: str, commitment: Commitment) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.commitment) == (None, commitment)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said she had been travelling with a fake passport.", Stance.ASSERTS),
        ("The gang sold false teeth and bogus watches at the market.", Stance.ASSERTS),
        ("The photo is fake, experts said.", Stance.DENIES),
        ("Officials called it fake news.", Stance.DENIES),
        ("The fake report spread quickly on Monday.", Stance.DENIES),
        ("A fake news website was set up to spread the rumour.", Stance.DENIES),
    ],
)
def test_a_word_of_falsehood_on_a_thing_denies_nothing(text: str, expected: Stance) -> None:
    assert claims(text)[-1].stance is expected


def test_an_age_lends_no_measure_to_a_bare_figure() -> None:
    found = claims(
        "Omar Haddad, 17, is said to have made $40 million trading, the paper reported. "
        "A friend said the $40 million figure is wrong."
    )
    ages = [q.measure for c in found for q in c.quantities if q.text == "17"]
    sums = [q.measure for c in found for q in c.quantities if "40 million" in q.text]
    assert ages == ["age"]
    assert sums and "age" not in sums


@pytest.mark.parametrize(
    ("text", "says_no"),
    [
        ("Neither the agency nor any other body has made such a pronouncement.", True),
        ("He gave no details on her nationality, the paper said.", True),
        ("It is not the first time such rumours have spread.", True),
        ("Nobody has claimed the attack, police said.", True),
        ("The ministry said 42 people had died in the floods.", False),
        ("The agency announced a crewed flight to Mars in June.", False),
        ("Police have no doubt the suspect acted alone.", False),
        ("Police did not say that the suspect fled.", True),
    ],
)
def test_a_negative_main_clause_says_no(text: str, says_no: bool) -> None:
    (analysis,) = extract([Document(id="d", text=text, published=PUBLISHED)])
    assert analysis.says_no is says_no
