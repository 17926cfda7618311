"""Who speaks a quote, one class of newswriting at a time, on small invented
articles: layout conventions (transcript labels, a dash and a name), implicit
subjects (a participle, a statement saying ...), names the tagger missed."""
from __future__ import annotations

import pytest

from seed.attribution.quotes import extract_quotes
from seed.text.model import load_model
from test_quotes import tag

NAMES = {"Dana Pell": ("person", ["Pell"]), "Omar Reyes": ("person", ["Reyes"]),
         "Harbour Board": ("organization", [])}


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def speakers(nlp, text):
    doc = nlp(text)
    acts = tag(doc, NAMES)
    return [(q.text, acts.actors[q.speaker].name if q.speaker else None) for q in extract_quotes(doc, acts)], acts


def test_a_transcript_label_names_the_speaker_of_its_paragraph(nlp):
    text = ('Host Dana Pell spoke with Omar Reyes on Sunday.\n\n'
            '"PELL: Will the ferry run this winter?\n\n'
            '"REYES: It will, twice a day, whatever the weather.\n\n'
            '"But the fares have to rise."')
    got, _ = speakers(nlp, text)
    assert [s for _, s in got] == ["Dana Pell", "Omar Reyes", "Omar Reyes"]


def test_a_dash_and_a_name_after_a_quote_name_its_speaker(nlp):
    text = ('Readers wrote in about the ferry.\n\n'
            '"The timetable changes every month and nobody tells us." ― Omar Reyes\n\n'
            '"I have stopped taking the boat at all." ― Dana Pell')
    got, _ = speakers(nlp, text)
    assert [s for _, s in got] == ["Omar Reyes", "Dana Pell"]


def test_a_statement_saying_belongs_to_whoever_issued_it(nlp):
    got, _ = speakers(nlp, 'The Harbour Board issued a statement saying "the pier is safe to use."')
    assert got == [("the pier is safe to use.", "Harbour Board")]


def test_a_participle_after_a_preposition_speaks_with_the_main_subject(nlp):
    got, _ = speakers(nlp, 'Pell closed the meeting before warning, "Nobody should swim near the pier."')
    assert got[0][1] == "Dana Pell"


def test_footage_of_someone_asking_is_theirs(nlp):
    got, _ = speakers(nlp, 'The advert shows footage of Reyes asking, "Who pays for the new pier?"')
    assert got[0][1] == "Omar Reyes"


def test_a_proper_noun_the_tagger_missed_still_speaks(nlp):
    got, acts = speakers(nlp, '"The numbers do not add up," Quayside Watch said on Friday.')
    assert got[0][1] == "Quayside Watch"
    assert acts.actors[next(k for k, a in acts.actors.items() if a.name == "Quayside Watch")].named


def test_an_attribution_cut_into_a_sentence_of_its_own_names_the_speaker(nlp):
    got, _ = speakers(nlp, 'The vote was close. "Who will pay for it?" Reyes asked. "Not the harbour!" Pell shouted.')
    assert [s for _, s in got] == ["Omar Reyes", "Dana Pell"]


def test_a_scare_quote_between_two_quotes_does_not_become_their_speaker(nlp):
    text = ('"The pier will open in May," Pell said. The so-called "fast track" plan was dropped.\n\n'
            '"We will not wait any longer."')
    got, _ = speakers(nlp, text)
    assert got[1] == ("fast track", None) and got[2][1] == "Dana Pell"


def test_a_short_quote_that_is_a_statement_is_not_a_scare_quote(nlp):
    got, _ = speakers(nlp, 'Asked about the fares, Reyes shrugged and boasted, "That makes me smart."')
    assert got[0][1] == "Omar Reyes"


def test_words_inside_a_quote_are_never_the_subject_of_the_verb_after_it(nlp):
    got, _ = speakers(nlp, '"The board is in panic mode. Full panic mode," said Dana Pell, a harbour pilot.')
    assert got[0][1] == "Dana Pell"


def test_a_verdict_verb_governs_its_quoted_words(nlp):
    got, _ = speakers(nlp, 'The Harbour Board ruled that the claim was "mostly false" on Tuesday.')
    assert got[0][1] == "Harbour Board"


def test_a_term_in_quotes_is_the_word_of_whoever_says_its_clause(nlp):
    got, _ = speakers(nlp, 'Reyes said the board had been "asleep at the wheel" for years.\n\n'
                           'The so-called "fast track" plan was dropped.')
    assert got == [("asleep at the wheel", "Omar Reyes"), ("fast track", None)]


def test_a_verb_whose_subject_is_a_thing_leaves_the_quote_to_the_outer_speaker(nlp):
    got, _ = speakers(nlp, 'Pell said in a letter that the advert "wrongly and falsely" suggests the pier is safe.')
    assert got[0][1] == "Dana Pell"


def test_a_pronoun_agrees_in_gender_with_what_the_text_shows(nlp):
    text = ('Mrs. Pell met Reyes at the pier on Monday. Reyes said the repairs were late. '
            'He blamed the weather.\n\n"We will finish by June," she said.')
    got, _ = speakers(nlp, text)
    assert got[0][1] == "Dana Pell"


def test_no_parse_crosses_a_paragraph_so_a_heading_never_speaks(nlp):
    # a live-blog page: heading, dateline, timestamp, then the entry itself
    text = ('The Update: ferry fares under review.\n\n'
            'PORTLEVEN (Wire) — The latest on the harbour dispute:\n\n'
            '4:10 p.m.\n\n'
            'Harbour master Omar Reyes says "the pier will open again on Monday."')
    doc = nlp(text)
    says = next(t for t in doc if t.text == "says")
    assert {t.text for t in says.children if t.dep_ == "nsubj"} == {"Reyes"}
    got, _ = speakers(nlp, text)
    assert got[-1] == ("the pier will open again on Monday.", "Omar Reyes")
