"""Re-linking follows what a document touches, and still gives what linking
everything at once gives (seed/link/incremental.py).  The databases here are
written row by row (no spaCy): claims, figures and paragraphs of invented
articles."""
from __future__ import annotations

import hashlib

import pytest

from db import links as store
from db.connection import open_writer
from db.notes import text_key
from db.writer import SeedWriter
from seed.link import incremental as link_incremental
from seed.link import relink
from seed.link.compute import compute_from_rows, rows_to_store

HARBOUR = [  # one story, told by several outlets
    "The port authority said the northern harbour crane collapsed during the storm",
    "Dock workers said the northern harbour crane collapsed in the storm overnight",
    "According to the port authority, the crane at the northern harbour collapsed during a storm",
]
ORCHARD = "The cooperative said apple growers picked a record harvest in the valley orchards"


def _article(w: SeedWriter, path: str, claims: list[str], figures: list[tuple[str, float, str]] = (),
             published: str = "2024-05-01", doc_id: int | None = None, version: int = 0) -> int:
    """One document whose paragraphs are ``claims`` (each also its sentence);
    ``figures`` are (text inside a claim, value, unit) and must occur in one."""
    body = "\n\n".join(claims)
    doc_id = w.write_document(doc_id, {
        "path": path, "title": path, "outlet": path, "authors": [], "published": published, "url": None,
        "text": body, "sha256": hashlib.sha256(f"{path}{version}".encode()).hexdigest(), "format": "txt",
        "words": len(body.split())})
    at, passages = 0, []
    for i, text in enumerate(claims):
        passages += [{"kind": "paragraph", "seq": i, "start": at, "end": at + len(text), "text": text},
                     {"kind": "sentence", "seq": i, "start": at, "end": at + len(text), "text": text,
                      "parent": 2 * i}]
        claim_id, = w.insert_claims(doc_id, [{"start": at, "end": at + len(text), "text": text, "cue": "said",
                                              "stance": "asserts", "rule": "test", "confidence": 1.0,
                                              "text_key": text_key(text)}])
        for fig, value, unit in figures:
            if fig in text:
                s = at + text.index(fig)
                w.insert_figures(doc_id, [{"claim_id": claim_id, "start": s, "end": s + len(fig), "text": fig,
                                           "low": value, "high": value, "unit": unit, "subject": unit,
                                           "qualifier": None, "rule": "test", "confidence": 1.0}])
        at += len(text) + 2
    w.insert_passages(doc_id, passages)
    return doc_id


@pytest.fixture
def db(tmp_path):
    con = open_writer(tmp_path / "links.db")
    yield con, SeedWriter(con)
    con.close()


def _relink(con, force=False):
    con.execute("BEGIN")
    relink(con, force=force)
    con.execute("COMMIT")
    return link_incremental.last_run


def _add(con, w, *args, **kw) -> int:
    con.execute("BEGIN")
    doc = _article(w, *args, **kw)
    con.execute("COMMIT")
    return doc


def _stored(con) -> tuple:
    """Every group with its members and scores, and every quote link: what
    linking everything at once must also give."""
    claims = {(k, label, frozenset(tuple(m) for m in con.execute(
        "SELECT claim_id, score FROM claim_group_members WHERE group_id = ?", (i,))))
        for i, k, label in con.execute("SELECT id, key, label FROM claim_groups").fetchall()}
    figures = {(k, status, frozenset(tuple(m) for m in con.execute(
        "SELECT figure_id, range_low, range_high, conflicts FROM figure_group_members WHERE group_id = ?", (i,))))
        for i, k, status in con.execute("SELECT id, key, status FROM figure_groups").fetchall()}
    return claims, figures, {k for (k,) in con.execute("SELECT key FROM quote_links")}


def _all_at_once(con) -> tuple:
    rows = store.load_rows(con)
    cg, fg, reuse = rows_to_store(compute_from_rows(rows), {c["id"]: c["document_id"] for c in rows["claims"]},
                                  rows["published"])
    return ({(g["key"], g["label"], frozenset((m["claim_id"], m["score"]) for m in g["members"])) for g in cg},
            {(g["key"], g["status"], frozenset((m["figure_id"], m["range_low"], m["range_high"], m["conflicts"])
                                               for m in g["members"])) for g in fg},
            {r["key"] for r in reuse})


