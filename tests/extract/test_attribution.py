"""Attribution that does not lean on "said": datelines, any reporting verb found by the parse, clauses."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.attribution import dateline_end
from checker.extract.claims import extract
from checker.models import Claim, Document, Stance

PUBLISHED = dt.date(2024, 5, 1)


def claims(text: str) -> list[Claim]:
    return [a.claim for a in extract([Document(id="d", text=text, published=PUBLISHED)])]


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("MANILA, Philippines (AP) Authorities said", "Authorities said"),
        ("GENEVA — The agency said", "The agency said"),
        ("(CNN) -- A spokesman said", "A spokesman said"),
        ("WASHINGTON (Reuters) - U.S. officials said", "U.S. officials said"),
        ("NEW YORK, N.Y. -- Police said", "Police said"),
        ("The UN said", "The UN said"),
        ("FBI agents said", "FBI agents said"),
        ("Reuters reported that", "Reuters reported that"),
        ("WCVB-TV Boston reports that", "WCVB-TV Boston reports that"),
        ("BEIRUT- Syrian rebels said", "Syrian rebels said"),
        ("NEW DELHI: (Xinhua) — The ministry said", "The ministry said"),
        ("Guwahati, May 2 (IANS) Assam authorities said", "Assam authorities said"),
        ("New Delhi, Sept 15 (ANI): The ministry said", "The ministry said"),
        ("Islamabad (Reuters) – Six soldiers died", "Six soldiers died"),
        ("Police (in Paris) said", "Police (in Paris) said"),
        ("Sao Paulo Governor Ana Reis said", "Sao Paulo Governor Ana Reis said"),
    ],
)
def test_a_dateline_is_where_the_story_was_filed_not_who_speaks(text: str, rest: str) -> None:
    assert text[dateline_end(text) :] == rest


def test_the_dateline_never_speaks_the_next_reading_does() -> None:
    found = claims(
        "Kaduna, June 4 (NAN) State officials Tuesday put the death toll in the bus crash at 18 "
        "but angry residents insisted that at least 40 had died."
    )
    assert [c.speaker for c in found] == ["State officials", "angry residents"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "KYIV, Ukraine (AP) — Regional officials said on Monday that the bridge had been hit twice.",
            "Regional officials",
        ),
        ("BEIRUT — The health ministry said the hospital had run out of fuel.", "the health ministry"),
    ],
)
def test_the_speaker_after_a_dateline(text: str, speaker: str) -> None:
    (claim,) = claims(text)
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        ("The statistics office put unemployment at 7.2 percent in March.", "the statistics office", Stance.ASSERTS),
        ("Border guards counted 1,200 people crossing on foot.", "Border guards", Stance.ASSERTS),
        ("The army refuted that account on Friday.", "the army", Stance.DENIES),
        ("The company disputed the report.", "the company", Stance.DENIES),
        ("Analysts reckon the merger will close by June.", "Analysts", Stance.ASSERTS),
        ("On Friday the coast guard revised its count to 31 missing.", "the coast guard", Stance.ASSERTS),
    ],
)
def test_any_reporting_verb_attributes_by_the_parse(text: str, speaker: str, stance: Stance) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.stance) == (speaker, stance)


def test_a_verb_that_reports_nothing_attributes_nothing() -> None:
    (claim,) = claims("The storm put three ferries out of service for a week.")
    assert claim.speaker is None


@pytest.mark.parametrize(
    ("text", "speakers", "figures"),
    [
        (
            "The electoral commission put turnout at 62 percent, but opposition monitors said only 40 percent voted.",
            ["the electoral commission", "opposition monitors"],
            [["62 percent"], ["40 percent"]],
        ),
        (
            "Police estimated the crowd at 5,000, while the organisers claimed 20,000 had marched.",
            ["Police", "the organisers"],
            [["5,000"], ["20,000"]],
        ),
    ],
)
def test_two_reporting_clauses_are_two_claims(text: str, speakers: list[str], figures: list[list[str]]) -> None:
    found = claims(text)
    assert [c.speaker for c in found] == speakers
    assert [[q.text for q in c.quantities] for c in found] == figures
    for claim in found:
        assert text[claim.start : claim.end] == claim.text
    assert found[0].end < found[1].start


def test_one_source_reporting_twice_stays_one_claim() -> None:
    found = claims("The ministry said the road was closed and said it would reopen on Friday.")
    assert len(found) == 1


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("A protester said the gesture had nothing to do with the shooting.", Stance.DENIES),
        ("The doctor told friends she never performed a biopsy.", Stance.DENIES),
        ("The nun had no idea she was pregnant.", Stance.ASSERTS),
        ("Analysts expect the merger to close by June.", Stance.HEDGED),
        ("The agency estimated that 30 houses were damaged.", Stance.HEDGED),
    ],
)
def test_negated_reports_deny_and_forecasts_hedge(text: str, stance: Stance) -> None:
    (claim,) = claims(text)
    assert claim.stance is stance


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        # a time, a relative clause or an opener around the subject is not the speaker
        ("Acme Airways on Monday dismissed reports that it would close its Lisbon base.", "Acme Airways", None),
        ("After a first review, the city's audit office has said the accounts are incomplete.", None, None),
        # an organisation described before it is named
        ("The monitoring group, Harbour Watch, announced that the ferry had been found.", "Harbour Watch", True),
        # the speaker after what was said
        ("The tablet may ship in June, claims Northfield analyst Dana Price, who also expects strong sales.",
         "Dana Price", True),
    ],
)  # fmt: skip
def test_the_speaker_is_the_subject_phrase_without_its_trimmings(
    text: str, speaker: str | None, role: bool | None
) -> None:
    claim = claims(text)[0]  # "dismissed reports that ...": the reports it tells become a claim after it
    expected = speaker or "the city's audit office"
    assert claim.speaker == expected
    assert (claim.speaker_role is not None) is bool(role)


def test_quoted_as_saying_gives_the_quoted_speaker_and_the_carrier() -> None:
    (claim,) = claims(
        "The news agency quoted Omar Haddad, the port's director, as saying that the cranes would be replaced."
    )
    assert (claim.speaker, claim.cited_source) == ("Omar Haddad", "the news agency")
    assert claim.text.endswith("the cranes would be replaced.")


def test_cited_as_saying_gives_the_cited_speaker_and_the_carrier() -> None:
    (claim,) = claims("The Ledger cited two port officials as saying that the terminal would close in May.")
    assert (claim.speaker, claim.cited_source) == ("two port officials", "The Ledger")
    (reason,) = claims("Analysts cited rising costs as a reason for the fall in profits.")
    assert reason.speaker is None


def test_according_to_names_the_source_and_a_speaker_keeps_it_as_cited() -> None:
    (claim,) = claims("According to Reuters, Mayor Ines Roth told staff she never signed the contract.")
    assert (claim.speaker, claim.cited_source) == ("Ines Roth", "Reuters")
    (alone,) = claims("According to the Gazette, the fire started at noon.")
    assert (alone.speaker, alone.speaker_role) == ("Gazette", None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The footage was first shown by Delta Monitor, which told reporters the footage is genuine.", "Delta Monitor"),
        ("A union official was quick to reject the plan, saying the workers would strike on Friday.",
         "A union official"),
        ("The Harbour Times published a story saying that the pier had been sold.", "The Harbour Times"),
        ("Shares fell after a report from the Valley Courier alleging that the mayor had resigned.", "the Valley Courier"),
    ],
)  # fmt: skip
def test_a_reporting_verb_in_a_dependent_clause_names_its_speaker(text: str, speaker: str) -> None:
    (claim,) = claims(text)
    assert claim.speaker == speaker


def test_he_is_the_person_last_named_when_nobody_spoke_before() -> None:
    found = claims(
        "Because marine biologist Tomas Lind has looked at the picture, the mystery is solved. "
        '"It is definitely not real," he said.'
    )
    assert found[-1].speaker == "Tomas Lind"


@pytest.mark.parametrize(
    ("text", "speaker", "cited"),
    [
        ("Anna Weber, the mayor, told The Evening Ledger: the bridge will reopen.", "Anna Weber", "The Evening Ledger"),
        ("Speaking to Harbour Radio, Omar Haddad said the cranes would be replaced.", "Omar Haddad", "Harbour Radio"),
        ("A port spokesman said the company had no comment when contacted by The Evening Ledger.", "A port spokesman",
         "The Evening Ledger"),
        ("Local media, quoting a regional daily, reported that the port will close.", "Local media", "a regional daily"),
    ],
)  # fmt: skip
def test_the_cited_source_is_the_outlet_the_statement_went_through(text: str, speaker: str, cited: str) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.cited_source) == (speaker, cited)


def test_a_reporting_clause_about_the_subject_is_no_attribution() -> None:
    (claim,) = claims("The driver who claimed he was run off the road was a false witness.")
    assert claim.speaker is None and claim.stance is Stance.DENIES


def test_a_role_given_anywhere_in_the_article_follows_the_speaker() -> None:
    found = claims(
        "The harbour's director, Omar Haddad, toured the site on Monday. Omar Haddad said the cranes would be replaced."
    )
    assert (found[-1].speaker, found[-1].speaker_role) == ("Omar Haddad", "harbour's director")


def test_a_quotation_goes_on_in_its_speakers_voice() -> None:
    found = claims(
        "\u201cThe cranes are old,\u201d port director Omar Haddad said on Monday. "
        "\u201cThey will be replaced next year. We have ordered four new ones.\u201d "
        "The harbour reopened on Tuesday."
    )
    assert [c.speaker for c in found] == ["Omar Haddad", "Omar Haddad", "Omar Haddad", None]


@pytest.mark.parametrize("left, right", [("'", "'"), ("\u2018", "\u2019")])
def test_a_quotation_in_single_quotes_goes_on_in_its_speakers_voice(left: str, right: str) -> None:
    found = claims(
        f"Laura Stein posted on Facebook. She wrote: {left}Guys, I'm safe at the base. "
        f"I don't have my phone with me. Ignore the reports I've been captured.{right} "
        "The girls' school in the town is closed. It reopens in May."
    )
    assert [c.speaker for c in found] == ["Laura Stein"] * 4 + [None, None]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("Tom Evans' agent denied the claims on Monday.", "Tom Evans' agent", None),
        ("Ruth Mendes's publicist said she was fine.", "Ruth Mendes's publicist", None),
        ("Ruth Mendes's publicist Gregg Lamb said she was fine.", "Gregg Lamb", "Ruth Mendes's publicist"),
    ],
)
def test_a_name_that_owns_the_speaker_is_not_the_speaker(text: str, speaker: str, role: str | None) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.speaker_role) == (speaker, role)


def test_a_person_told_something_is_no_outlet() -> None:
    (claim,) = claims("Senator Ann Cole said the president told James Comey to drop the case.")
    assert (claim.speaker, claim.cited_source) == ("Ann Cole", None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A writer at Quartz, who has interviewed protesters, says that this is wrong.", "A writer at Quartz"),
        ("The official concerned denied having made any statement on segregation.", "the official"),
    ],
)
def test_the_speaker_phrase_without_the_clauses_that_describe_it(text: str, speaker: str) -> None:
    (claim,) = claims(text)
    assert claim.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "cited"),
    [
        ("The carmaker will announce the merger on Monday, according to Reuters.", "Reuters", "Reuters"),
        ("The ministry counted 42 deaths, according to state media.", "the ministry", "state media"),
        ("The mayor said the bridge was safe, according to the local paper.", "the mayor", "the local paper"),
    ],
)
def test_according_to_answers_for_a_sentence_whose_verb_only_names_an_act(text: str, speaker: str, cited: str) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.cited_source) == (speaker, cited)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The photo was staged, according to a photographer who says he was there.", "a photographer"),
        ("The letter was a forgery, according to an expert who said she had examined it.", "an expert"),
    ],
)
def test_a_reporting_verb_that_describes_the_according_to_source_is_not_the_claim(text: str, speaker: str) -> None:
    """The relative clause describes the source; what the sentence says is its main clause."""
    (analysis,) = extract([Document(id="d", text=text, published=PUBLISHED)])
    assert (analysis.claim.speaker, analysis.content.split(",")[0]) == (speaker, text.split(",")[0])


def test_the_role_alone_names_the_person_the_article_described_with_it() -> None:
    found = claims("Bank analyst Todd Coupland cut his forecast. According to the analyst, demand is going down.")
    assert (found[-1].speaker, found[-1].speaker_role) == ("Todd Coupland", "Bank analyst")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Morin\u2019s response was short: \u201cWe don\u2019t comment on rumors.\u201d", "Morin"),
        ("Acme Corp issued a statement on Friday: \u201cThe plant will stay open.\u201d", "Acme Corp"),
        ("The reason is simple: \u201cNobody wants it.\u201d", None),
    ],
)
def test_a_quotation_opened_by_a_colon_is_its_clauses_subjects(text: str, speaker: str | None) -> None:
    assert claims(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Police arrived at the scene and said the driver was armed.", "Police"),
        ("Some residents were sceptical and said the dam had never opened.", "Some residents"),
        ("Demand is falling, and forecasts have been revised down.", None),
    ],
)
def test_a_reporting_verb_coordinated_after_another_shares_its_subject(text: str, speaker: str | None) -> None:
    assert claims(text)[-1].speaker == speaker


def test_one_source_with_two_reporting_verbs_is_one_claim() -> None:
    (claim,) = claims("The ministry denied the report and said no soldier had died.")
    assert (claim.speaker, claim.stance) == ("the ministry", Stance.DENIES)


def test_a_speakers_role_given_later_is_theirs_in_every_claim() -> None:
    found = claims(
        "Mira Sol said the bridge was safe. Later, the city's chief engineer, Mira Sol, said it would reopen."
    )
    assert [c.speaker_role for c in found] == ["city's chief engineer", "city's chief engineer"]


@pytest.mark.parametrize(
    ("text", "speaker", "cited"),
    [
        (
            "The bank may be sold, says a report from Benzinga, citing a source familiar with the talks.",
            "a source familiar with the talks",
            "Benzinga",
        ),
        ("Reuters, citing Pentagon officials, reported that the base was hit.", "Pentagon officials", "Reuters"),
        ("The firm will split in two, according to sources cited by The Wall Street Journal.", "sources", "The Wall Street Journal"),
        ("Apple will close the service, according to a published report.", "a published report", "a published report"),
        ("Bank analyst Todd Coupland cut his forecast. According to Todd Coupland, demand is falling.", "Todd Coupland", None),
    ],
)  # fmt: skip
def test_the_speaker_is_the_innermost_source_and_the_outlet_its_relay(
    text: str, speaker: str, cited: str | None
) -> None:
    found = claims(text)[-1]
    assert (found.speaker, found.cited_source) == (speaker, cited)


def test_a_surname_alone_is_the_person_named_before_however_it_was_tagged() -> None:
    found = claims(
        "Abdullah Al-Ajhar, the airline\u2019s spokesman, said the reports were false. "
        "Speaking to Arab News, Al-Ajhar asserted that there are no plans to separate passengers."
    )
    assert (found[-1].speaker, found[-1].speaker_role) == ("Abdullah Al-Ajhar", "airline\u2019s spokesman")


def test_an_outlet_publishing_a_story_speaks_in_its_own_name() -> None:
    (claim,) = claims("The Daily Mail published a story saying that protesters had copied the gesture.")
    assert (claim.speaker, claim.cited_source) == ("The Daily Mail", "The Daily Mail")


@pytest.mark.parametrize(
    "text",
    [
        "Tesla Said to Select Nevada for Its First Battery Site",
        "Apple reported to be near buying Path social network",
        "The militant leader reported wounded in air strike",
    ],
)
def test_the_passive_of_hearsay_names_nobody_who_speaks(text: str) -> None:
    (claim,) = claims(text)
    assert claim.speaker is None


def test_hearsay_to_an_infinitive_is_reported_not_asserted() -> None:
    (claim,) = claims("Apple reported to be near buying Path social network")
    assert claim.stance is Stance.HEDGED


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("Guard spokesman Lt. Col. James Sahady said that the men were found.", "James Sahady", "Guard spokesman"),
        ("According to the monitoring service SITE Intelligence Group, the video is real.", "SITE Intelligence Group", "monitoring service"),
    ],
)  # fmt: skip
def test_ranks_are_titles_and_acronyms_are_part_of_a_name(text: str, speaker: str, role: str) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.speaker_role) == (speaker, role)


@pytest.mark.parametrize(
    ("text", "speaker", "cited"),
    [
        ("The Kremlin denied the reports, according to TASS.", "The Kremlin", "TASS"),
        ("The White House said, citing intelligence officials, that Iran was behind it.", "The White House", "intelligence officials"),
        ("Officials said wounded civilians were taken to hospital.", "Officials", None),
        ("The man said to be the leader was arrested on Monday, police said.", "police", None),
        ("Police, who said nothing at first, said on Friday that two men were held, according to the BBC.", "Police", "the BBC"),
    ],
)  # fmt: skip
def test_the_new_attribution_rules_leave_ordinary_reporting_alone(text: str, speaker: str, cited: str | None) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.cited_source) == (speaker, cited)


def test_a_description_of_a_person_is_judged_by_its_head() -> None:
    found = claims("John Smith, chief executive of the company, resigned on Monday. The company said profits fell.")
    assert found[-1].speaker == "the company"


def test_a_company_suffix_is_no_rank() -> None:
    (claim,) = claims("A spokesman for Acme Inc. said the plant would close.")
    assert claim.speaker == "A spokesman for Acme Inc."


def test_a_person_named_in_the_possessive_is_known_later_by_surname_and_title() -> None:
    found = claims(
        "The factory is a critical piece of CEO Elon Musk's plan to make a cheaper car. "
        "Musk has said he intends to double the supply of batteries by 2020."
    )
    assert (found[-1].speaker, found[-1].speaker_role) == ("Elon Musk", "CEO")


@pytest.mark.parametrize(
    ("text", "speaker", "cited", "stance"),
    [
        ("North Korean state media would not confirm the reports.", "North Korean state media", "North Korean state media", Stance.NOT_CONFIRMED),
        ("Officials, who could not confirm it at first, said on Friday that two men were held.", "Officials", None, Stance.ASSERTS),
        ("CNBC is reporting Tesla has chosen Nevada for its factory.", "CNBC", "CNBC", Stance.ASSERTS),
        ("The firm will close the plant, the Journal said in a report, citing people familiar with the matter.", "people familiar with the matter", "Journal", Stance.ASSERTS),
        ("A spokesperson for Acme Corp, the country's biggest miner, told Reuters that there was no fire.", "A spokesperson for Acme Corp", "Reuters", Stance.ASSERTS),
        ("The army said the town had fallen, Reuters reported.", "the army", "Reuters", Stance.ASSERTS),
        ("Two men were arrested, Reuters reported.", "Reuters", "Reuters", Stance.ASSERTS),
        ("Reuters reported that the company said it would cut 500 jobs.", "the company", "Reuters", Stance.ASSERTS),
        ("The Ledger reports that a police source told its reporter that two men were held.", "a police source", "The Ledger", Stance.ASSERTS),
        ("The Ledger reported that the ministry denied the claim.", "the ministry", "The Ledger", Stance.DENIES),
        ("The Ledger reported that the two men were held at the border.", "The Ledger", "The Ledger", Stance.ASSERTS),
        ("The Ledger reported that residents feared the dam would burst.", "The Ledger", "The Ledger", Stance.ASSERTS),
        ("Reuters reported that no one said anything about the cuts.", "Reuters", "Reuters", Stance.ASSERTS),
        ("Reuters reported that the company had said nothing about the cuts.", "Reuters", "Reuters", Stance.DENIES),
        ("The Ledger reported that a government report said the dam was unsafe.", "The Ledger", "The Ledger", Stance.HEDGED),
        ("Reuters reported, citing two people familiar with the matter, that the company said it would sell the unit.", "two people familiar with the matter", "Reuters", Stance.ASSERTS),
    ],
)  # fmt: skip
def test_withheld_verbs_outlets_in_their_own_name_and_nested_sources(
    text: str, speaker: str, cited: str | None, stance: Stance
) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.cited_source, claim.stance) == (speaker, cited, stance)


@pytest.mark.parametrize(
    ("text", "speaker", "cited"),
    [
        ("Three soldiers who went missing have been found, US media have reported.", "US media", "US media"),
        ("The firm will split, the Journal said in a report that cited people familiar with the matter.", "people familiar with the matter", "Journal"),
        ("Thieves stole the statue while the guards slept, according to police.", "police", None),
    ],
)  # fmt: skip
def test_closing_reports_with_an_auxiliary_relayed_informants_and_sources_that_are_no_outlet(
    text: str, speaker: str, cited: str | None
) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.cited_source) == (speaker, cited)


@pytest.mark.parametrize(
    ("text", "speaker", "cited", "stance"),
    [
        ("The militant group has not commented on the incident so far.", "the militant group", None, Stance.NOT_CONFIRMED),
        ("That follows a report from The Washington Post alleging that the aide wanted a private line.", "The Washington Post", "The Washington Post", Stance.ASSERTS),
    ],
)  # fmt: skip
def test_a_silent_source_and_an_outlet_behind_its_report(
    text: str, speaker: str, cited: str | None, stance: Stance
) -> None:
    (claim,) = claims(text)
    assert (claim.speaker, claim.cited_source, claim.stance) == (speaker, cited, stance)


def test_a_name_that_spells_a_reporting_verb_closes_no_sentence() -> None:
    """ "..., unless the United States ended ...": "States" is part of a name, not the verb "states"."""
    text = (
        "The group threatened the hostage in a video last month. It said it would kill him, too, "
        "unless the United States ended its airstrikes."
    )
    assert [c.speaker for c in claims(text)] == [None, None]


def test_a_verdict_read_as_a_second_object_still_reports() -> None:
    """ "has branded the photo a hoax": the parser reads the verdict as a second object; it is still one."""
    text = (
        "Visitors need not worry, because marine biologist Jane Roe at the city aquarium has branded the photo a hoax."
    )
    (claim,) = claims(text)
    assert claim.speaker == "Jane Roe"


def test_the_role_is_the_title_before_the_name_not_where_the_person_works() -> None:
    (claim,) = claims("Marine biologist Jane Roe at the city aquarium said the picture was edited.")
    assert (claim.speaker, claim.speaker_role) == ("Jane Roe", "Marine biologist")


def test_a_role_with_another_owner_is_the_person_described_with_it() -> None:
    """ "the boy's father" is whoever the article introduced as "his father"."""
    text = (
        "His father, Jason Reed, said the family had seen the film. "
        '"My son has no magic powers," the boy\'s father told the Daily News.'
    )
    assert [c.speaker for c in claims(text)] == ["Jason Reed", "Jason Reed"]


def test_a_quote_before_its_speaker_is_the_content_whatever_follows_the_verb() -> None:
    (claim,) = claims('"We will not pay the ransom," the minister said on "Face the Nation."')
    assert claim.speaker == "the minister"
    assert claim.stance is Stance.DENIES


def test_a_person_who_wrote_names_no_outlet() -> None:
    (claim,) = claims('"My son has no magic powers," Jason Reed wrote in an email.')
    assert (claim.speaker, claim.cited_source) == ("Jason Reed", None)


def test_a_name_the_parser_left_in_apposition_still_speaks() -> None:
    """ "Asked about ..., Icy Ng, a design student, said": the parse hangs the name on the question."""
    text = (
        "Asked about any link between the gesture and Ferguson, Kit Lam, a 19-year-old law student at "
        "Lingnan University said, “No.”"
    )
    (claim,) = claims(text)
    assert claim.speaker == "Kit Lam"


def test_what_the_speaker_then_does_is_no_part_of_what_was_said() -> None:
    """ "..., but would not answer questions": the speaker's act, whose "would" hedges nothing said."""
    text = (
        "Agency spokesman Omar Farid told reporters on Sunday that the commander was dead, but would not "
        "answer questions about the body."
    )
    (analysis,) = extract([Document(id="d", text=text)])
    assert analysis.content.endswith("the commander was dead")
    assert (analysis.claim.stance, analysis.claim.commitment.value) == (Stance.ASSERTS, "asserted")


