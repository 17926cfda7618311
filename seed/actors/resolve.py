"""Cross-document actor resolution: one database actor per real-world actor.

``resolve(known, incoming)`` is a pure function: given the actors already in the
database and one document's (or several documents') local actors, it says which local
actor is which known actor, which are new, which known actors get a fuller name and which
written forms become new aliases. Call it once per document, feeding back the result, or
once for a whole corpus: the same input order gives the same answer.

Merge rules, all generic: equal names once case, diacritics, hyphens and articles are
folded away ('Park Ji-won' = 'Park Ji Won'); transliteration variants of one person
('Tymoshenko'/'Tymoshenkko': family names close, given names compatible); an acronym and its
expansion; a one-word form and the single known person or organisation it can name.
Guards: people never merge with non-people; two people sharing a family name stay apart
unless their given names agree; a bare family name merges only when exactly one candidate
carries it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import LocalActor
from .names import STOPWORDS, abbreviates, carries, fold, fullness, initials, is_acronym, same_person_name
from .places import demonym_of

# Kinds that may denote the same actor: an outlet is an organisation, a capital's state a place.
_FAMILY = {"person": "person", "organization": "org", "media": "org", "group": "org",
           "country": "place", "place": "place"}


@dataclass
class KnownActor:
    id: int  # database id; for actors created by this call, -(index + 1) until the caller stores them
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    description: str | None = None


@dataclass
class Resolution:
    existing: dict[str, int] = field(default_factory=dict)  # local key -> known actor id
    created: dict[str, int] = field(default_factory=dict)  # local key -> index into new_actors
    new_actors: list[KnownActor] = field(default_factory=list)
    renames: dict[int, str] = field(default_factory=dict)  # known id -> fuller canonical name
    new_aliases: dict[int, set[str]] = field(default_factory=dict)  # known id -> forms not yet stored
    kind_changes: dict[int, str] = field(default_factory=dict)  # known id -> more specific kind

    def target(self, key: str) -> tuple[str, int]:
        """('known', id) or ('new', index) for a local actor key."""
        if key in self.existing:
            return "known", self.existing[key]
        return "new", self.created[key]


def _forms(a: KnownActor | LocalActor) -> set[str]:
    forms = set(a.aliases if isinstance(a, KnownActor) else a.forms)
    forms.add(a.name)
    return {f for f in forms if f}


def _person_names(a) -> list[str]:
    return [f for f in sorted(_forms(a)) if len(fold(f).split()) >= 2 and not _has_title(f, a.name)]


def _has_title(form: str, name: str) -> bool:
    """A title-bearing form ('Defense Minister X Y') is compared through its name, not its title."""
    return fold(form) != fold(name) and fold(form).endswith(" " + fold(name))


def _block_keys(a: KnownActor | LocalActor) -> set[str]:
    """Keys two actors must share for any rule below to match them: a word's first two
    letters or its first and third (family names and demonyms that differ a little still
    meet), and acronyms with each letter left out in turn (an acronym, its expansion's
    initials, one transliterated a letter apart)."""
    keys: set[str] = set()
    for form in _forms(a):
        keys |= _form_keys(form)
    return keys


@lru_cache(maxsize=65536)
def _form_keys(form: str) -> frozenset[str]:
    """The block keys of one written form.  Cached: an actor's keys are asked for each
    time it is matched, and its forms recur from document to document."""
    keys = set()
    for w in fold(form).split():
        if len(w) >= 2 and w not in STOPWORDS:
            keys.add("w:" + w[:2])
            keys.add("v:" + w[0] + w[2:3])
    letters = []
    if is_acronym(form):
        letters.append(form.replace(".", "").upper())
    elif " " in form.strip():
        letters += [initials(form), initials(form, skip_stop=False), initials(re.split(r"\s+of\s+", form)[0])]
    for acr in letters:
        if len(acr) >= 2:
            keys.add("a:" + acr)
            keys.update("t:" + acr[:i] + "_" + acr[i + 1:] for i in range(len(acr)))
    return frozenset(keys)


class BlockIndex:
    """Which known actors an incoming one could possibly match, so resolution scores a
    handful of candidates instead of every actor in the database.  Positions refer to the
    ``known`` list given to ``resolve`` (and the actors it appends after them)."""

    def __init__(self, actors: list[KnownActor] = ()):
        self.keys: dict[str, set[int]] = defaultdict(set)
        for pos, a in enumerate(actors):
            self.add(pos, a)

    def add(self, pos: int, actor: KnownActor | LocalActor) -> None:
        for k in _block_keys(actor):
            self.keys[k].add(pos)

    def candidates(self, actor: KnownActor | LocalActor) -> list[int]:
        found: set[int] = set()
        for k in _block_keys(actor):
            found |= self.keys.get(k, set())
        return sorted(found)


def _match_score(known: KnownActor, local: LocalActor, pool: list[KnownActor]) -> int:
    """0: different actors; higher: surer."""
    if _FAMILY.get(known.kind, "org") != _FAMILY.get(local.kind, "org"):
        return 0
    if fold(known.name) == fold(local.name):
        return 100
    if _FAMILY.get(local.kind) == "place":
        return 90 if _same_state(known, local) else 0
    if local.kind == "person":
        return _person_score(known, local, pool)
    # Organisations and places: a shared written form of two or more words, or an acronym.
    kf = {fold(f) for f in _forms(known)}
    lf = {fold(f) for f in _forms(local)}
    shared = {f for f in kf & lf if len(f.split()) >= 2 or len(f) >= 6}
    if shared:
        return 95
    acr_l = [f for f in _forms(local) if is_acronym(f)]
    acr_k = [f for f in _forms(known) if is_acronym(f)]
    if set(acr_l) & set(acr_k):
        return 90
    if any(_transliterated(a, b) for a in acr_l for b in acr_k) and _same_country_and_field(known, local):
        return 75
    if any(abbreviates(a, n) for a in acr_l for n in _forms(known)) or any(
            abbreviates(a, n) for a in acr_k for n in _forms(local)):
        return 85
    return 0


_GOVERNMENT = {"government", "authorities", "federation", "republic", "kingdom"}


def _same_state(known, local) -> bool:
    """'Estonia' / 'Estonian Republic' / 'Estonian government': a state under its demonym."""
    for a, b in ((known.name, local.name), (local.name, known.name)):
        head, _, last = a.rpartition(" ")
        if head and fold(last) in _GOVERNMENT and demonym_of(head, b):
            return True
    return False


def _transliterated(a: str, b: str) -> bool:
    """One acronym transliterated two ways from another script: same length, one letter apart."""
    return len(a) == len(b) >= 3 and sum(x != y for x, y in zip(a.upper(), b.upper())) == 1


def _words_of(a) -> set[str]:
    text = " ".join(sorted(_forms(a))) + " " + (a.description or "")
    return set(fold(text).split())


def _same_country_and_field(known, local) -> bool:
    """Both described as the same kind of body ('intelligence') of the same state."""
    wk, wl = _words_of(known), _words_of(local)
    field_words = {"intelligence", "security", "police", "army", "navy", "ministry", "service", "directorate"}
    if not (wk & wl & field_words):
        return False
    return any(x == y or demonym_of(x, y) or demonym_of(y, x) for x in wk for y in wl if len(x) > 3 and x[0] == y[0]
               and x[:1].isalpha() and (x not in field_words))


def _person_score(known: KnownActor, local: LocalActor, pool: list[KnownActor]) -> int:
    kn, ln = _person_names(known), _person_names(local)
    if kn and ln:
        if any(fold(a) == fold(b) for a in kn for b in ln):
            return 98
        return 90 if any(same_person_name(a, b) for a in kn for b in ln) else 0
    # One side is known by a single word only: it must name exactly one person in the pool.
    short, full = (local, known) if not ln else (known, local)
    word = fold(short.name)
    if " " in word:
        return 0
    full_names = _person_names(full) or [full.name]
    if not any(carries(word, f) for f in full_names) and word != fold(full.name):
        return 0
    if not ln:
        bearers = [p for p in pool if _FAMILY.get(p.kind) == "person" and p is not short
                   and any(carries(word, f) for f in (_person_names(p) or [p.name]))]
        return 80 if len(bearers) == 1 else 0
    # A full name arriving for a known single word: no other known person may carry that word.
    others = [p for p in pool if _FAMILY.get(p.kind) == "person" and p is not short
              and any(carries(word, f) for f in _person_names(p))]
    return 80 if not others else 0


def resolve(known: list[KnownActor], incoming: list[LocalActor], index: BlockIndex | None = None) -> Resolution:
    """Map each incoming local actor to a known actor or a new one (see the module docstring).

    ``index``, a BlockIndex over ``known``, may be kept by a caller across calls; it is
    extended with the positions of the actors this call creates, in order."""
    res = Resolution()
    # Work on copies: the caller's records stay as they were; the Resolution says what changed.
    pool = [KnownActor(a.id, a.name, a.kind, set(a.aliases), a.description) for a in known]
    by_id = {a.id: a for a in pool}
    index = index if index is not None else BlockIndex(pool)
    for local in incoming:
        positions = index.candidates(local)
        near = [pool[i] for i in positions]
        scored = [(s, -i, cand) for i, cand in zip(positions, near) if (s := _match_score(cand, local, near))]
        if scored:
            best = max(scored, key=lambda t: (t[0], t[1]))
            top = [t for t in scored if t[0] == best[0]]
            # Two equally good people for one name: ambiguous, so a new actor rather than a guess.
            if local.kind == "person" and len(top) > 1 and best[0] < 98:
                scored = []
        if not scored:
            new = KnownActor(-(len(res.new_actors) + 1), local.name, local.kind, set(_forms(local)),
                             local.description)
            res.created[local.key] = len(res.new_actors)
            res.new_actors.append(new)
            pool.append(new)
            index.add(len(pool) - 1, new)
            continue
        target = best[2]
        fresh = _forms(local) - target.aliases - {target.name}
        target.aliases |= _forms(local)
        index.add(-best[1], target)
        if fullness(local.name) > fullness(target.name) and not (
                local.kind == "person" and len(fold(local.name).split()) < len(fold(target.name).split())):
            if target.id in by_id:
                res.renames[target.id] = local.name
            target.name = local.name
        if target.description is None and local.description:
            target.description = local.description
        if target.id in by_id:
            res.existing[local.key] = target.id
            if fresh:
                res.new_aliases.setdefault(target.id, set()).update(fresh)
            if target.kind == "organization" and local.kind == "media":
                res.kind_changes[target.id] = target.kind = "media"
        else:
            res.created[local.key] = -target.id - 1
    return res
