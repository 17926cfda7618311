"""Subjects of reporting verbs where the parser goes wrong, on parses built by
hand so the test holds whatever the model does."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from seed.attribution.syntax import subject_of


def _doc(rows):
    words, heads, deps, pos = zip(*rows)
    return Doc(spacy.blank("en").vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos),
               spaces=[w not in ("“",) for w in words])


# “We will win,” Harbour Chief Omar Reyes said Monday.   -- the parser made "said" a
# conjunct of the quoted verb and "Harbour" a verb of its own
LOST = [("“", 2, "punct", "PUNCT"), ("We", 2, "nsubj", "PRON"), ("win", 2, "ROOT", "VERB"),
        (",", 2, "punct", "PUNCT"), ("”", 2, "punct", "PUNCT"), ("Harbour", 2, "dep", "VERB"),
        ("Chief", 5, "dobj", "PROPN"), ("Omar", 8, "compound", "PROPN"), ("Reyes", 6, "appos", "PROPN"),
        ("said", 2, "conj", "VERB"), ("Monday", 9, "npadvmod", "PROPN"), (".", 9, "punct", "PUNCT")]
QUOTED = [False, True, True, True, False] + [False] * 7


def test_a_name_between_a_quote_and_its_verb_is_the_subject_the_parse_lost():
    doc = _doc(LOST)
    subj, passive = subject_of(doc[9], (0, len(doc)), QUOTED)
    assert (subj.text, passive) == ("Reyes", False)


def test_without_quote_marks_there_is_no_such_subject():
    doc = _doc(LOST)
    subj, _ = subject_of(doc[9], (0, len(doc)), [False] * len(doc))
    assert subj is None or subj.text != "Reyes"
