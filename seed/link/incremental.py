"""Re-linking after a seed run: the work follows what the added, changed or
removed documents touch.  Figure groups and quote links are those linking
everything at once (``compute``) gives; claim groups have the same members,
and their stored scores may lag by less than the drift bound
(seed/link/rescore.py, seed/link/drift.py).

What is remembered between runs (db/link_state.py, db/link_index.py;
derived data): ``link_claims``, each claim's term bag, actors and figures, so
no claim text is read or tokenised again; ``link_terms`` and
``link_postings``, each term's df and claims, so new claims are paired, and
df is known, without reading every bag; ``link_claim_pairs``, the candidate
pairs (claims of different documents sharing at least MIN_SHARED_TERMS words
that are under the posting-length cap) with their rapidfuzz similarity once
it was needed, their last score and when the drift makes them due;
``link_figures``, each figure's facet bucket; ``link_documents``, each
document's story signature; ``link_shingles``, the shingles of every
paragraph and long quote.

Figures.  A figure group depends only on the figures of its facet bucket
(``figures.bucket``), so only the buckets a touched or removed document had
or has a figure in are regrouped; the other buckets' rows are not rewritten.

Claims.  The posting-length cap, max(50, n/10), decides which words can pair
two claims.  A pair's candidacy depends on which of its shared words are
under the cap, so it can only change for a pair sharing a word whose side of
the cap changed: a word whose claim count a touched document moved across
the cap, or, when n moved the cap, a word whose count lies between the old and
the new cap.  Only the pairs of those (rare) words are checked again; new
claims are paired through the stored postings.  Scoring and grouping:
seed/link/rescore.py.

Quotes.  A link depends on its two documents alone: only links with a
touched side are aligned again, on the quotes and paragraphs that share a
shingle with the touched documents' (found through ``link_shingles``).
``last_run`` counts the work.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from db import link_index as index
from db import link_state as state
from db import links as store

from .claims import MIN_SHARED_TERMS, ClaimIn, bag, pairing_weight, posting_cap
from .rescore import changed_groups, regroup, rescore
from .figures import bucket, bucket_groups, bucket_prefix
from .quotes import ParagraphIn, QuoteIn, long_enough, quote_reuse, shingles
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
    pairs_due: int = 0  # pairs the accumulated idf drift made due (seed/link/drift.py)
    claims_rescored: int = 0  # claims all of whose pairs were scored again
    rescored_all: bool = False  # every pair scored (a full link, or the drift grew past MAX_DRIFT)
    drift: float = 0.0
    claims_regrouped: int = 0
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
    # A signature depends on its document alone: only the touched ones are read.
    index.drop_stories(con, removed)
    index.save_stories(con, {d: (signature(text, mentions), places(text, mentions))
                             for d, (text, mentions) in state.story_rows(con, touched).items()})
    signatures, named = index.stories(con)
    before = state.figure_ranges(con)
    _figures(con, touched, touched | removed, signatures, named, stats)
    after = state.figure_ranges(con)
    fig_changed = {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}
    _claims(con, touched, touched | removed, order, signatures, fig_changed, stats)
    _quotes(con, touched, touched | removed, order, stats.full)
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
            fig_changed: set[int], stats: RunStats) -> None:
    n_before = index.claim_count(con)
    dropped, partners = state.drop_claims(con, stale)
    index.drop_postings(con, dropped)
    added: dict[int, state.ClaimState] = {}
    for r in state.claims_of(con, touched):
        c = ClaimIn(r["id"], r["document_id"], r["start"], r["end"], r["text"], frozenset(r["actors"]),
                    tuple(r["figures"]), tuple(r["names"]), tuple(map(tuple, r["places"])),
                    tuple(map(tuple, r.get("values", ()))))
        added[c.id] = state.ClaimState(c.id, c.document_id, c.start, c.end, len(c.text), bag(c), c.actors,
                                       c.figures)
    state.add_claims(con, list(added.values()))
    index.add_postings(con, [(t, c.id, c.document_id) for c in added.values() for t in c.terms])
    stats.claims_added, stats.claims_dropped = len(added), len(dropped)
    n = n_before - len(dropped) + len(added)
    change: Counter = Counter()  # df now minus df before
    for c in added.values():
        change.update(c.terms.keys())
    for b in dropped.values():
        change.subtract(b.keys())
    df = index.df_of(con, change.keys())
    moved = {t: (df.get(t, 0) - d, df.get(t, 0)) for t, d in change.items() if d}
    new, gone = _update_pairs(con, n, added, moved, df, stats)
    state.add_pairs(con, new)
    state.remove_pairs(con, set(gone))
    stats.pairs_added, stats.pairs_removed = len(new), len(gone)
    changed_claims = state.claims_of_figures(con, fig_changed) - set(added)
    affected, scored = rescore(con, n=n, n_before=n_before, moved=moved, added=set(added), new_pairs=new,
                               changed_claims=changed_claims, signatures=signatures, full=stats.full, stats=stats)
    if affected is not None:
        affected |= partners | changed_groups(con, {p: (None, -1.0, linked) for p, linked in gone.items()},
                                              {p: (None, 0) for p in gone})
    regroup(con, affected, order, store.published(con), scored, stats)


def _update_pairs(con, n: int, added: dict, moved: dict, df: dict, stats: RunStats) -> tuple[set, dict]:
    """The candidate pairs to add, and those to remove (with whether they were
    linked): the new claims' pairs, and those of the words whose side of the
    posting-length cap changed."""
    cap, cap_old = posting_cap(n), posting_cap(n - stats.claims_added + stats.claims_dropped)
    flipped = {t for t, (before, after) in moved.items() if (before <= cap_old) != (after <= cap)}
    if cap != cap_old:
        lo, hi = sorted((cap, cap_old))
        flipped |= {t for t in index.terms_between(con, lo, hi) if t not in moved}
    flipped = {t for t in flipped if pairing_weight(t)}  # the others never pair claims
    pairing = {t for c in added.values() for t in c.terms if df.get(t, 0) <= cap and pairing_weight(t)}
    postings = index.postings(con, pairing | flipped)
    new: set[tuple[int, int]] = set()
    for a in sorted(added):
        ca, shared = added[a], Counter()
        for t in ca.terms:
            if t not in pairing:
                continue
            weight = pairing_weight(t)
            for b, doc in postings[t]:
                if b != a and doc != ca.document_id and not (b in added and b < a):
                    shared[b] += weight
        stats.pair_candidates += len(shared)
        new |= {(min(a, b), max(a, b)) for b, k in shared.items() if k >= MIN_SHARED_TERMS}
    recheck: set[tuple[int, int]] = set()
    stored: dict = {}
    for t in sorted(flipped):
        ids = [(c, d) for c, d in postings.get(t, ()) if c not in added]
        if len(ids) < 2:
            continue
        stats.flipped_terms += 1
        members = {c for c, _ in ids}
        known = index.pairs_within(con, members)
        stored.update(known)
        if df.get(t, 0) <= cap:  # under the cap now: pairs sharing it may now share enough
            recheck |= {(a, b) for i, (a, da) in enumerate(ids) for b, db in ids[i + 1:]
                        if da != db and (a, b) not in known}
        else:  # over it now: the stored pairs sharing it may no longer
            recheck |= set(known)
    gone: dict[tuple[int, int], bool] = {}
    if recheck:
        bags = state.all_claims(con, {c for p in recheck for c in p})
        cdf = index.df_of(con, {t for c in bags.values() for t in c.terms})
        usable = {cid: frozenset(t for t in c.terms if cdf.get(t, 0) <= cap and pairing_weight(t))
                  for cid, c in bags.items()}
        for a, b in recheck:
            enough = sum(pairing_weight(t) for t in usable[a] & usable[b]) >= MIN_SHARED_TERMS
            if enough and (a, b) not in stored:
                new.add((a, b))
            elif not enough and (a, b) in stored:
                gone[(a, b)] = bool(stored[(a, b)][2])
    stats.pairs_rechecked = len(recheck)
    return new, gone


def _hash(shingle: tuple[str, ...]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(shingle).encode(), digest_size=8).digest(), "big", signed=True)


def _quotes(con, touched: set[int], stale: set[int], order: dict[int, tuple], full: bool) -> None:
    """Quote reuse for the links with a touched side, reading only the quotes
    and paragraphs that share a shingle with the touched documents' (through
    link_shingles): quote_reuse finds a link only where they share some."""
    index.drop_shingles(con, stale)
    if full:
        quotes, paragraphs = state.quote_rows(con)
    else:
        quotes, paragraphs = index.quote_rows_of(con, touched, ()), index.paragraph_rows_of(con, touched, ())
    long_q = [q for q in quotes if q["document_id"] in touched and long_enough(q["text"])]
    # Each text is cut into shingles and hashed once (a fresh build hashes every paragraph).
    rows_p = {(_hash(sh), "p", p["document_id"], p["start"]) for p in paragraphs
              if p["document_id"] in touched for sh in shingles(p["text"])}
    rows_q = {(_hash(sh), "q", q["document_id"], q["id"]) for q in long_q for sh in shingles(q["text"])}
    mine_p, mine_q = {r[0] for r in rows_p}, {r[0] for r in rows_q}
    index.add_shingles(con, rows_p | rows_q)
    if not full:
        spots = {s for s in index.sharing(con, "p", mine_q) if s[0] not in touched}
        others = {i for d, i in index.sharing(con, "q", mine_p) if d not in touched}
        # The quotes of a paragraph's document too: a link names the quote it falls in.
        quotes = index.quote_rows_of(con, touched | {d for d, _ in spots}, others)
        paragraphs = index.paragraph_rows_of(con, touched, spots)
    found = quote_reuse([QuoteIn(q["id"], q["document_id"], q["start"], q["end"], q["text"]) for q in quotes],
                        [ParagraphIn(p["document_id"], p["start"], p["text"]) for p in paragraphs],
                        order, None if full else touched)
    # The links between two documents neither touched nor removed stand as they are.
    store.save_reuse(con, reuse_rows(found), None if full else stale)
