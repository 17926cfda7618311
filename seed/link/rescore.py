"""Claim pairs re-scored and claim groups regrouped in proportion to the
change (seed/link/incremental.py finds the pairs; SQL in db/link_index.py).

Scores.  Every claim added moves every idf a little, so a stored score goes
stale; ``drift`` bounds how far, and a pair is scored again when its
decisions could have flipped: the pairs of the touched claims and of the
claims with a figure whose group changed, and the pairs the accumulated
drift has made due.  A claim holding a rare touched word (whose idf moves a
lot) brings its pairs nearer to due by how far that word moved it
(``drift.claim_move``), or has them all scored again when that is too far.
Past MAX_DRIFT every pair is scored again, as in a full link.  So a pair's
*decision* (score >= SAME_CLAIM) is always the one linking everything at once
would give; its stored *score* may be stale by less than the drift bound
allows (it never crosses a threshold).

Groups.  Single linkage over the linked pairs (score >= SAME_CLAIM): a group
changes only when one of its pairs' scores or links does, so only the
connected components of the claims of changed pairs are regrouped, with the
stored scores of their pairs; the other groups' rows stay.
"""
from __future__ import annotations

from db import link_index as index
from db import link_state as state
from db import links as store

from . import claims as claim_links
from . import drift
from .claims import NEGATED, SAME_CLAIM, VERBATIM_GATE, cosine, finish_score, groups_from_scores, vector
from .rows import claim_rows


class Scorer:
    """Scores pairs on the current df and n, reading only the claims involved."""

    def __init__(self, con, n: int, signatures: dict, everything: bool):
        self.con, self.n, self.signatures = con, n, signatures
        self.claims = state.all_claims(con) if everything else {}
        self.df: dict[str, int] = {}
        self.vectors: dict[int, dict] = {}
        self.ratio: dict[int, float] = {}
        self.fig_group, self.fig_unit = state.figure_ranges(con), state.figure_units(con)
        self.stories: dict = {}

    def load(self, ids: set[int]) -> None:
        missing = ids - self.claims.keys()
        if missing:
            self.claims.update(state.all_claims(self.con, missing))
        terms = {t for c in ids for t in self.claims[c].terms} - self.df.keys()
        if terms:
            self.df.update(index.df_of(self.con, terms))

    def vec(self, cid: int) -> dict[str, float]:
        if cid not in self.vectors:
            terms = self.claims[cid].terms
            self.vectors[cid] = vector(terms, self.df, self.n)
            self.ratio[cid] = drift.counts_norm(terms) / drift.weight_norm(terms, self.df, self.n)
        return self.vectors[cid]

    def score(self, pairs: dict[tuple[int, int], tuple], drift_now: float, stats) -> dict[tuple[int, int], tuple]:
        """(score, linked) of each pair of ``pairs`` ((a, b) -> stored
        (similarity, score, linked)), saving them with when each is due."""
        self.load({c for p in pairs for c in p})
        cos = {p: cosine(self.vec(p[0]), self.vec(p[1])) for p in pairs}
        sims = {p: v[0] for p, v in pairs.items()}
        need = [p for p, v in cos.items() if v >= VERBATIM_GATE and sims[p] is None]
        if need:
            texts = state.claim_texts(self.con, {c for p in need for c in p})
            # Looked up on the module at call time, so a test can count the calls.
            sims.update({(a, b): claim_links.similarity(texts[a], texts[b]) for a, b in need})
            stats.similarities += len(need)
        out, rows = {}, []
        for p in sorted(pairs):
            ca, cb = self.claims[p[0]], self.claims[p[1]]
            s = None
            if not claim_links.apart(ca.document_id, cb.document_id, self.signatures, self.stories):
                s = finish_score(cos[p], lambda: sims[p], ca.actors, cb.actors, ca.figures, cb.figures,
                                 self.fig_group, self.fig_unit, (NEGATED in ca.terms) != (NEGATED in cb.terms))
            linked = int(s is not None and s >= SAME_CLAIM)
            out[p] = (s, linked)
            left = drift.slack(cos[p], s, sims[p])
            ra, rb = self.ratio[p[0]], self.ratio[p[1]]
            rows.append((cos[p], s, linked, drift.due(drift_now, left, ra, rb), ra, rb, sims[p], *p))
        index.save_scores(self.con, rows)
        stats.pairs_scored += len(pairs)
        return out


