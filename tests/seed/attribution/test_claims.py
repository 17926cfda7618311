"""Claims: attributed assertions, their claimant and stance."""
from __future__ import annotations

import re

import pytest

from seed.attribution.claims import extract_claims
from seed.records import DocActors, LocalActor, Mention
from seed.text.model import load_model
from seed.attribution.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_model()


NAMES = {
    "Maria Lopez": ("person", ["Lopez"]),
    "Tomas Berg": ("person", ["Berg"]),
    "Ministry of Fisheries": ("organization", []),
    "Harbour Gazette": ("media", ["the Gazette"]),
    "Norway": ("country", []),
    "Iceland": ("country", []),
}
OWN = "Daily Tide"


def tag(doc) -> DocActors:
    """A stand-in for the actors stage: every occurrence of each form is a mention."""
    acts = DocActors()
    spans = []
    for i, (name, (kind, aliases)) in enumerate(NAMES.items()):
        key = f"a{i}"
        acts.actors[key] = LocalActor(key, name, kind, None, {name, *aliases})
        for form in sorted({name, *aliases}, key=len, reverse=True):
            for m in re.finditer(re.escape(form), doc.text):
                if not any(m.start() < e and s < m.end() for s, e, _ in spans):
                    spans.append((m.start(), m.end(), key))
    acts.mentions = sorted((Mention(k, s, e, doc.text[s:e]) for s, e, k in spans), key=lambda m: m.start)
    return acts


def run(nlp, text):
    doc = nlp(text)
    acts = tag(doc)
    own = acts.ensure(OWN, "media")
    quotes = extract_quotes(doc, acts)
    claims = extract_claims(doc, acts, quotes, own)
    for c in claims:
        assert doc.text[c.start:c.end] == c.text
        assert c.text == c.text.strip()
    return claims, acts, quotes


def who(acts, c):
    return acts.actors[c.claimant].name if c.claimant else None


def only(claims):
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def test_a_said_sentence_is_a_claim_of_its_subject(nlp):
    c = only(run(nlp, "Maria Lopez said the cod quota would be halved next year.")[0])
    assert c.cue == "said"
    assert c.text == "Maria Lopez said the cod quota would be halved next year."


def test_claimant_of_a_said_sentence_is_the_named_subject(nlp):
    claims, acts, _ = run(nlp, "The quota will be halved, Tomas Berg said on Friday.")
    assert who(acts, only(claims)) == "Tomas Berg"


def test_two_sources_in_one_sentence_give_two_claims_with_the_same_text(nlp):
    claims, acts, _ = run(nlp, "Norway and Iceland have indicated that the talks will resume in March.")
    assert sorted(who(acts, c) for c in claims) == ["Iceland", "Norway"]
    assert claims[0].text == claims[1].text


def test_vague_sources_are_unnamed_sources_kept_as_their_description(nlp):
    text = ("Analysts suggest that prices will rise. One report claims that 200 boats were sold. "
            "Officials said the port would reopen.")
    claims, acts, _ = run(nlp, text)
    assert len(claims) == 3
    sources = [acts.actors[c.claimant] for c in claims]
    assert [a.name for a in sources] == ["Analysts", "One report", "Officials"]
    assert not any(a.named for a in sources)


def test_an_unnamed_source_is_not_the_organisation_it_belongs_to(nlp):
    claims, acts, _ = run(nlp, "A Ministry of Fisheries official said the quota would be cut.")
    source = acts.actors[claims[0].claimant]
    assert (source.name, source.named) == ("A Ministry of Fisheries official", False)


def test_the_same_description_later_is_the_same_unnamed_source(nlp):
    text = ("A spokeswoman said the port would reopen on Monday. "
            "The spokeswoman added that ferries would run twice a day.")
    claims, acts, _ = run(nlp, text)
    assert len(claims) == 2 and claims[0].claimant == claims[1].claimant
    assert acts.actors[claims[0].claimant].name == "A spokeswoman"


def test_a_source_told_an_outlet_is_the_source_not_the_outlet(nlp):
    claims, acts, _ = run(nlp, "A senior official told the Harbour Gazette that talks had stalled.")
    source = acts.actors[claims[0].claimant]
    assert source.name == "A senior official" and not source.named


def test_according_to_names_the_claimant(nlp):
    claims, acts, _ = run(nlp, "Catches fell sharply in May, according to the Ministry of Fisheries.")
    c = only(claims)
    assert (who(acts, c), c.cue) == ("Ministry of Fisheries", "according to")


