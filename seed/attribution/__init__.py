"""Attribution: takes a parsed Doc and its actors (``seed.actors``) and gives its
quotes with their speakers and its claims with their claimants, cues and stances.

Below the two stages (``quotes``, ``claims``) sits what they share: the lexicon
(``words``), cue syntax (``syntax``), mention lookup and salience behind the
``resolver`` of source phrases.
"""
from .claims import extract_claims
from .quotes import extract_quotes

__all__ = ["extract_quotes", "extract_claims"]
