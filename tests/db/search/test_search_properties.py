"""Properties: any query, filters included, gives results or a message, never
an exception, and never a row that fails its own filter; ranking a bounded part
of the candidates orders them as scoring every one would."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.connection import open_readonly
from db.search import KINDS, Searcher
from db.search.query import fold, parse
from db.search.rank import KIND_ORDER, rank, score

WORDS = ["strike", "dockworkers", "ferry", "council", "budget", "teachers", "Olsen", "Duarte",
         "strik", "dokworkers", '"', "NEAR(", "*", "AND", "OR", "-", "'; drop table claims; --",
         "\x00", "\x1b[31m", "(", ")", "^", ":", "by:", "in:", "kind:"]
queries = st.one_of(st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), st.text(max_size=60))
kinds = st.sampled_from(["", *KINDS])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries, kinds, st.sampled_from(["", "in:coastal", "in:island"]))
def test_any_query_runs_and_every_hit_passes_its_filters(small_db, text, kind, outlet):
    con = open_readonly(small_db)
    try:
        query = " ".join(x for x in (text, f"kind:{kind}" if kind else "", outlet) if x)
        results = Searcher(con).search(query, limit=20)
    finally:
        con.close()
    assert len(results.hits) <= 20
    assert results.total >= len(results.hits) or results.total_capped
    for hit in results.hits:
        assert hit.kind in KINDS
        if kind:
            assert hit.kind == kind, (query, hit)
        if outlet:
            assert hit.outlet and outlet[3:] in hit.outlet.lower(), (query, hit)
        assert all(0 <= i < len(hit.snippet) for i in hit.matches)


ROW_WORDS = ["strike", "strikes", "striker", "ferry", "ferries", "council", "counsel", "budget", "budgets",
             "Olsen", "Olson", "teachers", "the", "said", "a"]
rows = st.lists(st.tuples(st.lists(st.sampled_from(ROW_WORDS), min_size=1, max_size=12).map(" ".join),
                          st.sampled_from(["claim", "quote", "figure", "actor", "doc"])), max_size=60)


@settings(max_examples=200, deadline=None)
@given(rows, st.lists(st.sampled_from(["strike", "strik", "ferry", "councl", "olsen", "budget"]),
                      min_size=1, max_size=3), st.integers(min_value=1, max_value=12))
def test_ranking_only_the_rows_that_can_reach_the_top_gives_the_order_of_scoring_them_all(bodies, words, limit):
    q = parse(" ".join(words))
    candidates = [(n + 1, fold(body), kind) for n, (body, kind) in enumerate(bodies)]
    full = [(round(v, 1), i, kind) for i, body, kind in candidates if (v := score(q, body, kind)) is not None]
    full.sort(key=lambda r: (-r[0], KIND_ORDER[r[2]], -r[1]))
    top, matching = rank(q, candidates, limit)
    assert matching == len(full)
    assert top == [(v, i) for v, i, _ in full[:limit]]
