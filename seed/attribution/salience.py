"""Who is salient at a point of a document: the candidates for a later "he",
"it" or "the ministry".

The history is who was the subject of each main or reporting verb (or the
source of an "according to"), outside quotes, in text order; the mentions
outside quotes stand behind it.  A pronoun or a bare title resolves to the
latest fitting one.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort

from ..records import DocActors
from ..text.columns import column, tokens
from ..text.sentences import sentences
from .syntax import according_source, subject_of
from .words import GENERIC_ORG_NOUNS, MEDIA_NOUNS, PERSON_TITLES, REPORT_VERBS, STATE_NOUNS


def in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` inside one of the sorted ``spans``?"""
    i = bisect_left(spans, (pos + 1,)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def quote_view(doc, quote_spans: list[tuple[int, int]]) -> tuple[list[bool], list]:
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
    """``in_spans(spans, t.idx)`` for every token, in one pass: token offsets
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
                src, _ = subject_of(t, (s, e), quoted)
            elif lower[i] == "according":
                src = according_source(toks[i])
            if src is None or in_spans(quote_spans, src.idx):
                continue
            out.append(src)
    return out


class Salience:
    """The history of resolved subjects and the mentions outside quotes, asked
    for the latest actor of some kinds before a point."""

    def __init__(self, actors: DocActors, kind: dict[str, str], free_mentions: list, text: str = ""):
        self.actors = actors
        self.text = text
        self.kind = kind
        self.free_mentions = free_mentions
        self._free_starts = [m.start for m in free_mentions]
        self.history: list[tuple[int, str]] = []  # (char offset, key) of resolved subjects
        self.gender: dict[str, str] = {}  # person key -> "m" / "f", where the text shows it

    def add(self, pos: int, key: str) -> None:
        insort(self.history, (pos, key))

    def recent(self, pos: int, kinds, window: int = 2500, gender: str | None = None) -> str | None:
        """The latest actor of ``kinds`` before ``pos``; with ``gender`` ("m" or
        "f", from the pronoun), never one the text shows to be of the other."""
        def fits(key):
            return self.kind.get(key) in kinds and (gender is None or self.gender.get(key, gender) == gender)
        i = bisect_left(self.history, (pos,))
        for p, key in reversed(self.history[max(0, i - 200):i]):
            if pos - p > window:
                break
            if fits(key):
                return key
        j = bisect_left(self._free_starts, pos)
        for m in reversed(self.free_mentions[:j]):
            if fits(m.actor):
                return m.actor
        return None

    def recent_subject(self, pos: int, window: int = 600) -> str | None:
        i = bisect_left(self.history, (pos,))
        if i == 0:
            return None
        p, key = self.history[i - 1]
        return key if pos - p <= window else None

    def title_referent(self, head, lemma: str) -> str | None:
        """"the spokesman", "the ministry": the latest actor named or described
        with that word, else the latest of a kind the word can only mean."""
        key = self.described_with(head, lemma)
        if key is not None:
            return key
        if lemma in PERSON_TITLES:
            return self.recent(head.idx, ("person",))
        if lemma in MEDIA_NOUNS:
            return self.recent(head.idx, ("media", "organization"), window=4000)
        if lemma in GENERIC_ORG_NOUNS:
            return self.recent(head.idx, ("organization",), window=1500)
        if lemma in STATE_NOUNS:
            return self.recent(head.idx, ("country",), window=4000)
        return None

    def described_with(self, head, lemma: str) -> str | None:
        """The latest actor before ``head`` whose name, description, written
        forms or the title before a mention ("veteran skipper Ann Lee") hold
        the word ``lemma``."""
        i = bisect_left(self._free_starts, head.idx)
        word = re.compile(r"\b%s" % re.escape(lemma))
        # a capitalised modifier identifies ("the Republican nominee"): it must agree too
        proper = [re.compile(r"\b%s\b" % re.escape(c.lower_)) for c in head.children
                  if c.dep_ in ("amod", "compound") and c.i < head.i and c.text[:1].isupper() and c.i > head.sent.start]

        seen = set()
        for m in reversed(self.free_mentions[max(0, i - 300):i]):
            # the words before a person's mention, within its sentence: a title
            before = re.split(r"[.!?\n]", self.text[max(0, m.start - 40):m.start])[-1].lower().split()[-3:]
            if self.kind.get(m.actor) == "person" and _fits(word, proper, " ".join(before)):
                return m.actor
            if m.actor in seen:
                continue
            seen.add(m.actor)
            a = self.actors.actors.get(m.actor)
            if a is not None and _fits(word, proper, " ".join([a.name, a.description or "", *a.forms]).lower()):
                return m.actor
        return None


def _fits(word, proper: list, words: str) -> bool:
    """``words`` hold the head word and every capitalised modifier (patterns)."""
    return bool(word.search(words)) and all(p.search(words) for p in proper)


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+$")
_FEMALE_HONORIFICS = {"mrs", "ms", "miss", "dame", "lady"}
_NEXT_PRONOUN = re.compile(r"[\s\"\u201c\u201d]*(He|She|His|Her)\b")


def genders(text: str, kind: dict[str, str], free_mentions: list, history: list[tuple[int, str]]) -> dict[str, str]:
    """Each person's gender where the document shows it: an honorific before a
    mention ("Mrs. Lee"), or the pronoun that opens the sentence after one in
    which they were the subject ("Lee said ... . She added ..."); a vote."""
    votes: dict[str, list[int]] = {}
    for m in free_mentions:
        if kind.get(m.actor) == "person":
            h = _HONORIFIC.search(text, max(0, m.start - 7), m.start)
            if h is not None:
                votes.setdefault(m.actor, [0, 0])[h.group(1).lower() in _FEMALE_HONORIFICS] += 2
    for pos, key in history:
        if kind.get(key) != "person":
            continue
        stop = text.find(". ", pos, pos + 400)
        p = _NEXT_PRONOUN.match(text, stop + 1) if stop >= 0 else None
        if p is not None:
            votes.setdefault(key, [0, 0])[p.group(1) in ("She", "Her")] += 1
    return {k: ("f" if f > m else "m") for k, (m, f) in votes.items() if m != f}
