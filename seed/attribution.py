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

from seed.model import DocActors

# Verbs that attribute an assertion to their subject.
REPORT_VERBS = {
    "say", "tell", "report", "write", "note", "add", "explain", "claim", "insist",
    "warn", "suggest", "confirm", "deny", "dismiss", "estimate", "believe", "expect",
    "predict", "state", "announce", "indicate", "point", "highlight", "argue",
    "describe", "admit", "acknowledge", "assert", "stress", "emphasize", "emphasise",
    "reveal", "allege", "testify", "observe", "comment", "reply", "respond", "tweet",
    "declare", "maintain", "contend", "conclude", "hint", "caution", "recount",
    "criticize", "criticise", "accuse", "reject", "refute", "rebut", "concede",
    "remark", "speculate", "assess", "forecast", "calculate", "project", "cite",
    "disclose", "assure", "mention", "recall", "doubt", "post",
    "think", "fear", "underline", "quote", "brief", "inform",
    "record", "document", "find", "verify", "publish", "broadcast",
}
# Verbs with other common senses: they report only with a that-clause ("maintained
# that", not "maintaining an army").
THAT_ONLY = {"maintain", "find", "observe", "record", "document", "recall", "fear",
             "post", "publish", "broadcast", "project", "calculate", "emphasize",
             "emphasise", "stress", "underline"}
# Verbs that need a complement to count (alone they describe an act, not a claim).
NEEDS_COMPLEMENT = {
    "find", "show", "record", "document", "publish", "broadcast", "question", "ask",
    "post", "think", "fear", "signal", "verify", "recall", "mention", "point",
    "believe", "expect", "estimate", "confirm", "describe", "criticize", "criticise",
    "accuse", "reject", "dismiss", "deny", "project", "calculate", "cite", "assess",
}
# Passives whose agent is left out: the writer vouches for a belief ...
PASSIVE_OWN = {"believe", "expect", "think", "estimate", "consider", "understand",
               "presume", "assume", "fear", "project", "predict", "calculate", "observe"}
# ... or passes on hearsay from an unnamed source.
PASSIVE_HEARSAY = {"report", "say", "allege", "claim", "rumor", "rumour", "tell",
                   "describe", "cite", "quote", "state", "announce"}
HEARSAY_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly",
                   "supposedly", "ostensibly", "seemingly"}
# Nouns that introduce a that-clause someone holds ("reports that ...").
CLAIM_NOUNS = {
    "report", "claim", "expectation", "suggestion", "indication", "speculation",
    "rumor", "rumour", "fear", "impression", "assessment", "belief", "estimate",
    "allegation", "assertion", "view", "statement", "warning", "prediction",
    "account", "sign", "evidence", "hope",
}
# Heads of a subject that name no one in particular.
VAGUE_HEADS = {
    "report", "source", "official", "analyst", "expert", "observer", "critic",
    "resident", "people", "media", "account", "estimate", "some", "other", "many",
    "insider", "diplomat", "commentator", "witness", "blogger", "intelligence",
    "assessment", "rumor", "rumour", "post", "someone", "person", "one", "man",
    "woman", "agreement", "document", "statement", "study", "survey", "data",
    "poll", "observation", "estimation",
}
PERSON_TITLES = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "analyst",
    "professor", "expert", "commander", "general", "lawmaker", "leader", "ambassador",
    "envoy", "chief", "head", "director", "secretary", "chancellor", "premier",
    "senator", "governor", "mayor", "researcher", "author", "scholar", "lecturer",
    "adviser", "advisor", "king", "queen", "dictator", "prosecutor", "judge",
    "chairman", "chairwoman", "chair", "deputy", "representative", "official",
    "journalist", "correspondent", "reporter", "economist", "historian",
}
ORG_NOUNS = {
    "ministry", "agency", "department", "government", "publication", "outlet",
    "newspaper", "paper", "broadcaster", "service", "office", "army", "military",
    "council", "committee", "company", "group", "organization", "organisation",
    "institute", "university", "channel", "network", "site", "website", "daily",
    "kremlin", "administration", "cabinet", "parliament", "command", "directorate",
    "regime", "country", "state", "nation", "firm", "bank", "embassy", "court",
    "party", "union", "alliance", "bloc", "magazine", "tabloid", "station", "portal",
    "think-tank", "center", "centre", "watchdog", "authority", "authorities",
}
MEDIA_NOUNS = {"publication", "outlet", "newspaper", "paper", "broadcaster", "channel",
               "network", "site", "website", "daily", "magazine", "tabloid", "station",
               "portal", "agency"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "some", "others", "many", "both"}
SELF_PRONOUNS = {"we", "i", "us"}
NON_PERSON_KINDS = ("organization", "media", "country", "group")
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")

_LONGEST_MENTION = 200  # characters; a mention never runs longer
_BULLETS = {"-", "*", "•", "–", "—", "·"}
_CLOSERS = {'"', "'", "”", "’", "»", ")", "]"}
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]\s*$")


@dataclass
class Cue:
    """A reporting cue found in a sentence: the token, who it points to, how."""

    token: object  # spaCy Token of the verb / "according" / noun / adverb
    text: str  # the cue as written ("said", "according to", "is believed")
    kind: str  # "verb", "passive-own", "passive-hearsay", "according", "noun", "adverb", "headline"
    subject: object | None = None  # head token of the source phrase, if any
    negated: bool = False
    depth: int = 0  # distance from the sentence root: the outermost cue governs