def rescore(con, *, n: int, n_before: int, moved: dict, added: set[int], new_pairs: set, changed_claims: set[int],
            signatures: dict, full: bool, stats) -> tuple[set[int] | None, dict]:
    """Score what may have changed; returns the claims whose pairs changed
    (None: all of them, a full scoring) and the new (score, linked) of each
    pair scored."""
    run, rare = drift.run_drift(n_before, n, moved)
    drift_now = index.drift(con) + run
    stats.drift = drift_now
    if full or n_before <= 0 or drift_now > drift.MAX_DRIFT:
        scorer = Scorer(con, n, signatures, everything=True)
        index.set_drift(con, 0.0)
        index.reset_extras(con)
        scored = scorer.score(index.all_pairs(con), 0.0, stats)
        stats.rescored_all = True
        return None, scored
    index.set_drift(con, drift_now)
    scorer = Scorer(con, n, signatures, everything=False)
    claims = added | changed_claims
    if rare:
        claims |= _follow(con, scorer, index.claims_holding(con, rare) - claims, drift.rare_deltas(moved, rare),
                          drift_now)
    stats.claims_rescored = len(claims)
    todo = index.pairs_of(con, claims)
    due = index.due_pairs(con, drift_now)
    stats.pairs_due = len(set(due) - set(todo))
    todo.update(due)
    todo.update((p, (None, None, 0)) for p in new_pairs if p not in todo)
    old = dict(todo)
    scored = scorer.score(todo, drift_now, stats)
    return changed_groups(con, old, scored), scored


def _follow(con, scorer: Scorer, holders: set[int], deltas: dict[str, float], drift_now: float) -> set[int]:
    """Bring the pairs of the claims holding a rare touched term nearer to due
    by how far that moved each claim; returns the claims moved too far for
    the bound, whose pairs are all scored again."""
    scorer.load(holders)
    before = index.extras(con, holders)
    moves, extra, again = {}, {}, set()
    for c in sorted(holders):
        move, extra[c] = drift.claim_move(scorer.claims[c].terms, deltas, scorer.df, scorer.n, drift_now,
                                          before.get(c, 0.0))
        if move is None:
            again.add(c)
        elif move:
            moves[c] = move
    index.add_extras(con, extra)
    index.bring_due(con, moves)
    return again


def changed_groups(con, old: dict, scored: dict) -> set[int]:
    """The claims whose groups a re-scoring may change: those of a pair
    linked or unlinked, or whose score moved while it links them or they
    share a group (a member's best score and a group's label read those)."""
    moved = {p for p, (s, linked) in scored.items() if (old[p][1], old[p][2]) != (s, linked)}
    out = {c for p in moved if scored[p][1] or old[p][2] for c in p}
    rest = {p for p in moved if not (scored[p][1] or old[p][2])}
    if rest:
        group = store.claim_group_of(con, {c for p in rest for c in p})
        out |= {c for a, b in rest if a in group and group.get(b) == group[a] for c in (a, b)}
    return out


def regroup(con, affected: set[int] | None, order: dict, published: dict, scored: dict, stats) -> None:
    """Group the connected components of ``affected`` (None: every claim,
    whose pairs are all in ``scored``) again and replace their groups."""
    if affected is None:
        refs = state.all_claims(con)
        comp, keys = set(refs), None
        scores = {p: s for p, (s, _) in scored.items() if s is not None}
    else:
        comp, frontier = set(affected), set(affected)
        while frontier:  # breadth first over the linked pairs
            reached = {c for p in index.linked_among(con, frontier) for c in p} - comp
            comp |= reached
            frontier = reached
        scores = index.scores_within(con, comp)
        keys = store.claim_group_keys(con, affected | comp)
        refs = state.all_claims(con, comp)
    stats.claims_regrouped = len(comp)
    groups = groups_from_scores(scores, refs, order, lambda cid: state.claim_texts(con, [cid])[cid])
    store.save_claim_groups(con, claim_rows(groups, {cid: c.document_id for cid, c in refs.items()}, published),
                            keys)
