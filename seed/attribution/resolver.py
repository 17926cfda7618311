"""Who says something: reporting cues, their subjects, and what a pronoun or a bare
title ("the spokesman") stands for.

Shared by the quotes and claims stages.  Everything here is generic English
newswriting: a lexicon of reporting verbs and nouns, dependency patterns around
them, and a small salience model (who was last the subject of a sentence) to
resolve "he", "it" and "the ministry".
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass

from ..records import DocActors
from ..text.columns import column, tokens
from ..text.sentences import sentences
from .words import (
    GENERIC_ORG_NOUNS,
    GROUP_PRONOUNS,
    MEDIA_NOUNS,
    NON_PERSON_KINDS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    REPORT_VERBS,
    SELF_PRONOUNS,
    STATE_NOUNS,
    THING_PRONOUNS,
    VAGUE_HEADS,
)

_LONGEST_MENTION = 200  # characters; a mention never runs longer


@dataclass
class Cue:
    """A reporting cue found in a sentence: the token, who it points to, how."""

    token: object  # spaCy Token of the verb / "according" / noun / adverb
    text: str  # the cue as written ("said", "according to", "is believed")
    kind: str  # "verb", "passive-own", "passive-hearsay", "according", "noun", "adverb", "headline"
    subject: object | None = None  # head token of the source phrase, if any
    negated: bool = False
    depth: int = 0  # distance from the sentence root: the outermost cue governs


def is_negated(verb) -> bool:
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return True
    for c in kids:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if c.lower_ in ("none", "nobody", "neither", "nothing"):
            return True
        if any(x.dep_ in ("det", "preconj") and x.lower_ in ("no", "neither") for x in c.children):
            return True  # "No official has confirmed", "Neither A nor B has confirmed"
    return False


def _within(tok, bounds):
    """``tok`` if it lies in the token range ``bounds``; else the part of its subtree
    that does (a heading parsed into the next sentence drags its subject along)."""
    if tok is None or bounds is None or bounds[0] <= tok.i < bounds[1]:
        return tok
    for t in tok.subtree:
        if bounds[0] <= t.i < bounds[1] and not bounds[0] <= t.head.i < bounds[1] and not t.is_space:
            return t
    return None


def subject_of(verb, bounds=None):
    """The head token of the verb's subject (or agent), climbing through participles,
    conjoined verbs and relative clauses.  Returns (token or None, passive).
    ``bounds`` is the sentence's token range: a subject outside it is cut back."""
    tok, passive = _subject_of(verb)
    return _within(tok, bounds), passive


def _subject_of(verb):
    seen = 0
    v = verb
    while v is not None and seen < 6:
        seen += 1
        kids = list(v.children)  # each walk of Token.children builds every child again
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        for c in kids:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p, False
        for c in kids:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                    return v.head, passive
                return c, passive
        # "said Smith" sometimes comes out as an object of the verb
        if v.lemma_ == "say":
            nxt = v.doc[v.i + 1] if v.i + 1 < len(v.doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.head == v:
                return nxt, False
        if v.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "ccomp", "acomp") and v.head != v:
            if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                return None, passive
            v = v.head
            continue
        return None, passive
    return None, False


def according_source(tok):
    """For an "according" token, the head of what follows "according to"."""
    for c in tok.children:
        if c.lower_ == "to":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    nxt = tok.doc[tok.i + 1:tok.i + 2]
    if len(nxt) and nxt[0].lower_ == "to":
        for p in nxt[0].children:
            if p.dep_ == "pobj":
                return p
    return None


