"""The records each extraction stage returns.

Every span is a 0-based, end-exclusive slice of the cleaned document text
(``text[start:end] == span_text``), so the database can store it as is and the
explorer can highlight it.  Actors are referred to by a document-local key;
the resolution stage maps those keys to database actor ids across documents.
Each record says which rule made it and how sure that rule is (``confidence``
in 0..1), so an analyst can trace and weigh every row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ACTOR_KINDS = ("person", "organization", "country", "media", "group", "place")
STANCES = ("asserts", "denies", "speculates")


@dataclass
class LocalActor:
    """One actor as one document names it."""

    key: str  # document-local id ("a0", "a1", ...)
    name: str  # the fullest form this document uses, titles and possessives removed
    kind: str  # one of ACTOR_KINDS
    description: str | None = None  # roles and titles split off the name ("Treasury spokeswoman")
    forms: set[str] = field(default_factory=set)  # every written form, as written
    named: bool = True  # False: an unnamed source ("a senior official"), ``name`` its description


@dataclass
class Mention:
    actor: str  # LocalActor.key
    start: int
    end: int
    text: str
    rule: str = "ner"
    confidence: float = 1.0


@dataclass
class Quote:
    start: int  # of the quoted words, marks excluded
    end: int
    text: str
    speaker: str | None = None  # LocalActor.key
    cue: str | None = None  # the reporting verb or phrase ("said", "according to", ":")
    rule: str = "quote"
    confidence: float = 1.0


@dataclass
class Claim:
    start: int
    end: int
    text: str
    claimant: str | None = None  # LocalActor.key; None for a vague source ("analysts")
    cue: str | None = None
    stance: str = "asserts"  # one of STANCES
    quote: int | None = None  # index into the document's quote list
    rule: str = "claim"
    confidence: float = 1.0


@dataclass
class Figure:
    start: int  # of the number phrase with its qualifier ("as many as 30,000")
    end: int
    text: str
    low: float | None
    high: float | None  # None: open-ended
    unit: str | None  # normalised: troops, killed, wounded, casualties, captured, deserted, percent, usd, km, ...
    subject: str | None = None  # what is counted, in a few words
    qualifier: str | None = None  # about / at least / up to / more than / ...
    rule: str = "figure"
    confidence: float = 1.0


@dataclass
class DocActors:
    """The actors stage's result for one document: who is named, and where."""

    actors: dict[str, LocalActor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)  # sorted by start

    def at(self, start: int, end: int) -> Mention | None:
        """The first mention that overlaps ``[start, end)``, if any."""
        for m in self.mentions:
            if m.start < end and start < m.end:
                return m
            if m.start >= end:
                break
        return None

    def within(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def ensure(self, name: str, kind: str, description: str | None = None) -> str:
        """The key of the actor called ``name``, adding it when the text never names it
        (an article's author or outlet, known from its metadata)."""
        folded = name.casefold()
        for a in self.actors.values():
            if a.name.casefold() == folded or folded in {f.casefold() for f in a.forms}:
                return a.key
        key = f"a{len(self.actors)}"
        self.actors[key] = LocalActor(key, name, kind, description, {name})
        return key

    def unnamed(self, description: str, kind: str) -> str:
        """The key of the unnamed source this document describes as ``description``
        ("a spokeswoman" and "the spokeswoman" are one); it has no mentions, since
        it has no name, and is never taken for a named actor."""
        ident = unnamed_identity(description)
        for a in self.actors.values():
            if not a.named and unnamed_identity(a.name) == ident:
                return a.key
        key = f"a{len(self.actors)}"
        self.actors[key] = LocalActor(key, description, kind, None, {description}, named=False)
        return key


def unnamed_identity(description: str) -> str:
    """What makes two descriptions one source: the words after an article."""
    return re.sub(r"^(a|an|the)\s+", "", description.casefold().strip())
