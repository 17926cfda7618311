"""What a query asks the index for, so that its cost stays bounded: a common
word never makes the index read its positions in every row, and a filter
tied with the kind at the count limit is the one walked."""
from __future__ import annotations


import pytest

from db.connection import open_readonly
from db.search import KINDS, Searcher, browse
from db.search.query import parse
from db.search.tiers import COMMON, Near, text_tiers


class Counted:
    """A vocabulary of known row counts, holding no longer words."""

    def __init__(self, rows: dict[str, int], size: int):
        self._rows, self._size = rows, size

    def containing(self, word):
        return []

    def close(self, word):
        return []

    def starting(self, word):
        return []

    def rows(self, words):
        return {w: self._rows.get(w, 0) for w in words}

    def size(self):
        return self._size


def test_a_query_with_a_common_word_asks_for_its_rarer_words_near_each_other_not_the_phrase():
    common = int(COMMON * 1000) + 1
    vocab = Counted({"that": common, "the": common, "satellite": 10, "images": 12, "talks": 40}, 1000)
    tiers = text_tiers(parse("talks that the satellite images"), vocab)
    first = tiers[0][0][0]
    assert isinstance(first, Near) and first.split() == ["talks", "satellite", "images"] and first.span == 5
    assert all("that" not in t for tier in tiers for group in tier for t in group)


def test_a_query_of_words_none_common_asks_for_them_as_a_phrase_first():
    vocab = Counted({"satellite": 10, "images": 12}, 1000)
    tiers = text_tiers(parse("satellite images"), vocab)
    assert tiers[0] == [["satellite images"]] and not isinstance(tiers[0][0][0], Near)


SYNTH_SEED = 11  # of the module's synthetic database (tests/conftest.py: synth)


def _claim_with_common_words(con) -> tuple[int, str, str]:
    """A claim, five consecutive words of it holding 'the' or 'that', and its claimant's name."""
    for ref_id, body, name in con.execute(
            "SELECT i.ref_id, i.body, a.name FROM search_items i JOIN actors a ON a.id = i.actor_id "
            "WHERE i.kind = 'claim' ORDER BY i.id"):
        words = body.lower().replace(",", " ").replace(".", " ").split()
        for k in range(len(words) - 4):
            run = words[k:k + 5]
            if ("the" in run or "that" in run) and all(w.isalpha() for w in run):
                return ref_id, " ".join(run), name
    raise AssertionError("the generator wrote no claim with a common word")


@pytest.mark.parametrize("filtered", [False, True])
def test_words_typed_with_a_common_word_rank_the_rows_holding_them_together_first(con, filtered):
    ref_id, words, name = _claim_with_common_words(con)
    query = f'{words} by:"{name}"' if filtered else words
    hits = Searcher(con).search(query).hits[:10]
    bodies = {r[0]: r[1] for r in con.execute("SELECT ref_id, lower(body) FROM search_items WHERE kind = 'claim'")}
    together = [words in bodies[h.id] for h in hits if h.kind == "claim"]
    # ... before any that holds them apart (the words as typed score the most).
    assert together and together[0] and together == sorted(together, reverse=True), query


def test_an_outlet_tied_with_the_kind_at_the_count_limit_is_walked_not_the_kind(con, monkeypatch):
    monkeypatch.setattr(browse, "MAX_WALK", 40)
    outlet = con.execute("SELECT outlet FROM search_items WHERE kind = 'claim' GROUP BY outlet "
                         "HAVING count(*) >= 30 ORDER BY count(*) LIMIT 1").fetchone()[0]
    rows, _ = browse.newest(con, ({"claim"}, None, [outlet], None), set(KINDS), 30)
    expected = [r[0] for r in con.execute("SELECT id FROM search_items WHERE kind = 'claim' AND outlet = ? "
                                          "ORDER BY id DESC LIMIT 30", (outlet,))]
    # Walking every claim newest first would stop at 40 rows, few of them this outlet's.
    assert [i for i, _ in rows] == expected and len(expected) == 30


def test_a_misspelt_word_is_looked_up_in_the_vocabulary_once_while_the_user_types_on(con, monkeypatch):
    import db.search.vocabulary as vocabulary

    asked = []
    real = vocabulary.closest
    monkeypatch.setattr(vocabulary, "closest", lambda c, word, extra=None: asked.append(word) or real(c, word, extra))
    name = con.execute("SELECT name FROM actors ORDER BY id LIMIT 1").fetchone()[0].split()[-1].lower()
    typo = name[:2] + name[3] + name[2] + name[4:]
    s = Searcher(con)
    for typed in (typo, f"{typo} sa", f"{typo} sai", f"{typo} said"):
        assert s.search(typed).hits is not None
    assert asked.count(typo) == 1


def test_words_under_a_verdict_are_tested_on_the_rows_its_walk_read_not_read_again(tmp_path, synth):
    import sqlite3

    from db.notes import Notes

    db = tmp_path / "v.db"
    src = sqlite3.connect(synth)
    src.execute("VACUUM INTO ?", (str(db),))
    src.close()
    ids = [r[0] for r in sqlite3.connect(db).execute("SELECT id FROM claims ORDER BY id DESC LIMIT 40")]
    notes = Notes(db)
    try:
        for i in ids:
            notes.set(notes.key("claim", i), verdict="disputed")
    finally:
        notes.close()
    con = open_readonly(db)
    statements: list[str] = []
    con.set_trace_callback(statements.append)
    word = con.execute("SELECT body FROM search_items WHERE kind = 'claim' AND ref_id = ?", (ids[0],)
                       ).fetchone()[0].split()[-1].strip(".,").lower()
    hits = Searcher(con).search(f"{word} verdict:disputed").hits
    assert hits and {h.id for h in hits} <= set(ids) and ids[0] in {h.id for h in hits}
    read_again = [s for s in statements if s.startswith("SELECT id, body FROM search_items WHERE id IN")]
    assert read_again == [] and any("annotations" in s for s in statements)
