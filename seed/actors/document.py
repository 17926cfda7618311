"""Actors stage: who one document names, and every place it names them.

``extract_actors(doc)`` takes a parsed spaCy Doc and returns a ``DocActors``: one
``LocalActor`` per person, organisation, outlet, state or place, and one ``Mention`` per
occurrence (the name as written, titles excluded). Candidate spans come from
``seed.actors.entities``; this module groups them: short forms join the full name the
document introduced, acronyms join their expansion, "<demonym> intelligence" joins the
service of that state.
"""
from __future__ import annotations

import bisect

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..records import DocActors, LocalActor, Mention
from ..text.columns import doc_text, tokens
from .chrome import bad, is_credit
from .entities import Cand, entity_candidates, pattern_candidates
from .names import INSTITUTION_CUES, STATE_WORDS, abbreviates, carries, fold, fullness, is_acronym, same_person_name
from .places import demonym_of


@dataclass
class _Cluster:
    kind: str
    cands: list[Cand] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # candidate names, for choosing the canonical one

    def add(self, c: Cand, name: str) -> None:
        self.cands.append(c)
        self.names.append(name)

    @property
    def name(self) -> str:
        return max(self.names, key=fullness)

    def last_before(self, pos: int) -> int:
        return max((c.start for c in self.cands if c.start < pos), default=-1)

    @property
    def country(self) -> str | None:
        return next((c.country for c in self.cands if c.country), None)


def _name(doc, c: Cand) -> str:
    return c.name or doc_text(doc)[c.start:c.end]


def _written(doc, c: Cand) -> str:
    return doc_text(doc)[c.start:c.end]


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


def _group(doc, cands: list[Cand]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, str], _Cluster] = {}

    def new(kind: str, c: Cand, name: str, key: str | None = None) -> _Cluster:
        cl = _Cluster(kind)
        cl.add(c, name)
        clusters.append(cl)
        by_key.setdefault((_family(kind), key or fold(name)), cl)
        return cl

    # 1. Full person names, then the states and places, then organisations.
    persons = [c for c in cands if c.kind == "person"]
    for c in persons:
        n = _name(doc, c)
        if len(fold(n).split()) < 2:
            continue
        home = next((cl for cl in clusters if cl.kind == "person" and any(
            same_person_name(n, m) for m in cl.names)), None)
        if home:
            home.add(c, n)
        else:
            new("person", c, n)
    # A city that stands for its state once stands for it throughout the article.
    capitals = {fold(_written(doc, c)): c.name for c in cands if c.rule == "ner-city-metonymy"}
    for c in cands:
        if c.kind == "place" and fold(_written(doc, c)) in capitals:
            c.kind, c.name, c.rule = "country", capitals[fold(_written(doc, c))], "ner-city-metonymy"
    for c in cands:
        if c.kind in ("country", "place") and c.category is None:
            n = _name(doc, c)
            cl = by_key.get(("place", fold(n)))
            cl.add(c, n) if cl else new(c.kind, c, n)
    # A state's formal name built on its demonym ("<Demonym> Federation") is that state.
    states = [cl for cl in clusters if cl.kind == "country"]
    for cl in states:
        head, _, last = cl.name.rpartition(" ")
        if head and fold(last) in STATE_WORDS:
            home = [o for o in states if o is not cl and o.cands and demonym_of(head, o.name)]
            if len(home) == 1:
                for c, n in zip(cl.cands, cl.names):
                    home[0].add(c, n)
                cl.cands, cl.names = [], []
                for k, v in list(by_key.items()):
                    if v is cl:
                        by_key[k] = home[0]
    # Merged clusters are empty now; later rules look clusters up by name.
    clusters[:] = [cl for cl in clusters if cl.cands]
    orgs = [c for c in cands if c.kind in ("organization", "media") and c.category is None]
    acronym_cands = [c for c in orgs if is_acronym(_written(doc, c)) or c.rule == "acronym-expansion"]
    for c in orgs:
        if c in acronym_cands:
            continue
        n = _name(doc, c)
        cl = by_key.get(("org", fold(n))) or _near_spelling(clusters, n)
        if cl:
            cl.add(c, n)
        elif len(n.split()) == 1:
            continue  # a short form: placed after every full name is known
        else:
            new("organization", c, n)
    for c in orgs:
        n = _name(doc, c)
        if c in acronym_cands or len(n.split()) != 1 or any(c in cl.cands for cl in clusters):
            continue
        people = [cl for cl in clusters if cl.kind == "person" and any(carries(n, m) for m in cl.names)]
        if len(people) == 1:
            c.rule, c.confidence = "ner-relabelled", 0.8
            people[0].add(c, n)
            continue
        hits = [cl for cl in clusters if cl.kind == "organization" and fold(cl.name).split()[-1:] == [fold(n)]]
        if hits:
            best = max(hits, key=lambda cl: (cl.last_before(c.start), -clusters.index(cl)))
            c.rule, c.confidence = "short-form", 0.8 if len(hits) == 1 else 0.6
            best.add(c, n)
        else:
            cl = by_key.get(("org", fold(n))) or _near_spelling(clusters, n)
            cl.add(c, n) if cl else new("organization", c, n)
    _acronyms(doc, acronym_cands, clusters, by_key, new)
    # 2. Short person forms: the full name introduced earlier; outlets the model took for people.
    for c in persons:
        n = _name(doc, c)
        if len(fold(n).split()) >= 2:
            continue
        hits = [cl for cl in clusters if cl.kind == "person" and any(carries(n, m) for m in cl.names)]
        if hits:
            best = max(hits, key=lambda cl: (cl.last_before(c.start), -clusters.index(cl)))
            c.rule, c.confidence = "short-form", 1.0 if len(hits) == 1 else 0.6
            best.add(c, n)
            continue
        cl = by_key.get(("org", fold(n))) or next(
            (cl for cl in clusters if cl.kind == "organization" and fold(n) in fold(cl.name).split()), None)
        if cl:
            c.rule = "ner-relabelled"
            cl.add(c, n)
            continue
        cl = by_key.get(("person", fold(n)))
        cl.add(c, n) if cl else new("person", c, n)
    # 3. Institutions a demonym describes.
    for c in cands:
        if c.category is None:
            continue
        n = _name(doc, c)
        demonym = c.country or ""
        if c.category == "government":
            home = next((cl for cl in clusters if cl.kind == "country" and demonym_of(demonym, cl.name)), None)
        elif c.category == "intelligence":
            hits = [cl for cl in clusters if cl.kind == "organization" and "intelligence" in fold(cl.name).split()
                    + fold(" ".join(x.desc or "" for x in cl.cands)).split() and _tied(cl, demonym)]
            home = hits[0] if len(hits) == 1 else None
        else:
            home = None
        home = home or by_key.get(("org", fold(n))) or by_key.get((c.category, fold(demonym)))
        if home:
            home.add(c, n)
        else:
            new(c.kind, c, n, key=fold(n))
            by_key[(c.category, fold(demonym))] = clusters[-1]
    for cl in clusters:
        if cl.kind in ("organization", "media"):
            cl.kind = _org_kind(doc, cl)
    return clusters


