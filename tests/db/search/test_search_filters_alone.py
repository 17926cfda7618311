"""Every class of query a user types, checked small: a filter alone lists its
newest rows, a short word under a filter is ranked like a long one, a short
misspelt word finds the word meant, and the random draw is repeatable."""
from __future__ import annotations

import re
import sqlite3

import pytest

from benchmarks.exhaustive import Rows, recall
from benchmarks.random_queries import CLASSES, draw
from db.search import KINDS, Searcher, browse


SYNTH_SEED = 5  # of the module's synthetic database (tests/conftest.py: synth)


def _newest(con, where: str, args=(), n: int = 50) -> list[tuple[str, int]]:
    return [tuple(r) for r in con.execute(
        f"SELECT kind, ref_id FROM search_items WHERE {where} ORDER BY id DESC LIMIT ?", (*args, n))]


@pytest.mark.parametrize("kinds", [["claim"], ["figure"], ["claim", "quote"], ["doc", "actor"]])
def test_a_kind_alone_lists_the_newest_rows_of_that_kind(con, kinds):
    r = Searcher(con).search(" ".join(f"kind:{k}" for k in kinds))
    marks = ",".join("?" * len(kinds))
    assert [(h.kind, h.id) for h in r.hits] == _newest(con, f"kind IN ({marks})", kinds)


def test_an_outlet_alone_lists_its_newest_rows(con):
    outlet = con.execute("SELECT outlet FROM documents ORDER BY id LIMIT 1").fetchone()[0]
    r = Searcher(con).search(f'in:"{outlet}"')
    assert [(h.kind, h.id) for h in r.hits] == _newest(con, "outlet = ?", (outlet,))


def test_a_claimant_and_a_kind_list_the_newest_rows_meeting_both(con):
    actor_id, name = con.execute(
        "SELECT a.id, a.name FROM actors a JOIN figures f ON f.claimant_id = a.id "
        "GROUP BY a.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    r = Searcher(con).search(f'kind:figure by:"{name}"')
    expected = _newest(con, "kind = 'figure' AND actor_id = ?", (actor_id,))
    assert r.hits and [(h.kind, h.id) for h in r.hits] == expected


def test_a_filter_whose_newest_rows_meet_no_other_says_it_stopped_rather_than_read_on(con, monkeypatch):
    monkeypatch.setattr(browse, "MAX_WALK", 20)
    actor_id = con.execute("SELECT actor_id FROM search_items WHERE kind = 'claim' GROUP BY actor_id "
                           "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    # Documents carry no claimant: no row meets both, and neither filter is small.
    rows, more = browse.newest(con, ({"doc"}, [actor_id], None, None), set(KINDS), 50)
    assert rows == [] and more is True


def test_going_back_to_a_recent_filter_reads_none_of_its_rows_again(con):
    recent = browse.RecentFilters(con, kept=2)
    first, second, third = ({"claim"}, None, None, None), ({"quote"}, None, None, None), ({"figure"}, None, None, None)
    rows = recent(first)
    rows.upto(10)
    kept = recent(second)
    assert kept is not rows and recent(first) is rows and rows.rows
    recent(third)  # one of three is let go: "second", used longest ago
    assert recent(first) is rows and recent(second) is not kept


@pytest.mark.parametrize("query", ["kind:claim tr", "in:{outlet} se", "kind:quote we"])
def test_a_short_word_under_a_filter_is_ranked_as_exhaustive_scoring_ranks_it(synth, con, query):
    outlet = con.execute("SELECT outlet FROM documents ORDER BY id LIMIT 1").fetchone()[0]
    query = query.format(outlet=f'"{outlet}"')
    s = Searcher(con)
    r = s.search(query)
    word = query.split()[-1]
    assert r.hits and all(re.search(r"(?<!\w)" + word, h.snippet.lower()) for h in r.hits)
    assert recall(Rows(synth), query, s._filter_values(query, _parse(query), []), r.hits) >= 0.9


def _parse(q):
    from db.search.query import parse

    return parse(q)


def test_a_short_word_misspelt_past_all_its_trigrams_finds_the_word_meant(con):
    # "shpis" shares no trigram with "ships" (shp hpi pis / shi hip ips).
    hits = Searcher(con).search("shpis").hits
    assert hits and sum("ships" in h.snippet.lower() for h in hits[:10]) >= 8


def test_the_random_draw_is_the_same_for_the_same_seed_and_covers_every_class(synth):
    con = sqlite3.connect(synth)
    try:
        first, again, other = draw(con, 300, 17), draw(con, 300, 17), draw(con, 300, 18)
    finally:
        con.close()
    assert first == again and first != other
    assert {c for c, _ in first} == set(CLASSES)
    for cls, q in first:
        has_filter = re.search(r"\b(by|in|kind|verdict):", q) is not None
        assert has_filter == (cls.endswith("filter")), (cls, q)
