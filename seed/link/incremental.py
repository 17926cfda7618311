"""Re-linking after a seed run: the work follows what the added, changed or
removed documents touch, and the result is the one linking everything at once
(``compute``) would give, bit for bit.

What is remembered between runs (db/link_state.py; derived data):
``link_claims``, each claim's term bag, actors and figures, so no claim text
is read or tokenised again; ``link_claim_pairs``, the candidate pairs (claims
of different documents sharing at least MIN_SHARED_TERMS words that are under
the posting-length cap) with their rapidfuzz similarity once it was needed;
``link_figures``, each figure's facet bucket.

Figures.  A figure group depends only on the figures of its facet bucket
(``figures.bucket``), so only the buckets a touched or removed document had
or has a figure in are regrouped; the other buckets' rows are not rewritten.

Claims.  Two corpus-wide numbers enter the claim pairing:

- the posting-length cap, max(50, n/10), decides which words can pair two
  claims.  A pair's candidacy depends on which of its shared words are under
  the cap, so it can only change for a pair sharing a word whose side of the
  cap changed: a word whose claim count a touched document moved across the
  cap, or, when n moved the cap, a word whose count lies between the old and
  the new cap.  Only the pairs of those (rare) words are checked again; new
  claims are paired through an inverted index of the stored bags.
- idf, log((n + 1) / (df + 0.5)), weighs every word by the number of claims
  n, so every cosine moves a little with every claim added.  Making the score
  independent of n would change which claims link on every corpus (and the
  thresholds were chosen with it); instead every stored pair is re-scored,
  which is cheap arithmetic on the stored bags: no tokenising, no search for
  pairs, no rapidfuzz (a pair's similarity is computed once, when its cosine
  first reaches VERBATIM_GATE, and kept).  Single linkage then runs over the
  scores, as in a full link.

So a re-link still reads the compact state of every claim and pair, but not
the claims' text, mentions or sentences, and finds pairs only for the claims
it touches.  Quotes are as before: only links with a touched side are aligned
again, but every quote and paragraph is read.  ``last_run`` counts the work.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from db import link_state as state
from db import links as store

from . import claims as claim_links
from .claims import (MIN_SHARED_TERMS, NEGATED, VERBATIM_GATE, ClaimIn, bag, cosine, finish_score, groups_from_scores,
                     pairing_weight, posting_cap, vector)
from .figures import bucket, bucket_groups, bucket_prefix
from .quotes import ParagraphIn, QuoteIn, Reuse, quote_reuse
from .stories import places, signature
from .rows import claim_rows, document_order, figure_context, figure_rows, reuse_rows


@dataclass
class RunStats:
    """What the last re-link did, to show (and test) that it skipped work."""
    full: bool = False
    documents: int = 0  # touched or removed
    claims_added: int = 0
    claims_dropped: int = 0
    pair_candidates: int = 0  # (claim, claim) combinations counted while searching pairs
    flipped_terms: int = 0  # words that crossed the posting-length cap
    pairs_rechecked: int = 0  # pairs checked again because of them
    pairs_added: int = 0
    pairs_removed: int = 0
    pairs_scored: int = 0
    similarities: int = 0  # rapidfuzz comparisons
    buckets_regrouped: int = 0
    figures_regrouped: int = 0


last_run = RunStats()


def relink(con, *, force: bool = False) -> dict[str, int]:
    """Bring the cross-source tables of the database on ``con`` up to date
    (inside the caller's transaction); nothing to do when no document was
    added, changed or removed since they were last computed."""
    global last_run
    if not force and not store.needs_relink(con):
        return store.counts(con)
    stats = RunStats()
    touched = None if force else store.touched_documents(con)
    removed = store.removed_documents(con) if touched is not None else set()
    if touched is not None and not state.consistent(con, touched, touched | removed):
        touched = None
    if touched is None:
        state.reset(con)
        touched, removed, stats.full = store.present_documents(con), set(), True
    stats.documents = len(touched | removed)
    order = document_order(store.published(con))
    # Every document's story (a signature depends on its document alone).
    stories = state.story_rows(con, store.present_documents(con))
    signatures = {d: signature(text, mentions) for d, (text, mentions) in stories.items()}
    named = {d: places(text, mentions) for d, (text, mentions) in stories.items()}
    _figures(con, touched, touched | removed, signatures, named, stats)
    _claims(con, touched, touched | removed, order, signatures, stats)
    _quotes(con, touched, order, stats.full)
    store.mark_linked(con)
    last_run = stats
    return store.counts(con)


def _figures(con, touched: set[int], stale: set[int], signatures: dict, named: dict, stats: RunStats) -> None:
    dirty = state.drop_figures(con, stale)
    rows = []
    for f in figure_context(state.figures_of(con, touched)):
        key = bucket(f)
        rows.append((f.id, f.document_id, None if key is None else json.dumps(list(key))))
    state.add_figures(con, rows)
    dirty |= {b for _, _, b in rows if b is not None}
    groups, read, done = [], {}, set()
    for b in sorted(dirty, key=json.loads):
        ids = {r["id"]: r["document_id"] for r in state.bucket_figures(con, b)}
        new_docs = set(ids.values()) - done
        done |= new_docs
        # Read with every figure of their sentences, as linking all at once does:
        # the words after a figure run up to the next figure, in a bucket or not.
        read.update((f.id, f) for f in figure_context(state.figures_of(con, new_docs)))
        members = [read[i] for i in sorted(ids)]
        groups.extend(bucket_groups(tuple(json.loads(b)), members, signatures, named))
        stats.buckets_regrouped += 1
        stats.figures_regrouped += len(members)
    prefixes = None if stats.full else {bucket_prefix(tuple(json.loads(b))) for b in dirty}
    store.save_figure_groups(con, figure_rows(groups), prefixes)


def _claims(con, touched: set[int], stale: set[int], order: dict[int, tuple], signatures: dict,
            stats: RunStats) -> None:
    dropped = state.drop_claims(con, stale)
    added: dict[int, state.ClaimState] = {}
    for r in state.claims_of(con, touched):
        c = ClaimIn(r["id"], r["document_id"], r["start"], r["end"], r["text"], frozenset(r["actors"]),
                    tuple(r["figures"]), tuple(r["names"]), tuple(map(tuple, r["places"])),
                    tuple(map(tuple, r.get("values", ()))))
        added[c.id] = state.ClaimState(c.id, c.document_id, c.start, c.end, len(c.text), bag(c), c.actors,
                                       c.figures)
    state.add_claims(con, list(added.values()))
    stats.claims_added, stats.claims_dropped = len(added), len(dropped)
    claims = state.all_claims(con)
    df: Counter = Counter()
    for c in claims.values():
        df.update(c.terms.keys())
    pairs = state.pairs(con)
    new, gone = _update_pairs(claims, df, added, dropped, pairs, stats)
    state.add_pairs(con, new)
    state.remove_pairs(con, gone)
    for p in gone:
        del pairs[p]
    pairs.update((p, None) for p in new)
    stats.pairs_added, stats.pairs_removed = len(new), len(gone)
    scores = _scores(con, claims, df, pairs, signatures, stats)
    groups = groups_from_scores(scores, claims, order, lambda cid: state.claim_texts(con, [cid])[cid])
    store.save_claim_groups(con, claim_rows(groups, {cid: c.document_id for cid, c in claims.items()},
                                            store.published(con)))


def _update_pairs(claims: dict[int, state.ClaimState], df: Counter, added: dict, dropped: dict,
                  pairs: dict, stats: RunStats) -> tuple[set, set]:
    """The candidate pairs to add and to remove, given the pairs of the claims
    that stayed (``pairs``): the new claims' pairs, and those of the words
    whose side of the posting-length cap changed."""
    n = len(claims)
    cap, cap_old = posting_cap(n), posting_cap(n - len(added) + len(dropped))
    moved: Counter = Counter()  # df now minus df before
    for c in added.values():
        moved.update(c.terms.keys())
    for b in dropped.values():
        moved.subtract(b.keys())
    flipped = {t for t, d in moved.items() if d and (df[t] - d <= cap_old) != (df[t] <= cap)}
    if cap != cap_old:
        lo, hi = sorted((cap, cap_old))
        flipped |= {t for t, k in df.items() if lo < k <= hi and not moved[t]}
    flipped = {t for t in flipped if pairing_weight(t)}  # the others never pair claims
    postings: dict[str, list[int]] = {}
    for cid, c in claims.items():  # ids ascending
        for t in c.terms:
            postings.setdefault(t, []).append(cid)

    new: set[tuple[int, int]] = set()
    for a in sorted(added):
        ca, shared = claims[a], Counter()
        for t in ca.terms:
            weight = pairing_weight(t)
            if df[t] > cap or not weight:
                continue
            for b in postings[t]:
                if b != a and claims[b].document_id != ca.document_id and not (b in added and b < a):
                    shared[b] += weight
        stats.pair_candidates += len(shared)
        new |= {(min(a, b), max(a, b)) for b, k in shared.items() if k >= MIN_SHARED_TERMS}

    recheck: set[tuple[int, int]] = set()
    by_claim: dict[int, list[tuple[int, int]]] | None = None
    for t in sorted(flipped):
        ids = [c for c in postings.get(t, ()) if c not in added]
        if len(ids) < 2:
            continue
        stats.flipped_terms += 1
        if df[t] <= cap:  # under the cap now: pairs sharing it may now share enough
            recheck |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
                        if (a, b) not in pairs and claims[a].document_id != claims[b].document_id}
        else:  # over it now: the stored pairs sharing it may no longer
            if by_claim is None:
                by_claim = {}
                for p in pairs:
                    by_claim.setdefault(p[0], []).append(p)
            members = set(ids)
            recheck |= {p for a in ids for p in by_claim.get(a, ()) if p[1] in members}
    under: dict[int, frozenset] = {}

    def usable(cid: int) -> frozenset:
        if cid not in under:
            under[cid] = frozenset(t for t in claims[cid].terms if df[t] <= cap and pairing_weight(t))
        return under[cid]

    gone = set()
    for a, b in recheck:
        enough = sum(pairing_weight(t) for t in usable(a) & usable(b)) >= MIN_SHARED_TERMS
        if enough and (a, b) not in pairs:
            new.add((a, b))
        elif not enough and (a, b) in pairs:
            gone.add((a, b))
    stats.pairs_rechecked = len(recheck)
    return new, gone


def _scores(con, claims: dict[int, state.ClaimState], df: Counter, pairs: dict, signatures: dict,
            stats: RunStats) -> dict[tuple[int, int], float]:
    n = len(claims)
    vectors: dict[int, dict[str, float]] = {}

    def vec(cid: int) -> dict[str, float]:
        if cid not in vectors:
            vectors[cid] = vector(claims[cid].terms, df, n)
        return vectors[cid]

    cos = {p: cosine(vec(p[0]), vec(p[1])) for p in pairs}
    need = [p for p, v in cos.items() if v >= VERBATIM_GATE and pairs[p] is None]
    if need:
        texts = state.claim_texts(con, {c for p in need for c in p})
        # Looked up on the module at call time, so a test can count the calls.
        values = {(a, b): claim_links.similarity(texts[a], texts[b]) for a, b in need}
        state.set_similarity(con, values)
        pairs.update(values)
        stats.similarities = len(values)
    fig_group, fig_unit = state.figure_ranges(con), state.figure_units(con)
    scores, stories = {}, {}
    for p in sorted(pairs):
        ca, cb = claims[p[0]], claims[p[1]]
        if claim_links.apart(ca.document_id, cb.document_id, signatures, stories):
            continue
        s = finish_score(cos[p], lambda: pairs[p], ca.actors, cb.actors, ca.figures, cb.figures, fig_group,
                         fig_unit, (NEGATED in ca.terms) != (NEGATED in cb.terms))
        if s is not None:
            scores[p] = s
    stats.pairs_scored = len(pairs)
    return scores


def _quotes(con, touched: set[int], order: dict[int, tuple], full: bool) -> None:
    quotes, paragraphs = state.quote_rows(con)
    kept = [] if full else [Reuse(**r) for r in store.kept_reuse(con, touched)]
    found = quote_reuse([QuoteIn(q["id"], q["document_id"], q["start"], q["end"], q["text"]) for q in quotes],
                        [ParagraphIn(p["document_id"], p["start"], p["text"]) for p in paragraphs],
                        order, None if full else touched)
    reuse = sorted([*kept, *found], key=lambda r: (r.origin_document_id, r.origin_start, r.reuse_document_id,
                                                   r.reuse_start))
    store.save_reuse(con, reuse_rows(reuse))
