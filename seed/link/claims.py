"""Claims from different documents that say the same thing.

Claims of documents telling the same story (``stories``) are paired by
TF-IDF cosine of their terms (idf over all claims, so the words every article
on a story shares weigh nothing): content words with common paraphrases made
one (``words``), the states and places named by their resolved actor, and
each figure's unit and value.  Bonuses for a verbatim match (rapidfuzz), for
shared actors, and for figures in one figure group that agree; a penalty when
one claim is negated and the other not; figures that conflict, or that count
one unit in different groups, keep two claims apart.  Pairs scoring at least
SAME_CLAIM join one group (single linkage).  Linking
all at once (``compute``) and re-linking (``incremental``) both score and
group through these functions, which is why their results are the same.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field

from db.matching import similarity

from .figures import FigureGroup, overlaps
from .words import terms
from .stories import same_story

# Thresholds, chosen on the default corpus and benchmarks/link_eval.py (README, "Across sources").
SAME_CLAIM = 40.0  # combined score (cosine x 100 + bonuses) to join two claims (benchmarks/link_eval.py)
VERBATIM = 85.0  # rapidfuzz similarity at which two claims are the same words
VERBATIM_BONUS = 30.0
VERBATIM_GATE = 25.0  # cosine x 100 below which two claims cannot be near-verbatim
ACTOR_BONUS = 6.0  # they share a claimant or a named actor
FIGURE_BONUS = 12.0  # a figure of each in one figure group, and they agree
MIN_SHARED_TERMS = 2  # content words in common before a pair is scored at all
LABEL_CHARS = 72

ACTOR_TERM = "@"  # starts a term that stands for a state or place, not a word
ACTOR_WEIGHT = 0.5  # a state named weighs less than a word: the story's states are named everywhere
VALUE_TERM = "#"  # starts the term of a figure: its unit and value
NEGATED = "~not"  # in a bag when the claim is negated; compared, never weighed
NEGATION_PENALTY = 15.0  # a claim and a claim with "no" or "not" in it say different things
_NEGATORS = {"not", "no", "never", "nor", "neither", "without", "denied", "denies", "deny", "n't"}


def pairing_weight(term: str) -> int:
    """How much a shared term counts towards MIN_SHARED_TERMS: a shared
    figure is as good as two words, a shared state or place nothing (two
    claims naming the same states may say anything about them)."""
    if term.startswith(ACTOR_TERM) or term == NEGATED:
        return 0
    return 2 if term.startswith(VALUE_TERM) else 1


@dataclass(frozen=True)
class ClaimIn:
    id: int
    document_id: int
    start: int
    end: int
    text: str
    actors: frozenset[int] = frozenset()  # claimant and actors named in the claim
    figures: tuple[int, ...] = ()  # figure ids inside the claim
    names: tuple[tuple[int, int], ...] = ()  # spans (document offsets) of people and organisations named
    places: tuple[tuple[int, int, int], ...] = ()  # (start, end, actor id) of the states and places named
    values: tuple[tuple[str, float], ...] = ()  # (unit, value) of each figure in it

    def words(self) -> str:
        """The text without the names in it: sharing a person's name is
        counted as a shared actor, not again as shared words, and a state or
        place is counted by its actor (``actor_terms``), whatever it is called."""
        out, at = [], self.start
        for s, e in sorted([*self.names, *((s, e) for s, e, _ in self.places)]):
            if s >= at:
                out.append(self.text[at - self.start:s - self.start])
                at = e
        out.append(self.text[at - self.start:])
        return " ".join(out)

    def actor_terms(self) -> list[str]:
        """One term per state or place named, the same for every name the
        actor resolution gave it ("Moscow" acting for Russia, "Russia")."""
        return [f"{ACTOR_TERM}{a}" for _, _, a in sorted(self.places)]

    def value_terms(self) -> list[str]:
        """One term per figure, its unit and value to two significant digits:
        "40,000 troops" said in other words is still 40,000 troops."""
        return [f"{VALUE_TERM}{unit}:{value:.2g}" for unit, value in self.values]

    def negated(self) -> bool:
        return any(w in _NEGATORS for w in self.text.lower().replace("n't", " n't").split())


@dataclass
class ClaimGroup:
    key: str
    label: str
    members: list[tuple[int, float]] = field(default_factory=list)  # (claim id, best pair score)
    first_claim_id: int = 0


def bag(claim: ClaimIn) -> dict[str, int]:
    """The claim's content words and their counts, in text order (the order
    keeps the float sums of a re-link identical to those of a full link)."""
    return dict(Counter([*terms(claim.words()), *claim.actor_terms(), *claim.value_terms(),
                         *([NEGATED] if claim.negated() else [])]))


def vector(bag_: dict[str, int], df, n: int) -> dict[str, float]:
    """TF-IDF weights of a bag, normalised; ``df`` counts the claims holding a
    term among the ``n`` claims of the database."""
    v = {t: k * math.log((n + 1) / (df[t] + 0.5)) * (ACTOR_WEIGHT if t.startswith(ACTOR_TERM) else 1.0)
         for t, k in bag_.items() if t != NEGATED}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items() if x > 0}


def posting_cap(n: int) -> int:
    """A word in more claims than this pairs nothing: a word in most claims
    would pair everything with everything."""
    return max(50, n // 10)


def cosine(va: dict[str, float], vb: dict[str, float]) -> float:
    # Words of one side only would add 0.0, which changes no float sum.
    return 100.0 * sum([x * vb[t] for t, x in va.items() if t in vb])


def finish_score(cos: float, verbatim, a_actors, b_actors, a_figures, b_figures, fig_group,
                 fig_unit=None, negation_differs: bool = False) -> float | None:
    """The combined score of a pair from its cosine (x 100), or None when a
    figure of each conflicts.  ``verbatim`` is called, for the rapidfuzz
    similarity of the two texts, only when the cosine leaves it possible."""
    score = cos
    # Near-verbatim text shares most of its content words, so a low cosine rules
    # it out; the character-level comparison is the costly part of linking.
    if score >= VERBATIM_GATE and verbatim() >= VERBATIM:
        score += VERBATIM_BONUS
    if a_actors & b_actors:
        score += ACTOR_BONUS
    if negation_differs:
        score -= NEGATION_PENALTY
    figs = _figure_relation(a_figures, b_figures, fig_group, fig_unit or {})
    if figs in ("conflict", "different"):
        return None
    if figs == "agree":
        score += FIGURE_BONUS
    return round(score, 1)


def apart(a: int, b: int, signatures: dict[int, dict[str, float]] | None, cache: dict) -> bool:
    """Do documents ``a`` and ``b`` tell different stories?  (Never, when
    the stories are not known or a document names nothing.)"""
    if not signatures or not signatures.get(a) or not signatures.get(b):
        return False
    if (a, b) not in cache:
        cache[(a, b)] = not same_story(signatures[a], signatures[b])
    return cache[(a, b)]


def pair_scores(claims: list[ClaimIn], figure_groups_: list[FigureGroup],
                similar=similarity, signatures=None, fig_unit=None) -> dict[tuple[int, int], float]:
    """Combined score of each pair of claims from different documents that
    share enough content words (pairs found through an inverted index), and
    that tell the same story (the same words about another war are another
    claim)."""
    bags = {c.id: bag(c) for c in claims}
    df: Counter = Counter()
    for b in bags.values():
        df.update(b.keys())
    n = len(bags)
    vec = {cid: vector(b, df, n) for cid, b in bags.items()}
    by_id = {c.id: c for c in claims}
    fig_group: dict[int, tuple[int, float, float]] = {}
    for gi, g in enumerate(figure_groups_):
        for m in g.members:
            fig_group[m.figure_id] = (gi, m.lo, m.hi)
    postings: dict[str, list[int]] = {}
    for c in sorted(claims, key=lambda c: c.id):
        for t in vec[c.id]:
            postings.setdefault(t, []).append(c.id)
    shared: Counter = Counter()
    cap = posting_cap(len(claims))
    for t, ids in postings.items():
        weight = pairing_weight(t)
        if len(ids) > cap or not weight:
            continue
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if by_id[a].document_id != by_id[b].document_id:
                    shared[(a, b)] += weight
    scores, stories = {}, {}
    for (a, b), k in shared.items():
        if k < MIN_SHARED_TERMS:
            continue
        ca, cb = by_id[a], by_id[b]
        if apart(ca.document_id, cb.document_id, signatures, stories):
            continue
        score = finish_score(cosine(vec[a], vec[b]), lambda: similar(ca.text, cb.text), ca.actors, cb.actors,
                             ca.figures, cb.figures, fig_group, fig_unit,
                             (NEGATED in bags[a]) != (NEGATED in bags[b]))
        if score is not None:
            scores[(a, b)] = score
    return scores


def _figure_relation(a: tuple[int, ...], b: tuple[int, ...], fig_group, fig_unit) -> str | None:
    """'conflict' when a figure of each sits in one group and no pair of them
    agrees; 'agree' when some pair in one group overlaps; 'different' when
    each counts something in one unit but no two of those are in one group
    (a prison's population and its strikers); else None.  ``fig_unit`` gives
    the unit of each figure that is compared at all (has a facet bucket)."""
    relation = None
    if {fig_unit[f] for f in a if f in fig_unit} & {fig_unit[f] for f in b if f in fig_unit}:
        relation = "different"
    for fa in a:
        for fb in b:
            ga, gb = fig_group.get(fa), fig_group.get(fb)
            if ga is None or gb is None or ga[0] != gb[0]:
                continue
            if overlaps(ga[1:], gb[1:]):
                return "agree"
            relation = "conflict"
    return relation


def _key(members) -> str:
    spans = sorted(f"{c.document_id}:{c.start}:{c.end}" for c in members)
    return hashlib.sha1("|".join(spans).encode()).hexdigest()[:16]


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split()).strip(" \"“”'‘’")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


@dataclass(frozen=True)
class ClaimRef:
    """What grouping needs of a claim: where it is, and how long its text."""
    id: int
    document_id: int
    start: int
    end: int
    length: int


def claim_groups(claims: list[ClaimIn], figure_groups_: list[FigureGroup],
                 order: dict[int, tuple], similar=similarity, signatures=None, fig_unit=None) -> list[ClaimGroup]:
    """Groups of claims from at least two documents that say the same thing;
    ``order`` sorts documents by first appearance (publication date, then id)."""
    scores = pair_scores(claims, figure_groups_, similar, signatures, fig_unit)
    refs = {c.id: ClaimRef(c.id, c.document_id, c.start, c.end, len(c.text)) for c in claims}
    texts = {c.id: c.text for c in claims}
    return groups_from_scores(scores, refs, order, texts.__getitem__)


def groups_from_scores(scores: dict[tuple[int, int], float], refs: dict[int, ClaimRef],
                       order: dict[int, tuple], text_of) -> list[ClaimGroup]:
    """Single linkage over the pairs scoring at least SAME_CLAIM; ``text_of``
    gives a claim's text (asked only for each group's label)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    best: dict[int, float] = {}
    for (a, b), s in sorted(scores.items()):
        if s >= SAME_CLAIM:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
            best[a] = max(best.get(a, 0.0), s)
            best[b] = max(best.get(b, 0.0), s)
    comps: dict[int, list[ClaimRef]] = {}
    for cid in sorted(best):
        comps.setdefault(find(cid), []).append(refs[cid])
    # Each member's summed scores with the others of its group, in tenths (the
    # scores are rounded to one decimal): exact, whatever order they come in.
    closeness: Counter = Counter()
    for (a, b), s in scores.items():
        if a in best and b in best and find(a) == find(b):
            closeness[a] += round(s * 10)
            closeness[b] += round(s * 10)
    groups = []
    for members in comps.values():
        if len({c.document_id for c in members}) < 2:
            continue
        members.sort(key=lambda c: (order.get(c.document_id, ()), c.start))
        first = members[0]
        # The label is the member closest to all the others: the group's centre.
        centre = max(members, key=lambda c: (closeness.get(c.id, 0), -c.length, -c.id))
        groups.append(ClaimGroup(_key(members), short_label(text_of(centre.id)),
                                 [(c.id, best[c.id]) for c in members], first.id))
    groups.sort(key=lambda g: g.first_claim_id)
    return groups