def verb_cue_text(verb) -> str:
    parts = [verb]
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.lower_ not in ("to",):
            parts.append(c)
        if c.dep_ == "prt":
            parts.append(c)
        if c.dep_ == "neg":
            parts.append(c)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def has_complement(verb) -> bool:
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd", "dative", "parataxis"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("as", "on", "about"):
            return True
    return verb.dep_ in ("parataxis",) or (verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in verb.children))


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


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` inside one of the sorted ``spans``?"""
    i = bisect_left(spans, (pos + 1,)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _quote_view(doc, quote_spans: list[tuple[int, int]]) -> tuple[list[bool], list]:
    """What depends only on the doc and its quote spans: which tokens are quoted
    (by token index), and the source phrases the salience history is built from.
    The quotes and the claims stage each build a Resolver over the same spans;
    this is the costly part, so it is built once per doc and set of spans."""
    views = doc.user_data.setdefault("claimscope_quote_views", {})
    key = tuple(quote_spans)
    view = views.get(key)
    if view is None:
        toks = tokens(doc)
        quoted = _quoted_tokens(toks, quote_spans)
        view = views[key] = (quoted, _history_sources(doc, toks, quoted, quote_spans))
    return view


def _quoted_tokens(toks, spans: list[tuple[int, int]]) -> list[bool]:
    """``_in_spans(spans, t.idx)`` for every token, in one pass: token offsets
    only grow, so the last span starting at or before a token only moves on."""
    out = []
    j = -1  # the last span starting at or before the current token
    for t in toks:
        pos = t.idx
        while j + 1 < len(spans) and spans[j + 1][0] <= pos:
            j += 1
        out.append(j >= 0 and pos < spans[j][1])
    return out


def _history_sources(doc, toks, quoted: list[bool], quote_spans) -> list:
    """Head tokens of who was the subject of each main or reporting verb, or the
    source of an "according to", in text order, outside quotes.  Subjects of
    embedded clauses ("for X to strengthen") are not salient enough to count."""
    out = []
    pos, lower = column(doc, "pos_"), column(doc, "lower_")
    for s, e in sentences(doc):
        for i in range(s, e):
            if quoted[i]:
                continue
            src = None
            if pos[i] in ("VERB", "AUX") and (
                    (t := toks[i]).dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")
                    or t.lemma_ in REPORT_VERBS):
                src, _ = subject_of(t, (s, e))
            elif lower[i] == "according":
                src = according_source(toks[i])
            if src is None or _in_spans(quote_spans, src.idx):
                continue
            out.append(src)
    return out


class Resolver:
    """Maps source phrases to LocalActor keys, tracking who is salient."""

    def __init__(self, doc, actors: DocActors, quote_spans=(), own: str | None = None):
        self.doc = doc
        self.actors = actors
        self.own = own
        self.quote_spans = sorted(quote_spans)
        self.kind = {k: a.kind for k, a in actors.actors.items()}
        self.form_index: dict[str, str] = {}
        for k, a in actors.actors.items():
            for f in {a.name, *a.forms}:
                if f and " " not in f:
                    self.form_index.setdefault(f, k)
        self.free_mentions = [m for m in actors.mentions if not self.in_quote(m.start)]
        self._free_starts = [m.start for m in self.free_mentions]
        self._starts = [m.start for m in actors.mentions]
        self.sents = sentences(doc)
        self._sent_of = _sentence_of_tokens(doc)
        quoted, sources = _quote_view(doc, self.quote_spans)
        self.token_quoted: list[bool] = quoted  # by token index: in_quote(token.idx)
        self.history: list[tuple[int, str]] = []  # (char offset, key) of resolved subjects
        self._build_history(sources)

    def in_quote(self, pos: int) -> bool:
        return _in_spans(self.quote_spans, pos)

    def bounds(self, tok):
        return self._sent_of[tok.i]

    def subject(self, verb):
        return subject_of(verb, self.bounds(verb))

    def _build_history(self, sources) -> None:
        """Who the salient source phrases (see ``_history_sources``) name, in text
        order: the candidates for a later "he" or "the ministry".  Resolved one by
        one, as a pronoun among them resolves against the history so far."""
        for src in sources:
            key = self.resolve(src)
            if key is not None:
                insort(self.history, (src.idx, key))

    def _starts_sentence(self, tok) -> bool:
        b = self.bounds(tok)
        return b is not None and all(t.is_space or t.is_punct for t in self.doc[b[0]:tok.i])

    def mention_over(self, tok):
        m = self.mention_at(tok.idx, tok.idx + len(tok.text))
        if m is not None:
            return m.actor
        # a name the actors stage knows but did not tag at this spot
        if tok.pos_ == "PROPN" or (tok.is_upper and len(tok.text) > 1):
            return self.form_index.get(tok.text)
        return None

    def _recent(self, pos: int, kinds, window: int = 2500) -> str | None:
        i = bisect_left(self.history, (pos,))
        for p, key in reversed(self.history[max(0, i - 200):i]):
            if pos - p > window:
                break
            if self.kind.get(key) in kinds:
                return key
        j = bisect_left(self._free_starts, pos)
        for m in reversed(self.free_mentions[:j]):
            if self.kind.get(m.actor) in kinds:
                return m.actor
        return None

    def _recent_subject(self, pos: int, window: int = 600) -> str | None:
        i = bisect_left(self.history, (pos,))
        if i == 0:
            return None
        p, key = self.history[i - 1]
        return key if pos - p <= window else None

    def _title_referent(self, head, lemma: str) -> str | None:
        """"the spokesman", "the ministry": the latest actor named or described
        with that word, else the latest of a kind the word can only mean."""
        i = bisect_left(self._free_starts, head.idx)
        seen = set()
        for m in reversed(self.free_mentions[max(0, i - 300):i]):
            if m.actor in seen:
                continue
            seen.add(m.actor)
            a = self.actors.actors.get(m.actor)
            words = " ".join([a.name, a.description or "", *a.forms]).lower() if a else ""
            if re.search(r"\b%s" % re.escape(lemma), words):
                return m.actor
        if lemma in PERSON_TITLES:
            return self._recent(head.idx, ("person",))
        if lemma in MEDIA_NOUNS:
            return self._recent(head.idx, ("media", "organization"), window=4000)
        if lemma in GENERIC_ORG_NOUNS:
            return self._recent(head.idx, ("organization",), window=1500)
        if lemma in STATE_NOUNS:
            return self._recent(head.idx, ("country",), window=4000)
        return None

    def mention_at(self, start: int, end: int):
        """Like DocActors.at, through an index: the first mention overlapping [start, end)."""
        i = bisect_left(self._starts, start - _LONGEST_MENTION)
        for m in self.actors.mentions[i:]:
            if m.start >= end:
                break
            if m.start < end and start < m.end:
                return m
        return None

    def resolve(self, head) -> str | None:
        """The actor a source phrase headed by ``head`` names, or None when vague."""
        if head is None:
            return None
        key = self.mention_over(head)
        if key:
            return key
        low = head.lower_
        if head.pos_ == "PRON" or low in GROUP_PRONOUNS:
            if low in PERSON_PRONOUNS:
                return self._recent(head.idx, ("person",))
            if low in THING_PRONOUNS:
                return self._recent(head.idx, NON_PERSON_KINDS, window=1200)
            if low in SELF_PRONOUNS:
                return self.own
            if low in ("they", "them") or (low in GROUP_PRONOUNS and self._starts_sentence(head)):
                return self._recent_subject(head.idx)
            return None
        for c in head.children:
            if c.dep_ == "appos":
                key = self.mention_over(c)
                if key:
                    return key
        for c in head.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.i < head.i:
                for t in c.subtree:
                    key = self.mention_over(t)
                    if key:
                        return key
        lemma = head.lemma_.lower()
        if lemma in VAGUE_HEADS or lemma in PERSON_TITLES:
            # "a spokesperson for the Commission", "a report by the Gazette"
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "by", "with"):
                    for t in c.subtree:
                        key = self.mention_over(t)
                        if key and self.kind.get(key) != "place":
                            return key
        if lemma in VAGUE_HEADS and lemma not in PERSON_TITLES | ORG_NOUNS:
            return None
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
        if definite and (lemma in PERSON_TITLES or lemma in ORG_NOUNS):
            return self._title_referent(head, lemma)
        if lemma in PERSON_TITLES or lemma in ORG_NOUNS or lemma in VAGUE_HEADS:
            return None
        skip = set()
        for c in head.children:
            if c.dep_ in ("relcl", "acl", "appos"):
                skip |= {t.i for t in c.subtree}
        for t in head.subtree:
            if t.i in skip:
                continue
            key = self.mention_over(t)
            if key:
                return key
        return None
