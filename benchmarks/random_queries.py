"""Queries drawn at random from a database's own text, for ``search_bench.py --random N --seed S``.

Classes (issue 17, item 1), drawn uniformly:

- ``words``: 1 to 8 consecutive words of a random claim or quote;
- ``prefix``: the first 1 to 6 letters of a random word of one;
- ``typo``: a random word of 4+ letters with one random edit (insert, delete,
  substitute or swap two letters);
- ``name`` / ``name typo``: a random actor's name, as is or with one edit;
- each of those five with a random ``by:``, ``in:``, ``kind:`` or ``verdict:``
  filter (``words + filter`` ...): half the time the filter is the source
  row's own (its claimant, its outlet, its kind), else a random row's, so
  both queries that find rows and queries that find none are asked;
- ``filter``: one such filter alone.

Rows are drawn by a random id and the next row at or after it (``id >= ?``),
so drawing costs one index probe whatever the size.
"""
from __future__ import annotations

import random
import re
import sqlite3
import string

from db.search.query import KINDS, VERDICTS

BASES = ("words", "prefix", "typo", "name", "name typo")
CLASSES = BASES + tuple(f"{b} + filter" for b in BASES) + ("filter",)
_WORD = re.compile(r"\w+")


class Draw:
    def __init__(self, con: sqlite3.Connection, rng: random.Random):
        self.con, self.rng = con, rng
        self.top = con.execute("SELECT max(id) FROM search_items").fetchone()[0]
        self.top_actor = con.execute("SELECT max(id) FROM actors").fetchone()[0]

    def row(self, kinds=("claim", "quote")) -> tuple:
        """(body, kind, actor_id, outlet) of a random row of one of ``kinds``."""
        marks = ",".join("?" * len(kinds))
        while True:
            r = self.con.execute(
                f"SELECT body, kind, actor_id, outlet FROM search_items WHERE id >= ? AND kind IN ({marks}) "
                "ORDER BY id LIMIT 1", (self.rng.randint(1, self.top), *kinds)).fetchone()
            if r and _WORD.search(r[0] or ""):
                return tuple(r)

    def actor_name(self, actor_id: int | None = None) -> str:
        if actor_id is None:
            actor_id = self.rng.randint(1, self.top_actor)
        r = self.con.execute("SELECT name FROM actors WHERE id >= ? ORDER BY id LIMIT 1", (actor_id,)).fetchone()
        return r[0] if r else "nobody"

    def base(self, kind: str) -> tuple[str, tuple]:
        """A query of base class ``kind`` and the row it was drawn from."""
        src = self.row()
        words = _WORD.findall(src[0])
        rng = self.rng
        if kind == "words":
            n = rng.randint(1, min(8, len(words)))
            at = rng.randint(0, len(words) - n)
            return " ".join(words[at:at + n]), src
        if kind == "prefix":
            w = rng.choice(words)
            return w[:rng.randint(1, min(6, len(w)))], src
        if kind == "typo":
            long = [w for w in words if len(w) >= 4] or words
            return edit(rng.choice(long), rng), src
        name = self.actor_name()
        if kind == "name typo":
            parts = name.split()
            i = rng.randrange(len(parts))
            parts[i] = edit(parts[i], rng)
            name = " ".join(parts)
        return name, src

    def filter(self, src: tuple | None) -> str:
        rng = self.rng
        if src is None or rng.random() < 0.5:
            src = self.row(("claim", "quote", "figure"))
        key = rng.choice(("by", "in", "kind", "verdict"))
        body, kind, actor_id, outlet = src
        if key == "by":
            name = self.actor_name(actor_id)
            value = name if rng.random() < 0.5 else name.split()[-1]
        elif key == "in":
            value = outlet or "nowhere"
        elif key == "kind":
            value = kind if rng.random() < 0.5 else rng.choice(KINDS)
        else:
            value = rng.choice(VERDICTS)
        return f'{key}:"{value}"' if " " in value else f"{key}:{value}"

    def query(self, cls: str) -> str:
        if cls == "filter":
            return self.filter(None)
        base, src = self.base(cls.removesuffix(" + filter"))
        if cls.endswith("+ filter"):
            f = self.filter(src)
            return f"{f} {base}" if self.rng.random() < 0.5 else f"{base} {f}"
        return base


def edit(word: str, rng: random.Random) -> str:
    """``word`` with one random edit."""
    i = rng.randrange(len(word))
    letter = rng.choice(string.ascii_lowercase)
    op = rng.choice(("insert", "delete", "substitute", "swap") if len(word) > 1 else ("insert", "substitute"))
    if op == "insert":
        return word[:i] + letter + word[i:]
    if op == "delete":
        return word[:i] + word[i + 1:]
    if op == "substitute":
        return word[:i] + (letter if letter != word[i].lower() else "q") + word[i + 1:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def draw(con: sqlite3.Connection, n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` (class, query) pairs, the same for the same database and seed."""
    rng = random.Random(seed)
    d = Draw(con, rng)
    return [(cls, d.query(cls)) for cls in (rng.choice(CLASSES) for _ in range(n))]
