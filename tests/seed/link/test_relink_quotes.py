"""Quote reuse after one article reads only the quotes and paragraphs that
share a shingle with the touched document's (seed/link/incremental.py,
link_shingles), and finds the links linking everything at once finds."""
from __future__ import annotations

import seed.link.incremental as link_incremental
from db.notes import text_key
from test_links_incremental import _add, _all_at_once, _relink, _stored, db  # noqa: F401

SAID = "we will rebuild the northern harbour before the winter storms arrive again"


def _quoting(con, w, path: str, before: str, published: str) -> int:
    """An article whose one paragraph quotes SAID after ``before``."""
    doc = _add(con, w, path, [f"{before} \u201c{SAID}\u201d"], published=published)
    start = len(before) + 2
    con.execute("BEGIN")
    w.insert_quotes(doc, [{"start": start, "end": start + len(SAID), "text": SAID, "speaker_id": None,
                           "cue": "said", "rule": "test", "confidence": 1.0, "text_key": text_key(SAID)}])
    con.execute("COMMIT")
    return doc


def test_a_new_quote_is_aligned_only_with_the_paragraphs_sharing_its_words(db, monkeypatch):
    con, w = db
    _quoting(con, w, "/q0.txt", "The mayor said:", "2024-05-01")
    for i in range(4):
        _add(con, w, f"/other{i}.txt", [f"Ferry timetables for route {i} were printed in three languages"])
    _relink(con)
    seen = []
    real = link_incremental.quote_reuse

    def spy(quotes, paragraphs, order, touched=None):
        seen.append(({q.document_id for q in quotes}, {p.document_id for p in paragraphs}))
        return real(quotes, paragraphs, order, touched)

    monkeypatch.setattr(link_incremental, "quote_reuse", spy)
    new = _quoting(con, w, "/q1.txt", "Speaking on Tuesday, the mayor repeated:", "2024-05-03")
    run = _relink(con)
    assert not run.full
    first = con.execute("SELECT id FROM documents WHERE path = '/q0.txt'").fetchone()[0]
    quotes, paragraphs = seen[-1]
    assert paragraphs == {new, first} and quotes == {new, first}  # the ferry articles were not read
    assert [tuple(r) for r in con.execute("SELECT origin_document_id, reuse_document_id FROM quote_links")] == [
        (first, new)]
    assert _stored(con)[2] == _all_at_once(con)[2]
