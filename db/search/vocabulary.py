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
from .browse import UntilChanged
from .candidates import interrupted
from .query import fts_term as _fts_term, trigrams as _trigrams
from .rank import WORD_CUTOFF

MAX_EXPANSIONS = 8  # closest vocabulary words looked up for one query word
MAX_VOCAB_SCAN = 20000  # vocabulary words sharing a trigram, scored per query word


CLOSE_KEPT = 512  # query words whose closest vocabulary words a searcher keeps
MAX_SHORT = 5  # a misspelt word this short may share no trigram with the word meant ("thta", "that")


class ShortWords:
    """The vocabulary's words of up to MAX_SHORT + 1 letters, by length, kept
    in memory until the database changes (``PRAGMA data_version``).  One edit
    can take every trigram out of a short word, so a misspelt one is compared
    with every word one letter shorter, as long or one longer instead: a few
    thousand short strings, a millisecond or two for rapidfuzz."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self._words: tuple[int, dict[int, tuple[list[str], list[int]]]] | None = None

    def _by_length(self) -> dict[int, tuple[list[str], list[int]]]:
        version = self.con.execute("PRAGMA data_version").fetchone()[0]
        if self._words is None or self._words[0] != version:
            by: dict[int, tuple[list[str], list[int]]] = {}
            try:
                for word, rows in self.con.execute("SELECT word, rows FROM search_vocab WHERE length(word) <= ?",
                                                   (MAX_SHORT + 1,)):
                    words, counts = by.setdefault(len(word), ([], []))
                    words.append(word)
                    counts.append(rows)
            except sqlite3.OperationalError as e:
                if interrupted(e) or "no such table" not in str(e):
                    raise
            self._words = (version, by)
        return self._words[1]

    def close(self, word: str) -> dict[str, tuple[float, int]]:
        """Words one edit of length from ``word`` and as near as a whole
        (``ratio`` WORD_CUTOFF or more: "thta" is "that", but "safe" is not
        "after", whose window "afte" would pass), with their rows; none
        holding ``word``."""
        by, out = self._by_length(), {}
        for n in (len(word) - 1, len(word), len(word) + 1):
            words, counts = by.get(n, ([], []))
            for w, score, at in process.extract(word, words, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None):
                if word not in w:
                    out[w] = (score, counts[at])
        return out


class Vocabulary:
    """The vocabulary as one query's tiers ask it: each word looked up once."""

    def __init__(self, con: sqlite3.Connection, short: ShortWords | None = None, kept: UntilChanged | None = None):
        # ``kept``: each word's closest words, shared by the queries of one
        # searcher: a word typed is asked again at every keystroke after it.
        self.con, self._memo, self.short, self.kept = con, {}, short, kept
        # Set when a partial word stood for more longer words than are looked
        # up: rows holding only the others are not counted, so a total is a floor.
        self.cut_short = False

    def containing(self, word: str) -> list[str]:
        if ("in", word) not in self._memo:
            self._memo["in", word] = self._containing(word)
        return self._memo["in", word]

    def close(self, word: str) -> list[str]:
        if ("close", word) not in self._memo:
            self._memo["close", word] = self.kept.get(word, self._close) if self.kept is not None else self._close(word)
        return self._memo["close", word]

    def _close(self, word: str) -> list[str]:
        extra = self.short.close(word) if self.short is not None and len(word) <= MAX_SHORT else {}
        return [w for w, _ in closest(self.con, word, extra)]

    def rows(self, words: list[str]) -> dict[str, int]:
        missing = [w for w in dict.fromkeys(words) if ("rows", w) not in self._memo]
        if missing:
            found = dict(_vocab_counts(self.con, missing))
            self._memo.update({("rows", w): found.get(w, 0) for w in missing})
        return {w: self._memo["rows", w] for w in words}

    def size(self) -> int:
        if "size" not in self._memo:
            self._memo["size"] = self.con.execute("SELECT coalesce(max(id), 0) FROM search_items").fetchone()[0]
        return self._memo["size"]

    def starting(self, word: str) -> list[str]:
        if ("start", word) not in self._memo:
            self._memo["start", word] = self._starting(word)
        return self._memo["start", word]

    def _starting(self, word: str) -> list[str]:
        """The vocabulary words that start with ``word`` (a range of the
        words' own index, at most MAX_VOCAB_SCAN), shortest first, then the
        commonest."""
        try:
            rows = self.con.execute("SELECT word, rows FROM search_vocab WHERE word > ? AND word < ? LIMIT ?",
                                    (word, word + "\U0010ffff", MAX_VOCAB_SCAN)).fetchall()
        except sqlite3.OperationalError as e:
            if interrupted(e) or "no such table" not in str(e):
                raise
            return []
        rows.sort(key=lambda r: (len(r[0]), -r[1], r[0]))
        self.cut_short |= len(rows) > search_tiers.MAX_CONTAINING
        return [w for w, _ in rows[:search_tiers.MAX_CONTAINING]]

    def _containing(self, word: str) -> list[str]:
        """The vocabulary words that hold ``word`` inside them: the shortest
        first (a row scores by its closest whole word), then the commonest."""
        if len(word) < 3 or not re.fullmatch(r"\w+", word):
            return []
        rows = _vocab_rows(self.con, "v.word <> ?", (_fts_term(word), word))
        rows.sort(key=lambda r: (len(r[0]), -r[1], r[0]))
        self.cut_short |= len(rows) > search_tiers.MAX_CONTAINING
        return [w for w, _ in rows[:search_tiers.MAX_CONTAINING]]


