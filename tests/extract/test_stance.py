from __future__ import annotations

import pytest

from checker.extract.claims import extract
from checker.extract.stance import classify, commitment, says_false
from checker.models import Commitment, Document, Stance


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("the information about the deployment is not true.", "said", Stance.DENIES),
        ("the reports are fake.", None, Stance.DENIES),
        ("there is no evidence that troops crossed the border.", "said", Stance.DENIES),
        ("troops crossed the border.", "denied", Stance.DENIES),
        ("the United States has not yet confirmed that troops were sent.", "said", Stance.NOT_CONFIRMED),
        ("the agency could not independently verify the figures.", None, Stance.NOT_CONFIRMED),
        ("Today, I can confirm that units are deployed.", None, Stance.CONFIRMS),
        ("the troops had arrived.", "confirmed", Stance.CONFIRMS),
        ("Russia could send troops to the front.", "wrote", Stance.HEDGED),
        ("the alleged attack killed ten people.", None, Stance.HEDGED),
        ("It was reported that soldiers escaped.", None, Stance.HEDGED),
        ("NATO calls on Russia to stop these actions immediately.", "stressed", Stance.ASSERTS),
        ("Russia was training ten thousand troops.", "said", Stance.ASSERTS),
    ],
)
def test_stance_cases(text: str, verb: str | None, expected: Stance) -> None:
    assert classify(text, verb) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They're not fake.", Stance.ASSERTS),
        ("The photo is not a hoax.", Stance.ASSERTS),
        ("The team is made up of five people.", Stance.ASSERTS),
        ("The boy genius investor made it all up.", Stance.DENIES),
        ("No, the tree has been cut down.", Stance.DENIES),
        ("Comcast calls the rumor wildly inaccurate.", Stance.DENIES),
        ("The company isn't able to confirm the reports.", Stance.NOT_CONFIRMED),
        ("Apple bought the firm in May.", Stance.ASSERTS),
        ("Christian Bale in talks to play Steve Jobs.", Stance.HEDGED),
        ("Tesla chooses Nevada for battery factory: sources.", Stance.ASSERTS),
        ("It's estimated that the beast measures 50 feet long.", Stance.HEDGED),
        ("The largest crabs are thought to be spider crabs.", Stance.HEDGED),
        ("It is said that the castle is haunted.", Stance.HEDGED),
        ("It wasn\u2019t immediately clear what weapons were seized.", Stance.NOT_CONFIRMED),
        ("Analysts are working as quickly as possible to determine its authenticity.", Stance.NOT_CONFIRMED),
        ("We don\u2019t comment on rumors or speculation.", Stance.NOT_CONFIRMED),
        ("We have seen a video that purports to be the murder of the journalist.", Stance.HEDGED),
        ("It is clear that the plan failed.", Stance.ASSERTS),
        ("The report is simply wrong.", Stance.DENIES),
        ("The allegations are unfounded.", Stance.DENIES),
        ("The forecast went wrong in May.", Stance.ASSERTS),
    ],
)
def test_more_stance_cases(text: str, expected: Stance) -> None:
    assert classify(text) is expected


@pytest.mark.parametrize(
    ("text", "frame", "expected"),
    [
        ("Tesla chooses Nevada for battery factory: sources.", "", Commitment.REPORTED),
        ("militants are harvesting organs", "Mohamed Alhakim claimed", Commitment.REPORTED),
        ("militants are harvesting organs", "Mohamed Alhakim said", Commitment.ASSERTED),
        ("militants could be harvesting organs", "Mohamed Alhakim claimed", Commitment.SPECULATIVE),
    ],
)
def test_a_claim_handed_on_at_a_distance_asserts_but_is_reported(text: str, frame: str, expected: Commitment) -> None:
    found = classify(text, frame=frame)
    assert commitment(found, text, frame) is expected
    assert found is (Stance.HEDGED if expected is Commitment.SPECULATIVE else Stance.ASSERTS)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry has not commented on the reports.",
        "The company refused to comment on the deal.",
        "A spokesman said the office did not have the means to verify the rumours.",
        "The agency was unable to confirm the video.",
    ],
)
def test_a_withheld_confirmation_or_comment_is_not_confirmed(text: str) -> None:
    assert stance_of(text) is Stance.NOT_CONFIRMED


