from __future__ import annotations

import pytest

from checker.extract.nlp import parse
from checker.extract.quantities import find_quantities


def quantities(text: str) -> list[tuple[str, float, float, bool, str | None]]:
    (doc,) = parse([text])
    return [(q.text, q.low, q.high, q.approx, q.unit) for q in find_quantities(doc, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nearly 11,000 soldiers are training.", [("nearly 11,000", 10450.0, 11000.0, True, "soldiers")]),
        ("Russia was training ten thousand troops.", [("ten thousand", 10000.0, 10000.0, False, "troops")]),
        ("eighteen soldiers escaped.", [("eighteen", 18.0, 18.0, False, "soldiers")]),
        ("several thousand soldiers are training.", [("several thousand", 2000.0, 9000.0, True, "soldiers")]),
        ("More than 600 troops were killed.", [("More than 600", 600.0, 1200.0, True, "troops")]),
        # a source's high estimate: it claims the count reaches 5 million (see HIGH_ESTIMATE_CUES)
        ("up to 5 million people fled.", [("up to 5 million", 2_500_000.0, 5_000_000.0, True, "people")]),
        ("fewer than 5 million people fled.", [("fewer than 5 million", 0.0, 5_000_000.0, True, "people")]),
        ("about 200 tanks moved.", [("about 200", 190.0, 210.0, True, "tanks")]),
        ("dozens of civilians died.", [("dozens", 24.0, 99.0, True, "civilians")]),
        ("no more than 12 people were hurt.", [("no more than 12", 0.0, 12.0, True, "people")]),
        ("no fewer than 40 ships sailed.", [("no fewer than 40", 40.0, 80.0, True, "ships")]),
        ("the toll would not be less than 200 people.", [("less than 200", 200.0, 400.0, True, "people")]),
        ("the crowd was never more than 500 people.", [("more than 500", 0.0, 500.0, True, "people")]),
        # letters joined to a number name a model, not a figure
        ("an AC-130 gunship killed five men.", [("five", 5.0, 5.0, False, "men")]),
        # Indian English groups digits in lakhs and crores and counts in them
        ("the company is to cut about 1,12,000 jobs.", [("about 1,12,000", 106400.0, 117600.0, True, "jobs")]),
        ("some 2 lakh people fled.", [("some 2 lakh", 190000.0, 210000.0, True, "people")]),
        # a count noun names what a bare figure counts
        ("the total number of miners underground was close to 300.", [("close to 300", 285.0, 300.0, True, "miners")]),
        ("the figure for miners trapped was put at 159.", [("159", 159.0, 159.0, False, "miners")]),
        # a bare figure said of a share is a percentage
        ("the voting percentage was as low as 31.", [("31", 31.0, 31.0, False, "percent")]),
        ("its share stood at 40 after the vote.", [("40", 40.0, 40.0, False, "percent")]),
        ("his share of the estate was 3 million.", [("3 million", 3e6, 3e6, False, None)]),
        ("the proportion of smokers was one in five.", [("five", 5.0, 5.0, False, None)]),
        ("half a million people marched.", [("half a million", 500_000.0, 500_000.0, False, "people")]),
        ("Over 500k people are here.", [("Over 500k", 500_000.0, 1_000_000.0, True, "people")]),
        ("three army medics were hurt.", [("three", 3.0, 3.0, False, "medics")]),
        ("10-12 people were killed.", [("10-12", 10.0, 12.0, True, "people")]),
        (
            "between 135,000 and 150,000 people marched.",
            [("between 135,000 and 150,000", 135_000.0, 150_000.0, True, "people")],
        ),
        ("only one person was hurt.", [("one", 1.0, 1.0, False, "person")]),
        ("sales rose from 2 to 5 stores.", [("2", 2.0, 2.0, False, "stores"), ("5", 5.0, 5.0, False, "stores")]),
        ("Between 2010 and 2015 the firm grew.", []),
    ],
)
def test_quantity_cases(text: str, expected: list[tuple[str, float, float, bool, str | None]]) -> None:
    assert quantities(text) == expected


@pytest.mark.parametrize("text", ["the 11th brigade attacked.", "one of them left.", "In 2024 prices rose."])
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_qualifiers_and_event() -> None:
    (doc,) = parse(["nearly 11,000 soldiers from North Korea are currently training in Russia."])
    (quantity,) = find_quantities(doc, [])
    assert quantity.qualifiers == ["North Korea"]
    assert quantity.event == "train"


@pytest.mark.parametrize(
    ("text", "priced"),
    [
        ("The person behind the $300,000 dinner has been revealed.", "dinner"),
        ("The watch will be priced at $500.", "price"),
        ("Rivals offered $4 billion for the company.", "offer"),
    ],
)
def test_a_sum_of_money_names_what_it_prices(text: str, priced: str) -> None:
    (doc,) = parse([text])
    (quantity,) = find_quantities(doc, [])
    assert quantity.unit == "usd"
    assert quantity.event == priced


