"""Sentences and paragraphs as the attribution stages see them.

spaCy's sentence splitter runs headings and captions into the next paragraph
and cuts inside bracketed insertions; these helpers fix both, and keep every
span a faithful slice of ``doc_text(doc)``.
"""
from __future__ import annotations

import re

from .columns import doc_text, tokens

_BULLETS = {"-", "*", "•", "–", "—", "·"}
_CLOSERS = {'"', "'", "”", "’", "»", ")", "]"}
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]\s*$")


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
    sentence ends ("... rebuilding the port [in Gdansk]," he said): those pieces are
    joined again.
    """
    cached = doc.user_data.get("claimscope_sentences")
    if cached is not None:
        return cached
    breaks = set(hard_breaks(doc_text(doc)))
    toks = tokens(doc)
    out = []
    for sent in doc.sents:
        start = sent.start
        for t in toks[sent.start:sent.end]:
            if t.is_space and any(t.idx + k in breaks for k, ch in enumerate(t.text) if ch == "\n"):
                if t.i > start:
                    out.append((start, t.i, True))
                start = t.i + 1
        if start < sent.end:
            out.append((start, sent.end, False))
    merged: list[tuple[int, int]] = []
    joinable = False  # the last range ended mid-paragraph without ending a sentence
    for s, e, at_break in out:
        marks = [t for t in toks[s:e] if not t.is_space]
        if any(not t.is_punct for t in marks):
            while s < e and (toks[s].is_space or toks[s].text in _BULLETS):
                s += 1  # a list item's bullet is layout, not text
            if joinable and merged:
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
            words = [t for t in toks[merged[-1][0]:e] if not t.is_space]
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
    toks = tokens(doc)
    while start_tok < end_tok and toks[start_tok].is_space:
        start_tok += 1
    while end_tok > start_tok and toks[end_tok - 1].is_space:
        end_tok -= 1
    if start_tok >= end_tok:
        pos = toks[start_tok].idx if start_tok < len(toks) else len(doc_text(doc))
        return pos, pos
    return toks[start_tok].idx, toks[end_tok - 1].idx + len(toks[end_tok - 1].text)
