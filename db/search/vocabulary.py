"""The vocabulary of the search index (``search_vocab``: every word of 3+
characters and how many rows hold it, with a trigram index over the words):
the longer words that hold a partial query word, and the words closest to a
misspelt one.
"""
from __future__ import annotations

import re
import sqlite3

from rapidfuzz import fuzz, process

from . import tiers as search_tiers
from .candidates import interrupted
from .query import fts_term as _fts_term, trigrams as _trigrams
from .rank import WORD_CUTOFF

MAX_EXPANSIONS = 8  # closest vocabulary words looked up for one query word
MAX_VOCAB_SCAN = 20000  # vocabulary words sharing a trigram, scored per query word


class Vocabulary:
    """The vocabulary as one query's tiers ask it: each word looked up once."""

    def __init__(self, con: sqlite3.Connection):
        self.con, self._memo = con, {}
        # Set when a partial word stood for more longer words than are looked
        # up: rows holding only the others are not counted, so a total is a floor.
        self.cut_short = False

    def containing(self, word: str) -> list[str]:
        if ("in", word) not in self._memo:
            self._memo["in", word] = self._containing(word)
        return self._memo["in", word]

    def close(self, word: str) -> list[str]:
        if ("close", word) not in self._memo:
            self._memo["close", word] = [w for w, _ in closest(self.con, word)]
        return self._memo["close", word]

    def _containing(self, word: str) -> list[str]:
        """The vocabulary words that hold ``word`` inside them: the shortest
        first (a row scores by its closest whole word), then the commonest."""
        if len(word) < 3 or not re.fullmatch(r"\w+", word):
            return []
        rows = _vocab_rows(self.con, "v.word <> ?", (_fts_term(word), word))
        rows.sort(key=lambda r: (len(r[0]), -r[1], r[0]))
        self.cut_short |= len(rows) > search_tiers.MAX_CONTAINING
        return [w for w, _ in rows[:search_tiers.MAX_CONTAINING]]


def _vocab_rows(con: sqlite3.Connection, where: str, args: tuple) -> list[tuple[str, int]]:
    try:
        return con.execute(
            "SELECT v.word, v.rows FROM search_vocab_grams g JOIN search_vocab v ON v.id = g.rowid "
            f"WHERE search_vocab_grams MATCH ? AND {where} LIMIT ?", (*args, MAX_VOCAB_SCAN)).fetchall()
    except sqlite3.OperationalError as e:
        if interrupted(e) or "no such table" not in str(e):
            raise
        return []  # an index from before the vocabulary


def closest(con: sqlite3.Connection, word: str) -> list[tuple[str, float]]:
    """The vocabulary words closest to ``word`` that do not contain it, best first."""
    rows = _vocab_rows(con, "length(v.word) >= ?", (" OR ".join(_fts_term(g) for g in _trigrams(word)),
                                                  len(word) - 2))
    freq = {r[0]: r[1] for r in rows if word not in r[0]}
    # Score a word as a row holding it would be scored: the query word's
    # best window in a longer word, the whole word against a shorter one.
    longer = [w for w in freq if len(w) >= len(word)]
    shorter = [w for w in freq if len(w) < len(word)]
    found = process.extract(word, longer, scorer=fuzz.partial_ratio, score_cutoff=WORD_CUTOFF, limit=None)
    found += process.extract(word, shorter, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None)
    found.sort(key=lambda f: (-f[1], -freq[f[0]], f[0]))
    return [(w, s) for w, s, _ in found[:MAX_EXPANSIONS]]
