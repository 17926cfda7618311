"""Candidate actor spans in one parsed document.

The small spaCy model finds most names but wraps them in chrome (credits, bylines, glued
headings), mislabels some (a city as a person) and never sees outlets it does not know.
These rules turn its entities, plus a few dependency patterns, into clean candidate spans;
``seed.actors.document`` then groups the candidates into actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.columns import column, doc_text, entities, noun_chunks, tokens
from .chrome import bad, common_word, glued, is_credit, shouting, trim
from .names import (CHROME_WORDS, DEGREE_WORDS, INSTITUTION_CUES, MEDIA_NAME_CUES, MEDIA_NOUNS,
                          TITLE_WORDS, fold, is_acronym)
from .places import city_country, demonym_of, is_demonym, is_state

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "FAC": "place", "LOC": "place"}
# Nouns that, after a demonym, name an institution ("Estonian intelligence"): category, kind.
INSTITUTION_HEADS = {
    "intelligence": ("intelligence", "organization"), "military": ("armed", "organization"),
    "army": ("armed", "organization"), "forces": ("armed", "organization"), "navy": ("navy", "organization"),
    "media": ("media", "media"), "press": ("media", "media"), "bloggers": ("bloggers", "media"),
    "prosecutors": ("prosecutors", "organization"), "prosecution": ("prosecutors", "organization"),
    "police": ("police", "organization"), "government": ("government", "country"),
    "authorities": ("government", "country"),
}
INSTITUTION_MODIFIERS = {"state", "armed", "military", "security", "federal", "national", "regular", "-", "pro"}
SAYING = {"say", "tell", "write", "post", "announce", "report", "publish", "claim", "share", "tweet", "state"}
PLATFORM_HEADS = {"chat", "channel", "account", "page", "feed", "post", "video", "group", "app", "profile"}
MEDIA_VERBS = {"report", "write", "publish", "broadcast", "air", "quote", "cite"}
MEDIA_BEFORE = {"broadcaster", "newspaper", "daily", "outlet", "agency", "channel", "website", "magazine",
                "tabloid", "publication", "network", "weekly"}
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
DEGREES_CASED = {"BA", "BSc", "MA", "MSc", "MPhil", "DPhil", "PhD", "MBA", "LLB", "LLM"}
NAME_MODIFIERS = {"news", "media", "online", "state", "private", "independent", "daily", "weekly"}


@dataclass
class Cand:
    start: int  # char offsets of the name as written, titles excluded
    end: int
    kind: str
    rule: str = "ner"
    confidence: float = 1.0
    desc: str | None = None  # the role split off the name
    title_form: str | None = None  # title and name as written ("Palace spokesman X")
    country: str | None = None  # the state the name is tied to ("Estonia's", "Estonian")
    category: str | None = None  # institution described by a demonym: 'armed', 'intelligence', ...
    name: str | None = None  # the name when it differs from the written span (reordered, a capital's state)
    media_cue: bool = False
    acronym_for: int | None = None  # start of the candidate this acronym abbreviates
    tok: tuple[int, int] = (0, 0)
    priority: int = 0  # wins over an overlapping candidate of lower priority


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


def _country_before(doc, i: int) -> str | None:
    """The state named right before token ``i``: 'Estonia's <i>' or 'Estonian <i>'."""
    j = i - 1
    if j >= 1 and doc[j].lower_ in ("'s", "’s") and doc[j - 1].ent_type_ == "GPE":
        k = j - 1
        while k > 0 and doc[k - 1].ent_type_ == "GPE" and doc[k - 1].ent_iob_ != "O" and doc[k].ent_iob_ == "I":
            k -= 1
        return doc[k: j].text
    k = j
    while k >= 0 and doc[k].ent_type_ in ("NORP", "GPE") and doc[k].text[:1].isupper():
        k -= 1
    if k < j:
        return doc[k + 1: j + 1].text
    return None


def _demonym_like(doc, t) -> bool:
    """'Estonian' in 'the Estonian X news outlet': describes the outlet, is not its name."""
    if t.tag_ == "JJ":
        return True
    gpes = {e.text for e in entities(doc) if e.label_ == "GPE"}
    return is_demonym(t.text) or any(demonym_of(t.text, g) for g in gpes) or any(
        e.label_ == "NORP" and e.text == t.text for e in entities(doc))


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


