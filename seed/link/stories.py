"""Which documents tell the same story, for figure groups.

A folder of articles may mix stories that count the same kinds of things
(the dead of two wars, prisoners of a war and of a jail).  Two documents are
taken to tell the same story when the names they use most overlap: each
document's *signature* is the share of its name mentions that goes to each
actor (people, organisations, groups, states, places; resolved, so "Kim Jong
Un" and "Kim" are one) and to each capitalised word outside those mentions
(names the recogniser missed, such as a small town or a new group).  The
overlap of two signatures is the sum, over the names both use, of the smaller
share (1.0: the same names in the same proportions; 0.0: no name in common).
A name both mention once in passing (a news agency, the United Nations, a
great power in the background) adds only its small share, so generic actors
do not make two stories one; the actors a story is about carry most of the
weight in every article on it.

A signature depends on its document alone, never on the rest of the corpus,
which keeps figure groups a function of their bucket (re-linking equals
linking all at once).
"""
from __future__ import annotations

import re
from collections import Counter

SAME_STORY = 0.2  # overlap at which two documents tell one story (README, "Across sources")

# Kinds of actor that say what a story is about; a media outlet is a source, not a subject.
STORY_KINDS = {"person", "organization", "group", "country", "place"}

# Capitalised for grammar or the calendar, not because they name something.
_NOT_NAMES = set("""
the a an and or but of in on at to for by with from as this that these those it its he she they we
i you his her their our there here when where while after before since until if then so
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
mr mrs ms dr
""".split())
_WORD = re.compile(r"[A-Z][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”\n(]\s*)$")


def signature(text: str, mentions: list[tuple[int, str, int, int]]) -> dict[str, float]:
    """The share of a document's name mentions that goes to each actor
    ("a<id>") and to each capitalised word outside a mention ("w<word>");
    ``mentions`` are (actor id, kind, start, end)."""
    counts: Counter = Counter()
    covered = []
    for actor_id, kind, start, end in mentions:
        covered.append((start, end))
        if kind in STORY_KINDS:
            counts[f"a{actor_id}"] += 1
    covered.sort()
    for m in _WORD.finditer(text):
        word = m.group().lower().rstrip("'’-")
        if word in _NOT_NAMES or len(word) < 3 or _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]):
            continue
        if any(s <= m.start() < e for s, e in covered):
            continue
        counts[f"w{word}"] += 1
    total = sum(counts.values())
    return {k: v / total for k, v in sorted(counts.items())} if total else {}


def places(text: str, mentions: list[tuple[int, str, int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, signature key) of each state or place a document names,
    but for a "place" written like a word of a person's name it also names
    (the recogniser's slip: "a lead over Sand" for the candidate Sand)."""
    people = {w.lower() for _, kind, s, e in mentions if kind == "person" for w in text[s:e].split()}
    return [(start, end, f"a{actor_id}") for actor_id, kind, start, end in mentions
            if kind in ("country", "place") and text[start:end].lower() not in people]


def elsewhere(span: tuple[int, int] | None, named: list[tuple[int, int, str]],
              others: list[dict[str, float]]) -> bool:
    """Does the sentence at ``span`` name a state or place that no other
    document of the story names at all?  Then its figure is about somewhere
    else: a war of another decade, a campaign on another continent, recalled
    in passing."""
    if span is None or not others:
        return False
    return any(span[0] <= s and e <= span[1] and not any(key in o for o in others) for s, e, key in named)


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(min(x, b[k]) for k, x in a.items() if k in b)


def same_story(a: dict[str, float], b: dict[str, float]) -> bool:
    return overlap(a, b) >= SAME_STORY


def story_parts(documents: set[int], signatures: dict[int, dict[str, float]] | None) -> list[set[int]]:
    """The documents split into stories: every document is in the part of
    each document it tells the same story as (connected parts), in order of
    their smallest document id.  A document that names nothing cannot be
    placed: it goes with the others when they are one story (or name nothing
    either), and stays alone otherwise.  With no signatures at all (None),
    the documents are one story."""
    if signatures is None:
        return [set(documents)] if documents else []
    named = sorted(d for d in documents if signatures.get(d))
    nameless = set(documents) - set(named)
    parent = {d: d for d in named}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(named):
        for b in named[i + 1:]:
            ra, rb = find(a), find(b)
            if ra != rb and same_story(signatures[a], signatures[b]):
                parent[max(ra, rb)] = min(ra, rb)
    parts: dict[int, set[int]] = {}
    for d in named:
        parts.setdefault(find(d), set()).add(d)
    out = [parts[k] for k in sorted(parts)]
    if len(out) <= 1:
        return [set(documents)] if documents else []
    return sorted(out + [{d} for d in nameless], key=min)
