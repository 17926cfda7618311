"""Source phrases that describe rather than name: a title ("the minister"), an
institution noun ("the ministry"), a vague or unnamed source ("a senior
official", "a Gazette analysis").  Whom they belong to, whom "the" points back
to, or the unnamed source they are (see ``unnamed``).

A part of ``Resolver``, kept apart to be read on its own; it uses the
resolver's mentions, salience and actors.
"""
from __future__ import annotations

from .unnamed import could_speak, definite, described_before, description, unnamed_source
from .words import ORG_NOUNS, PERSON_TITLES, SOURCE_PEOPLE, SPEAKER_VERBS, VAGUE_HEADS

_MODIFIERS = {"amod", "compound", "nmod", "poss"}


def _epithet(head, lemma: str) -> bool:
    """"the New York businessman", "the former mayor": a definite, modified,
    singular description of someone, not a source role ("the senior official"),
    which news uses for a person already named and so described."""
    return (definite(head) and head.tag_ == "NN" and lemma not in SOURCE_PEOPLE | ORG_NOUNS | VAGUE_HEADS
            and any(c.dep_ in _MODIFIERS and c.i < head.i for c in head.children))


def _speaks(head) -> bool:
    """The subject of a verb only someone communicating can be subject of."""
    return head.dep_ == "nsubj" and head.head.lemma_ in SPEAKER_VERBS


def _states_a_clause(head) -> bool:
    """"Data show that ...", "a slide claimed that ...": a thing is a source
    when it is the subject of a verb stating a clause (not "the loan suggests a
    new level of ...")."""
    verb = head.head
    return head.dep_ == "nsubj" and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children)


class DescribedSources:
    """The resolver's rules for described sources."""

    def _modified_by_name(self, head) -> bool:
        return any(c.dep_ in ("compound", "poss", "nmod") and c.i < head.i and self.mentions.over(c)
                   for c in head.children)

    def _described(self, head, lemma: str) -> str | None:
        """A title, an institution noun or a vague source: whom it belongs to,
        whom "the" points back to, or nobody in particular."""
        if lemma in VAGUE_HEADS or lemma in PERSON_TITLES:
            key = self.mentions.of_phrase(head)
            if key:
                return key
        if lemma in VAGUE_HEADS and lemma not in PERSON_TITLES | ORG_NOUNS:
            return self._unnamed(head)
        definite_ = definite(head)
        if definite_ and (lemma in PERSON_TITLES or lemma in ORG_NOUNS):
            key = described_before(self.actors, lemma) or self.salience.title_referent(head, lemma)
            return key or self._unnamed(head)
        if lemma in PERSON_TITLES or lemma in ORG_NOUNS or lemma in VAGUE_HEADS:
            return self._unnamed(head)
        key = self.mentions.within(head)
        if key or not (could_speak(lemma) or _states_a_clause(head) or _speaks(head)):
            return key
        if _epithet(head, lemma):
            # only someone the document has already described with that word
            key = self.salience.described_with(head, lemma)
            if key:
                return key
        return self._unnamed(head)

    def _unnamed_group(self, head) -> str | None:
        if not self._unnamed_allowed:
            return None
        return self._keep(self.actors.unnamed(description(head), "group"))

    def _unnamed(self, head) -> str | None:
        if not self._unnamed_allowed:
            return None
        return self._keep(unnamed_source(self.actors, head))

    def _keep(self, key: str | None) -> str | None:
        """``key``, an actor added to the document while resolving, known by kind."""
        if key is not None:
            self.kind.setdefault(key, self.actors.actors[key].kind)
        return key