def test_a_plus_after_a_figure_is_a_floor_and_the_one_who_speaks_is_no_count() -> None:
    assert quantities("An estimated 1 million-plus protesters marched.") == [
        ("An estimated 1 million", 1_000_000.0, 2_000_000.0, True, "protesters")
    ]
    assert quantities('"Many more people," said one protester.') == []
    assert quantities("Only one person was killed.") == [("one", 1.0, 1.0, False, "person")]


def test_dates_are_skipped() -> None:
    text = "troops arrive on 27-28 October."
    (doc,) = parse([text])
    start = text.index("27")
    assert find_quantities(doc, [(start, start + len("27-28 October"))]) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Work began on a 20,000-seat arena.", 20000.0, "seat"),
        ("A fifty-foot crab was reported.", 50.0, "foot"),
        ("The 22-year-old student said no.", 22.0, "year"),
    ],
)
def test_a_hyphenated_figure_counts_the_word_after_the_hyphen(text: str, value: float, unit: str) -> None:
    (found,) = quantities(text)
    assert (found[1], found[4]) == (value, unit)


def test_a_year_the_parser_reads_as_a_date_is_no_figure() -> None:
    assert quantities("The watch is scheduled for an early 2015 release.") == []


@pytest.mark.parametrize(
    ("text", "event_date"),
    [
        ("The raid came two years after the March 2019 siege, in which gunmen killed 51 people.", "march 2019"),
        ("Last year's floods, which left 300 people dead, were the worst in decades.", "last year"),
        ("The flood killed 42 people on Tuesday.", None),
        ("Two years ago nearly 30 people were killed by a mudslide in the district.", "two years ago"),
        ("The flood killed 42 people three days ago.", None),
        ("In the last serious crash, 150 people died when a bus overturned late last year.", "late last year"),
        ("The heat toll topped that of 1987, when at least 96 deaths were blamed on heat.", "1987"),
        ("The 1999 storm killed 900 people.", None),
    ],
)
def test_a_figure_told_about_another_dated_event_carries_its_date(text: str, event_date: str | None) -> None:
    (doc,) = parse([text])
    skip = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    (quantity,) = find_quantities(doc, skip)
    assert quantity.event_date == event_date


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("So far rescuers have recovered 21 bodies from the river.", "part"),
        ("The remains of six people were pulled from the rubble.", "part"),
        ("Firefighters found dozens of bodies in the basement.", "part"),
        ("One more person was killed in the storm.", "part"),
        ("An estimated 170 other people were killed elsewhere in the region.", "part"),
        ("Another 430 passengers were rescued.", "part"),
        ("The count of 63 dead includes 21 bodies and 42 people reported missing.", "part"),
        ("At least 19 people were killed.", None),
        ("Twelve people recovered from their injuries.", None),
        ("A governing body of 40 experts met.", None),
        ("Five more than expected came.", None),
    ],
)
def test_bodies_found_and_increments_are_parts_of_a_count(text: str, scope: str | None) -> None:
    (doc,) = parse([text])
    assert find_quantities(doc, [])[-1].scope == scope


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The memo is 100 percent false.", []),
        ("She was 100% sure of it.", []),
        ("He was 90 percent certain of it.", []),
        ("The vaccine was 90 percent effective.", [("90 percent", 90.0, 90.0, False, "percent")]),
        ("Sales were 5 percent higher in May.", [("5 percent", 5.0, 5.0, False, "percent")]),
        ("The firm is 100 percent owned by the state.", [("100 percent", 100.0, 100.0, False, "percent")]),
    ],
)
def test_a_share_grading_how_sure_or_true_is_no_figure(
    text: str, expected: list[tuple[str, float, float, bool, str | None]]
) -> None:
    assert quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Lopez, 52, was arrested.", [("52", 52.0, 52.0, False, "year")]),
        ("Mr Hale, 61, and his son, 30, left.", [("61", 61.0, 61.0, False, "year"), ("30", 30.0, 30.0, False, "year")]),
        ("The death toll, 81, is expected to rise.", [("81", 81.0, 81.0, False, None)]),
    ],
)
def test_a_number_beside_a_person_is_an_age(
    text: str, expected: list[tuple[str, float, float, bool, str | None]]
) -> None:
    assert quantities(text) == expected


def test_a_figure_counts_no_noun_of_the_next_clause() -> None:
    text = "Organisers said the rally drew 50,000 while police said 9,000."
    assert [unit for *_, unit in quantities(text)] == [None, None]


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Maria Lopez, 52, was arrested.", [("52", "age")]),
        ("She is 52 years old.", [("52", "age")]),
        ("A 52-year-old woman was arrested.", [("52", "age")]),
        ("Maria Lopez, 52, had raised 2 million for charity.", [("52", "age"), ("2 million", None)]),
        ("He ended a 25 year career.", [("25", None)]),
    ],
)
def test_an_age_is_measured_as_one_and_lends_nothing(text: str, ages: list[tuple[str, str | None]]) -> None:
    (doc,) = parse([text])
    assert [(q.text, q.measure) for q in find_quantities(doc, [])] == ages
