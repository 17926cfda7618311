"""Filters: what ``by:``, ``in:`` and ``verdict:`` values stand for in the database.

Each resolves to the ids or values the candidate statements test (actor ids,
outlet names, search item ids), fuzzily where a person types names: "by:olsen"
is Maria Olsen, "in:ledgr" the Northern Ledger.  Outlets and verdicts are
cached until the database changes (``PRAGMA data_version``): typing after a
filter asks the same again at every keystroke.
"""
from __future__ import annotations

import re
import sqlite3

from rapidfuzz import fuzz

from .browse import UntilChanged
from .candidates import Candidates
from .query import fold as _fold, trigrams as _trigrams

MAX_ACTORS = 50  # a by: value resolving to more is too vague to be a filter
NAME_CUTOFF = 80.0
MAX_VERDICT_ITEMS = 100000  # annotated rows taken as a verdict: filter
ANNOTATED = frozenset({"claim", "quote"})  # can carry a verdict
VERDICT_SETS_KEPT = 16  # verdict filters whose rows are kept until the database changes


class Filters:
    """The values of ``in:`` and ``verdict:``, kept until the database changes."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self._outlets: tuple[int, list[str]] | None = None
        self._verdict_items = UntilChanged(con, VERDICT_SETS_KEPT)
        self._verdict_bodies = UntilChanged(con, VERDICT_SETS_KEPT)  # the same rows' (id, body), newest first

    def verdict_items(self, verdicts: set[str], kinds: set[str]) -> list[int]:
        """Item ids of the claims and quotes whose annotation has one of ``verdicts``.

        Annotations are few (an analyst writes them by hand) and keyed by
        document path and text key, both indexed, so this is a short walk, as
        long as it starts from them (CROSS JOIN): SQLite would rather walk every
        search item of the kind (1.5 s at a million)."""
        # Typing after "verdict:false " asks the same again at every keystroke,
        # and an analyst goes back and forth between a few verdicts.
        key = (frozenset(verdicts), frozenset(kinds & ANNOTATED))
        return self._verdict_items.get(key, lambda _: self._verdict_rows(verdicts, kinds))

    def _verdict_rows(self, verdicts: set[str], kinds: set[str]) -> list[int]:
        marks = ",".join("?" * len(verdicts))
        parts, args = [], []
        for kind, table in (("claim", "claims"), ("quote", "quotes")):
            if kind in kinds:
                parts.append(
                    f"SELECT i.id, i.body FROM annotations a CROSS JOIN documents d ON d.path = a.document_path "
                    f"CROSS JOIN {table} t ON t.document_id = d.id AND t.text_key = a.text_key "
                    f"CROSS JOIN search_items i ON i.kind = '{kind}' AND i.ref_id = t.id "
                    f"WHERE a.kind = '{kind}' AND a.verdict IN ({marks})")
                args += sorted(verdicts)
        if not parts:
            return []
        # The bodies come with the walk, for a few milliseconds more: a query
        # under the verdict tests its words on them (``browse.RecentFilters``)
        # instead of reading the same rows again (20 ms for 2,500 at a million).
        rows = self.con.execute(" UNION ".join(parts) + " LIMIT ?", [*args, MAX_VERDICT_ITEMS]).fetchall()
        ids = [r[0] for r in rows]
        self._verdict_bodies.get(tuple(ids), lambda _: sorted(((i, b or "") for i, b in rows), reverse=True))
        return ids

    def verdict_rows(self, filters) -> list[tuple[int, str]] | None:
        """The (id, body) rows of ``filters`` when they are a verdict's alone
        and its walk is still kept, newest first; else None."""
        _, actor_ids, outlets, item_ids = filters
        if item_ids is None or actor_ids is not None or outlets is not None:
            return None
        return self._verdict_bodies.peek(tuple(item_ids))

    def outlets(self, values: list[str]) -> list[str]:
        version = self.con.execute("PRAGMA data_version").fetchone()[0]
        if self._outlets is None or self._outlets[0] != version:
            outlets = [r[0] for r in self.con.execute(
                "SELECT DISTINCT outlet FROM search_items WHERE kind = 'doc' AND outlet IS NOT NULL LIMIT 10000")]
            self._outlets = (version, outlets)
        chosen = []
        for outlet in self._outlets[1]:
            folded = _fold(outlet)
            for v in values:
                if len(v) < 3:
                    ok = re.search(r"(?<!\w)" + re.escape(v), folded) is not None
                else:
                    ok = fuzz.partial_ratio(v, folded) >= (90 if len(v) < 5 else 80)
                if ok:
                    chosen.append(outlet)
                    break
        return chosen


def actors_by_prefix(con: sqlite3.Connection, prefix: str, limit: int) -> list[int]:
    """Actor ids with an alias that starts with ``prefix``."""
    # aliases(alias) is a binary-collated index: one range per common casing.
    ids: dict[int, None] = {}
    for form in dict.fromkeys((prefix, prefix.lower(), prefix.upper(), prefix.title())):
        for (actor_id,) in con.execute(
                "SELECT actor_id FROM aliases WHERE alias >= ? AND alias < ? LIMIT ?",
                (form, form + "\U0010ffff", limit)):
            ids[actor_id] = None
    return list(ids)[:limit]


def matching_actors(con: sqlite3.Connection, index: Candidates, names: list[str]) -> list[int]:
    """Actor ids whose name or an alias is close to one of ``names``."""
    actor_ids: dict[int, None] = {}
    items: dict[int, None] = {}
    for name in names:
        if len(name) < 3:
            actor_ids.update(dict.fromkeys(actors_by_prefix(con, name, MAX_ACTORS)))
            continue
        words = [w for w in name.split() if len(w) >= 3] or [name]
        tiers = [[[name]], [[name] + [g for w in words for g in _trigrams(w)]]]
        ids, _, _ = index.find("search_names", tiers, {"actor"}, (set(), None, None, None), 100)
        for item_id, (body, _) in index.bodies(ids).items():
            forms = [_fold(f) for f in body.split(" · ")]
            # partial_ratio: a surname or a misspelt one against the full
            # name ("by:olsen" is Maria Olsen); WRatio: reordered words.
            if max(max(fuzz.partial_ratio(name, f), fuzz.WRatio(name, f)) for f in forms) >= NAME_CUTOFF:
                items[item_id] = None
    if items:
        ids = list(items)
        actor_ids.update(dict.fromkeys(r[0] for r in con.execute(
            f"SELECT ref_id FROM search_items WHERE kind = 'actor' AND id IN ({','.join('?' * len(ids))})",
            ids)))
    return list(actor_ids)[:MAX_ACTORS]
