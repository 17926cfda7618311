"""Candidate actor spans from patterns the model's entities miss: outlets
named only by their context ("the X news outlet", "told X"), capitalised unit
names, institutions named by a demonym ("<demonym> intelligence"), and
acronyms, bare or introduced in parentheses.
"""
from __future__ import annotations

import re

from ..text.columns import column, entities, noun_chunks, tokens
from .candidate import Cand, country_before
from .chrome import shouting
from .names import CHROME_WORDS, INSTITUTION_CUES, MEDIA_NOUNS, TITLE_WORDS, fold, is_acronym
from .places import demonym_of, is_demonym, is_state

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
MEDIA_BEFORE = {"broadcaster", "newspaper", "daily", "outlet", "agency", "channel", "website", "magazine",
                "tabloid", "publication", "network", "weekly"}
NAME_MODIFIERS = {"news", "media", "online", "state", "private", "independent", "daily", "weekly"}


def pattern_candidates(doc) -> list[Cand]:
    """Outlets named only by their context, institutions named by a demonym, and acronyms
    introduced in parentheses."""
    out: list[Cand] = []
    toks = tokens(doc)
    for t, low in zip(toks, column(doc, "lower_")):
        # Each Token attribute is a string-store lookup: read the ones every rule tests
        # once, and the entity type only where a rule below asks for it (every rule
        # that tests it also needs a proper-noun tag or an institution word).
        tag = t.tag_
        ent = t.ent_type_ if tag == "NNP" or low in INSTITUTION_CUES else None
        if low in MEDIA_NOUNS and low not in ("media", "press", "bloggers") and t.pos_ == "NOUN":
            _media_noun(doc, toks, t, low, out)
        _outlet_by_context(doc, toks, t, tag, ent, out)
        _unknown_names(doc, toks, t, low, tag, ent, out)
        if low in INSTITUTION_HEADS or (low == "forces" and t.i > 0 and toks[t.i - 1].lower_ == "armed"):
            _demonym_institution(doc, toks, t, low, out)
        if low == "(" and t.i + 2 < len(toks) and toks[t.i + 2].text == ")" and is_acronym(toks[t.i + 1].text) \
                and t.i > 0:
            _acronym_in_parentheses(doc, toks, t, out)
    return out


def _demonym_like(doc, t) -> bool:
    """'Estonian' in 'the Estonian X news outlet': describes the outlet, is not its name."""
    if t.tag_ == "JJ":
        return True
    gpes = {e.text for e in entities(doc) if e.label_ == "GPE"}
    return is_demonym(t.text) or any(demonym_of(t.text, g) for g in gpes) or any(
        e.label_ == "NORP" and e.text == t.text for e in entities(doc))


def _media_noun(doc, toks, t, low: str, out: list[Cand]) -> None:
    """"<Name> (news|media) outlet", "broadcaster <Name>"."""
    n = len(toks)
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
    if low in MEDIA_BEFORE:
        j = t.i + 1
        k = j
        while k < n and (toks[k].tag_ in ("NNP", "NNPS") or toks[k].is_upper and toks[k].is_alpha) \
                and toks[k].ent_type_ not in ("NORP", "GPE"):
            k += 1
        if k > j:
            out.append(Cand(toks[j].idx, toks[k - 1].idx + len(toks[k - 1].text), "media", "media-noun",
                            0.8, desc=doc[max(t.left_edge.i, t.i - 3): t.i + 1].text, tok=(j, k)))


def _outlet_by_context(doc, toks, t, tag: str, ent, out: list[Cand]) -> None:
    """"told <Name>", "<Name> is a news organization": outlets the model does not know."""
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


def _unknown_names(doc, toks, t, low: str, tag: str, ent, out: list[Cand]) -> None:
    """Unrecognised acronyms ("the MPLA") and capitalised unit names ("Special X Battalion")."""
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


def _demonym_institution(doc, toks, t, low: str, out: list[Cand]) -> None:
    """"<demonym> intelligence / forces / media ..."."""
    if t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i:
        return
    j = t.i - 1
    while j >= 0 and (toks[j].lower_ in INSTITUTION_MODIFIERS and toks[j].ent_type_ != "NORP"):
        j -= 1
    k = j
    while k >= 0 and (toks[k].ent_type_ in ("NORP", "GPE") and toks[k].tag_ in ("JJ", "NNP", "NNPS", "HYPH")
                      or toks[k].is_space and "\n" not in toks[k].text and k > 0 and toks[k - 1].ent_type_) \
            and not (toks[k].ent_type_ == "GPE" and toks[k].tag_.startswith("NNP") and is_state(toks[k].text)):
        k -= 1
    if k == j:
        return
    category, kind = INSTITUTION_HEADS.get(low, ("armed", "organization"))
    demonym = re.sub(r"\s+", " ", doc[k + 1: j + 1].text)
    start = toks[k + 1].idx
    end = t.idx + len(t.text)
    name = {"armed": f"{demonym} armed forces", "government": f"{demonym} government"}.get(category)
    out.append(Cand(start, end, kind, "demonym-institution", 0.8, country=demonym,
                    category=category, name=name, tok=(k + 1, t.i + 1)))


def _acronym_in_parentheses(doc, toks, t, out: list[Cand]) -> None:
    """"<noun phrase> (ACR)": the acronym, and the phrase it abbreviates."""
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
                c.country = country_before(doc, a + 2) if a + 1 < chunk.end and toks[a + 1].lower_ in ("'s", "’s") else None
                exp = Cand(toks[a].idx, toks[chunk.end - 1].idx + len(toks[chunk.end - 1].text),
                           "organization", "acronym-expansion", 0.8, tok=(a, chunk.end))
                exp.acronym_for = -1  # the expansion belongs to the acronym that follows it
                exp.name = acr.text
                c.country = c.country or (toks[a].text if toks[a].ent_type_ == "GPE" else None)
                exp.country = c.country
                exp.desc = c.desc
                out.append(exp)
    out.append(c)
