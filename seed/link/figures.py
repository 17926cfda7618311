"""Figures from different sources lined up like for like: one story's count
of one thing.

Two figures are comparable only when they count the same thing (``facets``:
the same unit, kind of people or counted thing, and scope), come from
documents that tell the same story (``stories``), name the same side when
both name one ("Drovanian soldiers" are not "Sellmarkian soldiers"), and are
of the same order of magnitude: no two members of a group are more than
MAGNITUDE_GAP apart, however many small steps lie between them.  Within a
group, two values agree when their ranges, widened by their qualifiers (and
a count per side doubled to the total it implies), overlap.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .facets import (PEOPLE_UNITS, SCOPE_WORDS, FigureIn, facets, interval, is_vague,  # noqa: F401 (re-exported)
                     overlaps)
from .stories import elsewhere, story_parts

MAGNITUDE_GAP = 8.0  # no two members of a group further apart than this: they count different things
_WHO = re.compile(r"((?:[A-Z][\w'-]*\s+)*[A-Z][\w'-]*)\b")


@dataclass
class FigureMember:
    figure_id: int
    document_id: int
    lo: float
    hi: float  # math.inf: open-ended
    stated_low: float | None = None  # the figure's own values, for the spread
    stated_high: float | None = None
    conflicts: bool = False


@dataclass
class FigureGroup:
    key: str  # natural key: stable while the same facets exist
    unit: str
    scope: str
    role: str
    label: str
    members: list[FigureMember] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return any(m.conflicts for m in self.members)

    @property
    def low(self) -> float | None:
        values = [m.stated_low for m in self.members if m.stated_low is not None]
        return min(values) if values else None

    @property
    def high(self) -> float | None:
        values = [m.stated_high if m.stated_high is not None else m.stated_low for m in self.members]
        values = [v for v in values if v is not None]
        return max(values) if values else None

    @property
    def documents(self) -> int:
        return len({m.document_id for m in self.members})


def _who(members: list[FigureIn]) -> str:
    """The qualifier most subjects share ("North Korean"), for a label."""
    runs = Counter()
    for f in members:
        m = re.match(r"((?:[A-Z][\w'-]*\s+)*[A-Z][\w'-]*)\b", (f.subject or "").strip())
        if m:
            runs[m.group(1)] += 1
    if not runs:
        return ""
    who, n = runs.most_common(1)[0]
    return who if n >= 2 else ""


def label(unit: str, scope_: str, role_: str, members: list[FigureIn]) -> str:
    if unit == "troops":
        thing = role_ or "troops"
    elif unit in PEOPLE_UNITS:
        thing = f"{role_} {unit}" if role_ else unit
    else:
        thing = unit if role_ in ("", unit) else f"{unit} · {role_}"
    who = _who(members)
    return f"{thing}{f' · {who}' if who else ''} — {SCOPE_WORDS[scope_]}"


def side(f: FigureIn) -> str:
    """The capitalised words a subject of people opens with ("North Korean
    troops"): whose people they are; "" when it does not say."""
    if f.unit not in PEOPLE_UNITS:
        return ""
    subject = (f.subject or "").strip()
    m = _WHO.match(subject)
    if not m:
        return ""
    # "North Koreans" are the "North Korean" soldiers: a demonym as the noun.
    return m.group(1)[:-1] if m.group(1) == subject and subject.endswith("s") else m.group(1)


def _sides(members: list[FigureIn]) -> list[list[FigureIn]]:
    """Members split by the side they name.  A figure that names none goes
    with the only side named, if there is one; with two sides named it
    cannot be told apart and stays with the others that name none."""
    by: dict[str, list[FigureIn]] = {}
    for f in members:
        by.setdefault(side(f), []).append(f)
    named = [k for k in by if k]
    if len(named) == 1 and "" in by:
        by[named[0]].extend(by.pop(""))
    return [by[k] for k in sorted(by)]


def _rep(f: FigureIn) -> float:
    lo, hi = interval(f)
    if math.isinf(hi):
        return max(lo, 1.0)
    return math.sqrt(max(lo, 1.0) * max(hi, 1.0)) if lo > 0 else max(hi, 1.0)


def _magnitude_clusters(members: list[FigureIn]) -> list[list[FigureIn]]:
    """Split values by order of magnitude: sorted by a representative value,
    a run is cut at its widest jump until no run spans more than
    MAGNITUDE_GAP from its smallest to its largest value (a chain of small
    jumps does not make 100 and 55,000 one count)."""
    ordered = sorted(members, key=lambda f: (_rep(f), f.id))
    if not ordered or _rep(ordered[-1]) <= _rep(ordered[0]) * MAGNITUDE_GAP:
        return [ordered] if ordered else []
    cut = max(range(1, len(ordered)), key=lambda i: (_rep(ordered[i]) / _rep(ordered[i - 1]), -i))
    return _magnitude_clusters(ordered[:cut]) + _magnitude_clusters(ordered[cut:])


def bucket(f: FigureIn) -> tuple[str, str, str] | None:
    """The facets a figure is compared under, or None when it is compared with
    nothing.  A group depends only on the figures of its bucket (and their
    documents' stories), which is what lets a re-link redo only the buckets a
    new document adds to."""
    return None if is_vague(f) else facets(f)


def bucket_prefix(key: tuple[str, str, str]) -> str:
    """The start every group key of the bucket shares (no facet holds a "|")."""
    return "|".join(key) + "|"


def _group(key: tuple[str, str, str], cluster: list[FigureIn]) -> FigureGroup:
    unit, scope_, role_ = key
    smallest = min(f.low or 0.0 for f in cluster)
    gkey = f"{bucket_prefix(key)}{int(math.log10(max(smallest, 1)))}"
    g = FigureGroup(gkey, unit, scope_, role_, label(unit, scope_, role_, cluster))
    for f in cluster:
        lo, hi = interval(f)
        g.members.append(FigureMember(f.id, f.document_id, lo, hi, f.low, f.high))
    for m in g.members:
        m.conflicts = any(o.document_id != m.document_id and not overlaps((m.lo, m.hi), (o.lo, o.hi))
                          for o in g.members)
    return g


def bucket_groups(key: tuple[str, str, str], members: list[FigureIn],
                  signatures: dict[int, dict[str, float]] | None = None,
                  places: dict[int, list[tuple[int, int, str]]] | None = None) -> list[FigureGroup]:
    """The groups of one bucket, in any order of ``members``; ``signatures``
    gives each member's document its story signature and ``places`` the
    states and places it names (``stories``; None: the documents are taken
    to tell one story)."""
    groups: list[FigureGroup] = []
    for story in story_parts({f.document_id for f in members}, signatures):
        in_story = [f for f in members if f.document_id in story and not elsewhere(
            f.sentence, (places or {}).get(f.document_id, []),
            [signatures[d] for d in sorted(story) if d != f.document_id and signatures and signatures.get(d)])]
        for part in _sides(in_story):
            for cluster in _magnitude_clusters(part):
                if len({f.document_id for f in cluster}) >= 2:
                    groups.append(_group(key, sorted(cluster, key=lambda f: f.id)))
    # Two groups of one bucket can share a magnitude key; keep keys unique,
    # numbered in an order that depends on their members alone.
    groups.sort(key=lambda g: (g.key, min(m.figure_id for m in g.members)))
    seen: Counter = Counter()
    for g in groups:
        seen[g.key] += 1
        if seen[g.key] > 1:
            g.key = f"{g.key}~{seen[g.key]}"
    return groups


def figure_groups(figures: list[FigureIn], signatures: dict[int, dict[str, float]] | None = None,
                  places: dict[int, list[tuple[int, int, str]]] | None = None) -> list[FigureGroup]:
    """Groups of comparable figures from at least two documents, each member
    marked when its range misses another source's."""
    buckets: dict[tuple[str, str, str], list[FigureIn]] = {}
    for f in figures:
        key = bucket(f)
        if key is not None:
            buckets.setdefault(key, []).append(f)
    return [g for key, members in sorted(buckets.items()) for g in bucket_groups(key, members, signatures, places)]