def test_passive_report_carries_the_source_of_the_previous_sentence(nlp):
    text = ("According to the Harbour Gazette, the storm was the worst in decades. "
            "Twelve fishermen are reported to have been killed off the northern cape.")
    claims, acts, _ = run(nlp, text)
    assert [who(acts, c) for c in claims] == ["Harbour Gazette", "Harbour Gazette"]


def test_agentless_belief_is_the_writers_own_speculation(nlp):
    claims, acts, _ = run(nlp, "The fleet is believed to be preparing for a second season in the north.")
    c = only(claims)
    assert who(acts, c) == OWN
    assert c.stance == "speculates"


def test_inverted_say_with_a_vague_source_has_it_as_unnamed_source(nlp):
    claims, acts, _ = run(nlp, "About 300 boats have already left the harbour, say insurance reports.")
    c = only(claims)
    assert acts.actors[c.claimant].name == "insurance reports"


def test_dismissed_as_a_hoax_is_a_denial(nlp):
    claims, acts, _ = run(nlp, 'Tomas Berg dismissed the rumours of a strike as a "hoax."')
    c = only(claims)
    assert (who(acts, c), c.stance) == ("Tomas Berg", "denies")


def test_modal_in_the_reported_clause_makes_speculation(nlp):
    c = only(run(nlp, "Maria Lopez said the harbour might close for the winter.")[0])
    assert c.stance == "speculates"


def test_plain_report_asserts(nlp):
    c = only(run(nlp, "Maria Lopez said the harbour closed on Monday.")[0])
    assert c.stance == "asserts"


def test_he_added_continues_the_previous_claimant(nlp):
    text = "Tomas Berg told the council that the nets were torn. He added that two boats had sunk."
    claims, acts, _ = run(nlp, text)
    assert [who(acts, c) for c in claims] == ["Tomas Berg", "Tomas Berg"]


def test_for_example_sentence_continues_the_previous_claim(nlp):
    text = ("Maria Lopez said the inspections were careless. "
            "For example, the inspectors never opened the freezer holds.")
    claims, acts, _ = run(nlp, text)
    assert len(claims) == 2
    assert who(acts, claims[1]) == "Maria Lopez"
    assert claims[1].cue is None


def test_unattributed_figure_about_people_is_a_claim_of_the_writer(nlp):
    text = "The storm hit the coast on Tuesday. At least 40 fishermen were killed and 200 more injured."
    claims, acts, _ = run(nlp, text)
    c = only(claims)
    assert who(acts, c) == OWN
    assert c.text.startswith("At least 40 fishermen")


def test_sentences_without_cue_or_figure_are_not_claims(nlp):
    text = "The harbour lies at the mouth of the river. Its lighthouse was built in 1890."
    assert run(nlp, text)[0] == []


def test_hypothetical_figure_is_not_the_writers_claim(nlp):
    assert run(nlp, "Sending 500 more sailors would change the season entirely.")[0] == []


def test_claim_links_to_the_quote_it_contains(nlp):
    claims, _, quotes = run(nlp, '"The nets are empty," Maria Lopez said.')
    c = only(claims)
    assert c.quote is not None and quotes[c.quote].text == "The nets are empty,"


def test_quote_only_sentence_with_a_figure_is_a_claim_of_the_speaker(nlp):
    text = ('"The season is over," Tomas Berg said. "Forty crews have gone home."')
    claims, acts, _ = run(nlp, text)
    assert [who(acts, c) for c in claims] == ["Tomas Berg", "Tomas Berg"]


def test_headline_name_colon_statement_is_a_claim_of_the_name(nlp):
    claims, acts, _ = run(nlp, "Maria Lopez: the quota will be cut by half\n\nThe vote is on Monday.")
    c = only(claims)
    assert (who(acts, c), c.cue) == ("Maria Lopez", ":")


def test_while_clause_with_its_own_source_is_a_separate_claim(nlp):
    text = ("While Tomas Berg on Monday dismissed the closure as a rumour, "
            "Maria Lopez insisted that it is happening.")
    claims, acts, _ = run(nlp, text)
    assert [who(acts, c) for c in claims] == ["Tomas Berg", "Maria Lopez"]
    assert claims[0].text.startswith("While Tomas Berg")
    assert claims[1].text == "Maria Lopez insisted that it is happening."
    assert claims[0].stance == "denies"


def test_not_having_confirmed_is_the_writers_assertion(nlp):
    claims, acts, _ = run(nlp, "Neither Norway nor Iceland has officially confirmed the closure.")
    c = only(claims)
    assert who(acts, c) == OWN
    assert c.stance == "asserts"


def test_citing_does_not_replace_the_main_source(nlp):
    text = "The quota will be cut, the Harbour Gazette wrote, citing the Ministry of Fisheries."
    claims, acts, _ = run(nlp, text)
    assert who(acts, only(claims)) == "Harbour Gazette"


