"""Candidate actor spans from the model's entities.

The small spaCy model finds most names but wraps them in chrome (credits, bylines, glued
headings), mislabels some (a city as a person) and never sees outlets it does not know.
These rules turn its entities into clean candidate spans: trimmed, relabelled, with the
title split off a person's name and the state an organisation is tied to; the outlets it
does not know come from ``patterns``.
"""
from __future__ import annotations

import re

from ..text.columns import doc_text, entities, tokens
from .candidate import Cand, country_before
from .chrome import bad, common_word, glued, is_credit, trim
from .names import DEGREE_WORDS, INSTITUTION_CUES, MEDIA_NAME_CUES, MEDIA_NOUNS, TITLE_WORDS, fold
from .places import city_country, is_state

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "FAC": "place", "LOC": "place"}
SAYING = {"say", "tell", "write", "post", "announce", "report", "publish", "claim", "share", "tweet", "state"}
PLATFORM_HEADS = {"chat", "channel", "account", "page", "feed", "post", "video", "group", "app", "profile"}
MEDIA_VERBS = {"report", "write", "publish", "broadcast", "air", "quote", "cite"}
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
DEGREES_CASED = {"BA", "BSc", "MA", "MSc", "MPhil", "DPhil", "PhD", "MBA", "LLB", "LLM"}


def entity_candidates(doc) -> list[Cand]:
    text = doc_text(doc)
    ents = entities(doc)
    # Span.text joins the span's tokens again on every access; the slice is the same string.
    written = [text[e.start_char:e.end_char] for e in ents]
    names = {fold(w) for w in written}
    norps = {fold(w) for e, w in zip(ents, written) if e.label_ == "NORP"}
    persons_multi = [fold(w) for e, w in zip(ents, written) if e.label_ == "PERSON" and len(w.split()) >= 2]
    out: list[Cand] = []
    for ent in ents:
        label = ent.label_
        if label not in LABELS:
            continue
        span = _name_span(doc, ent, names, norps)
        if span is None:
            continue
        start, end = span
        s = text[start:end]
        words = s.split()
        # Degree chrome glued to an institution: "BA Some College".
        if len(words) > 1 and fold(words[0]) in DEGREE_WORDS:
            start = text.index(words[1], start)
            s = text[start:end]
            words = s.split()
        first_tok = doc.char_span(start, end, alignment_mode="expand")
        if first_tok is None:
            continue
        c = Cand(start, end, LABELS[label], tok=(first_tok.start, first_tok.end))
        _relabel(c, label, s, words, persons_multi)
        if c.kind == "place" and city_country(s) and (_acts(ent.root) or ent.root.dep_ == "ROOT"):
            # A capital or big city acting ("<capital> said", "<capital>'s offer") stands for its state.
            c.kind, c.name, c.rule = "country", city_country(s), "ner-city-metonymy"
        if c.kind in ("person",) and label == "PERSON":
            _add_title(doc, c)
        if c.kind in ("organization",):
            _organisation(doc, c, ent, first_tok, s, end)
        out.append(c)
    return out


def _name_span(doc, ent, names: set[str], norps: set[str]) -> tuple[int, int] | None:
    """The entity's name as written, chrome trimmed off, or None when it is no
    actor's name (a credit, a platform, a demonym, a common word, a direction)."""
    text = doc_text(doc)
    label = ent.label_
    start, end = trim(doc, ent.start_char, ent.end_char)
    if end <= start:
        return None
    g = glued(doc, start, end, names - {fold(text[start:end])})
    if g is None:
        return None
    start, end = g
    s = text[start:end]
    if bad(doc, start, end) or is_credit(doc, start, end):
        return None
    if label in ("ORG", "PERSON") and _platform(ent):
        return None
    if _plural_demonym(doc, ent, norps):
        return None
    if label in ("ORG", "GPE", "PERSON") and common_word(doc, start, end):
        return None
    if label in ("GPE", "LOC") and (all(t.tag_ == "JJ" for t in ent) or fold(s) in COMPASS):
        return None  # "an Estonian attack", "the North": an adjective or a direction, not a place
    if label == "ORG":
        sent = ent.sent  # not cheap: only an organisation's sentence is looked at
        if any(t.text in DEGREES_CASED for t in tokens(doc)[sent.start:sent.end]):
            return None  # a sentence listing degrees is an author bio
    return start, end


