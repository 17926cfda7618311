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

RARE_DF = 100  # a touched term in fewer claims than this: its claims' pairs are re-scored
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
    for t, (before, after) in moved.items():
        if min(before, after) < RARE_DF:
            rare.add(t)
        else:
            worst = max(worst, abs(math.log((after + 0.5) / (before + 0.5))))
    return base + worst, rare


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