def test_claim_offsets_hold_across_paragraphs(nlp):
    text = ("  Catches fell, according to the Ministry of Fisheries.\n\n"
            "“The nets are empty,” Maria Lopez said.   \n"
            "Some 30 sailors have left the town.\n")
    claims, _, _ = run(nlp, text)
    assert len(claims) == 3


def test_declining_to_comment_is_not_a_claim(nlp):
    assert run(nlp, "The Ministry of Fisheries declined to comment.")[0] == []


def test_spokesperson_for_an_institution_speaks_for_it(nlp):
    claims, acts, _ = run(nlp, "A spokesperson for the Ministry of Fisheries said the rules were final.")
    assert who(acts, only(claims)) == "Ministry of Fisheries"


def test_an_outlet_that_has_been_told_stands_behind_the_claim(nlp):
    claims, acts, _ = run(nlp, "The Harbour Gazette has been told that the auction will be cancelled.")
    assert who(acts, only(claims)) == "Harbour Gazette"


def test_claim_covers_a_quote_that_runs_past_its_first_sentence(nlp):
    text = "Maria Lopez said: “The nets are empty. The boats stay in port.”"
    c = only(run(nlp, text)[0])
    assert c.text == text


def test_a_participle_after_by_reports_for_the_main_subject(nlp):
    claims, acts, _ = run(nlp, "Maria Lopez ended the hearing by saying that the quota would be cut.")
    c = only(claims)
    assert acts.actors[c.claimant].name == "Maria Lopez" and c.cue == "saying"


def test_a_quoted_statement_under_a_transcript_label_is_the_speakers_claim(nlp):
    text = ('Tomas Berg spoke to the Harbour Gazette.\n\n'
            '"BERG: The quota for cod will be cut by a third next year, and nobody is ready."')
    claims, acts, _ = run(nlp, text)
    quoted = [c for c in claims if c.rule == "claim-quoted"]
    assert len(quoted) == 1 and acts.actors[quoted[0].claimant].name == "Tomas Berg"
    assert quoted[0].text.startswith("BERG: The quota")


def test_a_thing_or_person_described_by_a_name_is_not_the_name(nlp):
    claims, acts, _ = run(nlp, "A Harbour Gazette analysis found that catches fell by half.")
    source = acts.actors[only(claims).claimant]
    assert (source.name, source.named) == ("A Harbour Gazette analysis", False)


def test_a_spokesman_speaks_for_whoever_he_belongs_to(nlp):
    claims, acts, _ = run(nlp, "The Ministry of Fisheries' spokesman said that the quota would be cut.")
    assert acts.actors[only(claims).claimant].name == "Ministry of Fisheries"


def test_a_thing_stating_a_clause_is_a_source(nlp):
    claims, acts, _ = run(nlp, "Another slide claimed that most boats in the harbour were built abroad.")
    assert acts.actors[only(claims).claimant].name == "Another slide"


def test_some_after_one_person_are_people_not_named(nlp):
    claims, acts, _ = run(nlp, "Maria Lopez said the quota would be halved. Some believe the fleet cannot survive the cut.")
    source = acts.actors[claims[-1].claimant]
    assert (source.name, source.named) == ("Some", False)


def test_some_after_a_group_are_some_of_that_group(nlp):
    claims, acts, _ = run(nlp, "Local fishermen have protested at the harbour for a week. "
                               "Some say the fleet cannot survive the cut.")
    assert who(acts, claims[-1]) == who(acts, claims[0]) == "Local fishermen"


def test_a_described_person_is_whoever_was_so_described(nlp):
    text = "Retired skipper Maria Lopez visited the harbour on Monday. The veteran skipper said the quota would be halved."
    claims, acts, _ = run(nlp, text)
    assert who(acts, claims[-1]) == "Maria Lopez"


def test_a_description_whose_proper_modifier_disagrees_is_someone_else(nlp):
    text = "Retired skipper Maria Lopez visited the harbour on Monday. The Faroese skipper said the quota would be halved."
    claims, acts, _ = run(nlp, text)
    source = acts.actors[claims[-1].claimant]
    assert (source.name, source.named) == ("The Faroese skipper", False)


def test_attributions_side_by_side_are_claims_of_their_own(nlp):
    claims, acts, _ = run(nlp, "Maria Lopez said the quota would be halved, adding that the fleet would shrink.")
    assert [(c.cue, who(acts, c)) for c in claims] == [("said", "Maria Lopez"), ("adding", "Maria Lopez")]
    assert claims[1].text == "adding that the fleet would shrink."
    claims, acts, _ = run(nlp, "Maria Lopez said the quota would be halved, and Tomas Berg insisted it would not.")
    assert [who(acts, c) for c in claims] == ["Maria Lopez", "Tomas Berg"]


