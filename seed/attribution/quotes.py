"""Quotes: every span inside quotation marks, and who speaks it.

Marks are paired per paragraph, so one stray mark costs at most the rest of its
paragraph.  Straight marks are told apart from apostrophes and from each other
by what flanks them; curly marks say which way they face, though sloppy text
mixes the two (`"advisers”`).  Only outermost quotes are kept: a title in single
marks inside a longer double-quoted passage is part of that passage.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..records import DocActors, Quote
from ..text.columns import doc_text, tokens
from ..text.sentences import hard_breaks, sentences
from .resolver import Resolver, according_source
from .words import REPORT_VERBS

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"
# What may stand before an opening mark / after a closing one besides a space.
_BEFORE_OPEN = "([{—–-/:;,…" + ALL_MARKS
_AFTER_CLOSE = ".,;:!?)]}—–-…/" + ALL_MARKS
SCARE_WORDS = 4  # a quote this short inside a clause is a term, not a statement
_MARK = re.compile("[" + re.escape(ALL_MARKS) + "]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for b in hard_breaks(text):
        if text[start:b].strip():
            out.append((start, b))
        start = b + 1
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _flanks(text: str, i: int, a: int, b: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) in the CommonMark sense, within [a, b)."""
    prev = text[i - 1] if i > a else " "
    nxt = text[i + 1] if i + 1 < b else " "
    left = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPEN)
    right = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    return left, right


def _pair_marks(text: str, a: int, b: int, next_opens: bool) -> list[tuple[int, int, bool]]:
    """Quoted spans (inner start, inner end, closed) in the paragraph [a, b)."""
    stack: list[tuple[str, int]] = []  # (kind "d"/"s", offset after the mark)
    spans: list[tuple[int, int, bool]] = []

    def close(kind: str, i: int) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                spans.append((stack[k][1], i, True))
                del stack[k:]  # inner openers never closed were apostrophes or typos
                return True
        return False

    def is_open(kind: str) -> bool:
        return any(k == kind for k, _ in stack)

    for m in _MARK.finditer(text, a, b):  # only the marks: a loop over every character is slow
        i = m.start()
        ch = text[i]
        left, right = _flanks(text, i, a, b)
        prev = text[i - 1] if i > a else " "
        nxt = text[i + 1] if i + 1 < b else " "
        if ch == '"':
            if left and not right:
                stack.append(("d", i + 1))
            elif right and not left:
                close("d", i)
            elif left and right or (not left and not right and not (prev.isspace() and nxt.isspace())):
                if not (is_open("d") and close("d", i)):
                    stack.append(("d", i + 1))
        elif ch in DOUBLE_OPEN:
            if right and not left and is_open("d"):
                close("d", i)
            else:
                stack.append(("d", i + 1))
        elif ch in DOUBLE_CLOSE:
            if not (is_open("d") and close("d", i)) and left and not right:
                stack.append(("d", i + 1))
        elif ch in SINGLE_OPEN:
            stack.append(("s", i + 1))
        else:  # ' or ’: an apostrophe unless it faces a quote
            if prev.isalnum() and nxt.isalnum():
                continue  # don't, Norway’s
            if ch == "'" and left and not right:
                stack.append(("s", i + 1))
            elif right and is_open("s"):
                close("s", i)
    # What is still open at the paragraph's end: a double quote carries on into
    # the next paragraph (which repeats the opening mark) or lost its closing
    # mark; either way it ends here.  An open single mark is most likely an
    # apostrophe, unless the next paragraph continues a single-quoted passage.
    for kind, start in stack:
        if kind == "d" or next_opens:
            spans.append((start, b, False))
            break
    return spans


