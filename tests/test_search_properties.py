"""Property: any query, filters included, gives results or a message, never an
exception, and never a row that fails its own filter."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.connection import open_readonly
from db.search import KINDS, Searcher

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