def _group_rows(con, kind):
    table = "claim" if kind == "c" else "figure"
    return con.execute(f"SELECT g.id, g.key, g.label, m.id, m.{table}_id FROM {table}_groups g "
                       f"JOIN {table}_group_members m ON m.group_id = g.id ORDER BY m.id").fetchall()


def _two_stories(con, w):
    for i, text in enumerate(HARBOUR):
        _add(con, w, f"/h{i}.txt", [text, f"Traffic on the coastal road was slow on day {i}",
                                     "Some 400 workers were sent to the harbour this week"],
             [("400 workers", 400, "workers")], published=f"2024-05-0{i + 1}")
    _add(con, w, "/o1.txt", [ORCHARD, "About 3,000 tonnes were stored in the barns"],
         [("3,000 tonnes", 3000, "tonnes")])
    _add(con, w, "/o2.txt", ["Apple growers in the valley orchards picked a record harvest, the cooperative said",
                             "Nearly 3,100 tonnes were stored in the barns"], [("3,100 tonnes", 3100, "tonnes")])
    _relink(con)


def test_a_new_article_on_one_story_regroups_only_its_figure_bucket_and_keeps_the_other_rows(db):
    con, w = db
    _two_stories(con, w)
    orchard_before = [r for r in _group_rows(con, "f") if "tonnes" in r[1]]
    claims_before = _group_rows(con, "c")
    assert orchard_before and claims_before
    _add(con, w, "/h9.txt", ["Port engineers said 420 workers were sent to the harbour"],
         [("420 workers", 420, "workers")])
    run = _relink(con)
    assert not run.full and run.buckets_regrouped == 1 and run.claims_added == 1
    assert [r for r in _group_rows(con, "f") if "tonnes" in r[1]] == orchard_before
    # The harbour story's claim group and the orchard's keep their rows and ids.
    assert {r[1:] for r in _group_rows(con, "c")} >= {r[1:] for r in claims_before}
    assert _stored(con) == _all_at_once(con)


def test_adding_one_article_searches_pairs_only_for_its_own_claims(db, monkeypatch):
    import seed.link.claims as claim_links
    from db.matching import similarity

    con, w = db
    _two_stories(con, w)
    full = _relink(con, force=True)
    compared = []
    monkeypatch.setattr(claim_links, "similarity", lambda a, b: compared.append((a, b)) or similarity(a, b))
    _add(con, w, "/h8.txt", ["The northern harbour crane collapsed during the storm, the port authority said"])
    run = _relink(con)
    assert (run.claims_added, run.claims_dropped, run.documents) == (1, 0, 1)
    assert 0 < run.pair_candidates < full.pair_candidates
    assert run.buckets_regrouped == 0 and run.figures_regrouped == 0
    assert compared and all("storm, the port" in a + b for a, b in compared)
    assert _stored(con) == _all_at_once(con)


def test_one_at_a_time_equals_all_at_once_with_scores_and_labels(db, tmp_path):
    con, w = db
    _two_stories(con, w)
    other = open_writer(tmp_path / "at_once.db")
    ow = SeedWriter(other)
    other.execute("BEGIN")
    for i, text in enumerate(HARBOUR):
        _article(ow, f"/h{i}.txt", [text, f"Traffic on the coastal road was slow on day {i}",
                                    "Some 400 workers were sent to the harbour this week"],
                 [("400 workers", 400, "workers")], published=f"2024-05-0{i + 1}")
    _article(ow, "/o1.txt", [ORCHARD, "About 3,000 tonnes were stored in the barns"],
             [("3,000 tonnes", 3000, "tonnes")])
    _article(ow, "/o2.txt", ["Apple growers in the valley orchards picked a record harvest, the cooperative said",
                             "Nearly 3,100 tonnes were stored in the barns"], [("3,100 tonnes", 3100, "tonnes")])
    other.execute("COMMIT")
    assert _relink(other).full
    assert _stored(con) == _stored(other) == _all_at_once(con)
    assert _stored(con)[0] and _stored(con)[1]
    other.close()


