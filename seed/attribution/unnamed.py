"""Unnamed sources: "a senior official", "two people familiar with the talks",
"the soldier".  A source phrase that names no one is kept as what it says, a
description, rather than handed to the nearest name or to the outlet the source
spoke to; the description is the actor (one per document and wording).
"""
from __future__ import annotations

import re

from ..records import DocActors
from .words import ORG_NOUNS, PERSON_TITLES, SOURCE_PEOPLE

# Parts of a noun phrase that say more about the source than which source it is.
_LEFT_OUT = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep"}
_LONGEST = 8  # words: a description, not a clause


def description(head) -> str:
    """The words that describe the source headed by ``head``: its determiners,
    modifiers and the head itself, with an "of"/"for"/"close to" phrase when short."""
    keep = [head]
    for c in head.children:
        if c.i < head.i and c.dep_ not in _LEFT_OUT:
            keep.extend(c.subtree)
    for c in head.children:
        if c.i > head.i and c.dep_ == "prep" and c.lower_ in ("of", "for", "from", "at", "with", "in", "close"):
            sub = list(c.subtree)
            if len(sub) <= 5:
                keep.extend(sub)
            break
    keep = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    # one contiguous run around the head, at most _LONGEST words
    run = [t for t in keep if abs(t.i - head.i) < _LONGEST]
    doc = head.doc
    lo, hi = run[0].i, run[-1].i + 1
    while lo < head.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi - 1 > head.i and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return " ".join(doc[lo:hi].text.split())


def kind_of(head) -> str:
    lemma = head.lemma_.lower()
    if lemma in ORG_NOUNS:
        return "organization"
    if head.tag_ in ("NNS", "NNPS") or lemma == "people":
        return "group"
    return "person"


def unnamed_source(actors: DocActors, head) -> str | None:
    """The key of the unnamed source a common noun heads, or None when the
    noun is no source at all (a pronoun, a name the tagger missed)."""
    if head.pos_ != "NOUN" or not head.text[:1].isalpha():
        return None
    return actors.unnamed(description(head), kind_of(head))


def is_source_noun(lemma: str) -> bool:
    """A noun that stands for people speaking, never their affiliation:
    "one party source", "agency officials" are not the party or the agency."""
    return lemma in SOURCE_PEOPLE and lemma not in ORG_NOUNS


def person_like(lemma: str) -> bool:
    return lemma in PERSON_TITLES or lemma in SOURCE_PEOPLE


# English agent nouns: lawyer, regulator, scientist, historian, participant,
# resident, employee, member ... (a noun of no known class speaks only if it is one)
_AGENT = re.compile(r"(er|or|ist|ian|ant|(?<!m)ent|ee|man|woman|men|women)$")  # not "comment", "document"


def could_speak(lemma: str) -> bool:
    """A noun of no known class as a source: only an agent noun ("the regulator
    said"), never "the loan suggests", "another exception was"."""
    return person_like(lemma) or bool(_AGENT.search(lemma))


def definite(head) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)


def described_before(actors: DocActors, lemma: str) -> str | None:
    """"a spokeswoman said ... the spokeswoman added": the unnamed source this
    document last described with that word."""
    if not person_like(lemma):
        return None
    for a in reversed(list(actors.actors.values())):
        if not a.named and lemma in a.name.lower().split():
            return a.key
    return None


def untagged_name(actors: DocActors, head) -> str | None:
    """A proper noun the tagger left out, speaking ("Zero Hedge asked"): a name
    all the same, kept as this document's actor."""
    parts = [c for c in head.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    toks = sorted([head, *parts], key=lambda t: t.i)
    if toks[-1].i - toks[0].i + 1 != len(toks) or not all(t.text[:1].isupper() for t in toks):
        return None
    if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") or head.doc[toks[0].i - 1].text == "(":
        return None  # "said Monday", "(D-Ohio)": no one
    # a bare capitalised name speaking is most often a person's surname
    kind = "organization" if head.ent_type_ in ("ORG", "NORP", "GPE") or len(toks) > 2 else "person"
    return actors.ensure(" ".join(t.text for t in toks), kind)
