"""The parsed Doc's text, tokens, entities and per-attribute token columns, each
built once per Doc and kept in ``doc.user_data``: spaCy builds them again on
every access, and the stages read them many times over.
"""
from __future__ import annotations

import operator


def doc_text(doc) -> str:
    """``doc.text``, built once: spaCy rebuilds the string on every access, which
    makes any per-mention use quadratic in the document's length."""
    text = doc.user_data.get("claimscope_text")
    if text is None:
        text = doc.user_data["claimscope_text"] = "".join(t.text_with_ws for t in tokens(doc))
    return text


def tokens(doc) -> list:
    """The doc's tokens as a list, built once.  ``doc[i]`` and iterating a Doc or
    Span create a new Token object every time; the stages walk the same tokens
    many times over, and that object creation was most of their cost."""
    toks = doc.user_data.get("claimscope_tokens")
    if toks is None:
        toks = doc.user_data["claimscope_tokens"] = list(doc)
    return toks


def entities(doc) -> tuple:
    """``doc.ents``, built once: spaCy rebuilds the tuple of Spans on every access."""
    ents = doc.user_data.get("claimscope_ents")
    if ents is None:
        ents = doc.user_data["claimscope_ents"] = tuple(doc.ents)
    return ents


def noun_chunks(doc) -> list:
    """``doc.noun_chunks``, built once: spaCy finds every chunk of the doc again on
    each access."""
    chunks = doc.user_data.get("claimscope_noun_chunks")
    if chunks is None:
        chunks = doc.user_data["claimscope_noun_chunks"] = list(doc.noun_chunks)
    return chunks


def column(doc, attr: str) -> list:
    """``[getattr(t, attr) for t in tokens(doc)]``, built once per attribute.  Each
    Token attribute read looks the value up again (a string-store lookup for the
    ``*_`` ones, about as costly as building a Token); loops that test every token
    of the doc, stage after stage, read these lists instead."""
    key = "claimscope_col_" + attr
    col = doc.user_data.get(key)
    if col is None:
        get = operator.attrgetter(attr)
        col = doc.user_data[key] = [get(t) for t in tokens(doc)]
    return col
