"""How far a stored pair score can have moved since it was computed, so that
a re-link re-scores only the pairs whose decision could have changed.

A claim's vector weighs each term by idf = log((n + 1) / (df + 0.5)), so
every claim added moves every weight a little.  Between the state a pair was
scored in and now, each term's idf moved by at most the sum, over the runs in
between, of |change of log(n + 1)| + |change of log(df + 0.5)|.  A run's
*drift* is the largest such move over the terms it does not re-score the
claims of (the rare terms of the touched claims are re-scored instead: their
idf moves a lot); ``drift`` accumulates it since the last full scoring.

With every term's idf moved by at most G, a claim's weight vector w moves by
a vector of norm at most G * |u| (u: its term counts, an actor term at
ACTOR_WEIGHT), so its direction turns by at most asin(G |u| / |w|) and the
cosine (x 100) of a pair by at most 100 * (angle_a + angle_b)
(cos is 1-Lipschitz in the angle), <= 50 pi G (r_a + r_b) with r = |u| / |w|
taken when the pair was scored.  A pair's decisions (score >= SAME_CLAIM; the
cosine gate of the verbatim comparison) can only flip once that bound
reaches its *slack*, the distance from its score to the thresholds, so each
pair stores the accumulated drift at which it is *due*.
"""
from __future__ import annotations

import math

from .claims import ACTOR_TERM, ACTOR_WEIGHT, NEGATED, SAME_CLAIM, VERBATIM, VERBATIM_GATE

# A touched term in fewer claims than max(RARE_DF, RARE_SHARE * n) is rare: its claims are followed one by one.
# The larger it is, the smaller a run's drift and the more claims are followed (measured with
# benchmarks/link_incremental.py: 1/16 of the claims kept a run's drift near 16 / n).
RARE_DF = 100
RARE_SHARE = 1 / 16
MAX_DRIFT = 0.05  # accumulated drift past which every pair is scored again (and drift starts at 0)
_EPS = 1e-6  # float sums in another order may differ by far less than this
NEVER = 1e300  # the due drift of a pair whose decision does not depend on its cosine


def counts_norm(bag: dict[str, int]) -> float:
    """|u|: the norm of the claim's term counts as they enter its vector."""
    return math.sqrt(sum((k * (ACTOR_WEIGHT if t.startswith(ACTOR_TERM) else 1.0)) ** 2
                         for t, k in bag.items() if t != NEGATED))


def weight_norm(bag: dict[str, int], df, n: int) -> float:
    """|w|: the norm of the claim's tf-idf weights before normalising."""
    return math.sqrt(sum((k * math.log((n + 1) / (df[t] + 0.5)) *
                          (ACTOR_WEIGHT if t.startswith(ACTOR_TERM) else 1.0)) ** 2
                         for t, k in bag.items() if t != NEGATED)) or 1.0


def run_drift(n_before: int, n_after: int, moved: dict[str, tuple[int, int]]) -> tuple[float, set[str]]:
    """(the drift of a run, its rare terms): ``moved`` maps each term whose
    df changed to (df before, df after)."""
    base = abs(math.log((n_after + 1) / (n_before + 1))) if n_before >= 0 else math.inf
    rare, worst = set(), 0.0
    limit = max(RARE_DF, RARE_SHARE * n_after)
    for t, (before, after) in moved.items():
        if min(before, after) < limit:
            rare.add(t)
        else:
            worst = max(worst, abs(math.log((after + 0.5) / (before + 0.5))))
    return base + worst, rare


def rare_deltas(moved: dict[str, tuple[int, int]], rare: set[str]) -> dict[str, float]:
    """How far each rare term's idf moved in this run beyond the move of log(n + 1)."""
    return {t: abs(math.log((moved[t][1] + 0.5) / (moved[t][0] + 0.5))) for t in rare}


def claim_move(bag: dict[str, int], deltas: dict[str, float], df, n: int, drift_now: float,
               extra: float) -> tuple[float | None, float]:
    """(how much nearer to due the claim's pairs come, or None when they must
    be scored again; E, the norm of its weights' move by its rare terms).

    Its weight vector w moved by at most E this run; since one of its pairs
    was scored it moved by at most drift_now |u| + extra + E, so then it was
    at least ``lower`` long, and its direction turned by at most
    (pi / 2) E / lower more: in a pair's bound, E / lower next to the drift's
    G r (so divided by r_a + r_b when it is taken off a pair's due)."""
    e = math.sqrt(sum((k * deltas[t] * (ACTOR_WEIGHT if t.startswith(ACTOR_TERM) else 1.0)) ** 2
                      for t, k in bag.items() if t in deltas))
    if not e:
        return 0.0, 0.0
    moved = drift_now * counts_norm(bag) + extra + e
    lower = weight_norm(bag, df, n) - moved
    if lower <= 0 or moved / lower > 0.5:  # too far for the linear bound: score them again
        return None, e
    return e / lower, e


def slack(cos: float, score: float | None, similarity: float | None) -> float:
    """How far (in cosine x 100) the pair is from changing a decision; with
    ``score`` None (apart or conflicting figures) the cosine decides nothing.
    ``score`` is rounded to a tenth, so the unrounded one lies within 0.05."""
    if score is None:
        return math.inf
    left = abs(score - (SAME_CLAIM - 0.05)) - 0.05  # round(score, 1) >= SAME_CLAIM
    if similarity is None or similarity >= VERBATIM:  # crossing the gate would change the bonus
        left = min(left, abs(cos - VERBATIM_GATE))
    return left - _EPS


def due(drift_now: float, left: float, r_a: float, r_b: float) -> float:
    """The accumulated drift at which the pair must be scored again."""
    if math.isinf(left):
        return NEVER
    if left <= 0:
        return drift_now
    limit = min(left / (50 * math.pi * (r_a + r_b)), 1.0 / max(r_a, r_b, 1e-12))
    return drift_now + 0.999 * limit
