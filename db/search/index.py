"""The search index: what ``db.search`` narrows candidates with, kept at seed time.

Two FTS5 tables:

- ``search_text``: one row per claim, quote, figure (with its sentence or claim
  as context) and document title (or first line when untitled), indexed by
  word (``unicode61``, diacritics removed).  A word's doclist is short next to
  its trigrams', which is what keeps a query on a million rows at a few
  milliseconds; partial and misspelt words reach it through the vocabulary
  (below);
- ``search_names``: one row per actor, its canonical name and every alias,
  indexed by trigram (any substring of three or more characters is a lookup).
  Names are few, so substrings are affordable there, and they are kept apart
  so that resolving ``by:NAME`` and finding actors never wades through the
  far larger text index.

``search_items`` says what each FTS row is (its rowid is the FTS rowid) and
carries the columns the filters need, denormalised so that a filter is a
column test in the same statement as the MATCH: ``actor_id`` (claimant,
speaker, or the actor itself), ``outlet`` of its document, and ``weight`` (for
actors, claims + quotes attributed; what the home screen orders by).

Keeping it current: ``forget_document`` runs when the seeder clears a document
(so no item ever points at a deleted row), and ``refresh`` at the end of a run
indexes every document whose sha256 differs from the one it was indexed at,
then rebuilds the actor rows (actors are few next to claims, and renames,
aliases and pruning touch them across documents).

``search_vocab`` counts the distinct words (3+ characters, folded) of the
text rows, with a trigram table over the words themselves
(``search_vocab_grams``).  A partial or misspelt query word is first matched
against this vocabulary, which is small (tens of thousands of words where
there are millions of rows): the words that contain it, and the closest real
words, are then looked up in the word index.  A typo costs what a correctly
spelt word costs, and its candidates are rows that hold a close word.

An index of the older layout (trigrams over the text) still answers queries;
``outdated`` tells a seed run to rebuild it.  Counts move with the rows (added on indexing, subtracted
when a document's items go); a word whose count reaches 0 is dropped.
"""
from __future__ import annotations

import re
import sqlite3
from collections import Counter

# One line per row: the explorer shows bodies as one-line snippets.
_ONE_LINE = "replace(replace(replace({}, char(13), ' '), char(10), ' '), char(9), ' ')"
_EMPTY_IF_NULL = "coalesce(body, '')"
# Long enough to recognise an untitled article by its opening words.
_FIRST_LINE_CHARS = 200


_WORD = re.compile(r"\w{3,40}")


# A row's kind as the index holds it, a term of its own ("kindclaim": db/schema.sql).
KIND_PREFIX = "kind"
_KIND_TERM = f"'{KIND_PREFIX}' || kind"
_TEXT_ROWS = f"SELECT id, body, {_KIND_TERM} FROM search_items WHERE kind <> 'actor' AND document_id IN {{}}"


def _unindex_text(con: sqlite3.Connection, documents: str, args: tuple = ()) -> None:
    """Take the text items of ``documents`` (a parenthesised list or
    subquery) out of the index and the vocabulary.  The index keeps no copy
    of a body (its content is search_items), so it is told each row's words
    before the row goes."""
    rows = _TEXT_ROWS.format(documents)
    _count_words(con, f"SELECT body FROM ({rows})", args, -1)
    con.execute(f"INSERT INTO search_text (search_text, rowid, body, kind) SELECT 'delete', * FROM ({rows})", args)
    con.execute(f"DELETE FROM search_items WHERE kind <> 'actor' AND document_id IN {documents}", args)


def forget_document(con: sqlite3.Connection, doc_id: int) -> None:
    """Drop a document's items (its rows are about to be deleted and rewritten)."""
    if outdated(con):
        return  # an index of an older layout is rebuilt whole at the end of the run
    _unindex_text(con, "(?)", (doc_id,))
    con.execute("DELETE FROM search_index_docs WHERE document_id = ?", (doc_id,))


def outdated(con: sqlite3.Connection) -> bool:
    """True when the index is of an older layout (trigrams over the text, or
    the bodies inside the index, the kinds indexed as plain words), which a
    seed run must rebuild even when no document changed."""
    row = con.execute("SELECT sql FROM sqlite_master WHERE name = 'search_text'").fetchone()
    return row is not None and ("content" not in row[0] or indexed_kind_prefix(con) != KIND_PREFIX)


def indexed_kind_prefix(con: sqlite3.Connection) -> str | None:
    """What the file's index prefixes a kind with: KIND_PREFIX, "" in a file
    indexed before kinds had one, None when it has no text index."""
    view = con.execute("SELECT sql FROM sqlite_master WHERE name = 'search_text_rows'").fetchone()
    if view is None:
        return None
    return KIND_PREFIX if _KIND_TERM in view[0] else ""