@pytest.mark.parametrize(
    "text",
    [
        "The photo is definitely not real.",
        "The singer has not claimed that she was attacked.",
    ],
)
def test_a_negated_copula_with_an_adverb_or_a_negated_report_denies(text: str) -> None:
    assert stance_of(text) is Stance.DENIES


@pytest.mark.parametrize(
    "text",
    [
        "The council had no idea how old the bridge was.",
        "The note said there was no way out.",
        "No one in the town is allowed to use the name.",
    ],
)
def test_no_before_a_noun_denies_nothing(text: str) -> None:
    assert stance_of(text) is not Stance.DENIES


def stance_of(text: str) -> Stance:
    """The stance of the one claim the sentence makes, through the whole extraction (parse included)."""
    (analysis,) = extract([Document(id="d", text=text)])
    return analysis.claim.stance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("While rumours about the merger swirl, the board has been clear that a deal is imminent.", Stance.ASSERTS),
        ("The doctor told friends she performed the biopsy, as has been reported.", Stance.ASSERTS),
        ("If the video is genuine, the hostage is alive.", Stance.HEDGED),
        ("Readers flock to the site to judge whether the picture shows a crab or is a hoax.", Stance.HEDGED),
        ("Nobody need panic, because marine biologist Jane Roe has branded the photo a hoax.", Stance.DENIES),
    ],
)
def test_a_side_clause_of_time_contrast_or_cause_sets_no_stance(text: str, expected: Stance) -> None:
    assert stance_of(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The spokesman said the report was not true.", True),
        ("The league has denied any plans to expand.", True),
        ("She said she would not reveal the surgeon's name.", False),
        ("Look at the photo and decide for yourself: is it a real shark or a hoax?", False),
        ("The minister said the reports were all lies.", True),
        ("The army called the video rubbish.", True),
        ("A spokesman dismissed the figure as pure fiction.", True),
        ("The village lies on the river.", False),
        ("The ministry said the report was propaganda.", True),
        ("The group was spreading propaganda.", False),
        ("It was a lie detector test.", False),
        ("The country's propaganda chief visited the mine.", False),
        ("He said he had no idea where the figure came from and that it's not accurate.", True),
        ("The company said the story isn't true.", True),
        ("They're not real, the curator said of the letters.", True),
        ("She said it's not the first time the plant has flooded.", False),
        ("The governor dismissed the reports of a cover-up.", True),
        ("The court rejected these claims on Monday.", True),
        ("The club dismissed the manager on Monday.", False),
    ],
)
def test_says_false_tells_a_denial_in_words_from_a_bare_negation(text: str, expected: bool) -> None:
    assert says_false(text) is expected


@pytest.mark.parametrize(
    ("text", "negated", "expected"),
    [
        ("In a statement, a company spokeswoman neither confirmed nor denied the rumor.", False, Stance.NOT_CONFIRMED),
        ("The ministry said it would neither confirm nor deny reports at this stage.", False, Stance.NOT_CONFIRMED),
        ("A link will be added if the story is officially confirmed or denied.", False, Stance.HEDGED),
        ("Authorities have not yet ruled out the possibility of a second gunman.", True, Stance.HEDGED),
        ("This isn't the first time we've heard this rumor.", True, Stance.HEDGED),
        ("Police ruled out foul play.", False, Stance.DENIES),
        ("The spokesman denied the report.", False, Stance.DENIES),
    ],
)
def test_negations_and_conditions_that_deny_nothing(text: str, negated: bool, expected: Stance) -> None:
    assert classify(text, negated=negated) is expected
