"""Figures: which numbers count, what they are worth, and what they count."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seed.figures.phrases import extract_figures
from seed.text.model import load_model
from seed.figures.numbers import fraction_percent, parse_amount


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def figures(nlp, text):
    doc = nlp(text)
    out = extract_figures(doc)
    for f in out:
        assert doc.text[f.start:f.end] == f.text
    return out


def only(nlp, text):
    found = figures(nlp, text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# --- phrase forms: span, value, qualifier ---------------------------------------

@pytest.mark.parametrize("sentence, span, low, high, qualifier", [
    ("The ministry said approximately 2,500 soldiers had crossed the border.", "approximately 2,500", 2500, 2500, "approximately"),
    ("They were later joined by another 8,000 or so of their comrades.", "another 8,000 or so", 8000, 8000, "or so"),
    ("The rebels could field as many as 40,000 fighters.", "as many as 40,000", 40000, 40000, "as many as"),
    ("Estimates put the force at 2,000 to 5,000 troops.", "2,000 to 5,000", 2000, 5000, None),
    ("Between 1,000-4,000 extra marines landed on the island.", "Between 1,000-4,000", 1000, 4000, "between"),
    ("At least 700 soldiers have been killed.", "At least 700", 700, 700, "at least"),
    ("Some 450,000 soldiers were mobilised.", "Some 450,000", 450000, 450000, "about"),
    ("Five or six battalions were moved north.", "Five or six", 5, 6, None),
    ("Nineteen sailors were rescued from the sea.", "Nineteen", 19, 19, None),
    ("Between 5 and 10 million people were displaced.", "Between 5 and 10 million", 5e6, 1e7, "between"),
    ("Two to three thousand troops crossed the river.", "Two to three thousand", 2000, 3000, None),
    ("The city has 3.5 million residents.", "3.5 million", 3.5e6, 3.5e6, None),
])
def test_number_phrase_keeps_its_qualifier_and_gives_both_ends(nlp, sentence, span, low, high, qualifier):
    f = only(nlp, sentence)
    assert f.text == span
    assert (f.low, f.high) == (low, high)
    assert f.qualifier == qualifier


def test_single_figure_has_low_equal_high_whatever_the_qualifier(nlp):
    for f in figures(nlp, "More than 300 guards and fewer than 20 officers were on duty."):
        assert f.low == f.high


def test_vague_quantities_take_the_conventional_bounds(nlp):
    text = ("Dozens of civilians were hurt. Hundreds of protesters gathered outside. "
            "Thousands of workers went on strike. The plant makes millions of rounds a year. "
            "Tens of thousands of residents fled.")
    got = {f.text.lower(): (f.low, f.high) for f in figures(nlp, text)}
    assert got == {"dozens": (24, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
                   "millions": (2_000_000, 9_999_999), "tens of thousands": (20_000, 99_999)}


def test_qualified_vague_quantity_keeps_its_hedge(nlp):
    f = only(nlp, "The deal could bring potentially thousands of conscripts to the front.")
    assert f.text == "potentially thousands"
    assert (f.low, f.high, f.unit) == (2000, 9999, "troops")


@pytest.mark.parametrize("sentence, span, value", [
    ("About half of the rockets failed to explode.", "About half", 50),
    ("A third of the fleet was lost.", "A third", 33.3),
    ("Two-thirds of voters backed the plan.", "Two-thirds", 66.7),
])
def test_fractions_are_percentages(nlp, sentence, span, value):
    f = only(nlp, sentence)
    assert (f.text, f.low, f.high, f.unit) == (span, value, value, "percent")


# --- money, percent, distance, munitions -----------------------------------------

def test_money_with_currency_sign_and_approximation(nlp):
    found = figures(nlp, "Each recruit is paid $3,100 (ca. €2,900) a month.")
    assert [(f.text, f.low, f.unit) for f in found] == [("$3,100", 3100, "usd"), ("ca. €2,900", 2900, "eur")]


def test_money_scale_suffixes(nlp):
    found = figures(nlp, "The government approved a $1.7bn package and a further £40m grant.")
    assert [(f.low, f.unit) for f in found] == [(1.7e9, "usd"), (4e7, "gbp")]


def test_money_subject_is_what_the_sum_pays_for(nlp):
    f = only(nlp, "Volunteers get a signing-on bonus that can be as much as $15,000.")
    assert f.text == "as much as $15,000"
    assert f.subject and "bonus" in f.subject


def test_percent_wins_over_the_casualty_verb(nlp):
    f = only(nlp, "More than 30% of the recruits are believed to have been killed, injured or captured.")
    assert (f.text, f.low, f.unit) == ("More than 30%", 30, "percent")


def test_less_than_one_percent(nlp):
    f = only(nlp, '"Less than 1% of the officers speak the language," he said.')
    assert (f.text, f.low, f.high, f.unit) == ("Less than 1%", 1, 1, "percent")


def test_distance_keeps_its_unit_word(nlp):
    f = only(nlp, "The convoy travelled nearly 6,500 kilometres across the steppe.")
    assert (f.text, f.low, f.unit) == ("nearly 6,500 kilometres", 6500, "km")
    assert only(nlp, "The drone flew 300 miles before it was shot down.").unit == "miles"


def test_munitions_are_counted_by_their_noun(nlp):
    found = figures(nlp, "Overnight the army fired 1.5 million artillery shells and 40 missiles.")
    assert [(f.low, f.unit) for f in found] == [(1.5e6, "shells"), (40, "missiles")]


# --- units from the counted noun and its verb ------------------------------------

@pytest.mark.parametrize("sentence, unit", [
    ("Officials said 900 soldiers were killed in action.", "killed"),
    ("More than 25 military personnel are reported to have been killed by the strike.", "killed"),
    ("The army lost 300 soldiers in the battle.", "killed"),
    ("At least 80 people have died in the floods.", "killed"),
    ("Some 800 soldiers were wounded.", "wounded"),
    ("The loss of some 500,000 troops killed and wounded weighs on the army.", "casualties"),
    ("An estimated 1,200 troops were killed or wounded.", "casualties"),
    ("Officials reported 300 casualties.", "casualties"),
    ("Rebels captured 120 soldiers near the river.", "captured"),
    ("The report said that 14 soldiers had deserted their posts.", "deserted"),
    ("About 30 have already fled their positions.", "deserted"),
    ("About 4,000 troops were sent to the front.", "troops"),
    ("The country dispatched 11,500 personnel last year.", "troops"),
    ("The company hired 900 builders and 300 advisers.", "troops"),
])
def test_unit_comes_from_the_counted_noun_and_its_verb(nlp, sentence, unit):
    assert figures(nlp, sentence)[0].unit == unit


def test_coordinated_verbs_with_their_own_objects_keep_separate_units(nlp):
    found = figures(nlp, "The attack killed 12 civilians and injured 40 others.")
    assert [(f.low, f.unit) for f in found] == [(12, "killed"), (40, "wounded")]


def test_second_clause_with_its_own_subject_does_not_leak_its_verb(nlp):
    found = figures(nlp, "At least 500 have been killed and thousands more wounded.")
    assert [f.unit for f in found] == ["killed", "wounded"]


def test_officers_included_among_the_killed_are_killed(nlp):
    found = figures(nlp, "More than 30 soldiers, including seven officers, are reported to have been killed.")
    assert [(f.text, f.unit) for f in found] == [("More than 30", "killed"), ("seven", "killed")]


def test_subject_is_the_counted_noun_phrase(nlp):
    f = only(nlp, "Approximately 2,000 Ruritanian special forces were seen at the port.")
    assert f.subject == "Ruritanian special forces"
    assert f.unit == "troops"


def test_demonym_plural_counts_soldiers_in_a_war_story(nlp):
    text = ("The war has drawn in foreign troops. The army says its soldiers hold the front. "
            "In March the defenders managed to capture two Ruritanians. Dozens of Ruritanians are behind the lines.")
    assert [(f.text, f.unit) for f in figures(nlp, text)] == [("two", "captured"), ("Dozens", "troops")]


# --- what is not a figure --------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "During the civil war (1861-65), the town was burned.",
    "In 2023 the army recruited widely.",
    "The fashion of the 1970s returned.",
    "The siege lasted seven months.",
    "He served 30 years in the navy.",
    "The treaty marked 80 years of peace.",
    "They met at a one-day summit.",
    "Trains run twice a week.",
    "They celebrated the 75th anniversary of the founding.",
    "The second wave arrived in spring.",
    "He was the first to arrive.",
    "The statement was released at 6.15pm.",
    "The 14th brigade moved forward.",
    "They invoked Article 99 of the charter.",
    "The army fired XR-41 and Skybolt-7s missiles.",
    "She holds a DPhil from the university.",
    "The 25-year-old soldier was arrested.",
    "Jane Roe, 45, said she was afraid.",
    "Call +44 20 7946 0958 for details.",
    "The report is at https://example.org/report/2024/12345.html today.",
    "The two countries signed a treaty.",
    "One report claims the plan failed.",
    "The army needs 155 mm artillery shells.",
    "Published: 4 March 2024.",
    "He lives at 10 Downing Street.",
    "In the second half of the year, sales fell.",
])
def test_dates_durations_ordinals_times_designations_are_not_figures(nlp, sentence):
    assert figures(nlp, sentence) == []


def test_year_next_to_a_figure_is_dropped_but_the_figure_kept(nlp):
    found = figures(nlp, "In October 2024 about 1,600 soldiers arrived, and 900 more followed in 2025.")
    assert [f.text for f in found] == ["about 1,600", "900"]


def test_small_spelled_number_counts_people_or_losses_only(nlp):
    assert figures(nlp, "The two leaders met while four ministers waited.")[0].text == "four"
    assert [f.unit for f in figures(nlp, "One soldier died and two were wounded.")] == ["killed", "wounded"]


# --- number parsing --------------------------------------------------------------

@pytest.mark.parametrize("written, low, high", [
    ("$1.2bn", 1.2e9, 1.2e9), ("2.5 million", 2.5e6, 2.5e6), ("twenty-five", 25, 25),
    ("three hundred", 300, 300), ("a dozen", 12, 12), ("half a million", 5e5, 5e5),
    ("hundreds of thousands", 200_000, 999_999), ("several hundred", 200, 999),
])
def test_amounts_parse_to_their_value(written, low, high):
    a = parse_amount(written)
    assert (a.low, a.high) == (low, high)


def test_fraction_words_are_percent_of_a_whole():
    assert (fraction_percent("half"), fraction_percent("a quarter"), fraction_percent("three-quarters")) == (50, 25, 75)


# --- invariants ------------------------------------------------------------------

def test_offsets_point_into_the_text_with_leading_whitespace_and_unicode(nlp):
    text = "\n\n  «Ça va» — some 3 000 ou 4,000 soldats… As many as 1,200 troops left; €5m was paid.\n"
    for f in figures(nlp, text):
        assert text[f.start:f.end] == f.text
        assert f.low is None or f.high is None or f.low <= f.high


ALPHABET = st.sampled_from(list("0123456789 ,.-–$€%()abcdefhilmnorstuwy\n") +
                           ["thousands", " of ", "troops", "killed", "about ", "between ", " and ", " to ",
                            "half", "million", "bn", "2024", "1,000", "three", " or ", "km", "per cent"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ALPHABET, max_size=40).map("".join) | st.text(max_size=120))
def test_arbitrary_text_never_raises_and_keeps_the_invariants(nlp, text):
    doc = nlp(text)
    for f in extract_figures(doc):
        assert doc.text[f.start:f.end] == f.text
        assert f.low is not None
        assert f.high is None or f.low <= f.high
        assert 0 < f.confidence <= 1


@pytest.mark.parametrize("sentence", [
    "Between 2014 and 2022 the region changed hands.",
    "Men aged between 18 and 60 may not leave the country.",
    "Shelling began at 10.30 local time.",
    "The 5,000-tonne ship sank.",
    "Kyiv, Jan 5 (Reuters) - The talks resumed.",
])
def test_year_ranges_ages_clock_times_and_compound_modifiers_are_not_figures(nlp, sentence):
    assert figures(nlp, sentence) == []


def test_several_kinds_of_loss_together_are_casualties(nlp):
    assert only(nlp, "Some 900 soldiers were wounded or captured.").unit == "casualties"


def test_figure_in_a_caption_is_kept_with_lower_confidence(nlp):
    text = ("Army sends troops north\n\nThe army said 2,000 soldiers were sent.\n\n"
            "The general speaks in front of hundreds of soldiers\n\nThe move was announced on Monday.")
    body, caption = figures(nlp, text)
    assert caption.text == "hundreds"
    assert caption.confidence < body.confidence


def test_the_year_of_a_dateline_is_not_counted_with_the_noun_after_it(nlp):
    doc = nlp("By Ada Lind\nMay 12, 2025\n\nAbout 3,000 residents were evacuated.")
    assert [(f.text, f.low) for f in extract_figures(doc)] == [("About 3,000", 3000.0)]
    doc = nlp("On Sept. 3, 1,200 workers walked out.")
    assert [f.text for f in extract_figures(doc)] == ["1,200"]


# --- what is counted when the noun beside the number is not it -----------------

def unit_of(nlp, text, span):
    return next(f.unit for f in figures(nlp, text) if f.text == span)


def test_a_part_of_a_whole_takes_the_verb_and_the_whole_is_a_count_of_its_noun(nlp):
    text = "At least 40 of the 600 troops sent to the Tarn valley in May had been killed by June."
    assert unit_of(nlp, text, "At least 40") == "killed"
    assert unit_of(nlp, text, "600") == "troops"


def test_the_number_of_people_a_verb_names_gives_the_unit_of_its_value(nlp):
    assert unit_of(nlp, "Ostrov said that the number of soldiers killed and wounded in the hills has exceeded 1,900.",
                   "1,900") == "casualties"
    assert unit_of(nlp, "The number of people displaced by the floods had passed 12,500 by Friday.",
                   "12,500") == "people"


def test_total_is_not_what_a_total_counts(nlp):
    text = "The agency said it had moved 800 villagers by boat, and that 4,000 total had left the valley."
    assert unit_of(nlp, text, "4,000") == "villagers"
    assert unit_of(nlp, text, "800") == "villagers"


def test_losses_of_personnel_are_casualties_not_troops(nlp):
    assert unit_of(nlp, "The general staff reported losses of 950 personnel in the past week.", "950") == "casualties"


def test_of_them_names_who_the_part_is(nlp):
    assert unit_of(nlp, "About 7,000 people fled the fighting, 2,600 of them children.", "2,600") == "children"


def test_volunteers_are_troops_only_in_a_story_of_war(nlp):
    assert unit_of(nlp, "The campaign said 3,000 volunteers had signed up to knock on doors.", "3,000") == "volunteers"