def behind(con: sqlite3.Connection) -> bool:
    """True when ``refresh`` has work to do although this run changed nothing:
    an older layout, or documents indexed at another version or not at all
    (a run stopped after writing a document, before its final refresh)."""
    return outdated(con) or con.execute(
        "SELECT EXISTS (SELECT 1 FROM documents d LEFT JOIN search_index_docs s ON s.document_id = d.id "
        "WHERE s.sha256 IS NOT d.sha256) "
        "OR EXISTS (SELECT 1 FROM search_index_docs WHERE document_id NOT IN (SELECT id FROM documents))"
    ).fetchone()[0] == 1


_SEARCH_TABLES = ("search_text", "search_names", "search_items", "search_index_docs", "search_vocab",
                  "search_vocab_grams")


def _upgrade(con: sqlite3.Connection) -> None:
    """Drop an index of an older layout and make it anew, empty: every
    document is then indexed again.  Statement by statement, from the schema,
    since ``executescript`` would commit the caller's transaction."""
    from ..connection import schema_sql

    for table in _SEARCH_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for view in ("search_text_rows", "search_name_rows"):
        con.execute(f"DROP VIEW IF EXISTS {view}")
    for statement in _statements(schema_sql()):
        if re.search(r"CREATE (?:VIRTUAL TABLE|TABLE|VIEW|UNIQUE INDEX|INDEX) IF NOT EXISTS search_", statement):
            con.execute(statement)


def _statements(script: str) -> list[str]:
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending)
            pending = ""
    return out


def refresh(con: sqlite3.Connection) -> int:
    """Bring the index up to date with the database; returns how many documents
    were (re)indexed.  Run inside the caller's transaction."""
    if outdated(con):
        _upgrade(con)
    con.execute("DROP TABLE IF EXISTS temp.search_stale")
    con.execute(
        "CREATE TEMP TABLE search_stale AS "
        "SELECT d.id FROM documents d LEFT JOIN search_index_docs s ON s.document_id = d.id "
        "WHERE s.sha256 IS NOT d.sha256 "
        "UNION SELECT s.document_id FROM search_index_docs s "
        "WHERE s.document_id NOT IN (SELECT id FROM documents)")
    stale = "(SELECT id FROM temp.search_stale)"
    _unindex_text(con, stale)
    con.execute(f"DELETE FROM search_index_docs WHERE document_id IN {stale}")
    _index_documents(con, stale)
    _count_words(con, f"SELECT body FROM ({_TEXT_ROWS.format(stale)})", (), +1)
    con.execute(
        "INSERT INTO search_index_docs (document_id, sha256) "
        f"SELECT id, sha256 FROM documents WHERE id IN {stale}")
    count = con.execute("SELECT count(*) FROM temp.search_stale").fetchone()[0]
    con.execute("DROP TABLE temp.search_stale")
    _index_actors(con)
    return count


def _index_documents(con: sqlite3.Connection, stale: str) -> None:
    first_line = (f"substr(ltrim(d.text, ' ' || char(9, 10, 13)), 1, "
                  f"min({_FIRST_LINE_CHARS}, instr(ltrim(d.text, ' ' || char(9, 10, 13)) || char(10), char(10)) - 1))")
    bodies = {
        "claim": ("SELECT c.id, c.document_id, c.claimant_id, d.outlet, c.text "
                  "FROM claims c JOIN documents d ON d.id = c.document_id "
                  f"WHERE c.document_id IN {stale}"),
        "quote": ("SELECT q.id, q.document_id, q.speaker_id, d.outlet, q.text "
                  "FROM quotes q JOIN documents d ON d.id = q.document_id "
                  f"WHERE q.document_id IN {stale}"),
        # A bare number means little: index it with the claim it belongs to, or
        # else the sentence around it.  The number leads, so that two figures
        # in one sentence read differently in a list of results.
        "figure": (
            "SELECT id, document_id, claimant_id, outlet, "
            "CASE WHEN ctx IS NULL OR ctx = text THEN text ELSE text || ' — ' || ctx END "
            "FROM (SELECT f.id, f.document_id, f.claimant_id, d.outlet, f.text, "
            "  coalesce((SELECT c.text FROM claims c WHERE c.id = f.claim_id), "
            "    (SELECT p.text FROM passages p WHERE p.document_id = f.document_id AND p.kind = 'sentence' "
            "     AND p.start <= f.start AND p.\"end\" >= f.\"end\" ORDER BY p.start DESC LIMIT 1)) AS ctx "
            f"  FROM figures f JOIN documents d ON d.id = f.document_id WHERE f.document_id IN {stale})"),
        "doc": ("SELECT d.id, d.id, NULL, d.outlet, "
                f"coalesce(nullif(trim(d.title), ''), {first_line}) FROM documents d WHERE d.id IN {stale}"),
    }
    # One statement, in document order: "newest first" among the matches of
    # a common word is then the latest documents' rows of every kind, not the
    # last kind indexed.
    union = " UNION ALL ".join(f"SELECT '{kind}', * FROM ({select})" for kind, select in bodies.items())
    _insert_items(con, f"SELECT * FROM ({union}) ORDER BY 3, 1, 2", "search_text")