def _near_spelling(clusters: list[_Cluster], name: str) -> _Cluster | None:
    """An organisation spelt slightly differently in one article ('Paevaleht'/'Paevalehti')."""
    f = fold(name)
    if len(f) < 6:
        return None
    for cl in clusters:
        if cl.kind in ("organization", "media"):
            g = fold(cl.name)
            if len(g.split()) == len(f.split()) and f[0] == g[0] and fuzz.ratio(f, g) >= 90:
                return cl
    return None


def _family(kind: str) -> str:
    return {"country": "place", "place": "place", "person": "person"}.get(kind, "org")


def _tied(cl: _Cluster, demonym: str) -> bool:
    """Is an organisation tied to the state a demonym names ('Estonian' ~ 'Estonia's')?"""
    if not demonym:
        return False
    d = fold(demonym)
    for c in cl.cands:
        k = fold(c.country or "")
        if k and (k == d or demonym_of(demonym, c.country)):
            return True
    return d in fold(cl.name)


def _acronyms(doc, acronym_cands, clusters, by_key, new) -> None:
    expansions = {}
    for c in acronym_cands:
        n = _written(doc, c)
        if c.rule == "acronym-expansion":
            expansions[c.name] = c
            continue
        home = None
        if c.acronym_for is not None and c.acronym_for >= 0:
            home = next((cl for cl in clusters if any(x.tok[0] <= c.acronym_for < x.tok[1] for x in cl.cands)), None)
            if home is not None and home.kind == "person":
                home = None
        if home is None:
            home = by_key.get(("org", fold(n)))
        if home is None:
            hits = [cl for cl in clusters if cl.kind in ("organization", "media", "country")
                    and any(abbreviates(n, m) for m in cl.names)]
            home = hits[0] if len(hits) == 1 else None
        exp = expansions.pop(n, None)
        if home is None:
            home = new("organization", c, n)
        else:
            home.add(c, n)
        by_key.setdefault(("org", fold(n)), home)
        if exp is not None:
            home.add(exp, n)


def _scan_surnames(doc, clusters: list[_Cluster]) -> None:
    """The model often misses a bare family name ("Smith added"); one that only one person in the
    article carries is a mention of that person."""
    taken = _Spans()
    for cl in clusters:
        for c in cl.cands:
            taken.add(c.start, c.end, c)
    owners: dict[str, list[_Cluster]] = {}
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


def _org_kind(doc, cl: _Cluster) -> str:
    words = set(fold(cl.name).split())
    if words & INSTITUTION_CUES:
        return "organization"
    if any(c.media_cue or c.kind == "media" for c in cl.cands):
        return "media"
    return "organization"


def extract_actors(doc) -> DocActors:
    """The actors one parsed document names, with every mention's exact span."""
    cands = [c for c in pattern_candidates(doc) if not bad(doc, c.start, c.end) and not is_credit(doc, c.start, c.end)]
    cands = _select(doc, entity_candidates(doc) + cands)
    clusters = _group(doc, cands)
    clusters = [cl for cl in clusters if cl.cands]
    _scan_surnames(doc, clusters)
    clusters.sort(key=lambda cl: min(c.start for c in cl.cands))
    out = DocActors()
    for i, cl in enumerate(clusters):
        key = f"a{i}"
        forms = set()
        for c in cl.cands:
            forms.add(_written(doc, c))
            if c.title_form:
                forms.add(c.title_form)
        desc = next((c.desc for c in sorted(cl.cands, key=lambda c: c.start) if c.desc), None)
        out.actors[key] = LocalActor(key, cl.name, cl.kind, desc, forms)
        for c in cl.cands:
            out.mentions.append(Mention(key, c.start, c.end, _written(doc, c), c.rule, c.confidence))
    out.mentions.sort(key=lambda m: (m.start, -m.end))
    return out