def test_an_attribution_inside_another_is_part_of_the_outer_claim(nlp):
    claims, acts, _ = run(nlp, "Maria Lopez said Tomas Berg had denied the report.")
    assert who(acts, only(claims)) == "Maria Lopez"


def test_a_position_someone_takes_is_their_claim(nlp):
    claims, acts, _ = run(nlp, "Tomas Berg wants the cod quota scrapped before the winter.")
    assert (only(claims).cue, who(acts, only(claims))) == ("wants", "Tomas Berg")


def test_a_position_verb_in_a_purpose_clause_or_a_question_claims_nothing(nlp):
    assert run(nlp, "Norway sent two ships to support the rescue off the coast.")[0] == []
    assert run(nlp, "What does Tomas Berg want from the talks?")[0] == []


def test_a_statement_outranks_a_position_in_its_sentence(nlp):
    claims, acts, _ = run(nlp, "Tomas Berg wants the quota scrapped, the Harbour Gazette reported.")
    assert only(claims).cue == "reported"


def test_a_cue_ending_in_a_colon_claims_the_paragraph_below_it(nlp):
    text = ("Tomas Berg spoke at the harbour.\n\nBerg added:\n\n"
            "The quota will be cut by a third. Nobody in the fleet is ready for it.\n\nThe meeting ended at noon.")
    claims, acts, _ = run(nlp, text)
    block = only([c for c in claims if c.cue == "added"])
    assert block.text.endswith("Nobody in the fleet is ready for it.") and who(acts, block) == "Tomas Berg"
    assert not any(block.start < c.start < block.end for c in claims)


def test_a_title_naming_its_speaker_is_their_claim(nlp):
    claims, acts, _ = run(nlp, "Tomas Berg: The Quota Cuts Will Sink the Fleet.\n\nThe harbour was quiet on Monday.")
    assert who(acts, claims[0]) == "Tomas Berg" and claims[0].cue == ":"


def test_a_statement_going_on_from_a_position_leaves_both_claims(nlp):
    claims, acts, _ = run(nlp, "Tomas Berg is defending the quota cut, saying that the stocks would not recover otherwise.")
    assert [(c.cue, who(acts, c)) for c in claims] == [("is defending", "Tomas Berg"), ("saying", "Tomas Berg")]


def test_whatever_noun_is_subject_of_a_speaking_verb_is_a_source(nlp):
    claims, acts, _ = run(nlp, "Delegates questioned whether the quota had been set fairly.")
    source = acts.actors[only(claims).claimant]
    assert (source.name, source.named) == ("Delegates", False)
    claims, acts, _ = run(nlp, "The figures suggest a new level of risk for the fleet.")
    assert all(c.claimant is None or acts.actors[c.claimant].name != "The figures" for c in claims)


def test_a_bare_participle_compared_to_is_no_cue(nlp):
    claims, _, _ = run(nlp, "The fleet landed 30% more “prime” cod this spring, compared to the spring of last year.")
    assert [c.cue for c in claims] == []


def test_a_cue_in_a_clause_beside_the_writers_claims_only_that_clause(nlp):
    c = only(run(nlp, "The harbour reopened on Monday, but Maria Lopez said the cod quota would be halved.")[0])
    assert c.text == "Maria Lopez said the cod quota would be halved."
    claims, acts, _ = run(nlp, "The fleet stayed in port, although Tomas Berg insists that the stocks have recovered.")
    assert only(claims).text == "Tomas Berg insists that the stocks have recovered." and who(acts, claims[0]) == "Tomas Berg"


def test_a_clause_pointing_at_the_sentence_keeps_the_sentence(nlp):
    text = "As Maria Lopez said on Friday, the cod quota will be halved."
    assert only(run(nlp, text)[0]).text == text


def test_a_cue_the_parser_hung_in_the_content_is_a_claim_of_the_first_speaker(nlp):
    claims, acts, _ = run(nlp, "Maria Lopez said the quota would be cut in 2027, arguing that the stocks were too low.")
    assert [(c.cue, who(acts, c)) for c in claims] == [("said", "Maria Lopez"), ("arguing", "Maria Lopez")]
    assert claims[1].text == "arguing that the stocks were too low."
    claims, acts, _ = run(nlp, "Tomas Berg said he would order a review of the fleet and warned against new permits.")
    assert [(c.cue, who(acts, c)) for c in claims] == [("said", "Tomas Berg"), ("warned", "Tomas Berg")]
