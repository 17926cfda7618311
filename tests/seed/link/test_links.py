"""Across sources: claims that say the same thing, figures that agree or
conflict, quoted words reused by a later article."""
from __future__ import annotations

import sqlite3

import pytest
from linked_corpus import write_linked_corpus

from seed.link.figures import FigureIn, facets, figure_groups, interval
from seed.link.quotes import ParagraphIn, QuoteIn, quote_reuse
from seed.pipeline import seed


def _fig(fid, doc, text, low, unit="troops", subject="troops", qualifier=None, before="", after="",
         high=None):
    return FigureIn(fid, doc, text, low, low if high is None else high, unit, subject, qualifier,
                    before, after, "2025-01-01")


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory):
    root = tmp_path_factory.mktemp("linked")
    db = root / "linked.db"
    seed([write_linked_corpus(root / "corpus")], db)
    return db


def _rows(db, sql, *args):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_two_outlets_agreeing_and_one_conflicting_form_one_figure_group(linked_db):
    rows = _rows(linked_db, "SELECT outlet, figure, status, unit, scope FROM figure_comparison ORDER BY published")
    assert [(r[0], r[1]) for r in rows] == [("Harbour Daily", "about 2,000"), ("Valley Post", "Approximately 2,000"),
                                          ("Coast Ledger", "6,000")]
    assert {r[2:] for r in rows} == {("conflict", "troops", "total")}


def test_the_agreeing_pair_overlaps_and_the_third_source_misses_both(linked_db):
    ranges = dict(_rows(linked_db, "SELECT d.outlet, m.range_low || '-' || m.range_high FROM figure_group_members m "
                                   "JOIN documents d ON d.id = m.document_id"))
    assert ranges == {"Harbour Daily": "1900.0-2100.0", "Valley Post": "1900.0-2100.0", "Coast Ledger": "6000.0-6000.0"}


def test_the_same_deployment_claim_in_two_outlets_is_one_group_first_seen_in_the_earlier(linked_db):
    groups = _rows(linked_db, "SELECT g.id, d.outlet, g.first_published FROM claim_groups g "
                              "JOIN documents d ON d.id = g.first_document_id")
    members = _rows(linked_db, "SELECT group_id, outlet FROM claim_sources WHERE group_id IS NOT NULL "
                               "AND claim LIKE '%2,000%' ORDER BY published")
    assert [m[1] for m in members] == ["Harbour Daily", "Valley Post"]
    assert (members[0][0], "Harbour Daily", "2024-03-01") in groups


def test_the_conflicting_figure_keeps_its_claim_out_of_the_deployment_group(linked_db):
    rows = _rows(linked_db, "SELECT group_id FROM claim_sources WHERE claim LIKE '%6,000%'")
    deployment = _rows(linked_db, "SELECT group_id FROM claim_sources WHERE claim LIKE '%about 2,000%'")
    assert rows and deployment and rows[0][0] != deployment[0][0]


def test_a_later_article_quoting_an_earlier_one_is_reuse_with_the_earlier_as_origin(linked_db):
    rows = _rows(linked_db, "SELECT origin_outlet, reuse_outlet, origin_text, reuse_text FROM quote_reuse")
    assert len(rows) == 1
    origin, reuse, origin_text, reuse_text = rows[0]
    assert (origin, reuse) == ("Harbour Daily", "Coast Ledger")
    assert origin_text.startswith("Our soldiers will stay") and reuse_text.startswith("our soldiers will stay")


def test_seeding_the_same_corpus_again_keeps_every_group_and_id(linked_db, tmp_path):
    snapshot = "SELECT 'c', id, key FROM claim_groups UNION ALL SELECT 'f', id, key FROM figure_groups " \
               "UNION ALL SELECT 'q', id, key FROM quote_links ORDER BY 1, 2"
    before = _rows(linked_db, snapshot)
    seed([linked_db.parent / "corpus"], linked_db)
    assert _rows(linked_db, snapshot) == before