def entity_candidates(doc) -> list[Cand]:
    text = doc_text(doc)
    toks = tokens(doc)
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
        start, end = trim(doc, ent.start_char, ent.end_char)
        if end <= start:
            continue
        g = glued(doc, start, end, names - {fold(text[start:end])})
        if g is None:
            continue
        start, end = g
        s = text[start:end]
        if bad(doc, start, end) or is_credit(doc, start, end):
            continue
        if label in ("ORG", "PERSON") and _platform(ent):
            continue
        if _plural_demonym(doc, ent, norps):
            continue
        if label in ("ORG", "GPE", "PERSON") and common_word(doc, start, end):
            continue
        if label in ("GPE", "LOC") and (all(t.tag_ == "JJ" for t in ent) or fold(s) in COMPASS):
            continue  # "an Estonian attack", "the North": an adjective or a direction, not a place
        if label == "ORG":
            sent = ent.sent  # not cheap: only an organisation's sentence is looked at
            if any(t.text in DEGREES_CASED for t in toks[sent.start:sent.end]):
                continue  # a sentence listing degrees is an author bio
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
        if c.kind == "place" and city_country(s) and (_acts(ent.root) or ent.root.dep_ == "ROOT"):
            # A capital or big city acting ("<capital> said", "<capital>'s offer") stands for its state.
            c.kind, c.name, c.rule = "country", city_country(s), "ner-city-metonymy"
        if c.kind in ("person",) and label == "PERSON":
            _add_title(doc, c)
        if c.kind in ("organization",):
            m = re.match(r"(.+?)['’]s\s+(?=[A-Z])", s)
            if m and is_state(m.group(1)) or m and any(e.label_ == "GPE" and e.start_char == start for e in ents):
                c.country = m.group(1)
                c.start = start = start + m.end()
                s = text[start:end]
            else:
                c.country = _country_before(doc, first_tok.start)
                if c.country is None and first_tok[0].ent_type_ in ("NORP", "GPE") and len(first_tok) > 1:
                    c.country = next((e.text for e in ents if e.label_ in ("NORP", "GPE")
                                      and start <= e.start_char < end), None)
            if any(fold(w) in MEDIA_NAME_CUES for w in s.split()) and not any(
                    fold(w) in INSTITUTION_CUES for w in s.split()):
                c.media_cue = True
            elif not any(fold(w) in INSTITUTION_CUES for w in s.split()) and _media_context(ent):
                c.media_cue = True
        out.append(c)
    return out


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


