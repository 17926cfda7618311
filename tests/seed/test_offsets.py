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


@pytest.mark.parametrize("table", SPAN_TABLES)
def test_every_span_read_from_a_pdf_and_a_word_file_satisfies_the_offsets_invariant(pdf_docx_db, table):
    per_format = dict(query(pdf_docx_db, f"""
        select d.format, count(*) from {table} t join documents d on d.id = t.document_id group by d.format"""))
    bad = query(pdf_docx_db, f"""
        select t.id, t.start, t."end", t.text from {table} t join documents d on d.id = t.document_id
        where substr(d.text, t.start + 1, t."end" - t.start) != t.text""")
    if table != "figures":  # the Word file's one figure ("40%") is a share, not a count
        assert per_format.get("pdf", 0) > 0 and per_format.get("docx", 0) > 0, per_format
    assert bad == []


def test_the_default_corpus_seeds_its_five_articles_with_manifest_values(default_db):
    rows = query(default_db, "select title, outlet, published from documents order by path")
    assert len(rows) == 5
    assert rows[1] == ("Ukraine war: What is extent of North Korea's involvement?", "DW", "2024-10-19")
    assert rows[2][1:] == ("The War Zone", "2024-10")
