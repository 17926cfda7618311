"""Quotes: every span inside quotation marks (``marks``), and who speaks it.

A quote's speaker is the subject of the reporting verb that governs it in the
parse, else of the nearest one in its sentence ("according to" included);
else the clause before a colon that opens it; else, when no cue stands in its
own sentence, the speaker of the quote it carries on from, or of the lead-in
sentence that announced it.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..actors.names import fold
from ..records import DocActors, Quote
from ..text.columns import doc_text, tokens
from ..text.sentences import sentences
from .marks import ALL_MARKS, find_quote_spans, paragraphs
from .resolver import Resolver
from .syntax import according_source
from .words import REPORT_VERBS

SCARE_WORDS = 4  # a quote this short inside a clause is a term, not a statement


class _Context:
    """One document as its quotes are attributed: its sentences and paragraphs
    by offset, and the resolver of its source phrases (quotes excluded)."""

    def __init__(self, doc, actors: DocActors, spans):
        self.doc = doc
        self.resolver = Resolver(doc, actors, [(s, e) for s, e, _ in spans])
        self.toks = tokens(doc)
        self.sents = sentences(doc)
        self.sent_starts = [self.toks[s].idx for s, _ in self.sents]
        self.paras = paragraphs(doc_text(doc))
        self.para_starts = [a for a, _ in self.paras]

    def sent_at(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def para_at(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def in_any_quote(self, tok) -> bool:
        return self.resolver.token_quoted[tok.i]

    def speaker_from_verb(self, verb):
        subj, passive = self.resolver.subject(verb)
        if subj is None or (passive and subj.dep_ == "nsubjpass"):
            return None
        return self.resolver.resolve(subj)


def _attribute(ctx: _Context, start: int, end: int, prev: Quote | None) -> tuple[str | None, str | None, str]:
    """(speaker, cue, rule) of the quote at [start, end); ``prev`` is the quote before it."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    first, last = ctx.sent_at(start), ctx.sent_at(max(start, end - 1))
    words = len(text[start:end].split())
    named = labelled(ctx, start, end)
    if named is not None:
        return named
    verb = path_cue(ctx, start, end) if first == last else None
    if verb is None:
        s0, e0 = ctx.sents[first]
        sent_len = len(text[doc[s0].idx:doc[e0 - 1].idx + len(doc[e0 - 1].text)])
        clausal = words > SCARE_WORDS or (end - start) >= 0.5 * sent_len or first != last or _is_clause(ctx, start, end)
        for si in dict.fromkeys((last, first)):
            verb = sentence_cue(ctx, si, start, end)
            if verb is not None and (clausal or verb.lower_ == "according"):
                break  # a term in quotes is the speaker's only under "according to"
            verb = None
    if verb is not None:
        if verb.lower_ == "according":
            return ctx.resolver.resolve(according_source(verb)), "according to", "quote-according"
        return _outer_speaker(ctx, verb), verb.text, "quote-verb"
    colon = _colon_lead_in(ctx, start, first)
    if colon is not None:
        return colon
    trailer = _trailer(ctx, end, last)
    if trailer is not None:
        return trailer
    if words <= SCARE_WORDS and not _starts_sentence(ctx, start, first):
        # a term in quotes: the word of whoever says the clause it stands in, if anyone
        verb = path_cue(ctx, start, end, strict=False) if first == last and not _title(text[start:end]) else None
        key = _outer_speaker(ctx, verb) if verb is not None else None
        return (key, verb.text, "quote-term") if key is not None else (None, None, "quote-scare")
    # No cue in its own sentence: the quote goes on from the previous one, or
    # a lead-in sentence announced it.
    if prev is not None and prev.speaker is not None and _continues(ctx, prev, start):
        return prev.speaker, prev.cue, "quote-continued"
    lead = _lead_in(ctx, first)
    if lead is not None:
        return lead
    return None, None, "quote-unattributed"


# -- finding the cue -------------------------------------------------------------


