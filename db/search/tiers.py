"""What the indexes are asked for a query, best first: its tiers.

A tier is an AND of groups, a group an OR of terms.  ``db.search`` runs the
tiers in order and keeps the first ``max_candidates`` rows they find, so the
order is the ranking's first draft: rows likely to score best come first.

The two indexes read terms differently.  In the word index (``search_text``)
a term is a word or a phrase of whole words; a ``Prefix`` term's last word may
continue ("peace talk" finds "peace talks").  A partial word ("evacu") or a
misspelt one ("ceasfire") reaches its rows through the vocabulary: the words
that contain it, the words closest to it.  In the trigram index
(``search_names``) a term is any substring of three or more characters, so a
partial name needs nothing more, and a misspelt one with nothing close in the
vocabulary may fall back to sharing any of its trigrams.

Pure functions of the query and a ``Vocabulary``; no SQL here.
"""
from __future__ import annotations

import re
from typing import Protocol

from .query import Query, trigrams

Tiers = list[list[list[str]]]

MAX_CONTAINING = 24  # vocabulary words holding a partial query word, looked up
MAX_PHRASE_HEADS = 8  # words a phrase's cut-off first word may be the end of
MAX_LENGTH_STEPS = 4  # tiers widening a partial word to longer and longer words
MAX_MATCHED = 3  # word groups of one query an index is asked to intersect
COMMON = 0.05  # a word in more than this share of the rows is left out of a words-together tier
_WORD = re.compile(r"\w+")


class Prefix(str):
    """A term whose last word may continue."""


class Near(str):
    """Words that stand within ``span`` words of each other (FTS5's NEAR): the
    words-together tier of a query holding a common word.  As a phrase, "that"
    or "the" would have the index read their positions in nearly every row
    (47 ms at a million rows, against 6 ms for the rarer words near each
    other): the rarer words are asked for and the ranking tests the rest."""

    span: int

    def __new__(cls, words: list[str], span: int):
        near = super().__new__(cls, " ".join(words))
        near.span = span
        return near


class Vocabulary(Protocol):
    def containing(self, word: str) -> list[str]:
        """Words of the text that contain ``word``, closest in length first."""

    def close(self, word: str) -> list[str]:
        """Words of the text closest to a misspelt ``word``, best first."""

    def starting(self, word: str) -> list[str]:
        """Words of the text that start with ``word``, shortest first."""

    def rows(self, words: list[str]) -> dict[str, int]:
        """How many rows hold each of ``words`` (absent: none known)."""

    def size(self) -> int:
        """How many rows the index holds (about)."""


def _long(q: Query, vocab: Vocabulary | None = None) -> list[str]:
    """The query's words of 3+ letters the indexes are asked for: at most
    MAX_MATCHED, the rarest (the vocabulary counts their rows), in the order
    typed.  The others are left to the ranking, which tests every word: an
    AND of eight common words' doclists costs ten times that of the three
    rarest (22 ms against 2 at a million rows), for the same rows."""
    words = [w for w in q.words if len(w) >= 3]
    if vocab is None or len(words) <= MAX_MATCHED:
        return words
    rows = vocab.rows(words)
    rarest = set(sorted(words, key=lambda w: rows.get(w, 0))[:MAX_MATCHED])
    return [w for w in words if w in rarest]


def _together(q: Query, phrases: list[list[str]], vocab: Vocabulary | None = None) -> Tiers:
    """The words as a phrase; or, when some are common, the others near each other."""
    if len(q.words) < 2:
        return []
    if vocab is None:
        return [[[" ".join(q.words)]] + phrases]
    rows, most = vocab.rows(q.words), COMMON * vocab.size()
    rare = [w for w in q.words if rows.get(w, 0) <= most]
    if len(rare) == len(q.words):
        return [[[" ".join(q.words)]] + phrases]
    rare = [w for w in rare if len(w) >= 3]
    return [[[Near(rare, len(q.words))]] + phrases] if len(rare) > 1 else []


# -- the word index ---------------------------------------------------------------------


def text_tiers(q: Query, vocab: Vocabulary) -> Tiers:
    """The words together, then each as a word, then each inside a longer
    word, the shorter longer words first (a row scores by its closest whole
    word: "negot" is nearer "negotiate" than "negotiations")."""
    words = _long(q, vocab)
    phrases = _fixed(q, vocab, words)
    lengths = [sorted({len(c) for c in vocab.containing(w)}) for w in words]
    steps = min(MAX_LENGTH_STEPS, max(map(len, lengths), default=0))
    widening = [[[w, *(c for c in vocab.containing(w) if not ls or len(c) <= ls[min(k, len(ls) - 1)])]
                 for w, ls in zip(words, lengths)] + phrases for k in range(steps)]
    return _together(q, phrases, vocab) + [[[w] for w in words] + phrases] + widening + [
        [[w, *vocab.containing(w)] for w in words] + phrases]


def text_fuzzy(q: Query, vocab: Vocabulary) -> Tiers:
    """Each word, or one of its closest vocabulary words, widening one rank at
    a time."""
    words = _long(q, vocab)
    phrases = _fixed(q, vocab, words)
    close = [vocab.close(w) if len(w) >= 4 else [] for w in words]
    if not any(close):
        return []
    base = [[w, *vocab.containing(w)] for w in words]
    return [[b + c[:r] for b, c in zip(base, close)] + phrases for r in range(1, max(map(len, close)) + 1)]


def _fixed(q: Query, vocab: Vocabulary, words: list[str]) -> list[list[str]]:
    """The groups every tier holds beside ``words``: each phrase, and, while
    there is room under MAX_MATCHED, each word of one or two letters, which
    must start a word of the row, as itself or the vocabulary words it
    starts (shortest first)."""
    room = max(0, MAX_MATCHED - len(words))
    return ([_phrase(p, vocab) for p in q.phrases if len(p) >= 3]
            + [[w, *vocab.starting(w)] for w in q.words if len(w) < 3][:room])


def _phrase(phrase: str, vocab: Vocabulary) -> list[str]:
    """A phrase's alternatives: as typed (its last word may continue), and,
    when its first word is cut off ("upply route"), each longer word that
    ends with it."""
    out = [Prefix(phrase)]
    first = _WORD.match(phrase)
    if first and first.end() < len(phrase) and len(first.group()) >= 3:
        head, rest = first.group(), phrase[first.end():]
        ends = [w for w in vocab.containing(head) if w.endswith(head)][:MAX_PHRASE_HEADS]
        out += [Prefix(w + rest) for w in ends]
    return out


# -- the trigram index ------------------------------------------------------------------


def name_tiers(q: Query, vocab: Vocabulary | None = None) -> Tiers:
    """The words together, then each as a whole word (space bounded: trigrams
    keep spaces), then anywhere."""
    phrases = [[p] for p in q.phrases if len(p) >= 3]
    words = _long(q, vocab)
    return _together(q, phrases) + [[[f" {w} "] for w in words] + phrases, [[w] for w in words] + phrases]


def name_fuzzy(q: Query, vocab: Vocabulary) -> Tiers:
    """As ``text_fuzzy``; last, for a word with nothing close in the
    vocabulary, any of its trigrams."""
    phrases = [[p] for p in q.phrases if len(p) >= 3]
    words = _long(q, vocab)
    close = [vocab.close(w) if len(w) >= 4 else [] for w in words]
    tiers = [[[w, *c[:r]] for w, c in zip(words, close)] + phrases
             for r in range(1, max(map(len, close), default=0) + 1)]
    if not all(close):
        tiers.append([[w, *c] if c else trigrams(w) for w, c in zip(words, close)] + phrases)
    return tiers
