"""Who a source phrase names: a mention, a pronoun or a bare title ("the
spokesman") resolved to a LocalActor key.

Shared by the quotes and claims stages.  Everything here is generic English
newswriting: the lexicon (``words``), dependency patterns around reporting
cues (``syntax``), and a small salience model (``salience``: who was last the
subject of a sentence) to resolve "he", "it" and "the ministry".
"""
from __future__ import annotations

from ..records import DocActors
from ..text.columns import doc_text
from ..text.sentences import sentences
from .described import DescribedSources
from .mentions import MentionIndex
from .pronouns import PronounSources
from .salience import Salience, genders, in_spans, quote_view
from .syntax import subject_of
from .unnamed import definite, described_before, is_source_noun, untagged_name
from .words import (
    GROUP_PRONOUNS,
    ORG_NOUNS,
    SPEAKS_FOR,
)


def _sentence_of_tokens(doc) -> list[tuple[int, int] | None]:
    """Token index -> the (start, end) of its sentence (None between sentences),
    built once per doc."""
    index = doc.user_data.get("claimscope_sentence_of")
    if index is None:
        index = [None] * len(doc)
        for s, e in sentences(doc):
            index[s:e] = [(s, e)] * (e - s)
        doc.user_data["claimscope_sentence_of"] = index
    return index


class Resolver(DescribedSources, PronounSources):
    """Maps source phrases to LocalActor keys, tracking who is salient."""

    def __init__(self, doc, actors: DocActors, quote_spans=(), own: str | None = None):
        self.doc = doc
        self.actors = actors
        self.own = own
        self.quote_spans = sorted(quote_spans)
        self.mentions = MentionIndex(actors)
        self.kind = self.mentions.kind
        self.salience = Salience(actors, self.kind, [m for m in actors.mentions if not self.in_quote(m.start)],
                                 doc_text(doc))
        self.sents = sentences(doc)
        self._sent_of = _sentence_of_tokens(doc)
        quoted, sources = quote_view(doc, self.quote_spans)
        self.token_quoted: list[bool] = quoted  # by token index: in_quote(token.idx)
        self._unnamed_allowed = True
        self._build_history(sources)

    def in_quote(self, pos: int) -> bool:
        return in_spans(self.quote_spans, pos)

    def bounds(self, tok):
        return self._sent_of[tok.i]

    def subject(self, verb):
        return subject_of(verb, self.bounds(verb), self.token_quoted)

    def _build_history(self, sources) -> None:
        """Who the salient source phrases (see ``salience.quote_view``) name, in
        text order: the candidates for a later "he" or "the ministry".  Resolved
        one by one, as a pronoun among them resolves against the history so far."""
        for src in sources:
            # an unnamed source is salient only as the subject of a main clause,
            # not of "a soldier would not admit ..." inside someone's statement
            verb = src.head
            self._unnamed_allowed = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            key = self.resolve(src)
            if key is not None:
                self.salience.add(src.idx, key)
        self._unnamed_allowed = True
        self.salience.gender = genders(doc_text(self.doc), self.kind, self.salience.free_mentions, self.salience.history)

    def resolve(self, head) -> str | None:
        """The actor a source phrase headed by ``head`` names, or None when vague."""
        if head is None:
            return None
        key = self.mentions.over(head)
        if key:
            return key
        low = head.lower_
        if head.pos_ == "PRON" or low in GROUP_PRONOUNS:
            return self._pronoun(head, low)
        lemma = head.lemma_.lower()
        if is_source_noun(lemma) and self.mentions.of_phrase(head) is None:
            # "one party source": not the party; "the official": the one described before
            return (definite(head) and described_before(self.actors, lemma)) or self._unnamed(head)
        if head.pos_ == "NOUN" and lemma not in ORG_NOUNS | SPEAKS_FOR and self._modified_by_name(head):
            # "a Gazette analysis", "the party's nominee", "Lee's family": described, not the name
            return self._unnamed(head)
        key = self.mentions.beside(head)
        if key:
            return key
        if head.pos_ == "PROPN":
            return self._keep(untagged_name(self.actors, head))
        return self._described(head, lemma)
