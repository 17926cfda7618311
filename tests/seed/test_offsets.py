"""The schema contract: every span's offsets point at its text in documents.text."""
from __future__ import annotations

import pytest

from conftest import query

SPAN_TABLES = ["passages", "mentions", "quotes", "claims", "figures"]


@pytest.mark.parametrize("table", SPAN_TABLES)
def test_every_span_of_the_default_database_satisfies_the_offsets_invariant(default_db, table):
    rows = query(default_db, f'select count(*) from {table}')[0][0]
    bad = query(default_db, f"""
        select t.id, t.start, t."end", t.text from {table} t join documents d on d.id = t.document_id
        where substr(d.text, t.start + 1, t."end" - t.start) != t.text""")
    assert rows > 0
    assert bad == []


def test_the_default_corpus_seeds_its_five_articles_with_manifest_values(default_db):
    rows = query(default_db, "select title, outlet, published from documents order by path")
    assert len(rows) == 5
    assert rows[1] == ("Ukraine war: What is extent of North Korea's involvement?", "DW", "2024-10-19")
    assert rows[2][1:] == ("The War Zone", "2024-10")
