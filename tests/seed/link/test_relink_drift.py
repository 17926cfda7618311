"""Re-linking in proportion to the change (seed/link/rescore.py,
seed/link/drift.py): a pair is scored again only when its decision could have
moved, the groups are those of linking everything at once, and a drift grown
too large scores everything again."""
from __future__ import annotations

import math

from db import link_index
from seed.link import drift
from test_links_incremental import HARBOUR, _add, _all_at_once, _relink, _stored, _two_stories, db  # noqa: F401

LIGHTS = ["Lighthouse keepers said the {} lamp failed during the winter gale",
          "Keepers of the {} lighthouse said its lamp failed in the gale",
          "The {} lamp failed during a winter gale, lighthouse keepers said"]


def _memberships(groups) -> set:
    """Claim groups by key and members; figure groups and quote links whole."""
    claims, figures, quotes = groups
    return {(k, frozenset(c for c, _ in members)) for k, _, members in claims}, figures, quotes


def _corpus(con, w, stories: int = 6):
    _two_stories(con, w)
    for s in range(stories):
        place = f"harbour{s}"
        for i, text in enumerate(LIGHTS):
            _add(con, w, f"/lights{s}-{i}.txt", [text.format(place), f"Ferry {s} ran late on day {i}"],
                 published=f"2024-06-{s + 1:02d}")
    _relink(con, force=True)


def test_a_small_drift_rescores_only_the_new_claims_pairs_and_the_groups_still_equal_a_full_link(db, monkeypatch):
    con, w = db
    monkeypatch.setattr(drift, "MAX_DRIFT", 10.0)
    monkeypatch.setattr(drift, "RARE_DF", 0)
    monkeypatch.setattr(drift, "RARE_SHARE", 0.0)
    _corpus(con, w)
    pairs = con.execute("SELECT count(*) FROM link_claim_pairs").fetchone()[0]
    _add(con, w, "/h7.txt", ["The northern harbour crane collapsed during the storm, port workers said"])
    run = _relink(con)
    assert not run.full and not run.rescored_all and run.claims_rescored == 1
    assert 0 < run.pairs_scored < pairs
    assert run.claims_regrouped < con.execute("SELECT count(*) FROM link_claims").fetchone()[0]
    assert _memberships(_stored(con)) == _memberships(_all_at_once(con))


def test_a_pair_not_due_has_its_decision_unchanged_by_the_drift_bound(db, monkeypatch):
    con, w = db
    monkeypatch.setattr(drift, "MAX_DRIFT", 10.0)
    _corpus(con, w)
    for i in range(3):
        _add(con, w, f"/more{i}.txt", [HARBOUR[i] + " again", "Ferry timetables were printed"])
        run = _relink(con)
        assert not run.rescored_all
        assert _memberships(_stored(con)) == _memberships(_all_at_once(con))
    # Every pair's stored decision is that of its score now.
    for linked, score in con.execute("SELECT linked, score FROM link_claim_pairs"):
        assert linked == int(score is not None and score >= 40.0)


def test_drift_past_the_limit_scores_every_pair_again_and_gives_exact_scores(db, monkeypatch):
    con, w = db
    _corpus(con, w)
    monkeypatch.setattr(drift, "MAX_DRIFT", 0.0)
    _add(con, w, "/h7.txt", ["The northern harbour crane collapsed during the storm, port workers said"])
    run = _relink(con)
    assert not run.full and run.rescored_all
    assert run.pairs_scored == con.execute("SELECT count(*) FROM link_claim_pairs").fetchone()[0]
    assert link_index.drift(con) == 0.0
    assert _stored(con) == _all_at_once(con)


def test_the_drift_bound_covers_the_cosine_a_claim_moves_by():
    # One claim's weights moved by at most g in idf: its cosine with another
    # moves by less than the bound due() allows for before it is due.
    bag_a, bag_b = {"crane": 1, "storm": 2, "harbour": 1}, {"crane": 1, "storm": 1, "gale": 1}
    df0 = {"crane": 30, "storm": 200, "harbour": 120, "gale": 60}
    n0, n1 = 1000, 1040
    df1 = {**df0, "storm": 212}

    def cos(df, n):
        w = [{t: k * math.log((n + 1) / (df[t] + 0.5)) for t, k in b.items()} for b in (bag_a, bag_b)]
        norms = [math.sqrt(sum(x * x for x in v.values())) for v in w]
        return 100 * sum(w[0][t] * w[1].get(t, 0.0) for t in w[0]) / (norms[0] * norms[1])

    g, rare = drift.run_drift(n0, n1, {"storm": (200, 212)})
    assert not rare
    r = [drift.counts_norm(b) / drift.weight_norm(b, df0, n0) for b in (bag_a, bag_b)]
    moved = abs(cos(df1, n1) - cos(df0, n0))
    assert moved <= 50 * math.pi * g * sum(r)
    # A pair whose slack is the distance it moved would be due by then.
    assert drift.due(0.0, moved, *r) <= g
