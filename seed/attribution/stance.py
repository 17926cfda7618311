"""A claim's stance: it denies (a denial cue or words such as "baseless"),
speculates (a speculative cue, a modal, a hedge), or asserts."""
from __future__ import annotations

import re

from ..text.columns import doc_text, tokens
from .syntax import Cue

SPECULATIVE_CUES = {"expect", "believe", "think", "estimate", "predict", "speculate",
                    "forecast", "project", "suggest", "anticipate", "fear", "assess", "expectation",
                    "speculation", "prediction", "apparently", "seemingly"}
DENIAL_CUES = {"deny", "dismiss", "reject", "refute", "rebut", "disavow", "dispute"}
DENIAL_WORDS = re.compile(
    r"\b(hoax|fake|false|fabricat\w*|untrue|baseless|groundless|nonsense|lies?|propaganda|"
    r"no (?:confirmed )?(?:indication|evidence|proof|sign|confirmation)|not true|dubious)\b", re.I)
MODALS = {"may", "might", "could"}
HEDGES = {"likely", "possibly", "probably", "perhaps", "potentially", "plausible",
          "possibility", "unlikely", "apparently"}


def stance(doc, cue: Cue | None, s: int, e: int) -> str:
    """The stance of the claim made by ``cue`` over the tokens [s, e)."""
    toks = tokens(doc)[s:e]
    lemma = cue.token.lemma_.lower() if cue is not None else ""
    said = doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)] if toks else ""
    if lemma in DENIAL_CUES or DENIAL_WORDS.search(said):
        return "denies"
    if lemma in SPECULATIVE_CUES or (cue is not None and cue.token.lower_ in SPECULATIVE_CUES):
        return "speculates"
    for t in toks:
        if (t.lower_ in MODALS and t.tag_ == "MD") or t.lower_ in HEDGES:
            return "speculates"
    return "asserts"