def find_quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Outermost quoted spans (start, end, closed), whitespace trimmed."""
    paras = paragraphs(text)
    raw = []
    for n, (a, b) in enumerate(paras):
        nxt = paras[n + 1][0] if n + 1 < len(paras) else None
        next_opens = nxt is not None and text[nxt:nxt + 40].lstrip()[:1] in SINGLE_OPEN + "'"
        raw.extend(_pair_marks(text, a, b, next_opens))
    raw.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, bool]] = []
    for s, e, closed in raw:
        if out and s < out[-1][1]:
            continue  # nested in the previous outer quote
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(c.isalnum() for c in text[s:e]):
            out.append((s, e, closed))
    return out


class _Attributor:
    def __init__(self, doc, actors: DocActors, spans):
        self.doc = doc
        self.spans = spans
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

    def path_cue(self, start: int, end: int):
        """A reporting verb that governs the quote in the parse, if any."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        # The doc's token list, not the span's: iterating a Span builds each Token again.
        inside = [t for t in self.toks[span.start:span.end] if start <= t.idx < end] if span is not None else []
        heads = [t for t in inside if not (start <= (h := t.head).idx < end) or h == t]
        for t in heads:
            node = t
            for _ in range(12):
                if node.dep_ in ("nsubj", "nsubjpass", "csubj", "appos") and node.head != node:
                    break  # the quote sits in someone's name or description
                parent = node.head
                if parent == node:
                    break
                if not self.in_any_quote(parent) and parent.lemma_ in REPORT_VERBS and parent.pos_ == "VERB":
                    return parent
                node = parent
        return None

    def sentence_cue(self, si: int, start: int, end: int):
        """The reporting verb or "according to" nearest the quote in its sentence."""
        s, e = self.sents[si]
        toks, quoted = self.toks, self.resolver.token_quoted
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

    def attribute(self, start: int, end: int, prev: Quote | None) -> tuple[str | None, str | None, str]:
        doc, text = self.doc, doc_text(self.doc)
        first, last = self.sent_at(start), self.sent_at(max(start, end - 1))
        words = len(text[start:end].split())
        verb = self.path_cue(start, end) if first == last else None
        if verb is None:
            s0, e0 = self.sents[first]
            sent_len = len(text[doc[s0].idx:doc[e0 - 1].idx + len(doc[e0 - 1].text)])
            clausal = words > SCARE_WORDS or (end - start) >= 0.5 * sent_len or first != last
            for si in dict.fromkeys((last, first)):
                verb = self.sentence_cue(si, start, end)
                if verb is not None and (clausal or verb.lower_ == "according"):
                    break  # a term in quotes is the speaker's only under "according to"
                verb = None
        if verb is not None:
            if verb.lower_ == "according":
                return self.resolver.resolve(according_source(verb)), "according to", "quote-according"
            return self.speaker_from_verb(verb), verb.text, "quote-verb"
        colon = self._colon_lead_in(start, first)
        if colon is not None:
            return colon
        if words <= SCARE_WORDS and not self._starts_sentence(start, first):
            return None, None, "quote-scare"
        # No cue in its own sentence: the quote goes on from the previous one, or
        # a lead-in sentence announced it.
        if prev is not None and self._continues(prev, start):
            return prev.speaker, prev.cue, "quote-continued"
        lead = self._lead_in(first)
        if lead is not None:
            return lead
        return None, None, "quote-unattributed"

    def _colon_lead_in(self, start: int, si: int):
        """"X put it bluntly: "..."": the clause before the colon names the speaker."""
        doc = self.doc
        s, e = self.sents[si]
        before = [t for t in doc[s:e] if t.idx < start - 1 and not t.is_space]
        if len(before) < 2 or before[-1].text != ":" or self.in_any_quote(before[-1]):
            return None
        t = before[-2]
        while t.head != t and t.head.idx < before[-1].idx and doc[s].idx <= t.head.idx:
            t = t.head
        key = self.speaker_from_verb(t) if t.pos_ in ("VERB", "AUX") else None
        if key is None:
            m = self.resolver.actors.within(before[0].idx, before[-1].idx)
            key = m[0].actor if m else None
        return key, ":", "quote-colon"

    def _starts_sentence(self, start: int, si: int) -> bool:
        s, _ = self.sents[si]
        return doc_text(self.doc)[self.doc[s].idx:start].strip(" " + ALL_MARKS) == ""

    def _continues(self, prev: Quote, start: int) -> bool:
        text = doc_text(self.doc)
        gap = text[prev.end:start]
        if len(gap) <= 80 and "\n\n" not in gap.strip():
            return True
        pi = self.para_at(start)
        if pi == 0 or self.para_at(prev.start) != pi - 1 or text[self.paras[pi][0]:start].strip(ALL_MARKS + " "):
            return False
        # the previous paragraph ends in the sentence that holds the previous quote
        last_sent = self.sent_at(self.paras[pi - 1][1] - 1)
        return self.sent_at(prev.end - 1) == last_sent or self.sent_at(prev.start) == last_sent

    def _lead_in(self, si: int):
        """A sentence ending in a colon, or one with a reporting verb, just before."""
        if si == 0:
            return None
        s, e = self.sents[si - 1]
        toks = [t for t in self.doc[s:e] if not t.is_space]
        if not toks:
            return None
        same_para = self.para_at(toks[-1].idx) == self.para_at(self.doc[self.sents[si][0]].idx)
        colon = toks[-1].text == ":"
        if not (colon or same_para):
            return None
        for t in toks:
            if t.lemma_ in REPORT_VERBS and t.pos_ == "VERB" and not self.in_any_quote(t):
                key = self.speaker_from_verb(t)
                if key is not None or colon:
                    return key, ":" if colon else t.text, "quote-lead-in"
        if colon:
            root = next((t for t in toks if t.dep_ == "ROOT"), None)
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
            key = self.resolver.resolve(subj) if subj is not None else None
            if key is None:
                m = self.resolver.actors.within(toks[0].idx, toks[-1].idx)
                key = m[0].actor if m else None
            return key, ":", "quote-lead-in"
        return None


def extract_quotes(doc, actors: DocActors) -> list[Quote]:
    """Every quoted span of ``doc_text(doc)`` with its speaker (a LocalActor key or None)."""
    text = doc_text(doc)
    spans = find_quote_spans(text)
    att = _Attributor(doc, actors, spans)
    quotes: list[Quote] = []
    for start, end, closed in spans:
        prev = quotes[-1] if quotes else None
        speaker, cue, rule = att.attribute(start, end, prev)
        conf = (0.9 if speaker else 0.7) if closed else 0.5
        quotes.append(Quote(start, end, text[start:end], speaker, cue, rule, conf))
    return quotes