def _relabel(c: Cand, label: str, s: str, words: list[str], persons_multi: list[str]) -> None:
    """States, cities and bylines the model labelled as something else."""
    if label == "PERSON":
        if is_state(s):
            c.kind = "country"
        elif city_country(s) and fold(s) not in persons_multi:
            c.kind = "place"
            c.rule = "ner-city-not-person"
    elif label == "ORG":
        if is_state(s):
            c.kind = "country"
        elif city_country(s) and len(words) == 1:
            c.kind, c.rule = "place", "ner-city-not-org"
        elif (len(words) == 2 and words[0].isupper() and len(words[0]) >= 5 and words[1].istitle()
              and fold(words[1]) not in TITLE_WORDS):
            # "SURNAME Given" in a byline
            c.kind = "person"
            c.name = f"{words[1]} {words[0].title()}"
            c.rule = "ner-byline-name"
    elif label == "GPE" and not is_state(s):
        c.kind = "place"


def _organisation(doc, c: Cand, ent, first_tok, s: str, end: int) -> None:
    """The state an organisation is tied to ("Estonia's X", "Estonian X"), and
    whether it is an outlet."""
    text = doc_text(doc)
    ents = entities(doc)
    start = c.start
    m = re.match(r"(.+?)['’]s\s+(?=[A-Z])", s)
    if m and is_state(m.group(1)) or m and any(e.label_ == "GPE" and e.start_char == start for e in ents):
        c.country = m.group(1)
        c.start = start = start + m.end()
        s = text[start:end]
    else:
        c.country = country_before(doc, first_tok.start)
        if c.country is None and first_tok[0].ent_type_ in ("NORP", "GPE") and len(first_tok) > 1:
            c.country = next((e.text for e in ents if e.label_ in ("NORP", "GPE")
                              and start <= e.start_char < end), None)
    if any(fold(w) in MEDIA_NAME_CUES for w in s.split()) and not any(
            fold(w) in INSTITUTION_CUES for w in s.split()):
        c.media_cue = True
    elif not any(fold(w) in INSTITUTION_CUES for w in s.split()) and _media_context(ent):
        c.media_cue = True


def _add_title(doc, c: Cand) -> None:
    a, b = c.tok
    # Titles the model swallowed into the name ("President X").
    while a < b - 1 and doc[a].lower_ in TITLE_WORDS:
        a += 1
    if a != c.tok[0]:
        c.start = doc[a].idx
        c.tok = (a, b)
    run = _title_run(doc, a)
    if run < a:
        c.desc = doc_text(doc)[doc[run].idx: doc[a - 1].idx + len(doc[a - 1].text)]
        c.title_form = doc_text(doc)[doc[run].idx: c.end]
    c.desc = c.desc or _title_before_apposed(doc, a)
    appos = _apposition(doc, a, b - 1)
    if appos:
        c.desc = f"{c.desc}; {appos}" if c.desc else appos


