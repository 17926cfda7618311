"""Which actor a span, a token or a phrase names, as the actors stage tagged it."""
from __future__ import annotations

from bisect import bisect_left

from ..records import DocActors

_LONGEST_MENTION = 200  # characters; a mention never runs longer


class MentionIndex:
    """One document's mentions found by position, and its actors' one-word forms
    for a name the actors stage knows but did not tag at some spot."""

    def __init__(self, actors: DocActors):
        self.actors = actors
        self.kind = {k: a.kind for k, a in actors.actors.items()}
        self.form_index: dict[str, str] = {}
        for k, a in actors.actors.items():
            for f in {a.name, *a.forms}:
                if f and " " not in f:
                    self.form_index.setdefault(f, k)
        self._starts = [m.start for m in actors.mentions]

    def at(self, start: int, end: int):
        """Like DocActors.at, through an index: the first mention overlapping [start, end)."""
        i = bisect_left(self._starts, start - _LONGEST_MENTION)
        for m in self.actors.mentions[i:]:
            if m.start >= end:
                break
            if m.start < end and start < m.end:
                return m
        return None

    def over(self, tok) -> str | None:
        """The key of the actor a token is (part of) a mention of."""
        m = self.at(tok.idx, tok.idx + len(tok.text))
        if m is not None:
            return m.actor
        # a name the actors stage knows but did not tag at this spot
        if tok.pos_ == "PROPN" or (tok.is_upper and len(tok.text) > 1):
            return self.form_index.get(tok.text)
        return None

    def beside(self, head) -> str | None:
        """A name in apposition to the head, else one before it ("X's spokesman")."""
        for c in head.children:
            if c.dep_ == "appos":
                key = self.over(c)
                if key:
                    return key
        for c in head.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.i < head.i:
                for t in c.subtree:
                    key = self.over(t)
                    if key:
                        return key
        return None

    def of_phrase(self, head) -> str | None:
        """Whom a title or a vague source belongs to: "a spokesperson for the
        Commission", "a report by the Gazette" (a place is no one's source)."""
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "by", "with"):
                for t in c.subtree:
                    key = self.over(t)
                    if key and self.kind.get(key) != "place":
                        return key
        return None

    def within(self, head) -> str | None:
        """The first name in the phrase, clauses and appositions about it left out."""
        skip = set()
        for c in head.children:
            if c.dep_ in ("relcl", "acl", "appos"):
                skip |= {t.i for t in c.subtree}
        for t in head.subtree:
            if t.i in skip:
                continue
            key = self.over(t)
            if key:
                return key
        return None