@pytest.mark.parametrize(
    "text",
    [
        "An unidentified airport official said the runway was closed. The same official also said that flights "
        "had been diverted.",
        "A source familiar with the matter said the runway was closed. The source said that flights had been diverted.",
    ],
)
def test_a_definite_description_points_back_at_the_source_first_described(text: str) -> None:
    first, second = claims(text)
    assert second.speaker == first.speaker


def test_a_description_right_after_a_named_persons_statement_is_that_person() -> None:
    text = (
        "The agency quoted Karim Haddad, the port's deputy director, as saying that the cranes would be "
        "replaced. However, the official concerned denied having made any statement on the cranes."
    )
    first, second = claims(text)
    assert (first.speaker, second.speaker) == ("Karim Haddad", "Karim Haddad")


def test_a_description_after_a_sentence_no_person_spoke_stays_as_written() -> None:
    text = "The port reopened on Monday after the storm. The official concerned said the cranes would be replaced."
    assert [c.speaker for c in claims(text)][-1] == "the official"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            'But Tarek Nasser, spokesman for Interior Minister Hamid Rahimi, said: "There is no truth in it."',
            "Tarek Nasser",
            "spokesman for Interior Minister Hamid Rahimi",
        ),
        (
            "Lena Brandt, the chief executive of the port company owned by Arthur Blank's group, said the cranes "
            "were new.",
            "Lena Brandt",
            "chief executive of the port company",
        ),
    ],
)
def test_the_speaker_is_the_name_at_the_head_of_the_phrase(text: str, speaker: str, role: str) -> None:
    claim = claims(text)[0]
    assert (claim.speaker, claim.speaker_role) == (speaker, role)