def _vocab_counts(con: sqlite3.Connection, words: list[str]) -> list[tuple[str, int]]:
    try:
        return con.execute(f"SELECT word, rows FROM search_vocab WHERE word IN ({','.join('?' * len(words))})",
                           words).fetchall()
    except sqlite3.OperationalError as e:
        if interrupted(e) or "no such table" not in str(e):
            raise
        return []


def _vocab_rows(con: sqlite3.Connection, where: str, args: tuple) -> list[tuple[str, int]]:
    try:
        return con.execute(
            "SELECT v.word, v.rows FROM search_vocab_grams g JOIN search_vocab v ON v.id = g.rowid "
            f"WHERE search_vocab_grams MATCH ? AND {where} LIMIT ?", (*args, MAX_VOCAB_SCAN)).fetchall()
    except sqlite3.OperationalError as e:
        if interrupted(e) or "no such table" not in str(e):
            raise
        return []  # an index from before the vocabulary


def closest(con: sqlite3.Connection, word: str,
            extra: dict[str, tuple[float, int]] | None = None) -> list[tuple[str, float]]:
    """The vocabulary words closest to ``word`` that do not contain it, best
    first: those sharing a trigram with it, and ``extra`` (word: (score,
    rows)), found otherwise."""
    rows = _vocab_rows(con, "length(v.word) >= ?", (" OR ".join(_fts_term(g) for g in _trigrams(word)),
                                                  len(word) - 2))
    freq = {r[0]: r[1] for r in rows if word not in r[0]}
    # Score a word as a row holding it would be scored: the query word's
    # best window in a longer word, the whole word against a shorter one.
    longer = [w for w in freq if len(w) >= len(word)]
    shorter = [w for w in freq if len(w) < len(word)]
    found = process.extract(word, longer, scorer=fuzz.partial_ratio, score_cutoff=WORD_CUTOFF, limit=None)
    found += process.extract(word, shorter, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None)
    for w, (score, n) in (extra or {}).items():
        if w not in freq:
            freq[w] = n
            found.append((w, score, None))
    # Equal windows: the word nearer as a whole first, as a row's score has
    # it ("tith" is as good a window of "styjaith" as of "teith").
    found.sort(key=lambda f: (-f[1], -fuzz.ratio(word, f[0]), -freq[f[0]], f[0]))
    return [(w, s) for w, s, _ in found[:MAX_EXPANSIONS]]
