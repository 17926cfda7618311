"""Figure groups are one story's count of one thing, and claims are compared
by meaning as well as words (seed/link/figures.py, facets.py, stories.py,
claims.py).  Invented figures and claims, no spaCy."""
from __future__ import annotations

from seed.link.claims import ClaimIn, bag, pair_scores
from seed.link.facets import FigureIn, facets
from seed.link.figures import figure_groups
from seed.link.stories import places, signature, story_parts

WAR_A = {"a1": 0.4, "a2": 0.3, "a9": 0.05, "wvalley": 0.25}  # two warring states, a valley, the UN in passing
WAR_B = {"a5": 0.5, "a6": 0.4, "a9": 0.1}  # another war, the same UN


def _fig(fid, doc, low, unit="killed", subject="soldiers", before="officials said that ", after=" were killed",
         qualifier=None):
    return FigureIn(fid, doc, str(low), low, low, unit, subject, qualifier, before, after, "2025-05-01")


def _members(groups):
    return sorted(sorted(m.figure_id for m in g.members) for g in groups)


def test_a_generic_actor_named_in_passing_does_not_make_two_wars_one_story():
    assert story_parts({1, 2, 3}, {1: WAR_A, 2: dict(WAR_A), 3: WAR_B}) == [{1, 2}, {3}]


def test_a_signature_counts_resolved_actors_and_capitalised_words_outside_them():
    text = "Rebels took Mirel. Officials in Mirel said the Kethran Front had left."
    sig = signature(text, [(7, "country", 0, 0), (8, "media", 1, 1)])
    assert set(sig) == {"a7", "wmirel", "wkethran", "wfront"}  # "Rebels", "Officials" open sentences


def test_death_tolls_of_two_wars_never_share_a_group_though_close_in_value():
    figs = [_fig(1, 1, 12000), _fig(2, 2, 12500), _fig(3, 3, 11800), _fig(4, 4, 3400)]
    groups = figure_groups(figs, {1: WAR_A, 2: WAR_A, 3: WAR_B, 4: WAR_B})
    assert _members(groups) == [[1, 2], [3, 4]]


def test_the_spread_is_bounded_over_the_whole_group_not_only_between_neighbours():
    values = [100, 400, 1600, 6400, 25600, 55000]  # each step x4, the whole run x550
    groups = figure_groups([_fig(i, i, v) for i, v in enumerate(values, 1)])
    assert groups
    for g in groups:
        assert g.high / g.low <= 8


def test_n_each_agrees_with_twice_n_in_total():
    each = _fig(1, 1, 150, unit="captured", subject="prisoners", before="the two sides exchanged ",
                after=" prisoners each on Saturday")
    total = _fig(2, 2, 300, unit="captured", subject="prisoners", after=" prisoners in total")
    (g,) = figure_groups([each, total])
    assert not g.conflict


def test_n_each_against_n_in_total_is_a_conflict():
    each = _fig(1, 1, 150, unit="captured", subject="prisoners", after=" prisoners each")
    total = _fig(2, 2, 150, unit="captured", subject="prisoners", after=" prisoners in total")
    (g,) = figure_groups([each, total])
    assert g.conflict


def test_counted_nouns_that_are_not_the_same_thing_never_join():
    lead = _fig(1, 1, 6, unit="points", subject="points", before="leads her rival by ", after=" points")
    marks = _fig(2, 2, 30, unit="points", subject="exclamation points", before="a message with ")
    weight = _fig(3, 2, 210, unit="pounds", subject="pounds", before="he weighs ")
    wage = _fig(4, 1, 18, unit="usd", subject="bus drivers", before="bus drivers, who earn ")
    minimum = _fig(5, 2, 12, unit="usd", subject="city minimum wage", before="the minimum wage will rise to ")
    assert facets(lead)[2] != facets(marks)[2]
    assert facets(weight) is None
    assert facets(wage)[2] != facets(minimum)[2]
    assert figure_groups([lead, marks, weight, wage, minimum]) == []


def test_a_price_is_compared_with_a_price_whatever_the_sentence_hangs_it_on():
    a = _fig(1, 1, 42e6, unit="usd", subject=None, before="a new bridge, at a cost of ", after=".")
    b = _fig(2, 2, 45e6, unit="usd", subject="new bridge", before="The new bridge will cost ", after=".",
             qualifier="about")
    assert facets(a) == facets(b) == ("usd", "total", "cost")


def test_a_capacity_and_a_population_are_not_the_count_of_strikers():
    strikers = _fig(1, 1, 1200, unit="captured", subject="prisoners", after=" prisoners joined the strike")
    held = _fig(2, 2, 3500, unit="captured", subject="prisoners", before="The prison holds ")
    built = _fig(3, 2, 2000, unit="captured", subject="prisoners", before="Corvale, built for ")
    assert len({facets(f) for f in (strikers, held, built)}) == 3


def test_two_sides_named_in_one_story_count_separately():
    ours = _fig(1, 1, 4100, subject="Sellmarkian soldiers")
    theirs = [_fig(2, 1, 12000, subject="Drovanian soldiers"), _fig(3, 2, 12500, subject="Drovanian soldiers")]
    unnamed = _fig(4, 2, 4000, subject="soldiers")
    groups = figure_groups([ours, *theirs, unnamed])
    assert _members(groups) == [[2, 3]]  # with two sides named, an unnamed toll joins neither