def _platform(span) -> bool:
    """'said on <X>', '<X> chat': a platform where something was said, not an actor."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ in SAYING:
        return True
    return root.dep_ == "compound" and head.lemma_ in PLATFORM_HEADS


def _plural_demonym(doc, span, norps: set[str]) -> bool:
    s = fold(doc_text(doc)[span.start_char:span.end_char])  # span.text, without joining its tokens again
    if span.root.tag_ == "NNPS" and span.label_ != "ORG":
        return True
    return s.endswith("s") and s[:-1] in norps


def _title_run(doc, first: int) -> int:
    """Index of the first token of the title written before a name ('Estonian Defense
    Minister'), or ``first`` when there is none."""
    j, start, titled = first - 1, first, False
    while j >= 0:
        t = doc[j]
        if "\n" in t.text_with_ws or t.is_space:
            break
        low = t.lower_
        if t.ent_type_ in ("NORP", "ORG", "GPE") and t.text[:1].isupper():
            pass
        elif low in TITLE_WORDS and (t.text[:1].isupper() or t.is_lower):
            titled = True
        elif low in ("'s", "’s") and j > 0 and doc[j - 1].ent_type_ in ("GPE", "ORG", "NORP"):
            pass
        elif low in ("of", "and", "-") and j > 0:
            pass
        elif low == "." and j > 0 and not doc[j - 1].whitespace_ and doc[j - 1].lower_ + "." in TITLE_WORDS:
            pass
        else:
            break
        start = j
        j -= 1
    while start < first and doc[start].lower_ in ("of", "and", "-", "'s", "’s"):
        start += 1
    return start if titled else first


def _apposition(doc, first: int, last: int) -> str | None:
    """'X, a professor of history at Y,' -> 'a professor of history at Y'."""
    if last + 1 >= len(doc) or doc[last + 1].text != ",":
        return None
    for t in doc[last + 2: last + 6]:
        if t.dep_ == "appos" and first <= t.head.i <= last and t.ent_type_ not in ("PERSON", "GPE"):
            a, b = t.left_edge.i, t.right_edge.i
            a = max(a, last + 2)
            while b > a and doc[b].is_punct:
                b -= 1
            if b - a <= 30:
                return doc[a: b + 1].text
    nxt = doc[last + 2] if last + 2 < len(doc) else None
    if nxt is not None and (nxt.lower_ in ("a", "an") or nxt.lower_ in TITLE_WORDS):
        end = last + 2
        while end < len(doc) and end - last < 20 and doc[end].text not in (",", ".", ";", "\n") and "\n" not in doc[end].text:
            end += 1
        if end < len(doc) and doc[end].text == ",":
            return doc[last + 2: end].text
    return None


def _title_before_apposed(doc, first: int) -> str | None:
    """'the Estonian president, X' -> 'Estonian president'."""
    root = doc[first].head if doc[first].head.i > first else doc[first]
    for t in (doc[first], root):
        if t.dep_ == "appos" and t.head.i < first and t.head.lower_ in TITLE_WORDS:
            h = t.head
            a = h.left_edge.i
            while a < h.i and doc[a].lower_ in ("the", "a", "an"):
                a += 1
            if h.i + 1 < first and doc[h.i + 1].text == ",":
                return doc[a: h.i + 1].text
    return None


def _acts(root) -> bool:
    """Is a place name (its head token) used as an agent rather than as a location?"""
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "dative", "agent"):
        return True
    if root.dep_ == "conj":
        return _acts(head) if head.ent_type_ else False
    if root.dep_ == "pobj":
        return head.lower_ in ("between", "with", "against", "by", "from") and head.head.lemma_ not in ("city", "region")
    return False


def _media_context(span) -> bool:
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj",) and head.lemma_ in MEDIA_VERBS:
        return True
    if root.dep_ in ("dobj", "dative", "pobj") and (head.lemma_ == "tell" or head.head.lemma_ == "tell" and head.lower_ == "to"):
        return True
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_ in ("cite", "quote", "report"):
        return True
    if root.dep_ == "compound" and head.lemma_ in ("report", "interview", "investigation", "reporter", "correspondent"):
        return True
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        for c in head.children:
            if c.dep_ == "attr" and (c.lower_ in MEDIA_NOUNS or c.lower_ == "organization" and any(
                    x.lower_ in MEDIA_NAME_CUES for x in c.children)):
                return True
    return False
