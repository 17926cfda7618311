"""A candidate actor span, as the entity and pattern rules propose it; what
both kinds of rule read around a name.

``seed.actors.document`` groups the candidates into actors.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text.columns import doc_text


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


def country_before(doc, i: int) -> str | None:
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


def name_of(doc, c: Cand) -> str:
    return c.name or doc_text(doc)[c.start:c.end]


def written(doc, c: Cand) -> str:
    return doc_text(doc)[c.start:c.end]