def test_a_changed_article_is_relinked_as_if_seeded_fresh(db):
    con, w = db
    _two_stories(con, w)
    doc = con.execute("SELECT id FROM documents WHERE path = '/o2.txt'").fetchone()[0]
    con.execute("BEGIN")
    w.clear_document(doc)
    _article(w, "/o2.txt", ["Ferry timetables were printed in three languages", "Only 90 lanterns were sold"],
             [("90 lanterns", 90, "lanterns")], doc_id=doc, version=1)
    con.execute("COMMIT")
    run = _relink(con)
    assert not run.full and run.claims_dropped == 2 and run.claims_added == 2
    assert not con.execute("SELECT 1 FROM claim_group_members WHERE document_id = ?", (doc,)).fetchall()
    assert _stored(con) == _all_at_once(con)


def test_removing_an_article_takes_it_out_of_its_groups(db):
    con, w = db
    _two_stories(con, w)
    doc = con.execute("SELECT id FROM documents WHERE path = '/h0.txt'").fetchone()[0]
    assert con.execute("SELECT 1 FROM claim_group_members WHERE document_id = ?", (doc,)).fetchall()
    assert con.execute("SELECT 1 FROM figure_group_members WHERE document_id = ?", (doc,)).fetchall()
    con.execute("BEGIN")
    w.clear_document(doc)
    store.forget_document(con, doc)
    con.execute("DELETE FROM documents WHERE id = ?", (doc,))
    con.execute("COMMIT")
    run = _relink(con)
    assert not run.full and run.claims_dropped == 3 and run.buckets_regrouped == 1
    for table in ("claim_group_members", "figure_group_members", "link_claims", "link_figures"):
        assert not con.execute(f"SELECT 1 FROM {table} WHERE document_id = ?", (doc,)).fetchall(), table
    # The two other harbour articles still say the same thing.
    assert con.execute("SELECT count(*) FROM claim_group_members m JOIN claims c ON c.id = m.claim_id "
                       "WHERE c.text LIKE '%crane%'").fetchone()[0] == 2
    assert _stored(con) == _all_at_once(con)


def test_a_word_crossing_the_posting_cap_rechecks_only_its_pairs_and_stays_exact(db):
    con, w = db

    def article(i):
        # Its two claims share "lighthouse" and one other word with some others.
        _add(con, w, f"/l{i}.txt", [f"Lighthouse reef{i % 3} keeper{i} boat{i}",
                                    f"Lighthouse gale{i % 4} lamp{i} mast{i}"])

    # "lighthouse" is in two claims per article: past 25 articles it is in more
    # claims than the cap (50) and stops pairing them.
    for i in range(24):
        article(i)
    first = _relink(con)
    assert first.full and first.pairs_added
    runs = []
    for i in range(24, 27):
        article(i)
        runs.append(_relink(con))
        assert _stored(con) == _all_at_once(con)
    crossed = [r for r in runs if r.flipped_terms]
    assert len(crossed) == 1 and crossed[0].pairs_rechecked > 0
    assert crossed[0].pairs_removed == crossed[0].pairs_rechecked  # "lighthouse" no longer pairs them
    assert con.execute("SELECT count(*) FROM link_claim_pairs").fetchone()[0] == 0
    # Two articles fewer and it is under the cap again: its pairs come back.
    con.execute("BEGIN")
    for doc in (1, 2):
        w.clear_document(doc)
        store.forget_document(con, doc)
        con.execute("DELETE FROM documents WHERE id = ?", (doc,))
    con.execute("COMMIT")
    back = _relink(con)
    assert back.flipped_terms == 1 and back.pairs_added > 0 and back.pairs_added == back.pairs_scored
    assert _stored(con) == _all_at_once(con)


def test_a_database_whose_state_went_missing_is_linked_in_full(db):
    con, w = db
    _two_stories(con, w)
    con.execute("DELETE FROM link_claims WHERE claim_id = (SELECT min(claim_id) FROM link_claims)")
    _add(con, w, "/x.txt", [ORCHARD + " again"])
    assert _relink(con).full
    assert _stored(con) == _all_at_once(con)
