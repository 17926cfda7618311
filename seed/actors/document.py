"""Actors stage: who one document names, and every place it names them.

``extract_actors(doc)`` takes a parsed spaCy Doc and returns a ``DocActors``: one
``LocalActor`` per person, organisation, outlet, state or place, and one ``Mention`` per
occurrence (the name as written, titles excluded). Candidate spans come from the model's
entities (``entities``) and from patterns (``patterns``); this module keeps the ones that
do not overlap, has ``grouping`` group them into actors, and finds the bare family names
the model missed.
"""
from __future__ import annotations

import bisect
import re

from ..records import DocActors, LocalActor, Mention
from ..text.columns import tokens
from .candidate import Cand, written
from .chrome import bad, is_credit
from .context import retype
from .entities import entity_candidates
from .grouping import Cluster, group
from .names import fold
from .patterns import pattern_candidates


def _select(doc, cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates: a longer span wins, and a span inside a person's title run
    ("Palace" in "Palace spokesman X") is part of the role, not an actor."""
    titles = [(c.end - len(c.title_form), c.start) for c in cands if c.title_form]
    cands = [c for c in cands if not any(a <= c.start and c.end <= b for a, b in titles)]
    # Same span twice (an entity and an acronym rule): keep one, carrying both facts.
    by_span: dict[tuple[int, int], Cand] = {}
    for c in cands:
        old = by_span.get((c.start, c.end))
        if old is None:
            by_span[(c.start, c.end)] = c
            continue
        old.acronym_for = old.acronym_for if old.acronym_for is not None else c.acronym_for
        old.desc = old.desc or c.desc
        old.country = old.country or c.country
        old.media_cue = old.media_cue or c.media_cue or c.kind == "media"
        if old.kind == "person" and c.kind != "person" and c.rule.startswith("media"):
            old.kind = c.kind
    ordered = sorted(by_span.values(), key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    kept = _Spans()
    for c in ordered:
        if not kept.overlaps(c.start, c.end):
            kept.add(c.start, c.end, c)
    return kept.items()


class _Spans:
    """Non-overlapping spans kept sorted, so an overlap test is a bisection, not a scan:
    documents can be long."""

    def __init__(self):
        self.starts: list[int] = []
        self.spans: list[tuple[int, int, object]] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return i > 0 and self.spans[i - 1][1] > start or any(
            s < end and start < e for s, e, _ in self.spans[max(0, i - 2):i])

    def add(self, start: int, end: int, item) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.spans.insert(i, (start, end, item))

    def items(self) -> list:
        return [item for _, _, item in self.spans]


def _scan_surnames(doc, clusters: list[Cluster]) -> None:
    """The model often misses a bare family name ("Smith added"); one that only one person in the
    article carries is a mention of that person."""
    taken = _Spans()
    for cl in clusters:
        for c in cl.cands:
            taken.add(c.start, c.end, c)
    owners: dict[str, list[Cluster]] = {}
    for cl in clusters:
        if cl.kind == "person" and len(fold(cl.name).split()) >= 2:
            owners.setdefault(cl.name.split()[-1], []).append(cl)
    if not owners:
        return
    for t in tokens(doc):
        cls = owners.get(t.text)
        if not cls or len(cls) != 1 or t.ent_type_ not in ("", "PERSON") or len(t.text) < 3:
            continue
        if taken.overlaps(t.idx, t.idx + len(t.text)):
            continue
        c = Cand(t.idx, t.idx + len(t.text), "person", "surname-scan", 0.9, tok=(t.i, t.i + 1))
        cls[0].add(c, t.text)


FORMER = re.compile(r"(?i)^(?:former|ex|late|then|one-time|erstwhile)\b")
HONORIFIC_END = re.compile(r"(?i)\b(?:mr|mrs|ms|dr|mx|miss)\.?\s*$")  # part of the name's own title
GLUE_END = re.compile(r"(?i)\b(?:of|for|to|at|and|the|with)\s*$|['’]s?\s*$")


def _names_one(title_form: str, name: str) -> bool:
    """Whether a title and name ("Defence Minister X") is an alias of X: not a past
    role ("former X"), and not a role of something else ("chairman of X")."""
    run = HONORIFIC_END.sub("", title_form[: len(title_form) - len(name)])
    return not FORMER.match(title_form) and not GLUE_END.search(run)


def extract_actors(doc) -> DocActors:
    """The actors one parsed document names, with every mention's exact span."""
    cands = [c for c in pattern_candidates(doc) if not bad(doc, c.start, c.end) and not is_credit(doc, c.start, c.end)]
    cands = retype(doc, _select(doc, entity_candidates(doc) + cands))
    clusters = group(doc, cands)
    clusters = [cl for cl in clusters if cl.cands]
    _scan_surnames(doc, clusters)
    clusters.sort(key=lambda cl: min(c.start for c in cl.cands))
    out = DocActors()
    for i, cl in enumerate(clusters):
        key = f"a{i}"
        forms = set()
        for c in cl.cands:
            forms.add(written(doc, c))
            if c.title_form and _names_one(c.title_form, written(doc, c)):
                forms.add(c.title_form)
        desc = next((c.desc for c in sorted(cl.cands, key=lambda c: c.start) if c.desc), None)
        out.actors[key] = LocalActor(key, cl.name, cl.kind, desc, forms)
        for c in cl.cands:
            out.mentions.append(Mention(key, c.start, c.end, written(doc, c), c.rule, c.confidence))
    out.mentions.sort(key=lambda m: (m.start, -m.end))
    return out
