"""Grouping one document's candidate spans into actors.

Full person names first, then the states and places, then organisations;
short forms join the full name the document introduced ("Smith" the "John
Smith" before it), acronyms join their expansion, a state's formal name built
on its demonym joins the state, "<demonym> intelligence" joins the service of
that state.  Each rule is a function over the clusters found so far.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .candidate import Cand, name_of, written
from .names import (INSTITUTION_CUES, STATE_WORDS, TITLE_WORDS, abbreviates, carries, family_names_match, fold,
                    fullness, is_acronym, same_person_name)
from .places import city_country, demonym_of, is_state, is_territory


@dataclass
class Cluster:
    kind: str
    cands: list[Cand] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # candidate names, for choosing the canonical one

    def add(self, c: Cand, name: str) -> None:
        self.cands.append(c)
        self.names.append(name)

    @property
    def name(self) -> str:
        if self.kind == "country":  # the common name, as every article has it, before a formal one
            common = [n for n in self.names if is_territory(n)]
            if common:
                return max(common, key=fullness)
        return max(self.names, key=fullness)

    def last_before(self, pos: int) -> int:
        return max((c.start for c in self.cands if c.start < pos), default=-1)

    @property
    def country(self) -> str | None:
        return next((c.country for c in self.cands if c.country), None)


def group(doc, cands: list[Cand]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}

    def new(kind: str, c: Cand, name: str, key: str | None = None) -> Cluster:
        cl = Cluster(kind)
        cl.add(c, name)
        clusters.append(cl)
        by_key.setdefault((_family(kind), key or fold(name)), cl)
        return cl

    # 1. Full person names, then the states and places, then organisations.
    persons = [c for c in cands if c.kind == "person"]
    _full_person_names(doc, persons, clusters, new)
    _places(doc, cands, clusters, by_key, new)
    _formal_states(clusters, by_key)
    # Merged clusters are empty now; later rules look clusters up by name.
    clusters[:] = [cl for cl in clusters if cl.cands]
    orgs = [c for c in cands if c.kind in ("organization", "media") and c.category is None]
    acronym_cands = [c for c in orgs if is_acronym(written(doc, c)) or c.rule == "acronym-expansion"]
    _organisations(doc, orgs, acronym_cands, clusters, by_key, new)
    _acronyms(doc, acronym_cands, clusters, by_key, new)
    # 2. Short person forms: the full name introduced earlier; outlets the model took for people.
    _short_person_names(doc, persons, clusters, by_key, new)
    # 3. Institutions a demonym describes.
    _institutions(doc, cands, clusters, by_key, new)
    _short_organisation_names(clusters)
    clusters[:] = [cl for cl in clusters if cl.cands]
    for cl in clusters:
        if cl.kind in ("organization", "media"):
            cl.kind = _org_kind(doc, cl)
    return clusters


def _full_person_names(doc, persons: list[Cand], clusters: list[Cluster], new) -> None:
    for c in persons:
        n = name_of(doc, c)
        if len(fold(n).split()) < 2:
            continue
        home = next((cl for cl in clusters if cl.kind == "person" and any(
            same_person_name(n, m) for m in cl.names)), None)
        if home:
            home.add(c, n)
        else:
            new("person", c, n)


def _surname_owner(clusters: list[Cluster], name: str, pos: int) -> Cluster | None:
    """The person of the document whose family name ``name`` is: the one who
    carries it, or of several (a family) the one named last before ``pos``, as a
    bare surname typed as a person is read."""
    if " " in name.strip() or is_state(name):
        return None
    # The family name, written last: a given name ("Charlotte") is as often a city's.
    people = [cl for cl in clusters if cl.kind == "person" and len(cl.name.split()) >= 2
              and any(len(fold(m).split()) >= 2 and family_names_match(name, fold(m).split()[-1]) for m in cl.names)]
    if len(people) > 1:
        return max(people, key=lambda cl: (cl.last_before(pos), -clusters.index(cl)))
    return people[0] if people else None


def _places(doc, cands: list[Cand], clusters: list[Cluster], by_key: dict, new) -> None:
    # A city that stands for its state once stands for it throughout the article.
    capitals = {fold(written(doc, c)): c.name for c in cands if c.rule == "ner-city-metonymy"}
    for c in cands:
        if c.kind == "place" and fold(written(doc, c)) in capitals:
            c.kind, c.name, c.rule = "country", capitals[fold(written(doc, c))], "ner-city-metonymy"
    for c in cands:
        if c.kind in ("country", "place") and c.category is None:
            n = name_of(doc, c)
            person = _surname_owner(clusters, n, c.start) if c.kind == "place" and not city_country(n) else None
            if person is not None:  # the tagger's type aside, a bare family name is the person's
                c.kind, c.rule, c.confidence = "person", "ner-relabelled", 0.8
                person.add(c, n)
                continue
            cl = by_key.get(("place", fold(n)))
            cl.add(c, n) if cl else new(c.kind, c, n)


def _formal_states(clusters: list[Cluster], by_key: dict) -> None:
    # A state's formal name built on its demonym ("<Demonym> Federation") is that state.
    states = [cl for cl in clusters if cl.kind == "country"]
    for cl in states:
        head, _, last = cl.name.rpartition(" ")
        of = fold(cl.name).rpartition(" of ")[2] if " of " in fold(cl.name) else ""
        if head and fold(last) in STATE_WORDS:
            home = [o for o in states if o is not cl and o.cands and demonym_of(head, o.name)]
        elif of and set(fold(cl.name).split()) & STATE_WORDS:
            # "<...> Republic of Korea" is the one state of the article named "<...> Korea"
            home = [o for o in states if o is not cl and o.cands and (" " + fold(o.name)).endswith(" " + of)
                    and not set(fold(o.name).split()) & STATE_WORDS]
        else:
            home = []
        if home:
            if len(home) == 1:
                for c, n in zip(cl.cands, cl.names):
                    home[0].add(c, n)
                cl.cands, cl.names = [], []
                for k, v in list(by_key.items()):
                    if v is cl:
                        by_key[k] = home[0]


def _organisations(doc, orgs: list[Cand], acronym_cands: list[Cand], clusters: list[Cluster], by_key: dict,
                   new) -> None:
    """Full organisation names first; a one-word form then joins the single person
    or the organisation it can name."""
    for c in orgs:
        if c in acronym_cands:
            continue
        n = name_of(doc, c)
        cl = by_key.get(("org", fold(n))) or _near_spelling(clusters, n) or next(
            (p for p in clusters if p.kind == "person" and any(same_person_name(n, m) for m in p.names)), None)
        if cl:
            cl.add(c, n)
        elif len(n.split()) == 1:
            continue  # a short form: placed after every full name is known
        else:
            new("organization", c, n)
    for c in orgs:
        n = name_of(doc, c)
        if c in acronym_cands or len(n.split()) != 1 or any(c in cl.cands for cl in clusters):
            continue
        person = _surname_owner(clusters, n, c.start)
        if person is not None:  # the tagger's type aside, a bare family name is the person's
            c.kind, c.rule, c.confidence = "person", "ner-relabelled", 0.8
            person.add(c, n)
            continue
        hits = [cl for cl in clusters if cl.kind == "organization" and fold(cl.name).split()[-1:] == [fold(n)]]
        if hits:
            best = max(hits, key=lambda cl: (cl.last_before(c.start), -clusters.index(cl)))
            c.rule, c.confidence = "short-form", 0.8 if len(hits) == 1 else 0.6
            best.add(c, n)
        else:
            cl = by_key.get(("org", fold(n))) or _near_spelling(clusters, n)
            cl.add(c, n) if cl else new("organization", c, n)


def _short_organisation_names(clusters: list[Cluster]) -> None:
    """"Civic Renewal" and "Halvard" for "Civic Renewal Party" and "Halvard
    Systems": an organisation's name less its last word, or its first word when no
    other organisation starts with it, is that organisation."""
    orgs = [cl for cl in clusters if cl.kind in ("organization", "media") and cl.cands]
    for short in orgs:
        words = fold(short.name).split()
        if is_acronym(short.name) or set(words) & (INSTITUTION_CUES | STATE_WORDS | TITLE_WORDS):
            continue
        longer = [cl for cl in orgs if cl is not short and cl.cands and fold(cl.name).split()[:len(words)] == words
                  and len(fold(cl.name).split()) == len(words) + 1]
        if len(longer) == 1:
            for c, n in zip(short.cands, short.names):
                longer[0].add(c, n)
            short.cands, short.names = [], []


def _short_person_names(doc, persons: list[Cand], clusters: list[Cluster], by_key: dict, new) -> None:
    for c in persons:
        n = name_of(doc, c)
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


def _institutions(doc, cands: list[Cand], clusters: list[Cluster], by_key: dict, new) -> None:
    for c in cands:
        if c.category is None:
            continue
        n = name_of(doc, c)
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

def _near_spelling(clusters: list[Cluster], name: str) -> Cluster | None:
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


def _tied(cl: Cluster, demonym: str) -> bool:
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
        n = written(doc, c)
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


def _org_kind(doc, cl: Cluster) -> str:
    words = set(fold(cl.name).split())
    if words & INSTITUTION_CUES:
        return "organization"
    if any(c.media_cue or c.kind == "media" for c in cl.cands):
        return "media"
    return "organization"