def hard_breaks(text: str) -> list[int]:
    """Offsets of line breaks that end a paragraph.

    In most scraped or exported text every line is a paragraph, a heading or a
    caption.  Only in hard-wrapped text (lines of a similar, bounded width) is a
    single newline a soft wrap, which ends a paragraph only after a blank line,
    a sentence end or a short line.
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    wrapped = bool(lines) and max(len(ln) for ln in lines) <= 100 and sum(
        len(ln) >= 50 for ln in lines) >= 0.6 * len(lines) and len(lines) >= 5
    out = []
    for m in re.finditer(r"\n", text):
        i = m.start()
        if not wrapped:
            out.append(i)
            continue
        line_start = text.rfind("\n", 0, i) + 1
        line = text[line_start:i]
        after = text[i + 1:i + 2]
        if (not line.strip() or after in ("\n", "") or _TERMINAL.search(line)
                or len(line.strip()) < 50 or after in "-*•“\"‘'#"):
            out.append(i)
    return out


def sentences(doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) of sentences, never crossing a paragraph break.

    spaCy happily runs a heading into the next paragraph, so a sentence that
    crosses a hard line break is cut there (newlines are always whitespace
    tokens of their own in spaCy).  It also cuts inside a paragraph where no
    sentence ends ("... rebuilding Kursk [Russia]," he said): those pieces are
    joined again.
    """
    cached = doc.user_data.get("claimscope_sentences")
    if cached is not None:
        return cached
    breaks = set(hard_breaks(doc.text))
    out = []
    for sent in doc.sents:
        start = sent.start
        for t in sent:
            if t.is_space and any(t.idx + k in breaks for k, ch in enumerate(t.text) if ch == "\n"):
                if t.i > start:
                    out.append((start, t.i, True))
                start = t.i + 1
        if start < sent.end:
            out.append((start, sent.end, False))
    merged: list[tuple[int, int]] = []
    joinable = False  # the last range ended mid-paragraph without ending a sentence
    for s, e, at_break in out:
        marks = [t for t in doc[s:e] if not t.is_space]
        if any(not t.is_punct for t in marks):
            while s < e and (doc[s].is_space or doc[s].text in _BULLETS):
                s += 1  # a list item's bullet is layout, not text
            if joinable and merged:
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
            words = [t for t in doc[merged[-1][0]:e] if not t.is_space]
            joinable = not at_break and not _ends_sentence(words)
        elif merged and marks and all(t.text in _CLOSERS for t in marks):
            # a closing mark spaCy pushed past the sentence end belongs to it
            merged[-1] = (merged[-1][0], max(merged[-1][1], marks[-1].i + 1))
            joinable = False
        # else: a bullet or dash on its own is no sentence
    doc.user_data["claimscope_sentences"] = merged
    return merged


def _ends_sentence(words) -> bool:
    for t in reversed(words):
        if t.text in _CLOSERS:
            continue
        return t.text in (".", "!", "?", ":", ";", "...", "…") or t.text.endswith(".")
    return True


def trim_span(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    """Character offsets of a token range, without surrounding whitespace tokens."""
    while start_tok < end_tok and doc[start_tok].is_space:
        start_tok += 1
    while end_tok > start_tok and doc[end_tok - 1].is_space:
        end_tok -= 1
    if start_tok >= end_tok:
        return doc[start_tok].idx if start_tok < len(doc) else len(doc.text), doc[start_tok].idx if start_tok < len(doc) else len(doc.text)
    return doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)


def is_negated(verb) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and any(
                x.lower_ in ("neither", "nor", "no", "none") for x in c.subtree):
            return True
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
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p, False
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                    return v.head, passive
                return c, passive
        # "said Tertitsky" sometimes comes out as an object of the verb
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
        self._sent_of = {}
        for s, e in self.sents:
            for i in range(s, e):
                self._sent_of[i] = (s, e)
        self.history: list[tuple[int, str]] = []  # (char offset, key) of resolved subjects
        self._build_history()

    def in_quote(self, pos: int) -> bool:
        i = bisect_left(self.quote_spans, (pos + 1,)) - 1
        return i >= 0 and self.quote_spans[i][0] <= pos < self.quote_spans[i][1]

    def bounds(self, tok):
        return self._sent_of.get(tok.i)

    def subject(self, verb):
        return subject_of(verb, self.bounds(verb))

    def _build_history(self) -> None:
        """Who was the subject of each main or reporting verb, or the source of an
        "according to", in text order: the candidates for a later "he" or "the
        ministry".  Subjects of embedded clauses ("for X to strengthen") are not
        salient enough to count."""
        for s, e in self.sents:
            for t in self.doc[s:e]:
                if self.in_quote(t.idx):
                    continue
                src = None
                if t.pos_ in ("VERB", "AUX") and (
                        t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")
                        or t.lemma_ in REPORT_VERBS):
                    src, _ = subject_of(t, (s, e))
                elif t.lower_ == "according":
                    src = according_source(t)
                if src is None or self.in_quote(src.idx):
                    continue
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
        if lemma in VAGUE_HEADS and lemma not in PERSON_TITLES | ORG_NOUNS:
            return None
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
        if definite and lemma in PERSON_TITLES:
            return self._recent(head.idx, ("person",))
        if definite and lemma in ORG_NOUNS:
            kinds = ("media", "organization") if lemma in MEDIA_NOUNS else NON_PERSON_KINDS
            return self._recent(head.idx, kinds, window=4000)
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
