"""Whatever an analyst scraped, seeding reports what it cannot read, carries on,
and stores text as data: markup, escapes and control characters stay inert."""
from __future__ import annotations

import re

import pytest

from conftest import query
from seed.text import chunks
from seed.ingest.files import MAX_BYTES
from seed.pipeline import seed

MARKUP = ("The [bold red]mayor[/] said [link=http://evil.example]click[/link] 5 people were hurt.\n\n"
          "The council said \x1b[31mred\x1b[0m and \x1b]52;c;SGVsbG8=\x07 done.\n\n"
          "A NUL\x00 a BEL\x07 a DEL\x7f and a C1 \x9b in the text.")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "markup.txt").write_text(MARKUP, encoding="utf-8")
    (folder / "rtl.txt").write_text(
        "The envoy said \u202eevil\u202c text, \u05e9\u05dc\u05d5\u05dd and e\u0301\u0301 marks; 7 delegates left.",
        encoding="utf-8")
    (folder / "quotes.txt").write_text(
        'He said "this quote never closes.\n\nA stray \u201d mark and \'single.\n\n"Fine," the chair said.',
        encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><script>steal()</script><style>body{}</style></head><body><article>"
        "<h1>Flood warning issued</h1><p>The river agency said on Friday that 3,000 homes were at risk "
        "from rising water in the valley towns this week.</p><p>\"Move cars to higher ground,\" a spokeswoman "
        "for the agency said.</p></article></body></html>", encoding="utf-8")
    (folder / "onepara.txt").write_text("The minister said that 40 schools had closed. " * 1300, encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"x" * (MAX_BYTES + 1))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    db = tmp_path_factory.mktemp("hostile_db") / "h.db"
    report = seed([folder], db)
    return db, {s.path.name: s.reason for s in report.skipped}, {p.name for p in report.seeded}


def test_files_it_cannot_read_are_named_with_the_reason_and_the_rest_seeds(hostile_db):
    _, skipped, seeded = hostile_db
    assert set(skipped) == {"huge.txt", "binary.txt"}
    assert f"the limit is {MAX_BYTES / 1e6:.0f} MB" in skipped["huge.txt"]
    assert seeded == {"markup.txt", "rtl.txt", "quotes.txt", "page.html", "onepara.txt"}


def test_control_characters_are_dropped_and_markup_kept_as_literal_text(hostile_db):
    db, _, _ = hostile_db
    text = query(db, "select text from documents where path like '%markup.txt'")[0][0]
    assert "[bold red]mayor[/]" in text and "[link=http://evil.example]" in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_right_to_left_and_combining_characters_survive(hostile_db):
    db, _, _ = hostile_db
    text = query(db, "select text from documents where path like '%rtl.txt'")[0][0]
    assert "\u05e9\u05dc\u05d5\u05dd" in text and "\u0301" in text


def test_an_unbalanced_quotation_mark_loses_nothing_after_it(hostile_db):
    db, _, _ = hostile_db
    quotes = [q for (q,) in query(db, "select q.text from quotes q join documents d on d.id = q.document_id "
                                      "where d.path like '%quotes.txt'")]
    assert "Fine," in quotes


def test_scripts_and_styles_never_reach_the_text(hostile_db):
    db, _, _ = hostile_db
    text = query(db, "select text from documents where path like '%page.html'")[0][0]
    assert "steal()" not in text and "body{}" not in text and "3,000 homes" in text


def test_one_enormous_paragraph_is_parsed_in_pieces_with_offsets_intact(hostile_db):
    db, _, _ = hostile_db
    (doc_id, length), = query(db, "select id, length(text) from documents where path like '%onepara.txt'")
    assert length > 2 * chunks.CHUNK
    assert query(db, "select count(*) from passages where document_id = ? and kind = 'paragraph'", doc_id) == [(1,)]
    assert query(db, "select count(*) from claims where document_id = ?", doc_id)[0][0] == 1300
    for table in ("passages", "claims", "figures", "mentions", "quotes"):
        assert query(db, f"""select count(*) from {table} t join documents d on d.id = t.document_id
            where substr(d.text, t.start + 1, t."end" - t.start) != t.text""") == [(0,)]


def test_pieces_of_a_long_text_join_back_to_it_exactly():
    text = ("First paragraph. It goes on.\n\n" * 800) + ("No break here at all. " * 3000)
    pieces = chunks.split(text, size=5000)
    assert "".join(pieces) == text
    assert all(len(p) <= 5000 for p in pieces)
    assert all(p.endswith(("\n\n", ". ")) for p in pieces[:-1])