def test_killed_and_casualties_never_share_a_group_even_with_the_same_number():
    figs = [_fig(1, 1, "400", 400, unit="killed"), _fig(2, 2, "400", 400, unit="casualties"),
            _fig(3, 2, "410", 410, unit="killed"), _fig(4, 1, "400", 400, unit="casualties")]
    groups = {g.unit: sorted(m.figure_id for m in g.members) for g in figure_groups(figs)}
    assert groups == {"killed": [1, 3], "casualties": [2, 4]}


def test_a_deployment_and_a_death_toll_sharing_a_number_are_not_compared():
    figs = [_fig(1, 1, "4,000", 4000, unit="troops"), _fig(2, 2, "4,000", 4000, unit="killed")]
    assert figure_groups(figs) == []


def test_a_second_wave_is_not_compared_with_a_total():
    total = _fig(1, 1, "9,000", 9000, after=" soldiers already fighting")
    wave = _fig(2, 2, "2,500", 2500, before="has sent a second wave of")
    more = _fig(3, 3, "3,000", 3000, after=" more soldiers")
    assert [facets(f)[1] for f in (total, wave, more)] == ["total", "additional", "additional"]
    groups = figure_groups([total, wave, more])
    assert [(g.scope, sorted(m.figure_id for m in g.members), g.conflict) for g in groups] == \
        [("additional", [2, 3], True)]


def test_a_planned_dispatch_is_its_own_scope():
    f = _fig(1, 1, "as many as 5,000", 5000, qualifier="as many as", before="is preparing to send")
    assert facets(f)[1] == "planned"


def test_at_least_agrees_with_a_larger_figure_but_as_many_as_does_not():
    assert interval(_fig(1, 1, "at least 300", 300, qualifier="at least"))[1] == float("inf")
    figs = [_fig(1, 1, "at least 300", 300, unit="killed", qualifier="at least"),
            _fig(2, 2, "as many as 500", 500, unit="killed", qualifier="as many as"),
            _fig(3, 3, "about 2,000", 2000, unit="killed", qualifier="about")]
    conflicts = {m.figure_id: m.conflicts for g in figure_groups(figs) for m in g.members}
    assert conflicts == {1: False, 2: True, 3: True}


def test_a_toll_of_one_strike_is_not_compared_with_the_toll_of_a_war():
    figs = [_fig(1, 1, "12", 12, unit="killed"), _fig(2, 2, "15", 15, unit="killed"),
            _fig(3, 1, "40,000", 40000, unit="killed"), _fig(4, 2, "45,000", 45000, unit="killed")]
    assert sorted(sorted(m.figure_id for m in g.members) for g in figure_groups(figs)) == [[1, 2], [3, 4]]


def test_a_short_quote_shared_by_two_articles_is_not_reuse():
    quotes = [QuoteIn(1, 2, 10, 22, "a sacred duty")]
    paragraphs = [ParagraphIn(1, 0, "He called it a sacred duty to the nation.")]
    assert quote_reuse(quotes, paragraphs, {1: (False, "2024", 1), 2: (False, "2025", 2)}) == []


def test_reuse_origin_is_the_earlier_document_even_when_only_the_later_one_quotes():
    words = "the harbour will reopen when the last of the damaged cranes has been replaced"
    earlier = ParagraphIn(7, 100, f"Port officials said {words}.")
    later = QuoteIn(3, 9, 40, 40 + len(words), words)
    [link] = quote_reuse([later], [earlier], {7: (False, "2024-05-01", 7), 9: (False, "2024-06-01", 9)})
    assert (link.origin_document_id, link.origin_start, link.reuse_quote_id) == (7, 100 + len("Port officials said "), 3)
    assert earlier.text[link.origin_start - 100:link.origin_end - 100] == words


# -- incremental re-linking ------------------------------------------------------