def path_cue(ctx: _Context, start: int, end: int, strict: bool = True):
    """A reporting verb that governs the quote in the parse, if any; ``strict``
    stops at a subject or an apposition (a quote inside someone's description)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    # The doc's token list, not the span's: iterating a Span builds each Token again.
    inside = [t for t in ctx.toks[span.start:span.end] if start <= t.idx < end] if span is not None else []
    heads = [t for t in inside if not (start <= (h := t.head).idx < end) or h == t]
    for t in heads:
        node = t
        for _ in range(12):
            if strict and node.dep_ in ("nsubj", "nsubjpass", "csubj", "appos") and node.head != node:
                break  # the quote sits in someone's name or description
            parent = node.head
            if parent == node:
                break
            if not ctx.in_any_quote(parent) and parent.lemma_ in REPORT_VERBS and parent.pos_ == "VERB":
                return parent
            node = parent
    return None


_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with"}


def _title(words: str) -> bool:
    """"Salt and Silence": a title of a work, every word but the small ones capitalised."""
    ws = [w for w in words.strip(" ,.!?").split() if w.lower() not in _SMALL_WORDS]
    return bool(ws) and all(w[:1].isupper() or not w[:1].isalpha() for w in ws)


def _outer_speaker(ctx: _Context, verb):
    """The speaker of ``verb``, else of the nearest reporting verb above it: in
    "X said the advert 'wrongly' suggests ...", the advert speaks for no one."""
    node = verb
    for _ in range(12):
        if node.lemma_ in REPORT_VERBS and node.pos_ == "VERB" and not ctx.in_any_quote(node):
            key = ctx.speaker_from_verb(node)
            if key is not None:
                return key
        if node.head == node:
            return None
        node = node.head
    return None


def sentence_cue(ctx: _Context, si: int, start: int, end: int):
    """The reporting verb or "according to" nearest the quote in its sentence."""
    s, e = ctx.sents[si]
    toks, quoted = ctx.toks, ctx.resolver.token_quoted
    best, best_d = None, None
    for t in toks[s:e]:
        if start <= t.idx < end or quoted[t.i]:
            continue
        if (t.lemma_ in REPORT_VERBS and t.pos_ == "VERB") or (
                t.lower_ == "according" and t.i + 1 < len(toks) and toks[t.i + 1].lower_ == "to"):
            d = min(abs(t.idx - start), abs(t.idx - end))
            if best is None or d < best_d:
                best, best_d = t, d
    return best


# -- a speaker named by layout ------------------------------------------------------

# "NAME: words" opening a quote: a transcript's speaker label.
_LABEL = re.compile(r"([A-Z][A-Za-z.'\u2019-]*(?: [A-Z][A-Za-z.'\u2019-]*){0,2}): \S")
# a closing mark, then a dash and the name: "... .” ― Name", a list of reactions
_DASH = re.compile(r"[\s,.]*[\u2015\u2014\u2013-]{1,2}\s*")


def labelled(ctx: _Context, start: int, end: int):
    """The speaker a layout convention names: a transcript's upper-case label at
    the start of the quote, or a dash and a name right after it."""
    text = doc_text(ctx.doc)
    m = _LABEL.match(text, start, end)
    if m is not None and m.group(1).isupper() and len(m.group(1)) > 1:
        return _label_speaker(ctx.resolver.actors, m.group(1)), ":", "quote-label"
    close = end + 1 if end < len(text) and text[end] in ALL_MARKS else end
    d = _DASH.match(text, close)
    if d is not None and d.end() > close and "\n" not in text[close:d.end()]:
        found = ctx.resolver.actors.at(d.end(), d.end() + 1)
        if found is not None and found.start == d.end():
            return found.actor, "\u2015", "quote-dash"
    return None


def _trailer(ctx: _Context, end: int, si: int):
    """'"... ?" Pell asked.': the splitter cut the attribution into a sentence of
    its own, right after the quote, in the same paragraph, naming nothing else."""
    if si + 1 >= len(ctx.sents):
        return None
    s, e = ctx.sents[si + 1]
    toks = [t for t in ctx.doc[s:e] if not t.is_space]
    text = doc_text(ctx.doc)
    if not toks or len(toks) > 12 or text[end:toks[0].idx].strip(ALL_MARKS + " ") or "\n" in text[end:toks[0].idx]:
        return None
    verb = next((t for t in toks if t.lemma_ in REPORT_VERBS and t.pos_ == "VERB" and not ctx.in_any_quote(t)), None)
    if verb is None or verb.dep_ != "ROOT" or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None
    key = ctx.speaker_from_verb(verb)
    return (key, verb.text, "quote-trailer") if key is not None else None


def _label_speaker(actors, label: str) -> str:
    """The actor a transcript label names: a person the article names in full
    whose surname it is, else the label itself as a name."""
    folded = fold(label)
    for a in actors.actors.values():
        if a.named and a.kind == "person" and fold(a.name).split()[-1:] == [folded]:
            return a.key
    return actors.ensure(label.title(), "person")


# -- a speaker named before the quote ----------------------------------------------


def _colon_lead_in(ctx: _Context, start: int, si: int):
    """"X put it bluntly: "..."": the clause before the colon names the speaker."""
    doc = ctx.doc
    s, e = ctx.sents[si]
    before = [t for t in doc[s:e] if t.idx < start - 1 and not t.is_space]
    if len(before) < 2 or before[-1].text != ":" or ctx.in_any_quote(before[-1]):
        return None
    t = before[-2]
    while t.head != t and t.head.idx < before[-1].idx and doc[s].idx <= t.head.idx:
        t = t.head
    key = ctx.speaker_from_verb(t) if t.pos_ in ("VERB", "AUX") else None
    if key is None:
        m = ctx.resolver.actors.within(before[0].idx, before[-1].idx)
        key = m[0].actor if m else None
    return key, ":", "quote-colon"


def _lead_in(ctx: _Context, si: int):
    """A sentence ending in a colon, or one with a reporting verb, just before."""
    if si == 0:
        return None
    s, e = ctx.sents[si - 1]
    toks = [t for t in ctx.doc[s:e] if not t.is_space]
    if not toks:
        return None
    same_para = ctx.para_at(toks[-1].idx) == ctx.para_at(ctx.doc[ctx.sents[si][0]].idx)
    colon = toks[-1].text == ":"
    if not (colon or same_para):
        return None
    for t in toks:
        if t.lemma_ in REPORT_VERBS and t.pos_ == "VERB" and not ctx.in_any_quote(t):
            key = ctx.speaker_from_verb(t)
            if key is not None or colon:
                return key, ":" if colon else t.text, "quote-lead-in"
    if colon:
        root = next((t for t in toks if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        key = ctx.resolver.resolve(subj) if subj is not None else None
        if key is None:
            m = ctx.resolver.actors.within(toks[0].idx, toks[-1].idx)
            key = m[0].actor if m else None
        return key, ":", "quote-lead-in"
    return None


# -- continuation ----------------------------------------------------------------------


def _is_clause(ctx: _Context, start: int, end: int) -> bool:
    """A short quote that is a statement of its own ("That makes me smart."): a
    capital, a verb, and an end, not a term in quotes."""
    text = doc_text(ctx.doc)
    if not text[start:start + 1].isupper() or text[start:end].rstrip()[-1:] not in ".!?,":
        return False
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _starts_sentence(ctx: _Context, start: int, si: int) -> bool:
    s, _ = ctx.sents[si]
    return doc_text(ctx.doc)[ctx.doc[s].idx:start].strip(" " + ALL_MARKS) == ""


def _continues(ctx: _Context, prev: Quote, start: int) -> bool:
    text = doc_text(ctx.doc)
    gap = text[prev.end:start]
    if len(gap) <= 80 and "\n\n" not in gap.strip():
        return True
    pi = ctx.para_at(start)
    if pi == 0 or ctx.para_at(prev.start) != pi - 1 or text[ctx.paras[pi][0]:start].strip(ALL_MARKS + " "):
        return False
    # the previous paragraph ends in the sentence that holds the previous quote,
    # or in sentences with no quote but scare quotes after it
    last_sent = ctx.sent_at(ctx.paras[pi - 1][1] - 1)
    if ctx.sent_at(prev.end - 1) == last_sent or ctx.sent_at(prev.start) == last_sent:
        return True
    after = text[prev.end:ctx.paras[pi - 1][1]]
    return any(m in after for m in ALL_MARKS) and ctx.sent_at(prev.end - 1) + 2 >= last_sent


def extract_quotes(doc, actors: DocActors) -> list[Quote]:
    """Every quoted span of ``doc_text(doc)`` with its speaker (a LocalActor key or None)."""
    text = doc_text(doc)
    spans = find_quote_spans(text)
    ctx = _Context(doc, actors, spans)
    quotes: list[Quote] = []
    prev = None  # the quote a later one may go on from: a scare quote never is
    for start, end, closed in spans:
        speaker, cue, rule = _attribute(ctx, start, end, prev)
        conf = (0.9 if speaker else 0.7) if closed else 0.5
        quotes.append(Quote(start, end, text[start:end], speaker, cue, rule, conf))
        if rule not in ("quote-scare", "quote-term"):
            prev = quotes[-1]
    return quotes
