"""Pronoun sources: "he", "it", "they", "we", and quantifiers ("some say").

A part of ``Resolver``, kept apart to be read on its own; it uses the
resolver's salience, sentences and actors.
"""
from __future__ import annotations

from .words import GROUP_PRONOUNS, NON_PERSON_KINDS, PERSON_PRONOUNS, QUANTIFIERS, SELF_PRONOUNS, THING_PRONOUNS


class PronounSources:
    """The resolver's rules for pronouns."""

    def _starts_sentence(self, tok) -> bool:
        b = self.bounds(tok)
        return b is not None and all(t.is_space or t.is_punct for t in self.doc[b[0]:tok.i])

    def _pronoun(self, head, low: str) -> str | None:
        if low in PERSON_PRONOUNS:
            return self.salience.recent(head.idx, ("person",), gender="f" if low in ("she", "her") else "m")
        if low in THING_PRONOUNS:
            return self.salience.recent(head.idx, NON_PERSON_KINDS, window=1200)
        if low in SELF_PRONOUNS:
            return self.own
        if low in QUANTIFIERS and self._starts_sentence(head):
            # "Some say ...": some of the group just speaking; after one person, people not named
            last = self.salience.recent_subject(head.idx)
            return last if last is not None and self.kind.get(last) != "person" else self._unnamed_group(head)
        if low in ("they", "them") or (low in GROUP_PRONOUNS and self._starts_sentence(head)):
            return self.salience.recent_subject(head.idx)
        return None