_GROUPS = {
    "claim": "SELECT g.key, g.label, g.first_published, d.path, c.start, c.\"end\" FROM claim_group_members m "
             "JOIN claim_groups g ON g.id = m.group_id JOIN claims c ON c.id = m.claim_id "
             "JOIN documents d ON d.id = c.document_id",
    "figure": "SELECT g.key, g.label || g.status, '', d.path, f.start, f.\"end\" FROM figure_group_members m "
              "JOIN figure_groups g ON g.id = m.group_id JOIN figures f ON f.id = m.figure_id "
              "JOIN documents d ON d.id = f.document_id",
    "reuse": "SELECT l.key, o.path, r.path, l.origin_start, l.reuse_start, l.score FROM quote_links l "
             "JOIN documents o ON o.id = l.origin_document_id JOIN documents r ON r.id = l.reuse_document_id",
}


def _groups_by_members(db):
    """Each kind of link as a set of groups, a group being its label and its
    members by document path and span: comparable across databases whose ids differ."""
    out = {}
    for kind, sql in _GROUPS.items():
        rows = _rows(db, sql)
        if kind == "reuse":
            out[kind] = {r[1:] for r in rows}
            continue
        groups: dict = {}
        for key, label, first, path, start, end in rows:
            groups.setdefault((label, first), set()).add((path, start, end))
        out[kind] = {(k, frozenset(v)) for k, v in groups.items()}
    return out


def _seed_one_at_a_time(folder, db):
    files = sorted(folder.glob("*.txt"))
    for f in files:
        seed([f], db)
    return files


@pytest.mark.parametrize("corpus", ["linked", "default"])
def test_adding_articles_one_at_a_time_links_them_as_seeding_them_all_at_once(corpus, tmp_path):
    from seed.cli import DEFAULT_CORPUS

    folder = write_linked_corpus(tmp_path / "corpus") if corpus == "linked" else DEFAULT_CORPUS
    at_once, one_by_one = tmp_path / "at_once.db", tmp_path / "one_by_one.db"
    seed([folder], at_once)
    _seed_one_at_a_time(folder, one_by_one)
    expected = _groups_by_members(at_once)
    assert expected["figure"] and expected["reuse"]
    assert _groups_by_members(one_by_one) == expected


def test_adding_an_article_keeps_the_rows_of_the_groups_it_does_not_touch(tmp_path):
    folder = write_linked_corpus(tmp_path / "corpus")
    extra = folder / "d.txt"
    db = tmp_path / "linked.db"
    seed([folder], db)
    snapshot = ("SELECT 'c', g.id, g.key, g.label, m.id, m.claim_id FROM claim_groups g JOIN claim_group_members m "
                "ON m.group_id = g.id UNION ALL SELECT 'f', g.id, g.key, g.label, m.id, m.figure_id "
                "FROM figure_groups g JOIN figure_group_members m ON m.group_id = g.id "
                "UNION ALL SELECT 'q', id, key, origin_text, origin_quote_id, reuse_quote_id FROM quote_links "
                "ORDER BY 1, 2, 5")
    before = _rows(db, snapshot)
    assert before
    # A story of its own: it shares no claim, figure or quote with the others.
    extra.write_text("Orchard harvest\n\nThe Lenmar cooperative said that 300 tonnes of apples were picked "
                     "in the northern orchards this autumn, a record for the valley growers.\n", encoding="utf-8")
    report = seed([extra], db)
    assert report.seeded == [extra]
    assert _rows(db, snapshot) == before


def test_adding_an_article_compares_only_its_own_claims_again(tmp_path, monkeypatch):
    import seed.link.claims as claim_links

    folder = write_linked_corpus(tmp_path / "corpus")
    db = tmp_path / "linked.db"
    seed(sorted(folder.glob("*.txt"))[:2], db)
    calls = []
    monkeypatch.setattr(claim_links, "similarity", lambda a, b: calls.append((a, b)) or link_similarity(a, b))
    seed([folder / "c.txt"], db)
    c_text = (folder / "c.txt").read_text(encoding="utf-8")
    assert calls and all(any(" ".join(t.split()[:3]) in c_text for t in pair) for pair in calls)


def link_similarity(a, b):
    from db.matching import similarity
    return similarity(a, b)