def _index_actors(con: sqlite3.Connection) -> None:
    con.execute("INSERT INTO search_names (search_names) VALUES ('delete-all')")
    con.execute("DELETE FROM search_items WHERE kind = 'actor'")
    _insert_items(con, (
        "SELECT 'actor', a.id, NULL, a.id, NULL, a.name || coalesce(' · ' || ("
        "  SELECT group_concat(alias, ' · ') FROM (SELECT alias FROM aliases "
        "  WHERE actor_id = a.id AND alias <> a.name ORDER BY alias)), ''), "
        # an unnamed source is findable but never among the most cited: it is one
        # document's "a spokeswoman", not one actor across the corpus
        "CASE WHEN a.named THEN (SELECT count(*) FROM claims WHERE claimant_id = a.id) + "
        "(SELECT count(*) FROM quotes WHERE speaker_id = a.id) ELSE 0 END FROM actors a"), "search_names")


def _insert_items(con: sqlite3.Connection, select: str, fts: str) -> None:
    """``select`` yields (kind, ref_id, document_id, actor_id, outlet, body[, weight]).

    Set-based, so a million rows never pass through Python."""
    top = con.execute("SELECT coalesce(max(id), 0) FROM search_items").fetchone()[0]
    weight = "" if fts == "search_names" else ", 0"
    con.execute(
        f"WITH new (kind, ref_id, document_id, actor_id, outlet, body, weight) AS (SELECT *{weight} FROM ({select})) "
        "INSERT INTO search_items (kind, ref_id, document_id, actor_id, outlet, body, weight) "
        f"SELECT kind, ref_id, document_id, actor_id, outlet, {_ONE_LINE.format(_EMPTY_IF_NULL)}, weight FROM new")
    columns, values = ("body, kind", f"body, {_KIND_TERM}") if fts == "search_text" else ("body", "body")
    con.execute(f"INSERT INTO {fts} (rowid, {columns}) SELECT id, {values} FROM search_items WHERE id > ?", (top,))


def _count_words(con: sqlite3.Connection, select: str, args: tuple, sign: int) -> None:
    """Add (sign +1) or subtract (-1) the words of the bodies ``select`` yields to the vocabulary."""
    counts: Counter[str] = Counter()
    for (body,) in con.execute(select, args):
        # Each row counts a word once: ``rows`` is a document frequency.
        counts.update(set(_WORD.findall((body or "").lower())))
    if not counts:
        return
    con.execute("DROP TABLE IF EXISTS temp.vocab_delta")
    con.execute("CREATE TEMP TABLE vocab_delta (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
    con.executemany("INSERT INTO temp.vocab_delta VALUES (?, ?)", ((w, sign * n) for w, n in counts.items()))
    con.execute("UPDATE search_vocab SET rows = rows + (SELECT n FROM temp.vocab_delta d WHERE d.word = search_vocab.word) "
                "WHERE word IN (SELECT word FROM temp.vocab_delta)")
    if sign > 0:
        top = con.execute("SELECT coalesce(max(id), 0) FROM search_vocab").fetchone()[0]
        con.execute("INSERT INTO search_vocab (word, rows) SELECT word, n FROM temp.vocab_delta "
                    "WHERE word NOT IN (SELECT word FROM search_vocab) ORDER BY word")
        con.execute("INSERT INTO search_vocab_grams (rowid, word) SELECT id, word FROM search_vocab WHERE id > ?",
                    (top,))
    else:
        gone = "SELECT id FROM search_vocab WHERE rows <= 0 AND word IN (SELECT word FROM temp.vocab_delta)"
        con.execute(f"DELETE FROM search_vocab_grams WHERE rowid IN ({gone})")
        con.execute(f"DELETE FROM search_vocab WHERE id IN ({gone})")
    con.execute("DROP TABLE temp.vocab_delta")