def test_a_person_called_by_the_first_part_of_the_name_is_the_same_person() -> None:
    text = "Veteran journalist Azman Ujang denied the report on Monday. Azman said the paper had misquoted him."
    assert [c.speaker for c in claims(text)] == ["Azman Ujang", "Azman Ujang"]


def test_a_speaker_named_after_an_inverted_closing_verb_speaks() -> None:
    (claim,) = claims("The toll rose to 40, confirmed a police official to reporters by phone.")
    assert (claim.speaker, claim.stance) == ("a police official", Stance.CONFIRMS)


def test_a_body_described_right_after_a_person_spoke_is_still_the_body() -> None:
    text = (
        "On 6 October, Mayor Lisa Grant said that the city has not yet confirmed the leak.\n"
        "On 8 October, the fire brigade confirmed that the plant leaked chemicals."
    )
    assert [c.speaker for c in claims(text)] == ["Lisa Grant", "the fire brigade"]


@pytest.mark.parametrize(
    "text",
    ["The storm hit the coast, claimed 20 lives.", "The governor toured the flooded town, declared an emergency."],
)
def test_what_follows_a_verb_after_a_comma_is_its_object_not_a_speaker(text: str) -> None:
    assert [c.speaker for c in claims(text)] == [None]


def test_a_country_is_not_the_person_whose_first_name_it_is() -> None:
    text = "Defence Minister Israel Katz said 5 soldiers died in the raid. Israel said 9 soldiers died in the raid."
    assert [c.speaker for c in claims(text)] == ["Israel Katz", "Israel"]


def test_an_informant_whose_role_differs_from_the_last_speakers_is_someone_else() -> None:
    text = "Mary Jones, a witness, said 20 people died in the crash. The police official said 30 people died."
    assert [c.speaker for c in claims(text)] == ["Mary Jones", "the police official"]


def test_an_outlet_named_as_one_later_in_the_article_is_the_channel_of_what_it_says() -> None:
    first, second = claims(
        "Tech site Pando says Apple has bought the startup. An Apple spokesman told Pando the report is wrong."
    )
    assert (first.speaker, first.cited_source) == ("Pando", "Pando")
    assert second.cited_source == "Pando"


def test_a_publication_speaks_for_its_outlet() -> None:
    _, second = claims(
        "Vox published a story arguing that the gesture spread from Ferguson. "
        "According to their story, the gesture was a deliberate show of solidarity."
    )
    assert (second.speaker, second.cited_source) == ("Vox", "Vox")
