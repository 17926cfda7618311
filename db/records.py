"""What the explorer's queries return: plain frozen dataclasses, so the explorer
never sees SQL or sqlite3 rows."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    authors: tuple[str, ...]
    words: int | None
    lead: str  # the opening words, to stand in for a missing title


@dataclass(frozen=True)
class Span:
    kind: str  # paragraph | heading | sentence | mention | quote | claim | figure
    id: int
    start: int
    end: int
    verdict: str | None = None  # the analyst's, on a claim or quote


@dataclass(frozen=True)
class Document:
    id: int
    path: str
    title: str | None
    outlet: str | None
    authors: tuple[str, ...]
    published: str | None
    url: str | None
    text: str
    inferred: tuple[str, ...]
    blocks: tuple[Span, ...]  # paragraphs and headings, in order


# -- drill-down: one claim or quote, one actor, one figure ---------------------


@dataclass(frozen=True)
class DocumentMeta:
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    authors: tuple[str, ...]
    lead: str = ""  # the opening words, to stand in for a missing title


@dataclass(frozen=True)
class ActorRef:
    id: int
    name: str
    kind: str
    description: str | None


@dataclass(frozen=True)
class Item:
    """A claim or a quote, with what its screen shows around it."""
    kind: str  # claim | quote
    id: int
    document: DocumentMeta
    start: int
    end: int
    text: str
    cue: str | None
    stance: str | None  # claims only
    actor: ActorRef | None  # claimant or speaker
    paragraph_start: int  # the paragraph the span stands in (the span itself if unknown)
    paragraph_text: str
    related: tuple[tuple[str, int], ...] = ()  # (kind, id): a claim's quote, a quote's claims


@dataclass(frozen=True)
class ActorItem:
    kind: str  # claim | quote
    id: int
    document_id: int
    text: str
    cue: str | None
    stance: str | None
    title: str | None
    outlet: str | None
    published: str | None
    verdict: str | None = None  # the analyst's, if any


@dataclass(frozen=True)
class ActorDetail:
    id: int
    name: str
    kind: str
    description: str | None
    aliases: tuple[str, ...]
    mentions: int
    documents: int
    items: tuple[ActorItem, ...]  # newest first


@dataclass(frozen=True)
class Figure:
    id: int
    document_id: int
    claim_id: int | None
    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    unit: str | None
    subject: str | None


@dataclass(frozen=True)
class Related:
    document: DocumentSummary
    shared_actors: int
    shared_units: int


@dataclass(frozen=True)
class SharedItem:
    kind: str  # claim | quote
    left_id: int
    right_id: int
    score: float  # 100 when a stored claim group says so


@dataclass(frozen=True)
class FigurePair:
    unit: str
    left: tuple[Figure, ...]
    right: tuple[Figure, ...]


@dataclass(frozen=True)
class Comparison:
    left: DocumentMeta
    right: DocumentMeta
    shared: tuple[SharedItem, ...]
    figures: tuple[FigurePair, ...]
    grouped: bool  # claims paired by the stored claim groups, not by fuzzy text
