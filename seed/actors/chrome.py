"""Chrome around names: photo credits, captions glued to headings, bylines, stray
punctuation. The small spaCy model reads all of it as text; these checks say which
entity spans are not names at all and trim the rest to the name as written.
"""
from __future__ import annotations

import re

from ..text.columns import doc_text
from .names import CHROME_WORDS, CREDIT_CUES, DEGREE_WORDS, PRONOUNS, fold

# Compiled once: these run for every entity of every document.
_PHOTO_CREDIT = re.compile(r"(?i)\b(image|photo)\s*:")
_OPEN_BRACKET = re.compile(r"\[[^\]]*$")
_SLASH_AHEAD = re.compile(r"^[^\[]*/")
_CREDIT_LINE = re.compile(r"\s*\[?[^\]]*/[^\]]*\]?\s*")
_ARTICLE = re.compile(r"(?i)(the|a|an)\s+")
_POSSESSIVE_END = re.compile(r"(['’]s|['’])$")
_INITIAL_END = re.compile(r"\b[A-Z]\.$|\b[A-Z]\.[A-Z]\.$")
_WEBBY = re.compile(r"https?:|www\.|\.com\b|\.org\b|@|/|\\|[<>{}|]")
_NO_LETTERS = re.compile(r"[\W\d]+")


def line_of(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a: b if b >= 0 else len(text)]


def is_credit(doc, start: int, end: int) -> bool:
    text = doc_text(doc)
    a = text.rfind("\n", 0, start) + 1
    before = text[max(a, start - 200):start]  # bounded: a paragraph may be a whole book
    # Each cue holds a colon, a slash or "getty": most names have none before them.
    if (":" in before or "/" in before or "getty" in before.lower()) and (
            CREDIT_CUES.search(before[-60:]) or _PHOTO_CREDIT.search(before)):
        return True
    # "[Name Surname/AGENCY]" caption credits
    if _OPEN_BRACKET.search(before) and _SLASH_AHEAD.search(text[end: end + 40]):
        return True
    if "/" in text[max(a, start - 1):start] or text[end:end + 1] == "/":
        return True
    line = line_of(text, start, end)
    return bool(_CREDIT_LINE.fullmatch(line)) and len(line) < 80


def trim(doc, start: int, end: int) -> tuple[int, int]:
    """Cut at a line break, strip a leading article and a trailing possessive or punctuation."""
    text = doc_text(doc)
    span = text[start:end]
    cut = span.find("\n")
    if cut == 0:
        span2 = span.lstrip()
        start += len(span) - len(span2)
        span = span2
        cut = span.find("\n")
    if cut > 0:
        end = start + cut
    while True:
        s = text[start:end]
        m = _ARTICLE.match(s)
        if m and end - start > m.end():
            start += m.end()
            continue
        m = _POSSESSIVE_END.search(s)
        if m and end - start > len(m.group()) + 1:
            end -= len(m.group())
            continue
        if s and s[-1] in " .,;:!?\"“”)(-\u00a0" and not _INITIAL_END.search(s):
            end -= 1
            continue
        if s and s[0] in " \"“(\u00a0-":
            start += 1
            continue
        return start, end


def glued(doc, start: int, end: int, names: set[str]) -> tuple[int, int] | None:
    """'PoliticsEstonia' / 'LatviaImage': a heading or caption glued to a name. Keep the half the
    document names elsewhere; None drops the span."""
    s = doc_text(doc)[start:end]
    m = re.fullmatch(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})", s)
    if not m:
        return start, end
    a, b = m.group(1), m.group(2)
    if fold(a) in names:
        return start, start + len(a)
    if fold(b) in names:
        return start + len(a), end
    return start, end


def bad(doc, start: int, end: int) -> bool:
    s = doc_text(doc)[start:end]
    if not s or not (s[0].isupper() or s[0].isdigit() or s[0] == "@"):
        return True
    if _WEBBY.search(s):
        return True
    f = fold(s)
    if f in CHROME_WORDS or f in PRONOUNS or s.casefold() in CHROME_WORDS:
        return True
    if all(w in DEGREE_WORDS for w in f.split()):
        return True
    if _NO_LETTERS.fullmatch(s):
        return True
    return False


def common_word(doc, start: int, end: int) -> bool:
    """A capitalised ordinary word ('Party', 'State') the model took for a name: the document also
    writes it in lower case."""
    s = doc_text(doc)[start:end]
    if " " in s or not s[:1].isupper() or s.isupper() or not s[1:].islower():
        return False
    return s.lower() in _words_as_written(doc)


def _words_as_written(doc) -> set[str]:
    """Every maximal run of word characters and hyphens in the text, built once per doc."""
    words = doc.user_data.get("claimscope_words")
    if words is None:
        words = doc.user_data["claimscope_words"] = set(re.findall(r"[\w-]+", doc_text(doc)))
    return words


def shouting(doc, t) -> bool:
    """A token on an all-caps line (chrome, headings shouted in capitals)."""
    text = doc_text(doc)
    a = text.rfind("\n", 0, t.idx) + 1
    b = text.find("\n", t.idx + len(t.text))
    # A long line holds many tokens: count its letters once per doc.
    lines = doc.user_data.setdefault("claimscope_line_letters", {})
    counts = lines.get((a, b))
    if counts is None:
        letters = [c for c in line_of(text, t.idx, t.idx + len(t.text)) if c.isalpha()]
        counts = lines[(a, b)] = (len(letters), sum(c.isupper() for c in letters))
    n, upper = counts
    return n > len(t.text) and upper > 0.7 * n