def _claim(cid, doc, text, places=()):
    return ClaimIn(cid, doc, 0, len(text), text, places=tuple(places))


def test_a_capital_for_its_state_is_the_same_actor_in_a_claim():
    a = _claim(1, 1, "Neither Veskor nor Port Aldin has officially confirmed the prisoner numbers",
               [(8, 14, 50), (19, 29, 51)])
    b = _claim(2, 2, "Neither Drovania nor Sellmark has officially confirmed the prisoner numbers",
               [(8, 16, 50), (21, 29, 51)])
    assert "@50" in bag(a) and "@50" in bag(b) and "veskor" not in bag(a)
    filler = [_claim(i, 10 + i, f"The harvest festival number {i} drew crowds to the square") for i in range(3, 9)]
    scores = pair_scores([a, b, *filler], [])
    assert scores[(1, 2)] >= 42


def test_the_same_words_about_another_story_are_not_the_same_claim():
    a = _claim(1, 1, "The United Nations said that aid convoys had reached the northern city on Sunday")
    b = _claim(2, 2, "The United Nations said that aid convoys had reached the northern city on Monday")
    filler = [_claim(i, 10 + i, f"Farmers number {i} sold apples at the market") for i in range(3, 9)]
    together = pair_scores([a, b, *filler], [], signatures={1: WAR_A, 2: dict(WAR_A)})
    apart = pair_scores([a, b, *filler], [], signatures={1: WAR_A, 2: WAR_B})
    assert (1, 2) in together and (1, 2) not in apart


def test_a_figure_of_somewhere_no_other_source_names_is_left_out():
    text = "About 3,000 troops backed the rebels in Farland decades ago."
    recalled = FigureIn(1, 1, "About 3,000", 3000, 3000, "troops", "troops", "about", "", " troops backed",
                        "2025-05-01", (0, len(text)))
    today = [_fig(2, 2, 3200, unit="troops", subject="troops"), _fig(3, 3, 3100, unit="troops", subject="troops")]
    sigs = {1: {"a1": 0.5, "a40": 0.1, "wvalley": 0.4}, 2: {"a1": 0.6, "wvalley": 0.4}, 3: {"a1": 1.0}}
    named = {1: [(text.index("Farland"), text.index("Farland") + 7, "a40")]}
    groups = figure_groups([recalled, *today], sigs, named)
    assert _members(groups) == [[2, 3]]
    assert _members(figure_groups([recalled, *today], sigs, {})) == [[1, 2, 3]]


def test_a_place_spelt_like_a_persons_name_in_the_document_is_not_a_place():
    text = "Mara Sand leads. A poll gave her rival a lead over Sand in Tessaly."
    mentions = [(1, "person", 0, 9), (2, "place", text.index("Sand in"), text.index("Sand in") + 4),
                (3, "place", text.index("Tessaly"), text.index("Tessaly") + 7)]
    assert [key for *_, key in places(text, mentions)] == ["a3"]


def test_claims_giving_the_same_figure_are_paired_though_they_share_one_word():
    a_text = "Analysts said the generals had moved 40,000 troops to the plain"
    b_text = "The institute said the invaders massed some 40,000 soldiers"
    a = ClaimIn(1, 1, 0, len(a_text), a_text, values=(("troops", 40000),))
    b = ClaimIn(2, 2, 0, len(b_text), b_text, values=(("troops", 40000),))
    filler = [_claim(i, 10 + i, f"Farmers number {i} sold apples at the market") for i in range(3, 9)]
    assert "#troops:4e+04" in bag(a)
    assert (1, 2) in pair_scores([a, b, *filler], [])
    assert (1, 2) not in pair_scores([_claim(1, 1, a_text), _claim(2, 2, b_text), *filler], [])


def test_a_negated_claim_scores_less_than_its_plain_twin():
    plain = _claim(1, 1, "The candidate has a plan to end the fuel shortages")
    same = _claim(2, 2, "The candidate has a plan to end the fuel shortages soon")
    denied = _claim(3, 3, "The candidate has no plan to end the fuel shortages soon")
    filler = [_claim(i, 10 + i, f"Farmers number {i} sold apples at the market") for i in range(4, 10)]
    scores = pair_scores([plain, same, denied, *filler], [])
    assert scores[(1, 3)] <= scores[(1, 2)] - 15 + 1


def test_claims_counting_one_unit_in_different_figure_groups_are_different_claims():
    held_text, strike_text = ("The ministry said the prison holds 3,500 prisoners",
                              "The ministry said 900 prisoners in the prison were on strike")
    held = ClaimIn(1, 1, 0, len(held_text), held_text, figures=(11,))
    strike = ClaimIn(2, 2, 0, len(strike_text), strike_text, figures=(12,))
    filler = [_claim(i, 10 + i, f"Farmers number {i} sold apples at the market") for i in range(3, 9)]
    assert (1, 2) in pair_scores([held, strike, *filler], [])
    units = {11: "captured", 12: "captured"}
    assert (1, 2) not in pair_scores([held, strike, *filler], [], fig_unit=units)