def pattern_candidates(doc) -> list[Cand]:
    """Outlets named only by their context, institutions named by a demonym, and acronyms
    introduced in parentheses."""
    out: list[Cand] = []
    toks = tokens(doc)
    n = len(toks)
    for t, low in zip(toks, column(doc, "lower_")):
        # Each Token attribute is a string-store lookup: read the ones every rule tests
        # once, and the entity type only where a rule below asks for it (every rule
        # that tests it also needs a proper-noun tag or an institution word).
        tag = t.tag_
        ent = t.ent_type_ if tag == "NNP" or low in INSTITUTION_CUES else None
        # "<Name> (news|media) outlet"
        if low in MEDIA_NOUNS and low not in ("media", "press", "bloggers") and t.pos_ == "NOUN":
            j = t.i - 1
            while j >= 0 and toks[j].lower_ in NAME_MODIFIERS:
                j -= 1
            k = j
            while k >= 0 and toks[k].tag_ in ("NNP", "NNPS") and toks[k].ent_type_ not in ("NORP", "GPE", "PERSON") \
                    and "\n" not in toks[k].text_with_ws and not _demonym_like(doc, toks[k]):
                k -= 1
            if k < j and t.lower_ not in ("site", "paper", "network", "station"):
                out.append(Cand(toks[k + 1].idx, toks[j].idx + len(toks[j].text), "media", "media-noun",
                                0.8, desc=doc[j + 1: t.i + 1].text, tok=(k + 1, j + 1), priority=1))
            # "broadcaster <Name>"
            if low in MEDIA_BEFORE:
                j = t.i + 1
                k = j
                while k < n and (toks[k].tag_ in ("NNP", "NNPS") or toks[k].is_upper and toks[k].is_alpha) \
                        and toks[k].ent_type_ not in ("NORP", "GPE"):
                    k += 1
                if k > j:
                    out.append(Cand(toks[j].idx, toks[k - 1].idx + len(toks[k - 1].text), "media", "media-noun",
                                    0.8, desc=doc[max(t.left_edge.i, t.i - 3): t.i + 1].text, tok=(j, k)))
        # "told <Name>", "<Name> is a news organization": outlets the model does not know
        if tag == "NNP" and ent in ("", "ORG") and t.text[:1].isupper() and (
                t.dep_ in ("dobj", "dative") and t.head.lemma_ == "tell"
                or t.dep_ == "nsubj" and t.head.lemma_ == "be" and any(
                    ch.dep_ == "attr" and (ch.lower_ in MEDIA_NOUNS or any(x.lower_ in ("news", "media") for x in ch.children))
                    for ch in t.head.children)):
            a = t.i
            while a > 0 and toks[a - 1].tag_ == "NNP" and toks[a - 1].ent_type_ in ("", "ORG"):
                a -= 1
            if not any(x.lower_ in TITLE_WORDS for x in doc[a: t.i + 1]) and "\n" not in doc[a: t.i + 1].text:
                out.append(Cand(toks[a].idx, t.idx + len(t.text), "media", "media-context", 0.7, media_cue=True,
                                tok=(a, t.i + 1)))
        # Unrecognised acronyms ("the MPLA") and capitalised unit names ("Special X Battalion")
        if ent == "" and tag == "NNP" and is_acronym(t.text) and fold(t.text) not in CHROME_WORDS \
                and not (t.dep_ == "compound" and t.head.is_lower) and not shouting(doc, t) and not is_state(t.text):
            out.append(Cand(t.idx, t.idx + len(t.text), "organization", "acronym-bare", 0.6, tok=(t.i, t.i + 1)))
        if ent == "" and low in INSTITUTION_CUES and t.text[:1].isupper() and t.i > 0:
            a = t.i
            while a > 0 and (toks[a - 1].text[:1].isupper() and toks[a - 1].ent_type_ in ("", "NORP", "ORG")
                             and toks[a - 1].tag_ in ("NNP", "NNPS", "JJ") and "\n" not in toks[a - 1].text_with_ws
                             or toks[a - 1].text == "-" and a > 1 and toks[a - 2].text[:1].isupper()
                             and not toks[a - 1].whitespace_ and not toks[a - 2].whitespace_):
                a -= 1
            if a < t.i and not toks[a].is_sent_start:
                out.append(Cand(toks[a].idx, t.idx + len(t.text), "organization", "capitalised-institution", 0.7,
                                tok=(a, t.i + 1)))
        # "<demonym> intelligence / forces / media ..."
        if low in INSTITUTION_HEADS or (low == "forces" and t.i > 0 and toks[t.i - 1].lower_ == "armed"):
            if t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i:
                continue
            j = t.i - 1
            while j >= 0 and (toks[j].lower_ in INSTITUTION_MODIFIERS and toks[j].ent_type_ != "NORP"):
                j -= 1
            k = j
            while k >= 0 and (toks[k].ent_type_ in ("NORP", "GPE") and toks[k].tag_ in ("JJ", "NNP", "NNPS", "HYPH")
                              or toks[k].is_space and "\n" not in toks[k].text and k > 0 and toks[k - 1].ent_type_) \
                    and not (toks[k].ent_type_ == "GPE" and toks[k].tag_.startswith("NNP") and is_state(toks[k].text)):
                k -= 1
            if k == j:
                continue
            category, kind = INSTITUTION_HEADS.get(low, ("armed", "organization"))
            demonym = re.sub(r"\s+", " ", doc[k + 1: j + 1].text)
            start = toks[k + 1].idx
            end = t.idx + len(t.text)
            name = {"armed": f"{demonym} armed forces", "government": f"{demonym} government"}.get(category)
            out.append(Cand(start, end, kind, "demonym-institution", 0.8, country=demonym,
                            category=category, name=name, tok=(k + 1, t.i + 1)))
        # "<noun phrase> (ACR)"
        if low == "(" and t.i + 2 < n and toks[t.i + 2].text == ")" and is_acronym(toks[t.i + 1].text) and t.i > 0:
            acr = toks[t.i + 1]
            prev = toks[t.i - 1]
            c = Cand(acr.idx, acr.idx + len(acr.text), "organization", "acronym", tok=(acr.i, acr.i + 1))
            if prev.ent_type_ in ("ORG", "PERSON", "GPE"):
                c.acronym_for = prev.i  # a token index: resolved against entity candidates later
            else:
                chunk = next((ch for ch in noun_chunks(doc) if ch.end == t.i), None)
                if chunk is not None and chunk.root.pos_ in ("NOUN", "PROPN"):
                    a = chunk.start
                    while a < chunk.end and toks[a].lower_ in ("the", "a", "an"):
                        a += 1
                    if a < chunk.end:
                        c.desc = doc[a: chunk.end].text
                        c.country = _country_before(doc, a + 2) if a + 1 < chunk.end and toks[a + 1].lower_ in ("'s", "’s") else None
                        exp = Cand(toks[a].idx, toks[chunk.end - 1].idx + len(toks[chunk.end - 1].text),
                                   "organization", "acronym-expansion", 0.8, tok=(a, chunk.end))
                        exp.acronym_for = -1  # the expansion belongs to the acronym that follows it
                        exp.name = acr.text
                        c.country = c.country or (toks[a].text if toks[a].ent_type_ == "GPE" else None)
                        exp.country = c.country
                        exp.desc = c.desc
                        out.append(exp)
            out.append(c)
    return out
