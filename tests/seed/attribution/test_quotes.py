"""Quotes: spans inside quotation marks and who speaks them."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seed.attribution.marks import find_quote_spans
from seed.attribution.quotes import extract_quotes
from seed.records import DocActors, LocalActor, Mention
from seed.text.model import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def tag(doc, names: dict[str, tuple[str, list[str]]]) -> DocActors:
    """A stand-in for the actors stage: every occurrence of each form is a mention."""
    acts = DocActors()
    spans = []
    for i, (name, (kind, aliases)) in enumerate(names.items()):
        key = f"a{i}"
        acts.actors[key] = LocalActor(key, name, kind, None, {name, *aliases})
        for form in sorted({name, *aliases}, key=len, reverse=True):
            for m in re.finditer(re.escape(form), doc.text):
                if not any(m.start() < e and s < m.end() for s, e, _ in spans):
                    spans.append((m.start(), m.end(), key))
    acts.mentions = sorted((Mention(k, s, e, doc.text[s:e]) for s, e, k in spans), key=lambda m: m.start)
    return acts


def run(nlp, text, names=None):
    doc = nlp(text)
    acts = tag(doc, names or {})
    quotes = extract_quotes(doc, acts)
    for q in quotes:
        assert doc.text[q.start:q.end] == q.text
    return quotes, acts


def speaker(acts, q):
    return acts.actors[q.speaker].name if q.speaker else None


PEOPLE = {
    "Maria Lopez": ("person", ["Lopez"]),
    "Tomas Berg": ("person", ["Berg"]),
    "Ministry of Fisheries": ("organization", []),
}


def test_quote_text_excludes_marks_and_keeps_punctuation_inside_them(nlp):
    quotes, acts = run(nlp, 'The harbour is "closed until spring," Maria Lopez said on Monday.', PEOPLE)
    assert [q.text for q in quotes] == ["closed until spring,"]
    assert speaker(acts, quotes[0]) == "Maria Lopez"
    assert quotes[0].cue == "said"


def test_single_quoted_title_inside_a_longer_quote_is_not_listed_on_its_own(nlp):
    text = "“We call it ‘the long winter’ and nobody laughs,” Tomas Berg said."
    quotes, _ = run(nlp, text, PEOPLE)
    assert [q.text for q in quotes] == ["We call it ‘the long winter’ and nobody laughs,"]


def test_apostrophes_are_not_quotation_marks(nlp):
    text = "The fleet's nets don't hold, and the sailors' union can’t say why. Norway’s boats stayed home."
    assert run(nlp, text)[0] == []


def test_single_marks_used_as_quotation_marks_are_quotes(nlp):
    text = "The report, which 'documents every closure since 1990', was published on Friday."
    quotes, _ = run(nlp, text)
    assert [q.text for q in quotes] == ["documents every closure since 1990"]


def test_straight_opening_mark_pairs_with_curly_closing_mark(nlp):
    quotes, _ = run(nlp, 'The town hired 40 seasonal "helpers” last year.')
    assert [q.text for q in quotes] == ["helpers"]


def test_unbalanced_mark_is_closed_at_its_paragraph_end_and_loses_nothing_after(nlp):
    text = ('Lopez said the quota was "unfair and rushed.\n\n'
            'Berg disagreed. "The stock is collapsing," he said.')
    quotes, acts = run(nlp, text, PEOPLE)
    assert [q.text for q in quotes] == ["unfair and rushed.", "The stock is collapsing,"]
    assert quotes[0].confidence < quotes[1].confidence
    assert speaker(acts, quotes[1]) == "Tomas Berg"


def test_quote_running_over_two_paragraphs_gives_a_record_per_paragraph_with_one_speaker(nlp):
    text = ('Maria Lopez described the night at sea:\n\n'
            '“The wind came first. We tied everything down.\n\n'
            '“Then the engine stopped and the radio went quiet.”\n\n'
            'The coast guard arrived at dawn.')
    quotes, acts = run(nlp, text, PEOPLE)
    assert [q.text for q in quotes] == [
        "The wind came first. We tied everything down.",
        "Then the engine stopped and the radio went quiet.",
    ]
    assert [speaker(acts, q) for q in quotes] == ["Maria Lopez", "Maria Lopez"]


def test_quote_interrupted_by_he_said_gives_two_records_with_the_same_speaker(nlp):
    text = ('Tomas Berg runs the cooperative. "We sold half the boats," he said. '
            '"The rest will go by summer."')
    quotes, acts = run(nlp, text, PEOPLE)
    assert [q.text for q in quotes] == ["We sold half the boats,", "The rest will go by summer."]
    assert [speaker(acts, q) for q in quotes] == ["Tomas Berg", "Tomas Berg"]


def test_pronoun_speaker_is_the_last_person_who_was_a_subject(nlp):
    text = ("Maria Lopez met Tomas Berg in the harbour office. Lopez left early. "
            '"Nothing was decided," she said.')
    quotes, acts = run(nlp, text, PEOPLE)
    assert speaker(acts, quotes[0]) == "Maria Lopez"


def test_pronoun_inside_an_earlier_quote_does_not_become_the_antecedent(nlp):
    text = ('Berg spoke to reporters. "Lopez knows the numbers," he said. '
            '"They are bad," he added.')
    quotes, acts = run(nlp, text, PEOPLE)
    assert [speaker(acts, q) for q in quotes] == ["Tomas Berg", "Tomas Berg"]


def test_according_to_names_the_speaker(nlp):
    text = 'The quota will be "cut by a third," according to the Ministry of Fisheries.'
    quotes, acts = run(nlp, text, PEOPLE)
    assert speaker(acts, quotes[0]) == "Ministry of Fisheries"
    assert quotes[0].cue == "according to"


def test_lead_in_sentence_ending_in_a_colon_names_the_speaker(nlp):
    text = 'Tomas Berg put it bluntly: "There is no fish left in the bay."'
    quotes, acts = run(nlp, text, PEOPLE)
    assert speaker(acts, quotes[0]) == "Tomas Berg"


def test_title_only_subject_resolves_to_the_preceding_organisation(nlp):
    text = ("The Ministry of Fisheries published new rules on Monday. "
            '"They take effect at once," the ministry said.')
    quotes, acts = run(nlp, text, PEOPLE)
    assert speaker(acts, quotes[0]) == "Ministry of Fisheries"


def test_scare_quotes_and_titles_have_no_speaker(nlp):
    text = ('The so-called "green corridor" opened in May. Lopez later wrote a book, '
            '"Salt and Silence", about the strike.')
    quotes, _ = run(nlp, text, PEOPLE)
    assert [q.text for q in quotes] == ["green corridor", "Salt and Silence"]
    assert [q.speaker for q in quotes] == [None, None]


def test_a_quoted_word_in_a_reported_clause_belongs_to_the_reporter(nlp):
    quotes, acts = run(nlp, 'Berg said the new rules were "absurd" and would be appealed.', PEOPLE)
    assert speaker(acts, quotes[0]) == "Tomas Berg"


def test_anonymous_source_is_the_unnamed_speaker_it_describes(nlp):
    quotes, acts = run(nlp, '"The boats are already gone," a source in the harbour told reporters.', PEOPLE)
    speaker = acts.actors[quotes[0].speaker]
    assert (speaker.name, speaker.named) == ("a source in the harbour", False)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab \n."\'“”‘’,', max_size=80))
def test_found_spans_are_ordered_disjoint_and_inside_the_text(text):
    spans = find_quote_spans(text)
    last = 0
    for s, e, _ in spans:
        assert last <= s < e <= len(text)
        last = e
